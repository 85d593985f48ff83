"""Choosing the language: the cached, query-skipping version answers as the old one did.

The old code is kept verbatim in :mod:`tests.web.lang_reference`.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request
from starlette.responses import Response

from orientir.web import lang
from orientir.web.lang import choose_lang, from_accept_language, remember_lang
from tests.web import lang_reference as reference

TRICKY_HEADERS: list[tuple[str | None, str | None]] = [
    ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
    ("en-US,en;q=0.9,ru;q=0.8", "en"),
    ("en-US", "en"),
    ("ru-RU", "ru"),
    ("ru,en", "ru"),
    ("en,ru", "en"),
    ("de;q=1, en;q=0.5, ru;q=0.5", "en"),  # a tie goes to the earlier entry
    ("ru;q=0.5, en;q=0.5", "ru"),
    ("en;q=0.5, ru;q=0.5000001", "en"),  # closer than the tie-break step: still the earlier
    ("en;q=0.5, ru;q=0.51", "ru"),
    ("ru;q=0.5, en;q=0.500001", "ru"),  # the same score to the last bit: the earlier wins
    ("en;q=abc, ru;q=0.1", "ru"),  # an invalid quality counts as 0
    ("en;q=, ru", "ru"),
    ("en;q=-1, ru;q=nan", None),
    ("ru;q=inf, en", "ru"),
    ("ru;q=1.5, en", "ru"),  # above 1 is taken as written
    ("EN-gb;Q=0.1, ru;q=0.9", "en"),  # ``Q`` is no quality parameter, so 1 is kept
    ("en;level=1;q=0.4, ru;q=0.3", "en"),
    ("  ru  ;  q=0.7 , en;q=0.7", "ru"),
    ("fr-CA, ru-Latn-RU;q=0.2", "ru"),
    ("en_US, fr", None),
    ("ru;q=0", None),
    ("*", None),
    (" , ,", None),
    ("", None),
    (None, None),
    ("de-DE,de;q=0.9," + "fr;q=0.1," * 40 + "ru;q=0.05", "ru"),  # too long to be cached
]


def test_tricky_headers_answer_as_before() -> None:
    # One test, not one per header: every test here pays for the web suite's fixtures.
    for header, expected in TRICKY_HEADERS:
        assert (header, reference.from_accept_language(header)) == (header, expected)
        assert (header, from_accept_language(header)) == (header, expected)
        assert (header, from_accept_language(header)) == (header, expected)  # from the cache


def test_short_headers_are_cached_and_long_ones_are_not() -> None:
    cache = lang._cached_preferred_language
    cache.cache_clear()
    for _ in range(3):
        assert from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8") == "ru"
    assert (cache.cache_info().hits, cache.cache_info().misses) == (2, 1)
    long_header = "de;q=0.9," * 40 + "en;q=0.1"
    assert len(long_header) > lang._CACHED_HEADER_LENGTH
    assert from_accept_language(long_header) == "en"
    assert cache.cache_info().currsize == 1
    assert from_accept_language("") is None
    assert from_accept_language(None) is None
    assert cache.cache_info().currsize == 1  # nothing to parse is nothing to cache


def test_the_cache_is_bounded() -> None:
    cache = lang._cached_preferred_language
    cache.cache_clear()
    for n in range(1000):
        assert from_accept_language(f"de;q=0.{n}, en;q=0.01") == "en"
    assert cache.cache_info().currsize == cache.cache_info().maxsize == 256


TAGS = st.sampled_from(["ru", "en", "RU-ru", "en-GB", "de", "fr-CA", "*", "", " en ", "ru_RU"])
QUALITIES = st.sampled_from(["", ";q=0", ";q=1", ";q=0.5", ";q=0.50", ";q=x", ";Q=0.2", ";q="])
PARTS = st.tuples(TAGS, QUALITIES, st.sampled_from(["", ";level=1", " ; q=0.3"]))
HEADERS = st.one_of(
    st.lists(PARTS.map("".join), max_size=6).map(",".join),
    st.text(alphabet="enru-,;q=0.1 ", max_size=30),
    st.text(max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(header=HEADERS)
def test_any_header_answers_as_before(header: str) -> None:
    expected = reference.from_accept_language(header)
    assert from_accept_language(header) == expected
    assert from_accept_language(header) == expected


def request(query: bytes, cookie: str | None, accept: str | None) -> Request:
    headers = [(b"host", b"example.org")]
    if cookie is not None:
        headers.append((b"cookie", f"{lang.COOKIE}={cookie}; other=1".encode()))
    if accept is not None:
        headers.append((b"accept-language", accept.encode()))
    scope = {"type": "http", "method": "GET", "path": "/", "query_string": query}
    return Request({**scope, "headers": headers})


QUERIES = [
    b"",
    b"lang=ru",
    b"lang=en",
    b"lang=de",
    b"x=1",
    b"lang=",
    b"x=1&lang=ru",
    b"lang=en&lang=ru",
]
COOKIES = [None, "ru", "en", "de", ""]
ACCEPTS = [None, "", "ru-RU,ru;q=0.9,en-US;q=0.8", "en-US,en;q=0.9", "de"]


@pytest.mark.parametrize("query", QUERIES)
def test_choose_lang_answers_as_before(query: bytes) -> None:
    for cookie, accept, default in itertools.product(COOKIES, ACCEPTS, ["en", "ru"]):
        case = (query, cookie, accept, default)
        expected = reference.choose_lang(request(query, cookie, accept), default)
        assert (case, choose_lang(request(query, cookie, accept), default)) == (case, expected)


@pytest.mark.parametrize("query", QUERIES)
def test_remember_lang_sets_the_same_cookie(query: bytes) -> None:
    for cookie, secure in itertools.product(COOKIES, [True, False]):
        case = (query, cookie, secure)
        old, new = Response(), Response()
        reference.remember_lang(request(query, cookie, None), old, secure=secure)
        remember_lang(request(query, cookie, None), new, secure=secure)
        expected = old.headers.getlist("set-cookie")
        assert (case, new.headers.getlist("set-cookie")) == (case, expected)


def test_chosen_languages_are_the_documented_ones() -> None:
    # The equivalence above must not pass by both versions being wrong the same way.
    assert choose_lang(request(b"x=1&lang=ru", "en", "en")) == "ru"
    assert choose_lang(request(b"", "ru", "en")) == "ru"
    assert choose_lang(request(b"", None, "de, ru;q=0.5")) == "ru"
    assert choose_lang(request(b"", None, None), "ru") == "ru"
    response = Response()
    remember_lang(request(b"lang=ru", "en", None), response, secure=True)
    [cookie] = response.headers.getlist("set-cookie")
    assert cookie.startswith(f"{lang.COOKIE}=ru;")
    assert "Secure" in cookie
    quiet = Response()
    remember_lang(request(b"", "en", None), quiet, secure=True)
    assert quiet.headers.getlist("set-cookie") == []

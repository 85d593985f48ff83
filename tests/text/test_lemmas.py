"""Terms: Russian lemmas through pymorphy3, English keys by suffix rules, stop-words dropped."""

from __future__ import annotations

import pytest

from orientir.text import content_terms, keyword_key
from orientir.text.lemmas import english_key


def keys(text: str) -> list[str]:
    return [t.key for t in content_terms(text)]


def test_russian_words_become_lemmas_and_function_words_go() -> None:
    assert keys("Доставили с опозданием, а счета приходят с ошибками!") == [
        "доставить",
        "опоздание",
        "счет",
        "приходить",
        "ошибка",
    ]


def test_yo_and_e_meet() -> None:
    assert keys("счёт") == keys("счет") == ["счет"]


def test_inflected_forms_share_a_lemma() -> None:
    forms = ["менеджер", "менеджера", "менеджеру", "менеджерами", "менеджерах"]
    assert {k for f in forms for k in keys(f)} == {"менеджер"}


def test_latin_word_in_a_russian_comment_is_keyed_as_english() -> None:
    assert keys("Интеграция с SAP не работает") == ["интеграция", "sap", "работать"]


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("deliveries", "delivery"),
        ("delivered", "deliver"),
        ("deliver", "deliver"),
        ("arriving", "arriv"),
        ("arrived", "arriv"),
        ("arrive", "arriv"),
        ("stopped", "stop"),
        ("boxes", "box"),
        ("classes", "class"),
        ("manager's", "manager"),
        ("broken", "break"),
        ("status", "status"),
        ("quickly", "quick"),
    ],
)
def test_english_keys(word: str, key: str) -> None:
    assert english_key(word) == key


def test_english_stop_words_go() -> None:
    assert keys("We need the invoices to be sent on time, please") == ["invoic", "send"]


def test_keywords_are_reduced_like_comments() -> None:
    assert keyword_key("Счета") == "счет"
    assert keyword_key("invoices") == keys("invoice")[0]
    assert keyword_key("очень") == "очень"  # a stop-word the analyst asked for is kept


def test_placeholders_are_not_words() -> None:
    assert keys("пишите на [email] или звоните [phone], спросите [name]") == [
        "писать",
        "звонить",
        "спросить",
    ]

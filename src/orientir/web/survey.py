"""Survey pages: ``/s/{token}`` → intro → one page per group of items → review → thank you.

Every page posts its answers and they are saved at once (``save_answers``), so a respondent can
reload, close the tab, or come back another day. The review page carries an idempotency key
made when it is rendered; however often its form is sent, the response is stored once.
Everything works without JavaScript; ``survey.js`` only saves as the respondent goes.

Anonymous waves share one link, so a respondent's saved answers are found again through a
resume key kept in a cookie limited to ``/s/{token}`` — the server never learns who they are.

An unusable link gets one polite page per reason, with nothing about the organisation in it:
unknown → 404, used or closed → 410, not open yet → 403.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from orientir.errors import InvalidInput, SurveyUnavailable
from orientir.i18n import t
from orientir.instruments import validate_answers
from orientir.instruments.model import Item
from orientir.services.responding import (
    InvalidAnswers,
    SurveySession,
    open_survey,
    save_page,
    submit_answers,
)
from orientir.web.lang import choose_lang, remember_lang
from orientir.web.render import render
from orientir.web.state import web_state
from orientir.web.survey_forms import layout, page_problems, pages_of, parse_page, shown_answer

router = APIRouter()
RESUME_COOKIE = "orientir_resume"
RESUME_MAX_AGE = 90 * 24 * 3600
UNAVAILABLE_STATUS = {"unknown": 404, "used": 410, "closed": 410, "not_open": 403}
MAX_TOKEN = 100


MAX_FIELDS = 1000  # as Starlette's form parser


async def _posted_form(request: Request) -> FormData:
    """The posted form. Survey pages post ``application/x-www-form-urlencoded``, read here with
    the standard library's parser, several times cheaper than the general (multipart) one
    that anything else goes through. Decoded as Starlette does: percent-escapes as UTF-8."""
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return await request.form()
    body = await request.body()
    try:
        fields: list[tuple[str, str | UploadFile]] = list(
            parse_qsl(body.decode("latin-1"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
        )
    except ValueError:
        raise HTTPException(400, "too many fields") from None
    return FormData(fields)


def _base(token: str) -> str:
    return f"/s/{token}"


def _lang(request: Request) -> str:
    return choose_lang(request, web_state(request).settings.lang)


def unavailable(request: Request, reason: str, lang: str) -> Response:
    response = render(
        request,
        "survey/unavailable.html",
        lang=lang,
        reason=reason if reason in UNAVAILABLE_STATUS else "unknown",
        status_code=UNAVAILABLE_STATUS.get(reason, 404),
    )
    remember_lang(request, response, secure=web_state(request).secure_cookies)
    return response


def _open(request: Request, token: str) -> SurveySession:
    if len(token) > MAX_TOKEN:
        raise SurveyUnavailable("unknown")
    return open_survey(
        web_state(request).db, token=token, resume_key=request.cookies.get(RESUME_COOKIE)
    )


def _finish(request: Request, response: Response, resume_key: str | None, token: str) -> Response:
    state = web_state(request)
    remember_lang(request, response, secure=state.secure_cookies)
    if resume_key and request.cookies.get(RESUME_COOKIE) != resume_key:
        response.set_cookie(
            RESUME_COOKIE,
            resume_key,
            max_age=RESUME_MAX_AGE,
            path=_base(token),
            httponly=True,
            samesite="lax",
            secure=state.secure_cookies,
        )
    return response


def _first_open_page(session: SurveySession) -> int:
    """Where a returning respondent continues: the first page with an unanswered item."""
    pages = pages_of(session.instrument)
    for number, (_, items) in enumerate(pages, 1):
        if any(i.id not in session.answers for i in items):
            return number
    return len(pages)


@router.get("/s/{token}")
def intro(request: Request, token: str) -> Response:
    lang = _lang(request)
    try:
        session = _open(request, token)
    except SurveyUnavailable as exc:
        return unavailable(request, exc.reason, lang)
    if session.complete:
        return RedirectResponse(f"{_base(token)}/thanks", status_code=303)
    response = render(
        request,
        "survey/intro.html",
        lang=lang,
        session=session,
        base=_base(token),
        pages=len(pages_of(session.instrument)),
        resume_at=_first_open_page(session) if session.answers else None,
    )
    return _finish(request, response, None, token)


def _page_view(
    request: Request,
    token: str,
    session: SurveySession,
    number: int,
    *,
    lang: str,
    answers: dict[str, Any],
    errors: dict[str, str],
    status_code: int = 200,
) -> Response:
    pages = pages_of(session.instrument)
    page, items = pages[number - 1]
    response = render(
        request,
        "survey/page.html",
        lang=lang,
        status_code=status_code,
        session=session,
        base=_base(token),
        page=page,
        number=number,
        total=len(pages),
        groups=layout(session.instrument, items, answers, errors, lang),
        errors=errors,
        summary=[(key, _what(session, key, lang), message) for key, message in errors.items()],
    )
    return _finish(request, response, None, token)


def _what(session: SurveySession, key: str, lang: str) -> str:
    """The question (or the allocation block) an error message is about, for the summary."""
    if session.instrument.has_item(key):
        return session.instrument.item(key).text.get(lang)
    return t("survey.allocation.legend", lang)


@router.get("/s/{token}/p/{number}")
def page_form(request: Request, token: str, number: int) -> Response:
    lang = _lang(request)
    try:
        session = _open(request, token)
    except SurveyUnavailable as exc:
        return unavailable(request, exc.reason, lang)
    if session.complete:
        return RedirectResponse(f"{_base(token)}/thanks", status_code=303)
    if not 1 <= number <= len(pages_of(session.instrument)):
        return RedirectResponse(f"{_base(token)}/p/1", status_code=303)
    return _page_view(
        request, token, session, number, lang=lang, answers=session.answers, errors={}
    )


def _page_items(session: SurveySession, number: int) -> tuple[Item, ...] | None:
    """The items of page ``number``, or None when the page cannot take answers."""
    pages = pages_of(session.instrument)
    if session.complete or not 1 <= number <= len(pages):
        return None
    return pages[number - 1][1]


# The two posts every respondent sends are the hottest requests of the application: plain
# Starlette routes (no FastAPI parameter handling) whose async endpoints read their form
# themselves and then hand their synchronous work, start to commit, to ``_run_post``.
async def page_save(request: Request) -> Response:
    token, number = str(request.path_params["token"]), int(request.path_params["number"])
    form = await _posted_form(request)
    return await _run_post(request, partial(_save_page, request, token, number, form))


async def _run_post(request: Request, work: Callable[[], Response]) -> Response:
    """Run a post's synchronous work where it costs least.

    On SQLite, right on the event loop's thread: every handler's database work runs one at a
    time there anyway (web.app._one_database_thread), and a hop to a worker thread and back
    cost about 0.28 ms of a 0.8 ms post (bench/web/cost.py). A transaction never yields in the
    middle, so two posts cannot wait on each other's locks; a long write, such as an import,
    holds these posts up as before.

    On PostgreSQL, on a few threads of the application's own (``ORIENTIR_SURVEY_THREADS``, 4):
    a post's commit waits for PostgreSQL to flush it to the disk, and on the loop the whole
    process would wait with it. With four threads a 2-worker server on two cores served 12–19 %
    more submissions a second with a p99 a quarter lower; two threads gained nothing and six
    lost, their back ends competing for the cores; the 40 threads of FastAPI's own pool once
    more than tripled the p99 (docs/benchmarks.md, "Survey posts on a few threads" and
    "Survey posts on the event loop").
    """
    threads = web_state(request).survey_threads
    if threads is None:
        return work()
    return await asyncio.get_running_loop().run_in_executor(threads, work)


def _save_page(request: Request, token: str, number: int, form: FormData) -> Response:
    lang = _lang(request)
    autosave = request.headers.get("x-autosave") == "1"
    parsed: list[tuple[dict[str, Any], dict[str, str]]] = []  # the page as ``read`` parsed it

    def read(session: SurveySession) -> dict[str, Any] | None:
        items = _page_items(session, number)
        if items is None:
            return None
        given, errors = parse_page(items, form, lang)
        parsed[:] = [(given, errors)]
        return None if errors else given

    try:
        # One transaction: the link is looked up once, and the answers stored with it.
        saved = save_page(
            web_state(request).db,
            token=token,
            read=read,
            resume_key=request.cookies.get(RESUME_COOKIE),
        )
    except SurveyUnavailable as exc:
        return unavailable(request, exc.reason, lang)
    session, receipt = saved.session, saved.receipt
    items = _page_items(session, number)
    if items is None:
        return RedirectResponse(f"{_base(token)}/thanks", status_code=303)
    # ``read`` saw the same session, hence the same items (parsed again if it was not called).
    given, errors = parsed[0] if parsed else parse_page(items, form, lang)
    shown = {**session.answers, **given}
    if saved.problems:
        errors = {p.item: p.message(lang) for p in saved.problems}
    if errors or receipt is None:
        if autosave:
            return Response(status_code=422)
        return _page_view(
            request,
            token,
            session,
            number,
            lang=lang,
            answers=shown,
            errors=errors,
            status_code=422,
        )
    if autosave:
        return _finish(request, Response(status_code=204), receipt.resume_key, token)
    pages = pages_of(session.instrument)
    direction = str(form.get("nav", "next"))
    if direction == "back":
        target = f"{_base(token)}/p/{number - 1}" if number > 1 else _base(token)
    else:
        missing = page_problems(session.instrument, items, shown)
        if missing:
            problems = {p.item: p.message(lang) for p in missing}
            response = _page_view(
                request,
                token,
                session,
                number,
                lang=lang,
                answers=shown,
                errors=problems,
                status_code=422,
            )
            return _finish(request, response, receipt.resume_key, token)
        target = (
            f"{_base(token)}/p/{number + 1}" if number < len(pages) else f"{_base(token)}/review"
        )
    return _finish(request, RedirectResponse(target, status_code=303), receipt.resume_key, token)


def _review(
    request: Request, token: str, session: SurveySession, lang: str, status_code: int = 200
) -> Response:
    problems = validate_answers(session.instrument, session.answers, complete=True)
    pages = pages_of(session.instrument)
    page_of = {item.id: n for n, (_, items) in enumerate(pages, 1) for item in items}
    for block in session.instrument.blocks:
        page_of[block.id] = page_of.get(block.items[0], 1)
    summary = [
        (
            number,
            page,
            [(item, shown_answer(item, session.answers.get(item.id), lang)) for item in items],
        )
        for number, (page, items) in enumerate(pages, 1)
    ]
    response = render(
        request,
        "survey/review.html",
        lang=lang,
        status_code=status_code,
        session=session,
        base=_base(token),
        summary=summary,
        problems=[(p, page_of.get(p.item, 1), _what(session, p.item, lang)) for p in problems],
        idempotency_key=secrets.token_urlsafe(18),
        total=len(pages),
    )
    return _finish(request, response, None, token)


@router.get("/s/{token}/review")
def review(request: Request, token: str) -> Response:
    lang = _lang(request)
    try:
        session = _open(request, token)
    except SurveyUnavailable as exc:
        return unavailable(request, exc.reason, lang)
    if session.complete:
        return RedirectResponse(f"{_base(token)}/thanks", status_code=303)
    return _review(request, token, session, lang)


async def submit(request: Request) -> Response:
    token = str(request.path_params["token"])
    form = await _posted_form(request)
    return await _run_post(request, partial(_submit, request, token, form))


def _submit(request: Request, token: str, form: FormData) -> Response:
    lang = _lang(request)
    key = str(form.get("idempotency_key", ""))
    state = web_state(request)
    try:
        submit_answers(
            state.db,
            token=token[: MAX_TOKEN + 1],
            answers={},
            idempotency_key=key,
            resume_key=request.cookies.get(RESUME_COOKIE),
        )
    except SurveyUnavailable as exc:
        return unavailable(request, exc.reason, lang)
    except InvalidAnswers:
        try:
            session = _open(request, token)
        except SurveyUnavailable as exc:
            return unavailable(request, exc.reason, lang)
        return _review(request, token, session, lang, status_code=422)
    except InvalidInput:
        return RedirectResponse(f"{_base(token)}/review", status_code=303)
    response = RedirectResponse(f"{_base(token)}/thanks", status_code=303)
    # The response is complete: the next person on a shared device starts afresh. (Only a
    # browser that sent the cookie has one to forget: its path covers this request's.)
    if RESUME_COOKIE in request.cookies:
        response.delete_cookie(RESUME_COOKIE, path=_base(token))
    remember_lang(request, response, secure=state.secure_cookies)
    return response


@router.get("/s/{token}/thanks")
def thanks(request: Request, token: str) -> Response:
    # Deliberately looks nothing up: a thank-you page must not confirm that a token exists.
    lang = _lang(request)
    response = render(request, "survey/thanks.html", lang=lang, base=_base(token))
    remember_lang(request, response, secure=web_state(request).secure_cookies)
    return response


# Also taken by web.survey_dispatch.SurveyPosts, ahead of the router.
POST_ROUTES = (
    Route("/s/{token}/p/{number:int}", page_save, methods=["POST"]),
    Route("/s/{token}/submit", submit, methods=["POST"]),
)
router.routes.extend(POST_ROUTES)

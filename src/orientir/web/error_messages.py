"""The errors of the web pages and the API in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    # The REST API's own refusals (orientir.web.api_support), in problem details.
    "err.api.token_needed": (
        "a valid personal API token is needed",
        "нужен действующий персональный токен API",
    ),
    "err.api.role_does_not_allow": (
        "your role here does not allow {permission}",
        "ваша роль в этой организации не даёт разрешения {permission}",
    ),
    "err.api.cursor_unknown": (
        "the cursor is not one this API handed out",
        "такой курсор этот API не выдавал",
    ),
    "err.api.request_not_valid": ("the request is not valid", "запрос некорректен"),
    "err.api.body_not_parsed": (
        "the request body could not be parsed",
        "не удалось разобрать тело запроса",
    ),
    "err.api.case_rules_empty": (
        "the case rules are empty; to go back to the defaults, send them",
        "правила кейсов пусты; чтобы вернуть правила по умолчанию, отправьте их",
    ),
    "err.api.unexpected": (
        "an unexpected error; it has been logged",
        "непредвиденная ошибка; она записана в журнал",
    ),
    # Limits on requests (orientir.web.security), in problem details.
    "err.web.too_many_requests": (
        "too many requests; slow down",
        "слишком много запросов; подождите немного",
    ),
    "err.web.body_too_large": (
        "the request body is larger than {limit} bytes",
        "тело запроса больше {limit} байт",
    ),
    "err.web.audience_must_all_department": (
        "the audience must be 'all' or 'department:PATH'",
        "аудитория должна быть 'all' или 'department:PATH'",
    ),
    "err.web.milestone_needs_due_date": (
        "a milestone needs a due date (YYYY-MM-DD)",
        "у вехи должен быть срок (ГГГГ-ММ-ДД)",
    ),
    "err.web.new_user_needs_first": (
        "a new user needs a first password",
        "новому пользователю нужен начальный пароль",
    ),
    "err.web.no_instrument": ("no instrument {ref!r}", "нет инструмента {ref!r}"),
    "err.web.no_such_organisation": ("no such organisation", "нет такой организации"),
    "err.web.not_a_date": (
        "{text!r} is not a date (YYYY-MM-DD)",
        "{text!r} — не дата (ГГГГ-ММ-ДД)",
    ),
    "err.web.not_date_yyyy_mm": (
        "{what}: {text!r} is not a date (YYYY-MM-DD)",
        "{what}: {text!r} — не дата (ГГГГ-ММ-ДД)",
    ),
    "err.web.unknown_status": ("unknown status {text!r}", "неизвестное состояние {text!r}"),
}

register_pairs(ERRORS)

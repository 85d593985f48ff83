"""The errors of the domain rules in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.cases.case_cannot_become_allowed": (
        "a case that is {current} cannot become {wanted} (allowed: {allowed})",
        "кейс в состоянии {current} нельзя перевести в {wanted} (можно: {allowed})",
    ),
    "err.notifications.back_off_needs_base": (
        "back-off needs 0 < base <= cap",
        "для отсрочки нужно 0 < base <= cap",
    ),
    "err.notifications.events_must_some": (
        "events must be * or some of: {events}",
        "события — это * или некоторые из: {events}",
    ),
    "err.organisations.cannot_make_identifier_from": (
        "cannot make an identifier from the name {name!r}",
        "не удаётся составить идентификатор из названия {name!r}",
    ),
    "err.organisations.department_path_empty_part": (
        "department path {raw!r} has an empty part",
        "в пути подразделения {raw!r} есть пустая часть",
    ),
    "err.program.budget_more_than_two": (
        "budget {value} has more than two decimals",
        "в бюджете {value} больше двух знаков после запятой",
    ),
    "err.program.budget_must_between": (
        "budget {value} must be between 0 and {limit:,.0f}",
        "бюджет {value} должен быть от 0 до {limit:,.0f}",
    ),
    "err.program.budget_not_number": (
        "budget {value!r} is not a number",
        "бюджет {value!r} — не число",
    ),
    "err.program.currency_not_three_letter": (
        "currency {value!r} is not a three-letter ISO 4217 code (RUB, EUR)",
        "валюта {value!r} — не трёхбуквенный код ISO 4217 (RUB, EUR)",
    ),
    "err.program.initiative_ends_before_starts": (
        "the initiative ends ({ends_on}) before it starts ({starts_on})",
        "инициатива заканчивается ({ends_on}) раньше, чем начинается ({starts_on})",
    ),
    "err.program.initiative_milestone_needs_title": (
        "an initiative or milestone needs a title",
        "у инициативы или вехи должно быть название",
    ),
    "err.program.quarter_not_like_q": (
        "quarter {text!r} is not like 2026-Q1",
        "квартал {text!r} записан не в виде 2026-Q1",
    ),
    "err.program.quarters_reversed": (
        "{later} comes before {earlier}",
        "{later} идёт раньше {earlier}",
    ),
    "err.program.timeline_shows_most_quarters": (
        "a timeline shows at most {limit} quarters",
        "график показывает не больше {limit} кварталов",
    ),
    "err.program.title_characters_limit": (
        "the title is {length} characters; the limit is {limit}",
        "в названии {length} символов; предел — {limit}",
    ),
    "err.waves.audience_not_all_department": (
        "audience {text!r} is not one of: all, department:PATH, file:FILE",
        "аудитория {text!r} — не одна из: all, department:PATH, file:FILE",
    ),
}

register_pairs(ERRORS)

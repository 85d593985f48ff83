"""What the foundation commands print, in English and Russian.

Commands of later layers (program, cases, culture, customers, instruments) keep their texts
beside their services; these are the texts of the commands that only move data in and out.
Importing this module registers them; :func:`say` looks one up in the language of the call.
"""

from __future__ import annotations

import typer

from orientir.cli._common import lang_of
from orientir.i18n import register, t

register(
    {
        "cli.error": {"en": "error:", "ru": "ошибка:"},
        "cli.audit.intact": {
            "en": "The audit log's chain is intact: {events} events. Head hash (keep it "
            "elsewhere to detect a rewrite later): {head}",
            "ru": "Цепочка журнала аудита цела: событий — {events}. Хеш последнего звена "
            "(сохраните его отдельно, чтобы заметить переписывание): {head}",
        },
        "cli.audit.broken": {
            "en": "The audit log's chain breaks at event #{event} (of {events}): that event "
            "was edited, or one before it removed or inserted.",
            "ru": "Цепочка журнала аудита нарушена на событии №{event} (всего {events}): оно "
            "изменено, либо событие перед ним удалено или вставлено.",
        },
        "cli.import_rejected": {
            "en": "{rows} of {total} rows rejected ({problems} problems); nothing was written",
            "ru": "отклонено строк: {rows} из {total} (проблем: {problems}); ничего не записано",
        },
        "cli.row_problem": {
            "en": "row {row}, column {column!r}: {reason}",
            "ru": "строка {row}, столбец {column!r}: {reason}",
        },
        "cli.db.current": {
            "en": "The database is up to date (schema {schema}).",
            "ru": "База данных актуальна (схема {schema}).",
        },
        "cli.db.upgraded": {
            "en": "Upgraded the database from schema {before} to {after}.",
            "ru": "База данных обновлена со схемы {before} до {after}.",
        },
        "cli.none": {"en": "none", "ru": "нет"},
        "cli.yes": {"en": "yes", "ru": "да"},
        "cli.no": {"en": "no", "ru": "нет"},
        "cli.org.created": {
            "en": "Created organisation {name!r} (id {id}, short name {slug}).",
            "ru": "Создана организация {name!r} (id {id}, краткое имя {slug}).",
        },
        "cli.org.columns": {
            "en": "id|name|short name|founded|headcount|sector",
            "ru": "id|название|краткое имя|основана|численность|отрасль",
        },
        "cli.import.people": {"en": "people", "ru": "сотрудников"},
        "cli.import.contacts": {"en": "contacts", "ru": "контактов"},
        "cli.import.checked": {
            "en": "Checked {total} {noun}: {created} new, {updated} changed, {unchanged} "
            "unchanged. Nothing was written.",
            "ru": "Проверено {noun}: {total}; новых {created}, изменённых {updated}, без "
            "изменений {unchanged}. Ничего не записано.",
        },
        "cli.import.done": {
            "en": "Imported {total} {noun}: {created} new, {updated} changed, {unchanged} "
            "unchanged.",
            "ru": "Импортировано {noun}: {total}; новых {created}, изменённых {updated}, без "
            "изменений {unchanged}.",
        },
        "cli.import.ignored": {
            "en": "Ignored columns: {columns}",
            "ru": "Пропущены столбцы: {columns}",
        },
        "cli.people.columns": {
            "en": "id|name|e-mail|department|manager|hired|role|active",
            "ru": "id|имя|e-mail|подразделение|руководитель|принят|роль|работает",
        },
        "cli.contacts.columns": {
            "en": "id|kind|company|person|e-mail",
            "ru": "id|вид|компания|человек|e-mail",
        },
        "cli.wave.created": {
            "en": "Created wave {label!r} of {instrument} ({mode}); it is a draft until "
            "`orientir wave open`.",
            "ru": "Создана волна {label!r} по {instrument} ({mode}); это черновик до команды "
            "`orientir wave open`.",
        },
        "cli.wave.shared_link": {"en": "Shared link: {link}", "ru": "Общая ссылка: {link}"},
        "cli.wave.invited_saved": {
            "en": "Invited {n} people; personal links are in {file}.",
            "ru": "Приглашено человек: {n}; личные ссылки — в файле {file}.",
        },
        "cli.wave.invited_unsaved": {
            "en": "Invited {n} people; personal links were not saved: use --links FILE to keep "
            "them.",
            "ru": "Приглашено человек: {n}; личные ссылки не сохранены: чтобы сохранить, "
            "укажите --links ФАЙЛ.",
        },
        "cli.wave.opened": {"en": "Wave {label!r} is open.", "ru": "Волна {label!r} открыта."},
        "cli.wave.closed": {"en": "Wave {label!r} is closed.", "ru": "Волна {label!r} закрыта."},
        "cli.wave.columns": {
            "en": "id|label|instrument|mode|audience|status|opens|closes",
            "ru": "id|метка|опросник|режим|аудитория|состояние|открытие|закрытие",
        },
        "cli.wave.status": {
            "en": "Wave {label!r} ({status}): {invited}{started} started, {completed} completed"
            "{rate}",
            "ru": "Волна {label!r} ({status}): {invited}начали {started}, завершили {completed}"
            "{rate}",
        },
        "cli.wave.invited_count": {"en": "{n} invited, ", "ru": "приглашено {n}, "},
        "cli.wave.rate": {"en": ", response rate {rate}.", "ru": ", доля ответивших {rate}."},
        "cli.responses.written": {
            "en": "Wrote {n} responses to {file}.",
            "ru": "Записано ответов: {n}, файл {file}.",
        },
        "cli.responses.imported": {
            "en": "Imported {stored} of {total} responses.",
            "ru": "Импортировано ответов: {stored} из {total}.",
        },
        "cli.responses.imported_some_present": {
            "en": "Imported {stored} of {total} responses; {present} were already present.",
            "ru": "Импортировано ответов: {stored} из {total}; уже были сохранены: {present}.",
        },
        "cli.transactions.checked": {
            "en": "Checked {total} transactions of {customers} customers: {added} new, "
            "{present} already stored. Nothing was written.",
            "ru": "Проверено операций: {total} ({customers} клиентов); новых {added}, уже "
            "сохранённых {present}. Ничего не записано.",
        },
        "cli.transactions.imported": {
            "en": "Imported {total} transactions of {customers} customers: {added} new, "
            "{present} already stored.",
            "ru": "Импортировано операций: {total} ({customers} клиентов); новых {added}, уже "
            "сохранённых {present}.",
        },
        "cli.voice.header": {
            "en": "{wave}: {matched} of {respondents} respondents found in the transaction "
            "log; k = {k}",
            "ru": "{wave}: найдено в журнале операций респондентов: {matched} из "
            "{respondents}; k = {k}",
        },
        "cli.voice.abc": {"en": "ABC class", "ru": "Класс ABC"},
        "cli.voice.segment": {"en": "RFM segment", "ru": "Сегмент RFM"},
        "cli.voice.columns": {
            "en": "n|NPS|95% CI|CSAT|note",
            "ru": "n|NPS|95% ДИ|CSAT|примечание",
        },
        "cli.voice.interval": {"en": "{low} to {high}", "ru": "от {low} до {high}"},
        "cli.voice.detractors": {
            "en": "Detractors among A customers: {value}",
            "ru": "Критики среди клиентов класса A: {value}",
        },
        "cli.voice.hidden": {"en": "hidden (a small group)", "ru": "скрыто (малая группа)"},
        "cli.serve.listening": {
            "en": "orientir on http://{host}:{port}/ ({engine})",
            "ru": "orientir работает на http://{host}:{port}/ ({engine})",
        },
        "cli.report.writing": {"en": "writing {format}", "ru": "запись {format}"},
        "cli.report.reading": {"en": "reading", "ru": "чтение данных"},
        "cli.report.written": {
            "en": "Report for {org} (as of {as_of}) written to {file}",
            "ru": "Отчёт по {org} (на {as_of}) записан в {file}",
        },
        "cli.score.header": {
            "en": "{wave} ({instrument}): {n} responses, k = {k}",
            "ru": "{wave} ({instrument}): ответов {n}, k = {k}",
        },
        "cli.score.columns": {
            "en": "scale|n|mean|sd|alpha|alpha 95% CI",
            "ru": "шкала|n|среднее|ст. откл.|альфа|альфа, 95% ДИ",
        },
        "cli.score.nps": {
            "en": "NPS of {item}: {nps}{ci}, n = {n}",
            "ru": "NPS по {item}: {nps}{ci}, n = {n}",
        },
        "cli.score.nps_ci": {
            "en": " (95% CI {low} to {high})",
            "ru": " (95% ДИ от {low} до {high})",
        },
        "cli.score.group": {"en": "group", "ru": "группа"},
        "cli.score.reason": {"en": "reason", "ru": "причина скрытия"},
        "cli.score.groups_note": {
            "en": "Group columns: scale means; for a 0–10 recommendation item, its NPS.",
            "ru": "В столбцах групп: средние по шкалам; для вопроса о рекомендации (0–10) — NPS.",
        },
        "cli.reason.small": {"en": "fewer than k respondents", "ru": "меньше k респондентов"},
        "cli.reason.complement": {
            "en": "shown, it would let a suppressed group be recovered by subtraction",
            "ru": "если показать, скрытую группу можно восстановить вычитанием",
        },
        "cli.reason.filter": {
            "en": "differs from its unfiltered group by fewer than k respondents",
            "ru": "отличается от группы без фильтра меньше чем на k респондентов",
        },
        "cli.reason.overlap": {
            "en": "differs from another figure of the same measure by fewer than k respondents",
            "ru": "отличается от другой цифры того же показателя меньше чем на k респондентов",
        },
        "cli.demo.starting": {"en": "starting", "ru": "запуск"},
        "cli.demo.header": {
            "en": "[bold]orientir demo[/] — {companies} companies, {responses} survey responses, "
            "{transactions} transactions, {seconds} s",
            "ru": "[bold]демо orientir[/] — компаний: {companies}, ответов на опросы: "
            "{responses}, операций: {transactions}, {seconds} с",
        },
        "cli.demo.where": {
            "en": "Everything is in {out}/: the database {database}, results.json and the reports.",
            "ru": "Всё лежит в {out}/: база данных {database}, results.json и отчёты.",
        },
        "cli.demo.explore": {
            "en": "Explore it: orientir --db {database} org list",
            "ru": "Изучайте: orientir --db {database} org list",
        },
        "cli.demo.sign_in": {
            "en": "Sign in at http://127.0.0.1:{port}/admin/login as {email} with the password "
            "{password} (owner of every demo organisation).",
            "ru": "Войдите на http://127.0.0.1:{port}/admin/login как {email} с паролем "
            "{password} (владелец всех демо-организаций).",
        },
    }
)


def say(ctx: typer.Context, key: str, /, **params: object) -> str:
    """The message ``key`` in the language of this call."""
    return t(key, lang_of(ctx), **params)


def columns(key: str, lang: str) -> list[str]:
    """Table headers kept as one ``a|b|c`` message so both languages have the same columns."""
    return t(key, lang).split("|")

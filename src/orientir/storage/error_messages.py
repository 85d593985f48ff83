"""The errors of the repositories in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.access.user_already_exists": (
        "a user {email!r} already exists",
        "пользователь {email!r} уже существует",
    ),
    "err.access.you_already_token": (
        "you already have a token named {name!r}",
        "у вас уже есть токен с именем {name!r}",
    ),
    "err.access.you_no_token": (
        "you have no token named {name!r}",
        "у вас нет токена с именем {name!r}",
    ),
    "err.cases.no_case_organisation": (
        "no case {case_id} in this organisation",
        "в этой организации нет кейса {case_id}",
    ),
    "err.database.cannot_migrate_database": (
        "cannot migrate the database: {reason}",
        "не удаётся обновить схему базы данных: {reason}",
    ),
    "err.database.cannot_open_database": (
        "cannot open the database {url}: {reason}",
        "не удаётся открыть базу данных {url}: {reason}",
    ),
    "err.database.database_schema_orientir_needs": (
        "the database is at schema {at}, this orientir needs {head}: run `orientir db upgrade`",
        "база данных на схеме {at}, этой версии orientir нужна {head}: выполните `orientir "
        "db upgrade`",
    ),
    "err.database.nul_character": (
        "a text contains a NUL character (byte 0), which text may not hold",
        "текст содержит символ NUL (нулевой байт), недопустимый в тексте",
    ),
    "err.database.package_ships_no_migrations": (
        "the package ships no migrations",
        "в пакете нет миграций",
    ),
    "err.organisations.no_organisation": (
        "no organisation {reference!r}",
        "нет организации {reference!r}",
    ),
    "err.organisations.organisation_already_exists": (
        "an organisation named {name!r} already exists",
        "организация с названием {name!r} уже существует",
    ),
    "err.outbox.channel_already_exists": (
        "a {kind} channel to {destination} already exists",
        "канал {kind} на {destination} уже существует",
    ),
    "err.outbox.no_notification": ("no notification {message_id}", "нет уведомления {message_id}"),
    "err.outbox.no_notification_channel_organisation": (
        "no notification channel {channel_id} in this organisation",
        "в этой организации нет канала уведомлений {channel_id}",
    ),
    "err.program.initiative_already_milestone": (
        "this initiative already has a milestone {title!r}",
        "у этой инициативы уже есть веха {title!r}",
    ),
    "err.program.initiative_titled_already_exists": (
        "an initiative titled {title!r} already exists",
        "инициатива с названием {title!r} уже существует",
    ),
    "err.program.no_initiative_organisation": (
        "no initiative {reference!r} in this organisation",
        "в этой организации нет инициативы {reference!r}",
    ),
    "err.program.no_person_organisation": (
        "no person {external_id!r} in this organisation",
        "в этой организации нет человека {external_id!r}",
    ),
    "err.waves.no_wave_organisation": (
        "no wave {reference!r} in this organisation",
        "в этой организации нет волны {reference!r}",
    ),
    "err.waves.stored_different_content_changed": (
        "{ref} is stored with different content; a changed instrument needs a new version",
        "{ref} уже сохранён с другим содержимым; изменённому инструменту нужна новая версия",
    ),
    "err.waves.wave_labelled_already_exists": (
        "a wave labelled {label!r} already exists",
        "волна с меткой {label!r} уже существует",
    ),
}

register_pairs(ERRORS)

"""The errors of the instrument library in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    # The summary of :class:`~orientir.instruments.problems.InvalidInstrument`; its English
    # ``str()`` keeps the plural ("1 problem", "2 problems").
    "err.instruments.invalid": (
        "{source}: problems found: {count}",
        "{source}: найдено проблем: {count}",
    ),
    "err.instruments.already_exists_different_content": (
        "{ref} already exists with different content (fingerprint {fingerprint}, new "
        "{new_fingerprint}); a changed instrument needs a new version",
        "{ref} уже существует с другим содержимым (отпечаток {fingerprint}, новый "
        "{new_fingerprint}); изменённому инструменту нужна новая версия",
    ),
    "err.instruments.does_not_exist_versions": (
        "{name}@{version} does not exist; versions of {name}: {held}",
        "{name}@{version} не существует; версии {name}: {held}",
    ),
    "err.instruments.no_instrument_known": (
        "no instrument named {name!r}; known: {known}",
        "нет инструмента с именем {name!r}; известные: {known}",
    ),
    "err.instruments.not_instrument_reference_write": (
        "{ref!r} is not an instrument reference: write name or name@version, e.g. "
        "employee-co or employee-co@1",
        "{ref!r} — не ссылка на инструмент: пишите имя или имя@версия, например employee-co "
        "или employee-co@1",
    ),
}

register_pairs(ERRORS)

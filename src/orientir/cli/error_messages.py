"""The errors of the command line in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.cli.cannot_read": ("cannot read {edits}: {exc}", "не удаётся прочитать {edits}: {exc}"),
    "err.cli.give_exactly_email_webhook": (
        "give exactly one of --email and --webhook",
        "укажите ровно одно из --email и --webhook",
    ),
    "err.cli.language_must_got": (
        "language must be one of {languages}, got {lang!r}",
        "язык должен быть одним из: {languages}; указано {lang!r}",
    ),
    "err.cli.segment_needs_segments_file": (
        "--segment needs --segments FILE (respondent id → segment)",
        "для --segment нужен --segments ФАЙЛ (id респондента → сегмент)",
    ),
    "err.customers.choose_json_csv": (
        "choose one of --json and --csv",
        "выберите одно из --json и --csv",
    ),
    "err.customers.col_wants_role_header": (
        "--col wants ROLE=HEADER with ROLE one of {roles}",
        "--col ожидает РОЛЬ=ЗАГОЛОВОК, где РОЛЬ — одна из: {roles}",
    ),
    "err.customers.input_or_table": (
        "give either --input FILE or --table NAME --warehouse URL",
        "укажите либо --input ФАЙЛ, либо --table ИМЯ --warehouse URL",
    ),
    "err.customers.table_needs_warehouse": (
        "--table needs --warehouse URL",
        "для --table нужен --warehouse URL",
    ),
    "err.customers.decimal_must_be": ("--decimal must be , or .", "--decimal должен быть , или ."),
    "err.customers.end_must_date_yyyy": (
        "--end must be a date yyyy-mm-dd, got {end!r}",
        "--end должен быть датой гггг-мм-дд, указано {end!r}",
    ),
    "err.customers.model_must_bgnbd_pareto": (
        "--model must be bgnbd or pareto",
        "--model должен быть bgnbd или pareto",
    ),
    "err.customers.returns_must_keep_reject": (
        "--returns must be keep or reject",
        "--returns должен быть keep или reject",
    ),
}

register_pairs(ERRORS)

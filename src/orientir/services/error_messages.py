"""The errors of the use cases in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    # The summary of :class:`~orientir.errors.ImportRejected` (its rows are in import_messages).
    "err.import.rejected": (
        "{rows} of {total} rows rejected ({problems} problems); nothing was written",
        "отклонено строк: {rows} из {total} (проблем: {problems}); ничего не записано",
    ),
    "err.access.no_organisation": (
        "no organisation {reference!r}",
        "нет организации {reference!r}",
    ),
    "err.access.no_role_here": (
        "{address} has no role {value} here",
        "у {address} нет роли {value} в этой организации",
    ),
    "err.access.no_user": ("no user {address!r}", "нет пользователя {address!r}"),
    "err.access.not_mail_address": (
        "{email!r} is not an e-mail address",
        "{email!r} — не адрес e-mail",
    ),
    "err.access.organisation_keeps_least_owner": (
        "an organisation keeps at least one owner",
        "у организации должен остаться хотя бы один владелец",
    ),
    "err.access.unknown_role_use": (
        "unknown role {value!r}; use one of {roles}",
        "неизвестная роль {value!r}; допустимые роли: {roles}",
    ),
    "err.backup.database_no_schema_revision": (
        "the database has no schema revision: run `orientir db upgrade`",
        "у базы данных нет версии схемы: выполните `orientir db upgrade`",
    ),
    "err.case_rules.auto_assign_must_true": (
        "auto_assign must be true or false",
        "auto_assign должно быть true или false",
    ),
    "err.case_rules.case_rules_longer_than": (
        "the case rules are longer than {limit} characters",
        "правила кейсов длиннее {limit} символов",
    ),
    "err.case_rules.case_rules_not_valid": (
        "the case rules are not valid YAML: {exc}",
        "правила кейсов — не корректный YAML: {exc}",
    ),
    "err.case_rules.due_days_must_whole": (
        "due_days.{key} must be a whole number of days, 1 to 365",
        "due_days.{key} должно быть целым числом дней от 1 до 365",
    ),
    "err.case_rules.due_days_unknown_priority": (
        "due_days has an unknown priority {key!r}",
        "в due_days неизвестный приоритет {key!r}",
    ),
    "err.case_rules.keywords_must_list_texts": (
        "{where}.keywords must be a list of texts, not empty",
        "{where}.keywords должно быть непустым списком строк",
    ),
    "err.case_rules.lang_must": (
        "lang must be one of {languages}",
        "lang должен быть одним из: {languages}",
    ),
    "err.case_rules.needs_item_most_least": (
        "{where} needs `item` with `at_most`/`at_least`, or `keywords`",
        "в {where} нужен `item` с `at_most`/`at_least` или `keywords`",
    ),
    "err.case_rules.needs_most_least": (
        "{where} needs at_most or at_least",
        "в {where} нужен at_most или at_least",
    ),
    "err.case_rules.nested_too_deeply": (
        "the case rules are nested too deeply",
        "правила кейсов вложены слишком глубоко",
    ),
    "err.case_rules.not_mapping": (
        "{where} must be a mapping",
        "{where} должно быть словарём (ключ: значение)",
    ),
    "err.case_rules.not_number": ("{where} must be a number", "{where} должно быть числом"),
    "err.case_rules.not_text_list": (
        "{where} must be a list of texts",
        "{where} должно быть списком строк",
    ),
    "err.case_rules.priority_unknown_must_high": (
        "priority.unknown must be high, normal or low",
        "priority.unknown должно быть high, normal или low",
    ),
    "err.case_rules.respondents_may_customer_partner": (
        "respondents may be customer, partner and other",
        "respondents может содержать только customer, partner и other",
    ),
    "err.case_rules.rules_must_list": ("rules must be a list", "rules должно быть списком"),
    "err.case_rules.two_rules_share_id": ("two rules share an id", "у двух правил одинаковый id"),
    "err.case_rules.unknown_keys": (
        "{where} has unknown keys: {unknown}",
        "в {where} неизвестные ключи: {unknown}",
    ),
    "err.case_rules.unknown_keys_case_rules": (
        "unknown keys in the case rules: {unknown}",
        "неизвестные ключи в правилах кейсов: {unknown}",
    ),
    "err.cases.case_changed_meanwhile_look": (
        "case {case_id} changed meanwhile; look at it again",
        "кейс {case_id} тем временем изменился; посмотрите на него ещё раз",
    ),
    "err.cases.case_closed": ("case {case_id} is closed", "кейс {case_id} закрыт"),
    "err.cases.not_advocate_orientir_program": (
        "{advocate} is not an advocate: `orientir program team add {advocate} --role "
        "advocate` first",
        "{advocate} — не адвокат клиента: сначала выполните `orientir program team add "
        "{advocate} --role advocate`",
    ),
    "err.cases.note_characters_limit": (
        "the note is {length} characters; the limit is {limit}",
        "в заметке {length} символов; предел — {limit}",
    ),
    "err.cases.note_needed_say_what": (
        "a note is needed: say what was done for the customer",
        "нужна заметка: напишите, что сделано для клиента",
    ),
    "err.comments.comment_threshold_below_k": (
        "the comment threshold ({comment_k}) is below k ({k})",
        "порог для комментариев ({comment_k}) ниже k ({k})",
    ),
    "err.comments.needs_id_column_segment": (
        "{path}: needs an id column ({id_columns}) and a segment column ({segment_columns})",
        "{path}: нужен столбец с id ({id_columns}) и столбец с сегментом ({segment_columns})",
    ),
    "err.comments.no_wave_with_item": (
        "no answered wave of {org} has a free-text item {item!r}",
        "ни в одной волне организации {org} с ответами нет открытого вопроса {item!r}",
    ),
    "err.comments.no_wave_with_text": (
        "no answered wave of {org} has a free-text item",
        "ни в одной волне организации {org} с ответами нет открытого вопроса",
    ),
    "err.culture.name_least_organisation": (
        "name at least one organisation",
        "укажите хотя бы одну организацию",
    ),
    "err.customer_base.no_closed_wave": (
        "{org} has no closed {instrument} wave",
        "у {org} нет закрытой волны {instrument}",
    ),
    "err.customer_base.no_closed_wave_named": (
        "{org} has no closed {instrument} wave named {wave!r}",
        "у {org} нет закрытой волны {instrument} с меткой {wave!r}",
    ),
    "err.customer_base.no_transactions_run_orientir": (
        "{org} has no transactions: run `orientir customers import`",
        "у {org} нет транзакций: выполните `orientir customers import`",
    ),
    "err.customer_base.wave_anonymous_answers_cannot": (
        "wave {wave!r} is anonymous: its answers cannot be joined to customers",
        "волна {wave!r} анонимная: её ответы нельзя связать с клиентами",
    ),
    "err.files.no_such_file": ("no such file: {path}", "нет такого файла: {path}"),
    "err.files.too_many_bytes": (
        "the file is {size} bytes; the limit is {limit} bytes",
        "размер файла {size} байт; предел — {limit} байт",
    ),
    "err.transactions.warehouse_unreachable": (
        "cannot connect to the {scheme} warehouse ({kind})",
        "не удаётся подключиться к хранилищу {scheme} ({kind})",
    ),
    "err.transactions.warehouse_no_table": (
        "the warehouse has no table {table!r} ({kind})",
        "в хранилище нет таблицы {table!r} ({kind})",
    ),
    "err.files.xlsx_expands_too_far": (
        "the workbook would expand to {size} bytes; the limit is {limit} bytes",
        "книга при распаковке заняла бы {size} байт; предел — {limit} байт",
    ),
    "err.import.columns_both_mean": (
        "columns {first!r} and {second!r} both mean {meaning!r}",
        "столбцы {first!r} и {second!r} оба означают {meaning!r}",
    ),
    "err.import.file_lacks_required_columns": (
        "the file lacks required columns: {described}",
        "в файле нет обязательных столбцов: {described}",
    ),
    "err.notifications.destination_characters_needed": (
        "a destination of 1 to {limit} characters is needed",
        "нужен адрес доставки длиной от 1 до {limit} символов",
    ),
    "err.notifications.lang_must": (
        "lang must be one of {languages}",
        "lang должен быть одним из: {languages}",
    ),
    "err.notifications.no_notification_organisation": (
        "no notification {message_id} in this organisation",
        "в этой организации нет уведомления {message_id}",
    ),
    "err.notifications.not_http_url": (
        "{value!r} is not an http(s) URL",
        "{value!r} — не URL http(s)",
    ),
    "err.notifications.not_mail_address": (
        "{value!r} is not an e-mail address",
        "{value!r} — не адрес e-mail",
    ),
    "err.notifications.notification_not_dead": (
        "notification {message_id} is {status}, not dead",
        "уведомление {message_id} в состоянии {status}, а не dead",
    ),
    "err.notifications.only_webhook_channel_secret": (
        "only a webhook channel has a secret",
        "секрет бывает только у канала webhook",
    ),
    "err.notifications.webhook_secret_holds_bytes": (
        "a webhook secret holds 24 to 64 bytes",
        "секрет webhook содержит от 24 до 64 байт",
    ),
    "err.notifications.webhook_secret_starts_whsec": (
        "a webhook secret starts with whsec_",
        "секрет webhook начинается с whsec_",
    ),
    "err.notifications.webhook_secret_whsec_followed": (
        "a webhook secret is whsec_ followed by base64",
        "секрет webhook — это whsec_ и за ним base64",
    ),
    "err.organisations.founding_year_not_between": (
        "founding year {founded} is not between {earliest} and {latest}",
        "год основания {founded} не между {earliest} и {latest}",
    ),
    "err.organisations.headcount_must_least_got": (
        "headcount must be at least 1, got {headcount}",
        "численность должна быть не меньше 1, указано {headcount}",
    ),
    "err.organisations.name_characters_limit": (
        "the name is {length} characters; the limit is {limit}",
        "в названии {length} символов; предел — {limit}",
    ),
    "err.organisations.organisation_needs_name": (
        "the organisation needs a name",
        "у организации должно быть название",
    ),
    "err.program.budget_needs_currency_rub": (
        "a budget needs its currency (e.g. RUB)",
        "у бюджета должна быть валюта (например, RUB)",
    ),
    "err.program.field_cannot_both_set": (
        "a field cannot be both set and emptied: {both}",
        "поле нельзя одновременно задать и очистить: {both}",
    ),
    "err.program.index_component_characters": (
        "the index component is 1 to {limit} characters",
        "компонент индекса — от 1 до {limit} символов",
    ),
    "err.program.initiative_no_milestone": (
        "initiative {title!r} has no milestone {milestone!r}",
        "у инициативы {title!r} нет вехи {milestone!r}",
    ),
    "err.program.nothing_to_change": ("nothing to change", "нечего менять"),
    "err.program.these_fields_cannot_emptied": (
        "these fields cannot be emptied: {unknown}",
        "эти поля нельзя очистить: {unknown}",
    ),
    "err.reminders.anonymous_wave_shared_link": (
        "an anonymous wave has one shared link: share it again",
        "у анонимной волны одна общая ссылка: разошлите её ещё раз",
    ),
    "err.reminders.wave_only_open": (
        "wave {label!r} is {status}; only an open one",
        "волна {label!r} в состоянии {status}; напоминать можно только по открытой",
    ),
    "err.report.report_written_html_pdf": (
        "{path}: the report is written as .html or .pdf",
        "{path}: отчёт сохраняется только в .html или .pdf",
    ),
    "err.responses.cannot_read_mapping_file": (
        "cannot read the mapping file {path}: {exc}",
        "не удаётся прочитать файл соответствия {path}: {exc}",
    ),
    "err.responses.mapping_file_needs_columns": (
        "the mapping file needs a 'columns' section: file column: item id",
        "в файле соответствия нужен раздел 'columns': столбец файла: id вопроса",
    ),
    "err.responses.unknown_format_use": (
        "unknown format {fmt!r}; use one of {formats}",
        "неизвестный формат {fmt!r}; допустимые: {formats}",
    ),
    "err.scoring.by_must_be": (
        "--by must be one of {groupings}",
        "--by должен быть одним из: {groupings}",
    ),
    "err.scoring.tenure_applies_department": (
        "--tenure applies to --by department and is one of {bands}",
        "--tenure применяется с --by department и принимает одно из значений: {bands}",
    ),
    "err.senders.orientir_smtp_port_must": (
        "ORIENTIR_SMTP_PORT must be a port number, got {raw_port!r}",
        "ORIENTIR_SMTP_PORT должен быть номером порта, указано {raw_port!r}",
    ),
    "err.senders.orientir_smtp_security_must": (
        "ORIENTIR_SMTP_SECURITY must be one of {security_modes}",
        "ORIENTIR_SMTP_SECURITY должен быть одним из: {security_modes}",
    ),
    # Signing in (orientir.services.sessions); the sign-in page has its own wording.
    "err.sessions.sign_in_refused": (
        "the e-mail or the password is wrong",
        "неверный адрес e-mail или пароль",
    ),
    "err.sessions.too_many_attempts": (
        "too many failed sign-ins; try again in {seconds} seconds",
        "слишком много неудачных попыток входа; попробуйте снова через {seconds} с",
    ),
    "err.tabular.file_data_rows_limit": (
        "the file has {rows} data rows; the limit is {limit}",
        "в файле {rows} строк данных; предел — {limit}",
    ),
    "err.tabular.file_is_empty": ("the file is empty", "файл пуст"),
    "err.tabular.file_neither_utf_nor": (
        "the file is neither UTF-8 nor Windows-1251 text",
        "файл не в кодировке UTF-8 и не в Windows-1251",
    ),
    "err.tabular.file_no_header_row": (
        "the file has no header row",
        "в файле нет строки заголовков",
    ),
    "err.tabular.file_not_readable_xlsx": (
        "the file is not a readable XLSX workbook ({kind})",
        "файл не читается как книга XLSX ({kind})",
    ),
    "err.tabular.file_not_valid_csv": (
        "the file is not valid CSV: {exc}",
        "файл — не корректный CSV: {exc}",
    ),
    "err.tabular.first_sheet_empty": (
        "the workbook's first sheet is empty",
        "первый лист книги пуст",
    ),
    "err.tabular.unsupported_file_type_use": (
        "unsupported file type {suffix!r}: use CSV or XLSX",
        "неподдерживаемый тип файла {suffix!r}: используйте CSV или XLSX",
    ),
    "err.tabular.workbook_no_worksheet": (
        "the workbook has no worksheet",
        "в книге нет ни одного листа",
    ),
    "err.tokens.no_user": ("no user {email!r}", "нет пользователя {email!r}"),
    "err.tokens.token_needs_name_characters": (
        "a token needs a name of 1 to {limit} characters",
        "у токена должно быть имя длиной от 1 до {limit} символов",
    ),
    "err.transactions.cannot_find_column_s": (
        "cannot find the column(s) for {missing} among: {header}; name them with the column "
        "options (e.g. --customer-col)",
        "не найдены столбцы для {missing} среди: {header}; укажите их параметрами столбцов "
        "(например, --customer-col)",
    ),
    "err.transactions.column_type_expected_text": (
        "column {name!r} has type {kind}; expected text or whole numbers",
        "столбец {name!r} имеет тип {kind}; ожидался текст или целые числа",
    ),
    "err.transactions.engine_must_got": (
        "engine must be one of {engines}, got {engine!r}",
        "движок должен быть одним из: {engines}; указано {engine!r}",
    ),
    "err.transactions.file_no_transactions": (
        "the file has no transactions",
        "в файле нет транзакций",
    ),
    "err.transactions.file_not_readable_parquet": (
        "the file is not readable Parquet: {exc}",
        "файл не читается как Parquet: {exc}",
    ),
    "err.transactions.file_rows_limit": (
        "the file has {rows} rows; the limit is {limit}",
        "в файле {rows} строк; предел — {limit}",
    ),
    "err.transactions.header_repeats_column": (
        "the header repeats the column {name!r}",
        "в заголовке дважды встречается столбец {name!r}",
    ),
    "err.transactions.no_column": (
        "no column {given!r} for {role}; the file has: {header}",
        "нет столбца {given!r} для {role}; в файле есть: {header}",
    ),
    "err.transactions.spark_engine_needs_pyspark": (
        "the Spark engine needs pyspark: pip install 'orientir[spark]'",
        "для движка Spark нужен pyspark: pip install 'orientir[spark]'",
    ),
    "err.waves.anonymous_wave_shared_link": (
        "an anonymous wave has one shared link: its audience must be 'all'",
        "у анонимной волны одна общая ссылка: её аудитория должна быть 'all'",
    ),
    "err.waves.audience_file_names_unknown": (
        "the audience file names {count} unknown ids: {shown}",
        "в файле аудитории неизвестные id ({count}): {shown}",
    ),
    "err.waves.audience_nobody": (
        "the audience {audience} has nobody in it",
        "в аудитории {audience} никого нет",
    ),
    "err.waves.department_audience_applies_employees": (
        "a department audience applies to employees, not to contacts",
        "аудитория-подразделение относится к сотрудникам, а не к контактам",
    ),
    "err.waves.wave_cannot_become": (
        "wave {label!r} is {status}; it cannot become {wanted}",
        "волна {label!r} в состоянии {status}; перевести её в {wanted} нельзя",
    ),
    "err.waves.wave_closes_before_opens": (
        "the wave closes before it opens",
        "волна закрывается раньше, чем открывается",
    ),
    "err.worker.batch_poll_interval_must": (
        "batch and poll interval must be positive",
        "размер пакета и интервал опроса должны быть положительными",
    ),
    "err.worker.lease_must_longer_than": (
        "the lease must be longer than the delivery timeout",
        "аренда должна быть дольше тайм-аута доставки",
    ),
    "err.worker.max_attempts_must_least": (
        "max attempts must be at least 1",
        "число попыток должно быть не меньше 1",
    ),
}

register_pairs(ERRORS)

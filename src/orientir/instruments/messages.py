"""Russian and English messages of the instrument layer, registered with :mod:`orientir.i18n`.

Keys: ``instruments.format.<code>`` for problems in an instrument file,
``instruments.answer.<code>`` for problems in a respondent's answers and
``instruments.label.<…>`` for the default value labels of the answer formats.
"""

from __future__ import annotations

from orientir.i18n import register

FORMAT_MESSAGES: dict[str, dict[str, str]] = {
    "at_line": {"en": "line {line}", "ru": "строка {line}"},
    "file_unreadable": {
        "en": "cannot read the file: {detail}",
        "ru": "не удаётся прочитать файл: {detail}",
    },
    "file_name": {
        "en": "a library file must be named after its reference: {expected}",
        "ru": "файл библиотеки должен называться по ссылке на инструмент: {expected}",
    },
    "file_too_large": {
        "en": "the file is larger than {limit} bytes",
        "ru": "файл больше {limit} байт",
    },
    # PyYAML's own description of the fault stays in English as the {detail}.
    "yaml_syntax": {
        "en": "not valid YAML: {detail} at line {line}, column {column}",
        "ru": "ошибка синтаксиса YAML в строке {line}, столбце {column}: {detail}",
    },
    "yaml_invalid": {"en": "not valid YAML: {detail}", "ru": "ошибка синтаксиса YAML: {detail}"},
    "yaml_too_deep": {
        "en": "not valid YAML: nesting deeper than {limit} levels",
        "ru": "недопустимый YAML: вложенность глубже {limit} уровней",
    },
    "duplicate_key": {
        "en": "the key {key!r} appears twice",
        "ru": "ключ {key!r} встречается дважды",
    },
    "expected_mapping": {
        "en": "must be a mapping of fields",
        "ru": "должно быть набором полей (mapping)",
    },
    "expected_list": {"en": "must be a list", "ru": "должно быть списком"},
    "expected_text": {
        "en": "must be a non-empty string",
        "ru": "должно быть непустой строкой",
    },
    "bool_not_text": {
        "en": "YAML read a bare yes/no/on/off here as true/false; put the word in quotes",
        "ru": "YAML прочитал yes/no/on/off без кавычек как true/false; возьмите слово в кавычки",
    },
    "expected_bool": {"en": "must be true or false", "ru": "должно быть true или false"},
    "expected_int": {"en": "must be a whole number", "ru": "должно быть целым числом"},
    "expected_number": {"en": "must be a number", "ru": "должно быть числом"},
    "expected_date": {
        "en": "must be a date written as YYYY-MM-DD",
        "ru": "должно быть датой вида ГГГГ-ММ-ДД",
    },
    "missing": {"en": "is required", "ru": "обязательное поле"},
    "missing_lang": {
        "en": "lacks the {lang!r} text (both ru and en are required)",
        "ru": "нет текста на языке {lang!r} (нужны оба: ru и en)",
    },
    "unknown_field": {
        "en": "unknown field {field!r}; allowed: {allowed}",
        "ru": "неизвестное поле {field!r}; допустимы: {allowed}",
    },
    "one_of": {
        "en": "must be one of {allowed}, got {got!r}",
        "ru": "должно быть одним из: {allowed}; получено {got!r}",
    },
    "bad_name": {
        "en": "{value!r} is not a valid instrument name: lower-case latin letters and digits, "
        "words joined by single hyphens, starting with a letter, at most 64 characters",
        "ru": "{value!r} — недопустимое имя инструмента: строчные латинские буквы и цифры, слова "
        "через одиночный дефис, первая — буква, не длиннее 64 символов",
    },
    "bad_id": {
        "en": "{value!r} is not a valid id: lower-case latin letters, digits and '_', starting "
        "with a letter, at most 32 characters (ids become column names in exports)",
        "ru": "{value!r} — недопустимый идентификатор: строчные латинские буквы, цифры и '_', "
        "первая — буква, не длиннее 32 символов (идентификаторы становятся именами столбцов)",
    },
    "variable_clash": {
        "en": "{name!r} cannot be a variable name in exports: it is an SPSS reserved word or "
        "is used by another item or multichoice option",
        "ru": "{name!r} не может быть именем переменной при экспорте: это служебное слово SPSS "
        "или имя уже занято другим вопросом или вариантом множественного выбора",
    },
    "bad_version": {
        "en": "must be a whole number from 1 up, got {got!r}",
        "ru": "должна быть целым числом от 1, получено {got!r}",
    },
    "duplicate_id": {
        "en": "the id {id!r} is used more than once",
        "ru": "идентификатор {id!r} использован больше одного раза",
    },
    "id_clash": {
        "en": "the scale id {id!r} is also an item id; scale and item ids must differ",
        "ru": "идентификатор шкалы {id!r} совпадает с идентификатором вопроса; они должны "
        "различаться",
    },
    "unknown_item": {
        "en": "no item has the id {id!r}",
        "ru": "нет вопроса с идентификатором {id!r}",
    },
    "unknown_page": {
        "en": "no page has the id {id!r}; declared pages: {pages}",
        "ru": "нет страницы с идентификатором {id!r}; объявлены: {pages}",
    },
    "unknown_outcome": {
        "en": "{id!r} is neither a scale nor an item",
        "ru": "{id!r} — не шкала и не вопрос",
    },
    "page_needed": {
        "en": "pages are declared, so every item needs a page",
        "ru": "страницы объявлены, поэтому у каждого вопроса должна быть страница",
    },
    "page_unused": {
        "en": "the page {id!r} has no items",
        "ru": "на странице {id!r} нет вопросов",
    },
    "empty": {"en": "must not be empty", "ru": "не может быть пустым"},
    "not_for_format": {
        "en": "{field!r} does not apply to the format {format}",
        "ru": "поле {field!r} не применяется к формату {format}",
    },
    "too_few_options": {
        "en": "a {format} item needs at least 2 options",
        "ru": "у вопроса формата {format} должно быть не меньше 2 вариантов",
    },
    "duplicate_option": {
        "en": "the option value {value!r} appears more than once",
        "ru": "вариант {value!r} встречается больше одного раза",
    },
    "labels_incomplete": {
        "en": "relabelled {format} items need a label for every value; missing: {missing}",
        "ru": "для формата {format} нужны подписи всех значений; нет: {missing}",
    },
    "label_out_of_range": {
        "en": "{value!r} is not a value of the format {format} ({low}..{high})",
        "ru": "{value!r} — не значение формата {format} ({low}..{high})",
    },
    "range_inverted": {
        "en": "the lower bound {low} is above the upper bound {high}",
        "ru": "нижняя граница {low} больше верхней {high}",
    },
    "out_of_bounds": {
        "en": "must be from {low} to {high}, got {got!r}",
        "ru": "должно быть от {low} до {high}, получено {got!r}",
    },
    "reverse_not_likert": {
        "en": "only likert5 and likert7 items can be reverse-keyed, not {format}",
        "ru": "обратными могут быть только вопросы likert5 и likert7, а не {format}",
    },
    "scale_format_unsuitable": {
        "en": "the item {id!r} has the format {format}; a scale averages only "
        "likert5, likert7, nps or allocation100 items",
        "ru": "у вопроса {id!r} формат {format}; шкала усредняет только вопросы "
        "likert5, likert7, nps или allocation100",
    },
    "scale_format_mixed": {
        "en": "items of one scale must share a format; found {formats}",
        "ru": "вопросы одной шкалы должны быть одного формата; найдены: {formats}",
    },
    "block_item_not_allocation": {
        "en": "the item {id!r} has the format {format}; an allocation block holds only "
        "allocation100 items, or its points could not add up to 100",
        "ru": "у вопроса {id!r} формат {format}; в блок распределения входят только вопросы "
        "allocation100, иначе баллы не сложатся в 100",
    },
    "block_too_small": {
        "en": "an allocation block needs at least 2 items to share 100 points",
        "ru": "в блоке распределения должно быть не меньше 2 вопросов, чтобы делить 100 баллов",
    },
    "block_across_pages": {
        "en": "the items of an allocation block must be on one page so the total can be seen",
        "ru": "вопросы блока распределения должны быть на одной странице, чтобы была видна сумма",
    },
    "allocation_without_block": {
        "en": "the allocation100 item {id!r} belongs to no block",
        "ru": "вопрос allocation100 {id!r} не входит ни в один блок",
    },
    "allocation_in_two_blocks": {
        "en": "the item {id!r} belongs to more than one allocation block",
        "ru": "вопрос {id!r} входит больше чем в один блок распределения",
    },
    "counterpart_self": {
        "en": "an instrument cannot be its own counterpart",
        "ru": "инструмент не может быть парным самому себе",
    },
    "library_conflict": {
        "en": "{ref} already exists with different content (fingerprint {fingerprint}); "
        "a changed instrument needs a new version",
        "ru": "{ref} уже существует с другим содержанием (отпечаток {fingerprint}); "
        "изменённому инструменту нужна новая версия",
    },
}

ANSWER_MESSAGES: dict[str, dict[str, str]] = {
    "unknown_item": {
        "en": "there is no item {item!r} in {instrument}",
        "ru": "в {instrument} нет вопроса {item!r}",
    },
    "required": {"en": "an answer is required", "ru": "нужен ответ"},
    "wrong_type": {
        "en": "a {format} answer cannot be {got}",
        "ru": "ответ формата {format} не может быть значением типа {got}",
    },
    "not_whole": {"en": "must be a whole number", "ru": "должно быть целым числом"},
    "out_of_range": {
        "en": "must be from {low} to {high}, got {got}",
        "ru": "должно быть от {low} до {high}, получено {got}",
    },
    "unknown_option": {
        "en": "{value!r} is not one of the options: {options}",
        "ru": "{value!r} — не один из вариантов: {options}",
    },
    "duplicate_choice": {
        "en": "the option {value!r} is chosen twice",
        "ru": "вариант {value!r} выбран дважды",
    },
    "too_many_choices": {
        "en": "at most {limit} options may be chosen, got {got}",
        "ru": "можно выбрать не больше {limit} вариантов, выбрано {got}",
    },
    "too_long": {
        "en": "at most {limit} characters, got {got}",
        "ru": "не больше {limit} символов, получено {got}",
    },
    "bad_date": {
        "en": "{got!r} is not a date written as YYYY-MM-DD",
        "ru": "{got!r} — не дата вида ГГГГ-ММ-ДД",
    },
    "date_out_of_range": {
        "en": "must be between {low} and {high}, got {got}",
        "ru": "должно быть между {low} и {high}, получено {got}",
    },
    "allocation_sum": {
        "en": "the points of block {block!r} must add up to exactly 100, got {total}",
        "ru": "баллы блока {block!r} должны давать в сумме ровно 100, получено {total}",
    },
    "allocation_missing": {
        "en": "every item of block {block!r} needs a number once any has one (0 is allowed)",
        "ru": "раз в блоке {block!r} есть ответы, число нужно в каждом пункте (можно 0)",
    },
    "allocation_over": {
        "en": "the points of block {block!r} exceed 100: {total}",
        "ru": "баллы блока {block!r} превышают 100: {total}",
    },
}

LABEL_MESSAGES: dict[str, dict[str, str]] = {
    # Agreement, five points.
    "likert5.1": {"en": "Strongly disagree", "ru": "Полностью не согласен"},
    "likert5.2": {"en": "Disagree", "ru": "Не согласен"},
    "likert5.3": {"en": "Neither agree nor disagree", "ru": "Отчасти согласен, отчасти нет"},
    "likert5.4": {"en": "Agree", "ru": "Согласен"},
    "likert5.5": {"en": "Strongly agree", "ru": "Полностью согласен"},
    # Agreement, seven points.
    "likert7.1": {"en": "Strongly disagree", "ru": "Полностью не согласен"},
    "likert7.2": {"en": "Disagree", "ru": "Не согласен"},
    "likert7.3": {"en": "Somewhat disagree", "ru": "Скорее не согласен"},
    "likert7.4": {"en": "Neither agree nor disagree", "ru": "Отчасти согласен, отчасти нет"},
    "likert7.5": {"en": "Somewhat agree", "ru": "Скорее согласен"},
    "likert7.6": {"en": "Agree", "ru": "Согласен"},
    "likert7.7": {"en": "Strongly agree", "ru": "Полностью согласен"},
    # Only the ends of 0..10 are named; the points between are read as numbers.
    "nps.0": {"en": "Not at all likely", "ru": "Совсем маловероятно"},
    "nps.10": {"en": "Extremely likely", "ru": "Очень вероятно"},
    "yesno.1": {"en": "Yes", "ru": "Да"},
    "yesno.0": {"en": "No", "ru": "Нет"},
    "chosen.1": {"en": "Chosen", "ru": "Выбрано"},
    "chosen.0": {"en": "Not chosen", "ru": "Не выбрано"},
}

register({f"instruments.format.{k}": v for k, v in FORMAT_MESSAGES.items()})
register({f"instruments.answer.{k}": v for k, v in ANSWER_MESSAGES.items()})
register({f"instruments.label.{k}": v for k, v in LABEL_MESSAGES.items()})

"""Russian and English texts of the orientation layer, registered with :mod:`orientir.i18n`.

Keys: ``orientation.model.<code>`` (problems in an index model file),
``orientation.suppressed.<reason>``, ``orientation.index.*``, ``orientation.compare.*``,
``orientation.coverage.*``, ``orientation.gap.*``, ``orientation.trajectory.*``,
``orientation.portfolio.*``, ``orientation.evidence.<name>``, ``orientation.status.<status>``
and, for the 13 rules, ``orientation.rule.<n>.{statement,counterpoint,settle}`` and
``orientation.readiness.<finding>`` (in :mod:`orientir.orientation._rule_texts`).
"""

from __future__ import annotations

from orientir.i18n import register
from orientir.orientation._rule_texts import register_rule_texts

MODEL: dict[str, dict[str, str]] = {
    "expected_mapping": {"en": "must be a mapping of fields", "ru": "должно быть набором полей"},
    "unknown_field": {
        "en": "unknown field; allowed here: {allowed}",
        "ru": "неизвестное поле; здесь допустимы: {allowed}",
    },
    "bad_id": {
        "en": "{value!r} is not a valid identifier (lower-case letters, digits, - or _)",
        "ru": "{value!r} — недопустимый идентификатор (строчные латинские буквы, цифры, - или _)",
    },
    "expected_text": {
        "en": "needs a non-empty text in both languages, under ru and en",
        "ru": "нужен непустой текст на обоих языках, в полях ru и en",
    },
    "expected_number": {"en": "must be a number", "ru": "должно быть числом"},
    "expected_bool": {"en": "must be true or false", "ru": "должно быть true или false"},
    "expected_list": {"en": "must be a non-empty list", "ru": "должно быть непустым списком"},
    "expected_ref": {
        "en": "must name an instrument, e.g. customer-view or customer-view@1",
        "ru": "должно называть инструмент, например customer-view или customer-view@1",
    },
    "weight_not_positive": {
        "en": "a weight must be above zero, not {value}",
        "ru": "вес должен быть больше нуля, а не {value}",
    },
    "weights_sum": {
        "en": "the weights add up to {total}, not 1; fix them or set normalise: true",
        "ru": "сумма весов равна {total}, а не 1; исправьте веса или укажите normalise: true",
    },
    "no_components": {
        "en": "a model needs a non-empty list of components",
        "ru": "модели нужен непустой список составляющих",
    },
    "duplicate_component": {
        "en": "two components are named {id!r}",
        "ru": "две составляющие называются {id!r}",
    },
    "unknown_instrument": {
        "en": "unknown instrument {instrument!r}; known: {known}",
        "ru": "неизвестный инструмент {instrument!r}; известны: {known}",
    },
    "unknown_scale": {
        "en": "instrument {instrument} has no scale {scale!r}; its scales: {known}",
        "ru": "в инструменте {instrument} нет шкалы {scale!r}; его шкалы: {known}",
    },
    "mixed_scale": {
        "en": "scale {scale!r} of {instrument} mixes response ranges and cannot be put on 0–100",
        "ru": "шкала {scale!r} инструмента {instrument} смешивает диапазоны ответов, её нельзя "
        "перевести в 0–100",
    },
    "unknown_item": {
        "en": "instrument {instrument} has no item {item!r}",
        "ru": "в инструменте {instrument} нет вопроса {item!r}",
    },
    "not_rating": {
        "en": "item {item!r} is answered as {format}; only rating items can be measured",
        "ru": "на вопрос {item!r} отвечают в формате {format}; измерять можно только оценки",
    },
    "one_measure": {
        "en": "give exactly one of scale, scales or item",
        "ru": "укажите ровно одно из: scale, scales или item",
    },
    "bad_scales": {
        "en": "scales must be distinct scale ids",
        "ru": "шкалы должны быть разными идентификаторами шкал",
    },
    "unknown_stakeholder": {
        "en": "unknown stakeholder group {value!r}; known: {known}",
        "ru": "неизвестная группа {value!r}; известны: {known}",
    },
    "yaml": {"en": "not valid YAML: {detail}", "ru": "ошибка синтаксиса YAML: {detail}"},
    "unreadable": {
        "en": "cannot read the file: {detail}",
        "ru": "не удаётся прочитать файл: {detail}",
    },
    "too_large": {"en": "larger than {limit} bytes", "ru": "больше {limit} байт"},
    "file_name": {
        "en": "a built-in model file must be named {expected}",
        "ru": "файл встроенной модели должен называться {expected}",
    },
}

SUPPRESSED: dict[str, dict[str, str]] = {
    "small": {
        "en": "hidden: fewer than k respondents",
        "ru": "скрыто: меньше k респондентов",
    },
    "complement": {
        "en": "hidden: shown, it would let a hidden group be recovered by subtraction",
        "ru": "скрыто: иначе скрытую группу можно было бы вычислить вычитанием",
    },
    "filter": {
        "en": "hidden: differs from its unfiltered group by fewer than k respondents",
        "ru": "скрыто: отличается от группы без фильтра меньше чем на k респондентов",
    },
}

RESULTS: dict[str, dict[str, str]] = {
    "index.partial": {
        "en": "no data for {missing}; the other components' weights were rescaled to sum to 1",
        "ru": "нет данных для: {missing}; веса остальных составляющих пересчитаны до суммы 1",
    },
    "compare.differ": {
        "en": "The verdict depends on the model for: {groups}.",
        "ru": "Оценка зависит от модели для: {groups}.",
    },
    "compare.agree": {
        "en": "Every group keeps its verdict under every model ({count} compared).",
        "ru": "Каждая группа сохраняет оценку при любой модели (сравнено: {count}).",
    },
    "coverage.organisation": {"en": "Whole organisation", "ru": "Вся организация"},
    "coverage.hidden": {
        "en": "Hidden: fewer than k employees, or recoverable by subtraction.",
        "ru": "Скрыто: меньше k сотрудников или цифру можно вычислить вычитанием.",
    },
    "coverage.every_one_yes": {
        "en": "Rule 7 (every one): all {n} employees who answered reach {threshold:g}.",
        "ru": "Правило 7 (каждый): все ответившие сотрудники ({n}) достигают {threshold:g}.",
    },
    "coverage.every_one_no": {
        "en": "Rule 7 (every one): not yet — {share:.0%} of {n} employees reach {threshold:g}.",
        "ru": "Правило 7 (каждый): пока нет — порога {threshold:g} достигают {share:.0%} из "
        "{n} сотрудников.",
    },
    "coverage.met": {
        "en": "Counterpoint (target {target:.0%}): met — {share:.0%} ({low:.0%}–{high:.0%}).",
        "ru": "Контраргумент (цель {target:.0%}): достигнута — {share:.0%} ({low:.0%}–{high:.0%}).",
    },
    "coverage.not_met": {
        "en": "Counterpoint (target {target:.0%}): not met — {share:.0%} ({low:.0%}–{high:.0%}).",
        "ru": "Контраргумент (цель {target:.0%}): не достигнута — {share:.0%} "
        "({low:.0%}–{high:.0%}).",
    },
    "coverage.unclear": {
        "en": "Counterpoint (target {target:.0%}): unclear — {share:.0%} ({low:.0%}–{high:.0%}).",
        "ru": "Контраргумент (цель {target:.0%}): неясно — {share:.0%} ({low:.0%}–{high:.0%}).",
    },
    "gap.hidden": {
        "en": "Hidden: one of the views has fewer than k answers.",
        "ru": "Скрыто: в одном из взглядов меньше k ответов.",
    },
    "gap.above": {
        "en": "The company rates itself {difference:.1f} points above its customers' view "
        "({low:.1f} to {high:.1f}), clearly more than {margin:g}.",
        "ru": "Компания оценивает себя на {difference:.1f} балла выше, чем клиенты "
        "(от {low:.1f} до {high:.1f}), — заметно больше {margin:g}.",
    },
    "gap.below": {
        "en": "The company rates itself lower than its customers do: the gap is "
        "{difference:.1f} ({low:.1f} to {high:.1f}).",
        "ru": "Разница самооценки компании и оценки клиентов — {difference:.1f} балла "
        "(от {low:.1f} до {high:.1f}): компания себя недооценивает.",
    },
    "gap.aligned": {
        "en": "The company and its customers agree: the gap is {difference:.1f} "
        "({low:.1f} to {high:.1f}), within ±{margin:g}.",
        "ru": "Компания и клиенты сходятся: разрыв {difference:.1f} (от {low:.1f} до "
        "{high:.1f}), в пределах ±{margin:g}.",
    },
    "gap.unclear": {
        "en": "The gap is {difference:.1f} ({low:.1f} to {high:.1f}); too uncertain to judge "
        "against ±{margin:g}.",
        "ru": "Разрыв — {difference:.1f} (от {low:.1f} до {high:.1f}); данных мало, чтобы "
        "сравнить его с ±{margin:g}.",
    },
    "trajectory.reached": {
        "en": "The trend is already at or above the target of {target:g}.",
        "ru": "Тренд уже достиг цели {target:g} или превысил её.",
    },
    "trajectory.possible": {
        "en": "The target of {target:g} may be reached as early as {earliest} (expected "
        "{estimate}; by {latest} at the latest).",
        "ru": "Цель {target:g} может быть достигнута уже в {earliest} (ожидаемо — {estimate}, "
        "не позже {latest}).",
    },
    "trajectory.not_next_quarter": {
        "en": "Not within the next quarter ({next_quarter}): the target of {target:g} is "
        "expected in {estimate}, {earliest} at the earliest, by {latest} at the latest.",
        "ru": "Не в следующем квартале ({next_quarter}): цель {target:g} ожидается в "
        "{estimate}, не раньше {earliest} и не позже {latest}.",
    },
    "trajectory.not_in_sight": {
        "en": "At the present trend ({slope:+.1f} a year) the target of {target:g} is not in "
        "sight.",
        "ru": "При нынешнем тренде ({slope:+.1f} в год) цель {target:g} не видна.",
    },
}

STAKEHOLDERS: dict[str, dict[str, str]] = {
    "employees": {"en": "employees", "ru": "сотрудники"},
    "management": {"en": "management", "ru": "руководство"},
    "customers": {"en": "customers", "ru": "клиенты"},
    "partners": {"en": "partners", "ru": "партнёры"},
    "candidates": {"en": "candidates", "ru": "кандидаты"},
    "other": {"en": "other groups", "ru": "другие группы"},
}

EVIDENCE: dict[str, dict[str, str]] = {
    "service": {"en": "Service part (0–100)", "ru": "Часть «сервис» (0–100)"},
    "other_parts": {
        "en": "Mean of the other three parts (0–100)",
        "ru": "Среднее трёх остальных частей (0–100)",
    },
    "service_quarter_index": {
        "en": "Index, service-quarter model",
        "ru": "Индекс по модели «сервис — четверть»",
    },
    "stakeholder_index": {
        "en": "Index, stakeholder model (components with data)",
        "ru": "Индекс по модели заинтересованных сторон (составляющие с данными)",
    },
    "stakeholder_group": {
        "en": "Stakeholder model, {group}",
        "ru": "Модель заинтересованных сторон: {group}",
    },
    "employee_score": {
        "en": "Employees' own customer orientation (0–100)",
        "ru": "Собственная клиентоориентированность сотрудников (0–100)",
    },
    "employee_score_low": {"en": "… interval, lower end", "ru": "… нижняя граница интервала"},
    "employee_score_high": {"en": "… interval, upper end", "ru": "… верхняя граница интервала"},
    "respondents": {"en": "Respondents", "ru": "Респондентов"},
    "departments_compared": {
        "en": "Departments compared under both models",
        "ru": "Подразделений, сравнённых по обеим моделям",
    },
    "departments_differing": {
        "en": "Departments whose verdict depends on the model",
        "ru": "Подразделений, чья оценка зависит от модели",
    },
    "self_view": {"en": "Management's view (0–100)", "ru": "Взгляд руководства (0–100)"},
    "customer_view": {"en": "Customers' view (0–100)", "ru": "Взгляд клиентов (0–100)"},
    "gap": {"en": "Gap, self − customers", "ru": "Разрыв: самооценка − клиенты"},
    "gap_low": {"en": "… interval, lower end", "ru": "… нижняя граница интервала"},
    "gap_high": {"en": "… interval, upper end", "ru": "… верхняя граница интервала"},
    "wanting": {"en": "Top team: wanting (0–100)", "ru": "Руководство: желание (0–100)"},
    "acting": {"en": "Top team: acting (0–100)", "ru": "Руководство: действия (0–100)"},
    "want_act_gap": {"en": "Wanting − acting", "ru": "Желание − действия"},
    "want_act_gap_low": {"en": "… interval, lower end", "ru": "… нижняя граница интервала"},
    "want_act_gap_high": {"en": "… interval, upper end", "ru": "… верхняя граница интервала"},
    "driver_team": {"en": "Driver person or team", "ru": "Человек или команда-драйвер"},
    "driver_team_size": {"en": "Driver team size", "ru": "Размер команды-драйвера"},
    "coverage_share": {
        "en": "Share of employees at the threshold or above",
        "ru": "Доля сотрудников на пороге или выше",
    },
    "coverage_low": {"en": "… interval, lower end", "ru": "… нижняя граница интервала"},
    "coverage_high": {"en": "… interval, upper end", "ru": "… верхняя граница интервала"},
    "every_one": {
        "en": "Every employee who answered reaches it (rule 7)",
        "ru": "Порога достигает каждый ответивший (правило 7)",
    },
    "hiring_screen": {"en": "Hiring screen", "ru": "Проверка при найме"},
    "candidate_waves": {"en": "Candidate waves", "ru": "Опросов кандидатов"},
    "founded": {"en": "Founded", "ru": "Год основания"},
    "age": {"en": "Years on the market", "ru": "Лет на рынке"},
    "program_start": {"en": "Program start", "ru": "Начало программы"},
    "days_to_start": {"en": "Days until the start", "ru": "Дней до начала"},
    "headcount": {"en": "Headcount", "ru": "Численность"},
    "departments": {"en": "Departments", "ru": "Подразделений"},
    "budget_per_year": {"en": "Program budget a year", "ru": "Бюджет программы в год"},
    "budget_per_employee": {
        "en": "Budget per employee a year",
        "ru": "Бюджет на сотрудника в год",
    },
    "outside_help": {"en": "Outside help", "ru": "Внешняя помощь"},
}


# factor → (rule, predicted sign, en group, ru group, en factor, ru factor in the instrumental)
_FACTORS: dict[str, tuple[int, int, str, str, str, str]] = {
    "age": (9, -1, "older companies", "у компаний постарше", "company age",
            "возрастом компании"),
    "size": (11, -1, "larger companies (by headcount)", "у компаний с большей численностью",
             "headcount", "численностью"),
    "departments": (11, -1, "companies with more departments",
                    "у компаний с большим числом подразделений", "the number of departments",
                    "числом подразделений"),
    "leadership": (5, 1, "companies whose top team acts on it more",
                   "у компаний, где руководство больше действует", "the top team's commitment",
                   "вовлечённостью руководства"),
    "budget": (12, 1, "companies spending more per employee",
               "у компаний с большим бюджетом на сотрудника", "budget per employee",
               "бюджетом на сотрудника"),
    "outside_help": (13, 1, "companies using outside help", "у компаний с внешней помощью",
                     "outside help", "внешней помощью"),
    "driver_team": (6, 1, "companies with a driver team", "у компаний с командой-драйвером",
                    "having a driver team", "наличием команды-драйвера"),
}  # fmt: skip
_NOMINATIVE_RU = {
    "age": "возраст компании",
    "size": "численность",
    "departments": "число подразделений",
    "leadership": "вовлечённость руководства",
    "budget": "бюджет на сотрудника",
    "outside_help": "внешняя помощь",
    "driver_team": "команда-драйвер",
}
_STATS_EN = "r = {r:.2f}, interval {low:.2f} to {high:.2f}, {n} companies"
_STATS_RU = "r = {r:.2f}, интервал от {low:.2f} до {high:.2f}, компаний: {n}"


def _portfolio_texts() -> dict[str, dict[str, str]]:
    """One plain sentence per factor and verdict (the rules as hypotheses)."""
    out = {
        "small": {
            "en": "Only {n} companies: only correlations stronger than ±{r:.2f} can be told "
            "from zero, so treat the verdicts as tentative.",
            "ru": "Компаний всего {n}: отличить от нуля можно лишь связи сильнее ±{r:.2f}, "
            "поэтому выводы предварительные.",
        }
    }
    for name, (rule, sign, group_en, group_ru, what_en, what_ru) in _FACTORS.items():
        fast_en, slow_en = ("faster", "more slowly") if sign > 0 else ("more slowly", "faster")
        fast_ru, slow_ru = ("быстрее", "медленнее") if sign > 0 else ("медленнее", "быстрее")
        out[f"{name}.supported"] = {
            "en": f"Rule {rule} holds here: {group_en} improved their index {fast_en} "
            f"({_STATS_EN}).",
            "ru": f"Правило {rule} подтверждается: {group_ru} индекс рос {fast_ru} ({_STATS_RU}).",
        }
        out[f"{name}.contradicted"] = {
            "en": f"Against rule {rule}: {group_en} improved their index {slow_en} ({_STATS_EN}).",
            "ru": f"Вопреки правилу {rule}: {group_ru} индекс рос {slow_ru} ({_STATS_RU}).",
        }
        out[f"{name}.no_evidence"] = {
            "en": f"Rule {rule} is not shown here: no clear link between {what_en} and how fast "
            f"the index changes ({_STATS_EN}; the interval includes 0).",
            "ru": f"Правило {rule} здесь не подтверждается: явной связи между {what_ru} и "
            f"скоростью изменения индекса нет ({_STATS_RU}; интервал включает 0).",
        }
        out[f"{name}.not_testable"] = {
            "en": f"Rule {rule} cannot be tested on {what_en}: too few companies report it, or "
            "it does not vary ({n} companies).",
            "ru": f"Правило {rule} нельзя проверить по фактору «{_NOMINATIVE_RU[name]}»: о нём "
            "сообщили слишком мало компаний или он не различается (компаний: {n}).",
        }
    return out


PORTFOLIO = _portfolio_texts()


def _register() -> None:
    register({f"orientation.model.{k}": v for k, v in MODEL.items()})
    register({f"orientation.suppressed.{k}": v for k, v in SUPPRESSED.items()})
    register({f"orientation.{k}": v for k, v in RESULTS.items()})
    register({f"orientation.stakeholder.{k}": v for k, v in STAKEHOLDERS.items()})
    register({f"orientation.evidence.{k}": v for k, v in EVIDENCE.items()})
    register({f"orientation.portfolio.{k}": v for k, v in PORTFOLIO.items()})
    register_rule_texts()


_register()

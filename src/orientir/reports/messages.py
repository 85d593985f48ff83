"""Every text of the executive report, in English and Russian (keys ``report.*``).

Section headings are short and unique so that a reader — and a test reading the PDF's text —
finds each one. Placeholders receive figures already formatted for the language
(:mod:`orientir.reports.fmt`), so a Russian text never shows a decimal point.
"""

from __future__ import annotations

from orientir.i18n import register_pairs
from orientir.reports.messages_more import MORE_TEXTS

SECTIONS = (
    "summary",
    "trend",
    "stakeholders",
    "gap",
    "departments",
    "coverage",
    "readiness",
    "customers",
    "voice",
    "program",
    "method",
)

_TEXTS: dict[str, tuple[str, str]] = {
    # Headings and one plain sentence under each, for the reader who is not a statistician.
    "section.summary": ("Summary", "Главное"),
    "section.trend": ("Trend across waves", "Динамика по волнам"),
    "section.stakeholders": ("Stakeholder groups", "Группы заинтересованных сторон"),
    "section.gap": ("Self-view versus customers", "Самооценка и мнение клиентов"),
    "section.departments": ("Departments", "Подразделения"),
    "section.coverage": ("Coverage (rule 7)", "Охват (правило 7)"),
    "section.readiness": ("Readiness by the 13 rules", "Готовность по 13 правилам"),
    "section.customers": ("Customer base", "Клиентская база"),
    "section.voice": ("Voice of the customer", "Голос клиента"),
    "section.program": ("Program status", "Состояние программы"),
    "section.method": ("Method notes", "Методические примечания"),
    "intro.trend": (
        "The index quarter by quarter. Whiskers show the 95% interval: the range the true value "
        "lies in with 95% confidence, given how many people answered.",
        "Индекс по кварталам. «Усы» — 95-процентный интервал: диапазон, в котором с "
        "уверенностью 95% лежит истинное значение при данном числе ответивших.",
    ),
    "intro.stakeholders": (
        "How each group of stakeholders sees the company, on the same 0–100 scale as the index.",
        "Как компанию видит каждая группа заинтересованных сторон — на той же шкале 0–100.",
    ),
    "intro.gap": (
        "The management's view of the company's customer orientation against its customers' "
        "view, on the questions both were asked.",
        "Оценка клиентоориентированности руководством против оценки клиентов — по вопросам, "
        "заданным и тем и другим.",
    ),
    "intro.departments": (
        "The index by department, with its parts. The number in each cell is the figure; the "
        "shade only repeats it.",
        "Индекс по подразделениям и его составляющие. Число в ячейке — это и есть значение; "
        "цвет лишь повторяет его.",
    ),
    "intro.coverage": (
        "Rule 7 says a company is customer-oriented only when every employee is; the "
        "counterpoint says extremes are not needed. Both readings are shown.",
        "Правило 7: компания клиентоориентирована, только когда клиентоориентирован каждый "
        "сотрудник; контраргумент: крайности не нужны. Показаны оба прочтения.",
    ),
    "intro.readiness": (
        "Each rule judged from the evidence, with the commentator's counterpoint beside it.",
        "Каждое правило оценено по данным; рядом — контраргумент комментатора.",
    ),
    "intro.customers": (
        "Who brings the revenue, how steadily, how recently, what they are worth over the "
        "next year, and how they rate the company.",
        "Кто приносит выручку, насколько стабильно и как давно покупает, сколько клиент "
        "принесёт за год и как он оценивает компанию.",
    ),
    "intro.voice": (
        "Themes of customers' free-text comments, masked for personal data; a theme or quote "
        "is shown only when at least k people share it.",
        "Темы свободных комментариев клиентов, очищенных от персональных данных; тема или "
        "цитата показываются, только если за ними не меньше k человек.",
    ),
    "intro.program": (
        "The change program: driver team, initiatives and the follow-up of unhappy customers.",
        "Программа изменений: команда-драйвер, инициативы и работа с недовольными клиентами.",
    ),
    "intro.method": (
        "Where every figure comes from, how sure it is, and what was hidden to protect people.",
        "Откуда взята каждая цифра, насколько она надёжна и что скрыто ради защиты людей.",
    ),
    # Cover.
    "title": ("Customer orientation report", "Отчёт о клиентоориентированности"),
    "as_of": ("as of {date}", "по состоянию на {date}"),
    "model": ("Index model: {model}", "Модель индекса: {model}"),
    "prepared": (
        "Prepared by orientir {version} on {date}.",
        "Подготовлено orientir {version} {date}.",
    ),
    "verdict_label": ("In one sentence", "Одной фразой"),
    # The verdict, assembled from parts.
    "verdict.index": (
        "Customer orientation stands at {value} out of 100 (95% interval {low}–{high})",
        "Клиентоориентированность — {value} из 100 (95-процентный интервал {low}–{high})",
    ),
    "verdict.band.low": (
        "well below the neutral midpoint of the scale",
        "заметно ниже нейтральной середины шкалы",
    ),
    "verdict.band.below": (
        "just below the neutral midpoint of the scale",
        "чуть ниже нейтральной середины шкалы",
    ),
    "verdict.band.above": (
        "just above the neutral midpoint of the scale",
        "чуть выше нейтральной середины шкалы",
    ),
    "verdict.band.positive": (
        "clearly above the midpoint but short of “agree” (75)",
        "явно выше середины шкалы, но ниже уровня «согласен» (75)",
    ),
    "verdict.band.high": ("at the level of “agree” or above", "на уровне «согласен» или выше"),
    "verdict.trend.rising": (
        "it is rising by about {slope} points a year",
        "она растёт примерно на {slope} пункта в год",
    ),
    "verdict.trend.falling": (
        "it is falling by about {slope} points a year",
        "она снижается примерно на {slope} пункта в год",
    ),
    "verdict.trend.flat": (
        "there is no clear trend over {n} quarters",
        "явной динамики за {n} кв. нет",
    ),
    "verdict.trend.none": (
        "a trend needs at least three quarters of data",
        "для вывода о динамике нужно не меньше трёх кварталов",
    ),
    "verdict.weakest": (
        "the weakest component is “{title}” ({value})",
        "самая слабая составляющая — «{title}» ({value})",
    ),
    "verdict.hidden": (
        "The index is hidden: too few people answered to show it without exposing anyone.",
        "Индекс скрыт: ответило слишком мало людей, чтобы показать его, никого не раскрыв.",
    ),
    "verdict.none": (
        "There are no closed survey waves to compute the index from yet.",
        "Закрытых волн опросов, по которым можно рассчитать индекс, пока нет.",
    ),
    # Shared labels.
    "hidden.small": ("hidden: fewer than {k} respondents", "скрыто: меньше {k} респондентов"),
    "hidden.complement": (
        "hidden: would reveal a hidden group",
        "скрыто: иначе вычисляется скрытая группа",
    ),
    "hidden.guard": ("hidden by the anonymity guard", "скрыто защитой анонимности"),
    "hidden_cell": ("{group}: {part}", "{group}: {part}"),
    "hidden.comments": ("hidden: fewer than {k} comments", "скрыто: меньше {k} комментариев"),
    "col.value": ("value (95% CI)", "значение (95% ДИ)"),
    "col.n": ("n", "n"),
    "col.component": ("Component", "Составляющая"),
    "col.group": ("Stakeholder group", "Группа"),
    "col.weight": ("Weight", "Вес"),
    "col.interval": ("95% interval", "95% интервал"),
    "col.waves": ("Waves", "Волны"),
    "col.quarter": ("Quarter", "Квартал"),
    "col.department": ("Department", "Подразделение"),
    "col.index": ("Index", "Индекс"),
    "axis.index": ("Index, 0–100", "Индекс, 0–100"),
    "axis.score": ("Score, 0–100", "Балл, 0–100"),
    "anchor.0": ("strongly disagree", "совсем не согласен"),
    "anchor.25": ("disagree", "не согласен"),
    "anchor.50": ("neutral", "нейтрально"),
    "anchor.75": ("agree", "согласен"),
    "anchor.100": ("strongly agree", "полностью согласен"),
    "yes": ("yes", "да"),
    "no": ("no", "нет"),
    # Summary.
    "kpi.index": ("Index, 0–100", "Индекс, 0–100"),
    "kpi.trend": ("Change per year", "Изменение за год"),
    "kpi.gap": ("Self-view minus customers", "Самооценка минус клиенты"),
    "kpi.coverage": ("Employees above the threshold", "Сотрудников выше порога"),
    "kpi.rules": ("Rules: supports · at risk · unknown", "Правила: за · под угрозой · неясно"),
    "summary.components": ("What the index is made of", "Из чего складывается индекс"),
    "summary.gauge": ("The index on its scale", "Индекс на шкале"),
    "summary.components_chart": ("Components of the index", "Составляющие индекса"),
    # Trend.
    "trend.title": ("The index by quarter", "Индекс по кварталам"),
    "trend.target": ("target {value}", "цель {value}"),
    "trend.hollow": (
        "A hollow point is a quarter in which some component had no data; its weights were "
        "rescaled, so it is less comparable.",
        "Пустой кружок — квартал, где у части составляющих не было данных; веса пересчитаны, "
        "поэтому сравнимость ниже.",
    ),
    "trend.headline": (
        "The headline index ({value}) uses the latest wave of each questionnaire, which may "
        "come from earlier quarters; each point here uses only its own quarter's waves.",
        "Итоговый индекс ({value}) строится по последней волне каждой анкеты, которая может "
        "относиться к более раннему кварталу; каждая точка здесь — только по волнам своего "
        "квартала.",
    ),
    "trend.slope": (
        "Straight-line trend: {slope} points a year (95% interval {low} to {high}).",
        "Линейный тренд: {slope} пункта в год (95-процентный интервал от {low} до {high}).",
    ),
    "trend.few": (
        "Fewer than three quarters with an index: no trend or forecast can be judged yet.",
        "Меньше трёх кварталов с индексом: о тренде и прогнозе судить пока нельзя.",
    ),
    # Stakeholders.
    "stakeholders.title": ("The index by stakeholder group", "Индекс по группам"),
    "stakeholders.covered": (
        "Each group's figure is the weighted mean of its components; its share of the model: "
        "{shares}.",
        "Значение группы — взвешенное среднее её составляющих; доля группы в модели: {shares}.",
    ),
    # Gap.
    "gap.title": ("Self-view against customers' view", "Самооценка против оценки клиентов"),
    "gap.customers": ("Customers", "Клиенты"),
    "gap.self": ("Company (self-view)", "Компания (самооценка)"),
    "gap.difference": ("self − customers (95% CI)", "самооценка − клиенты (95% ДИ)"),
    "gap.overall": ("Overall", "В целом"),
    "gap.margin": (
        "A difference within ±{margin} points counts as aligned; the waves compared: {self} and "
        "{customers}.",
        "Разница в пределах ±{margin} пунктов считается совпадением; сравниваются волны {self} и "
        "{customers}.",
    ),
    "gap.none": (
        "No management-view and customer-view waves to compare.",
        "Нет волн management-view и customer-view для сравнения.",
    ),
    # Departments.
    "departments.none": (
        "No department figures: the waves used carry no departments.",
        "Данных по подразделениям нет: в использованных волнах подразделения не указаны.",
    ),
    "departments.legend": (
        "Sub-departments are indented under their department. Shades: amber below the neutral "
        "50, blue above it. “—” marks a figure hidden by the anonymity guard (reasons in the "
        "method notes); an empty cell, a part with no answers in that department.",
        "Отделы показаны с отступом под своим подразделением. Оттенки: янтарный — ниже "
        "нейтральных 50, синий — выше. «—» — цифра, скрытая защитой анонимности (причины — в "
        "методических примечаниях); пустая ячейка — в подразделении нет ответов по этой части.",
    ),
    # Coverage.
    "coverage.title": (
        "Share of employees at or above the threshold",
        "Доля сотрудников не ниже порога",
    ),
    "coverage.axis": ("Share of employees", "Доля сотрудников"),
    "coverage.target": ("target {value}", "цель {value}"),
    "coverage.definition": (
        "A person counts when the mean of their answers on understanding customers' needs and "
        "enjoying serving them is at least {threshold} of 5 (wave {wave}).",
        "Сотрудник учитывается, если среднее его ответов о понимании потребностей клиентов и "
        "удовольствии от работы с ними не ниже {threshold} из 5 (волна {wave}).",
    ),
    "coverage.none": (
        "No confidential employee wave: coverage counts people and needs one.",
        "Нет конфиденциальной волны сотрудников: охват считает людей, и без неё не вычисляется.",
    ),
    # Readiness.
    "readiness.rule": ("Rule", "Правило"),
    "readiness.counterpoint": ("Counterpoint", "Контраргумент"),
    "readiness.settle": ("To settle it", "Что решит вопрос"),
    "readiness.counts": (
        "{supports} rules support the change, {at_risk} are at risk, {unknown} unknown.",
        "Правил за изменения: {supports}, под угрозой: {at_risk}, неясно: {unknown}.",
    ),
    "readiness.none": (
        "No readiness assessment is possible yet.",
        "Оценка готовности пока невозможна.",
    ),
}


def _register() -> None:
    texts = {**_TEXTS, **MORE_TEXTS}
    register_pairs(texts, prefix="report.")


_register()

"""Texts of the analysis pages of the admin area (index, customers, culture, comments), in both
languages. Figures inside them are written by the pages, already in the page's language."""

from __future__ import annotations

from orientir.i18n import register_pairs

_TEXTS: dict[str, tuple[str, str]] = {
    # navigation between the analyses
    "nav.label": ("Analyses", "Анализ"),
    "nav.waves": ("Waves", "Волны"),
    "nav.index": ("Index", "Индекс"),
    "nav.culture": ("Culture", "Культура"),
    "nav.comments": ("Comments", "Комментарии"),
    "nav.customers": ("Customers", "Клиенты"),
    "guard": (
        "Figures of fewer than {k} respondents are hidden, and so is any figure that would let "
        "a hidden one be worked out by subtraction.",
        "Цифры по группам меньше {k} респондентов скрыты, как и любые цифры, по которым скрытую "
        "можно было бы восстановить вычитанием.",
    ),
    "show": ("Show", "Показать"),
    "open": ("Open", "Открыть"),
    "yes": ("yes", "да"),
    "no": ("no", "нет"),
    "n": ("n", "n"),
    "hidden": ("hidden", "скрыто"),
    "more": ("More", "Подробнее"),
    # index
    "index.title": ("Customer-orientation index", "Индекс клиентоориентированности"),
    "index.lead": (
        "The index on 0–100 under the model “{model}”, computed as `orientir index` computes it: "
        "the latest closed wave of each questionnaire (or of each one up to the chosen wave), "
        "with a 95% bootstrap interval.",
        "Индекс на шкале 0–100 по модели «{model}», рассчитанный так же, как `orientir index`: "
        "последняя закрытая волна каждого опросника (или до выбранной волны), с "
        "95-процентным бутстреп-интервалом.",
    ),
    "index.as_of": ("Figures as of the wave", "Данные на волну"),
    "index.latest": ("the latest of each questionnaire", "последние волны каждого опросника"),
    "index.model": ("Index model", "Модель индекса"),
    "index.value": ("Index", "Индекс"),
    "index.interval": ("95% interval", "95-процентный интервал"),
    "index.responses": ("Responses behind it", "Ответов в расчёте"),
    "index.date": ("As of", "На дату"),
    "index.none": (
        "No closed wave of this model's questionnaires yet: the index appears here once one "
        "closes.",
        "Пока нет ни одной закрытой волны опросников этой модели: индекс появится здесь, когда "
        "такая волна закроется.",
    ),
    "index.components": ("Components", "Составляющие"),
    "index.component": ("Component", "Составляющая"),
    "index.weight": ("Weight", "Вес"),
    "index.waves": ("Waves", "Волны"),
    "index.missing": (
        "Without data, left out with the other weights rescaled: {names}.",
        "Без данных, не учтены (веса остальных пересчитаны): {names}.",
    ),
    "index.trend": ("Across waves, by quarter", "По волнам, поквартально"),
    "index.quarter": ("Quarter", "Квартал"),
    "index.complete": ("All components", "Все составляющие"),
    "index.stakeholders": ("By stakeholder group", "По группам заинтересованных сторон"),
    "index.group": ("Group", "Группа"),
    "index.covered": ("Share of the model", "Доля модели"),
    "index.gap": ("Self-view against customers' view", "Самооценка против оценки клиентов"),
    "index.gap_waves": (
        "Company: {self_wave}; customers: {customer_wave}; margin ±{margin} points.",
        "Компания: {self_wave}; клиенты: {customer_wave}; допуск ±{margin} балла.",
    ),
    "index.scale": ("Scale", "Шкала"),
    "index.self": ("Company", "Компания"),
    "index.customers": ("Customers", "Клиенты"),
    "index.difference": ("Difference (95% CI)", "Разница (95% ДИ)"),
    "index.verdict": ("Verdict", "Вывод"),
    "index.departments": ("By department", "По подразделениям"),
    "index.department": ("Department", "Подразделение"),
    "index.whole": ("Whole organisation", "Вся организация"),
    "index.departments_note": (
        "Each department is scored from the components answered there; customers and partners "
        "carry no department. The shade repeats the written value.",
        "Подразделение оценивается по тем составляющим, на которые там отвечали; у клиентов и "
        "партнёров подразделения нет. Цвет лишь повторяет написанное значение.",
    ),
    "index.no_answers": ("no answers", "нет ответов"),
    "index.compare": ("Two models side by side", "Две модели рядом"),
    "index.compare_lead": (
        "A department is above or below when its whole interval lies above or below the "
        "organisation's index under that model.",
        "Подразделение выше или ниже, если весь его интервал лежит выше или ниже индекса "
        "организации по этой модели.",
    ),
    "index.overall": ("Organisation", "Организация"),
    "index.differs": ("Models disagree", "Модели расходятся"),
    "index.used": ("Waves behind these figures", "Волны, на которых основаны цифры"),
    "index.wave": ("Wave", "Волна"),
    "index.instrument": ("Questionnaire", "Опросник"),
    "index.closed": ("Closed", "Закрыта"),
    "verdict.above": ("above", "выше"),
    "verdict.below": ("below", "ниже"),
    "verdict.level": ("level", "на уровне"),
    "verdict.aligned": ("aligned", "совпадает"),
    "verdict.unclear": ("unclear", "неясно"),
    "verdict.rising": ("rising", "растёт"),
    "verdict.stable": ("stable", "стабильно"),
    "verdict.falling": ("falling", "снижается"),
    # NPS by ABC class
    "nps.title": ("NPS by ABC class", "NPS по классам ABC"),
    "nps.segments": ("NPS by RFM segment", "NPS по RFM-сегментам"),
    "nps.lead": (
        "Customers who answered the wave {wave}, joined to their class by their id in the "
        "transaction log: {matched} of {respondents} respondents were found there.",
        "Клиенты, ответившие в волне {wave}, сопоставлены со своим классом по коду в журнале "
        "продаж: найдено {matched} из {respondents} ответивших.",
    ),
    "nps.all": ("All matched customers", "Все сопоставленные клиенты"),
    "nps.group": ("Group", "Группа"),
    "nps.value": ("NPS", "NPS"),
    "nps.interval": ("95% interval", "95-процентный интервал"),
    "nps.csat": ("Mean CSAT (1–5)", "Средний CSAT (1–5)"),
    "nps.a_detractors": ("Detractors among A customers: {n}.", "Критиков среди клиентов A: {n}."),
    "nps.a_detractors_hidden": (
        "Detractors among A customers: hidden (a group under the threshold).",
        "Критиков среди клиентов A: скрыто (группа меньше порога).",
    ),
    "nps.none.no_wave": (
        "No closed customer survey (customer-view) yet: NPS by ABC class appears once one closes.",
        "Пока нет закрытого опроса клиентов (customer-view): NPS по классам ABC появится, когда "
        "такой опрос закроется.",
    ),
    "nps.none.anonymous": (
        "The latest customer survey is anonymous: its answers cannot be joined to customers.",
        "Последний опрос клиентов анонимный: его ответы нельзя сопоставить с клиентами.",
    ),
    "nps.none.no_transactions": (
        "No transactions are stored, so customers have no ABC class yet.",
        "Журнал продаж не загружен, поэтому у клиентов ещё нет класса ABC.",
    ),
    # customers
    "customers.title": ("Customers", "Клиенты"),
    "customers.none": (
        "No transactions are stored for this organisation yet. Import its transaction log "
        "(CSV, XLSX or Parquet; 1C exports too) with `orientir customers import FILE --org "
        "{org}`; this page then shows ABC, XYZ, RFM and lifetime value.",
        "Журнал продаж этой организации ещё не загружен. Загрузите его (CSV, XLSX или Parquet, "
        "в том числе выгрузку 1С) командой `orientir customers import ФАЙЛ --org {org}`; тогда "
        "здесь появятся ABC, XYZ, RFM и пожизненная ценность.",
    ),
    "customers.facts": (
        "{customers} customers, {transactions} transactions from {first} to {last}, net "
        "revenue {revenue}.",
        "Клиентов: {customers}, транзакций: {transactions} с {first} по {last}, чистая выручка "
        "{revenue}.",
    ),
    "customers.cached": (
        "The models are fitted once per number of stored transactions and kept until new ones "
        "are imported.",
        "Модели оцениваются один раз на каждое число загруженных транзакций и хранятся до "
        "следующей загрузки.",
    ),
    "customers.abc": (
        "ABC classes (shares of revenue {a}/{b}/{c} %)",
        "ABC-классы (доли выручки {a}/{b}/{c} %)",
    ),
    "customers.class": ("Class", "Класс"),
    "customers.customers": ("Customers", "Клиентов"),
    "customers.share_customers": ("Share of customers", "Доля клиентов"),
    "customers.share_revenue": ("Share of revenue", "Доля выручки"),
    "customers.xyz": (
        "XYZ classes (steadiness of monthly demand: X up to {x} %, Y up to {y} % coefficient of "
        "variation)",
        "XYZ-классы (стабильность месячного спроса: X — коэффициент вариации до {x} %, Y — до "
        "{y} %)",
    ),
    "customers.no_class": (
        "no class (under {months} months of history)",
        "без класса (история короче {months} мес.)",
    ),
    "customers.matrix": (
        "ABC×XYZ matrix: customers (share of revenue)",
        "Матрица ABC×XYZ: клиентов (доля выручки)",
    ),
    "customers.rfm": ("RFM segments", "RFM-сегменты"),
    "customers.segment": ("Segment", "Сегмент"),
    "customers.rfm_grid": (
        "Recency (R, rows) × frequency (F, columns) scores 1–5: customers",
        "Давность (R, строки) × частота (F, столбцы), баллы 1–5: клиентов",
    ),
    "customers.clv": ("Customer lifetime value", "Пожизненная ценность клиентов (CLV)"),
    "customers.clv_lead": (
        "{model}: expected purchases and spend over the next {months} months, discounted at "
        "{rate} a month.",
        "{model}: ожидаемые покупки и траты за следующие {months} мес., дисконт {rate} в месяц.",
    ),
    "customers.clv_total": ("Total", "Всего"),
    "customers.clv_mean": ("Mean per customer", "В среднем на клиента"),
    "customers.clv_median": ("Median", "Медиана"),
    "customers.clv_bin": ("Lifetime value", "Пожизненная ценность"),
    # culture
    "culture.title": ("Culture", "Культура"),
    "culture.none": (
        "No culture wave yet (the “culture” questionnaire): the competing-values profile and the "
        "cultural web appear once one is answered.",
        "Пока нет ни одной волны опроса о культуре (опросник «culture»): профиль конкурирующих "
        "ценностей и культурная паутина появятся, когда на него ответят.",
    ),
    "culture.wave": (
        "Wave {wave}: {n} respondents who shared all the points.",
        "Волна {wave}: респондентов, распределивших все баллы: {n}.",
    ),
    "culture.profile": (
        "Competing values: now, preferred and the gap",
        "Конкурирующие ценности: сейчас, желаемое и разрыв",
    ),
    "culture.type": ("Type", "Тип"),
    "culture.now": ("Now", "Сейчас"),
    "culture.pref": ("Preferred", "Желаемое"),
    "culture.gap": ("Gap (95% CI)", "Разрыв (95% ДИ)"),
    "culture.notable": ("notable (10 points or more)", "заметный (10 баллов и больше)"),
    "culture.dominant": (
        "Dominant now: {now}, {lead} points ahead of {second} ({clear}); preferred: {pref}.",
        "Доминирует сейчас: {now}, на {lead} балла впереди типа «{second}» ({clear}); желаемый "
        "тип: {pref}.",
    ),
    "culture.dominant_short": ("Dominant now", "Доминирует сейчас"),
    "culture.clear": ("a clear lead", "явный перевес"),
    "culture.unclear": ("not a clear lead", "перевес не явный"),
    "culture.consistency": (
        "Consistency of the six dimensions: Kendall's W = {w}; {agree} of {dims} dimensions put "
        "the dominant type first.",
        "Согласованность шести измерений: W Кендалла = {w}; {agree} из {dims} измерений ставят "
        "доминирующий тип первым.",
    ),
    "culture.departments": ("By department (points now)", "По подразделениям (баллы сейчас)"),
    "culture.web": ("Cultural web (1–5)", "Культурная паутина (1–5)"),
    "culture.element": ("Element", "Элемент"),
    "culture.mean": ("Mean (95% CI)", "Среднее (95% ДИ)"),
    "culture.agree": ("Agree (4 or 5)", "Согласны (4 или 5)"),
    "culture.change": ("Change since {before}", "Изменение с волны {before}"),
    "culture.measure": ("Measure", "Показатель"),
    "culture.link": (
        "Culture and customer orientation",
        "Культура и клиентоориентированность",
    ),
    "culture.lagged": (
        "Does culture predict the next quarter's index?",
        "Предсказывает ли культура индекс следующего квартала?",
    ),
    "culture.link_none": (
        "Too few waves to estimate the link yet.",
        "Волн пока слишком мало, чтобы оценить связь.",
    ),
    "web.paradigm": ("Paradigm", "Парадигма"),
    "web.stories": ("Stories", "Истории"),
    "web.rituals": ("Rituals and routines", "Ритуалы и рутины"),
    "web.symbols": ("Symbols", "Символы"),
    "web.structure": ("Organisational structure", "Организационная структура"),
    "web.control": ("Control systems", "Системы контроля"),
    "web.power": ("Power structures", "Структуры власти"),
    "web.web": ("Whole web", "Паутина в целом"),
    # comments
    "comments.title": ("Comments", "Комментарии"),
    "comments.none": (
        "No answered wave has a free-text question yet.",
        "Пока нет ни одной волны с ответами на открытый вопрос.",
    ),
    "comments.waves": ("Waves", "Волны"),
    "comments.all": ("all waves with comments", "все волны с комментариями"),
    "comments.summary": (
        "{comments} comments from {responses} responses.",
        "Комментариев: {comments} из {responses} ответов.",
    ),
    "comments.masked": (
        "Comments are shown with e-mail addresses, phone numbers and names masked, and only for "
        "themes that at least {k} people mention.",
        "Комментарии показаны со скрытыми адресами, телефонами и именами и только по темам, "
        "которые упоминают не меньше {k} человек.",
    ),
    "comments.hidden_themes": (
        "Themes hidden by the anonymity guard: {n}.",
        "Тем скрыто защитой анонимности: {n}.",
    ),
    "comments.theme": ("Theme", "Тема"),
    "comments.share": ("Share (95% CI)", "Доля (95% ДИ)"),
    "comments.people": ("People", "Человек"),
    "comments.terms": ("Words", "Слова"),
    "comments.trend": ("By wave", "По волнам"),
    "comments.change": ("Change {a} → {b}", "Изменение {a} → {b}"),
    "comments.impact": ("Impact", "Влияние"),
    "comments.pp": ("percentage points", "п. п."),
    "comments.examples": ("Comments", "Комментарии"),
    "comments.unassigned": ("Comments without a theme: {n}.", "Комментариев без темы: {n}."),
}

register_pairs(_TEXTS, prefix="dash.")

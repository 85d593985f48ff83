"""Texts of the report's later sections: customer base, voice, program and method notes.

Registered together with :mod:`orientir.reports.messages` (keys ``report.*``).
"""

from __future__ import annotations

MORE_TEXTS: dict[str, tuple[str, str]] = {
    # Customer base.
    "customers.none": (
        "No transaction data is available for this report. Import the company's transaction "
        "log (orientir customers import) or pass it with orientir report --transactions FILE "
        "to see the customer base.",
        "Данных о транзакциях для этого отчёта нет. Загрузите журнал продаж компании "
        "(orientir customers import) или укажите его: orientir report --transactions ФАЙЛ — "
        "чтобы увидеть клиентскую базу.",
    ),
    "customers.facts": (
        "{customers} customers, {transactions} transactions, net revenue {revenue}, from {first} "
        "to {last} ({source}).",
        "Клиентов: {customers}, транзакций: {transactions}, чистая выручка: {revenue}; с {first} "
        "по {last} ({source}).",
    ),
    "customers.stored": (
        "the log stored with orientir customers import",
        "журнал, загруженный командой orientir customers import",
    ),
    "customers.pareto": ("Revenue concentration (ABC)", "Концентрация выручки (ABC)"),
    "customers.pareto_x": (
        "Share of customers, largest first",
        "Доля клиентов, от крупных к мелким",
    ),
    "customers.pareto_y": ("Share of net revenue", "Доля чистой выручки"),
    "customers.equal": ("equal shares", "равные доли"),
    "customers.cut": (
        "{cls}: {customers} of customers → {revenue} of revenue",
        "{cls}: {customers} клиентов → {revenue} выручки",
    ),
    "customers.matrix": ("ABC × XYZ matrix", "Матрица ABC × XYZ"),
    "customers.matrix_note": (
        "Each cell: customers, and their share of revenue. X: steady monthly demand "
        "(variation ≤ {x}%), Y: fluctuating (≤ {y}%), Z: erratic; “no class”: under {months} "
        "months of history.",
        "В ячейке: число клиентов и их доля выручки. X — стабильный ежемесячный спрос "
        "(вариация ≤ {x}%), Y — колеблющийся (≤ {y}%), Z — нерегулярный; «без класса» — история "
        "короче {months} мес.",
    ),
    "customers.no_class": ("no class", "без класса"),
    "customers.rfm": ("RFM grid", "Сетка RFM"),
    "customers.rfm_note": (
        "Customers by recency score (rows, 5 = bought most recently) and frequency score "
        "(columns, 5 = buys most often); scores are quintiles.",
        "Клиенты по давности покупки (строки, 5 — покупал недавно) и частоте (столбцы, "
        "5 — покупает чаще всех); баллы — квинтили.",
    ),
    "customers.segments": ("Segments", "Сегменты"),
    "customers.clv": ("Customer lifetime value", "Пожизненная ценность клиента (CLV)"),
    "customers.clv_x": (
        "Discounted value over the next {months} months",
        "Дисконтированная ценность за {months} мес.",
    ),
    "customers.clv_y": ("Customers", "Клиентов"),
    "customers.clv_median": ("median", "медиана"),
    "customers.clv_facts": (
        "Total {total}; median {median}, mean {mean} per customer. {model}, discount {rate}% a "
        "month.",
        "Всего {total}; медиана {median}, среднее {mean} на клиента. {model}, дисконт {rate}% в "
        "месяц.",
    ),
    "customers.clv_failed": (
        "Lifetime value could not be estimated from this log: {reason}",
        "Оценить пожизненную ценность по этому журналу не удалось: {reason}",
    ),
    "customers.nps": ("NPS by ABC class", "NPS по классам ABC"),
    "customers.nps_axis": ("NPS, −100 to 100", "NPS, от −100 до 100"),
    "customers.nps_all": ("All who answered", "Все ответившие"),
    "customers.nps_class": ("Class {cls}", "Класс {cls}"),
    "customers.detractors_of": ("Detractors, class {cls}", "Критики, класс {cls}"),
    "customers.nps_other": ("Not in the log", "Нет в журнале"),
    "customers.nps_wave": (
        "Customer survey {wave}, joined to ABC classes by customer id. Detractors among class A: "
        "{det}.",
        "Опрос клиентов {wave}, связанный с классами ABC по коду клиента. Критиков среди клиентов "
        "класса A: {det}.",
    ),
    "customers.nps_none": (
        "No confidential customer-view wave to join with the customer base.",
        "Нет конфиденциальной волны customer-view, которую можно связать с клиентской базой.",
    ),
    "customers.nps_anonymous": (
        "The latest customer survey is anonymous: its answers cannot be joined with customer "
        "value.",
        "Последний опрос клиентов анонимный: ответы нельзя связать с ценностью клиентов.",
    ),
    "customers.class": ("Class", "Класс"),
    "customers.customers": ("Customers", "Клиентов"),
    "customers.revenue_share": ("Share of revenue", "Доля выручки"),
    # Voice.
    "voice.summary": (
        "{comments} comments from {responses} responses (waves: {waves}).",
        "Комментариев: {comments} из {responses} ответов (волны: {waves}).",
    ),
    "voice.theme": ("Theme", "Тема"),
    "voice.share": ("Share of comments (95% CI)", "Доля комментариев (95% ДИ)"),
    "voice.terms": ("Typical words", "Характерные слова"),
    "voice.examples": ("In their words", "Своими словами"),
    "voice.hidden_themes": (
        "Themes hidden (fewer than {k} comments): {n}.",
        "Тем скрыто (меньше {k} комментариев): {n}.",
    ),
    "voice.none": (
        "No free-text comments from customers in the waves used.",
        "В использованных волнах нет свободных комментариев клиентов.",
    ),
    "voice.unavailable": (
        "Not available yet: the comment analysis is not installed in this version.",
        "Пока недоступно: анализ комментариев в этой версии не установлен.",
    ),
    # Program.
    "program.team": ("Driver team (rule 6): {n} people.", "Команда-драйвер (правило 6): {n} чел."),
    "program.no_team": (
        "No driver team is recorded (rule 6).",
        "Команда-драйвер не указана (правило 6).",
    ),
    "program.initiative": ("Initiative", "Инициатива"),
    "program.owner": ("Owner", "Ответственный"),
    "program.status": ("Status", "Статус"),
    "program.period": ("Period", "Сроки"),
    "program.budget": ("Budget", "Бюджет"),
    "program.milestones": ("Milestones done", "Этапов выполнено"),
    "program.overdue": ("{n} overdue", "просрочено: {n}"),
    "program.status.planned": ("planned", "запланирована"),
    "program.status.active": ("active", "идёт"),
    "program.status.done": ("done", "завершена"),
    "program.status.stopped": ("stopped", "остановлена"),
    "program.cases": (
        "Follow-up of unhappy customers: {open} cases open ({high} high priority, {overdue} "
        "overdue), {closed} closed.",
        "Работа с недовольными клиентами: открыто обращений {open} (высокий приоритет: {high}, "
        "просрочено: {overdue}), закрыто: {closed}.",
    ),
    "program.none": ("No initiatives have been recorded yet.", "Инициативы пока не заведены."),
    "program.unavailable": (
        "Not available yet: program tracking is not installed in this version.",
        "Пока недоступно: учёт программы в этой версии не установлен.",
    ),
    # Method notes.
    "method.waves": ("Survey waves", "Волны опросов"),
    "method.wave": ("Wave", "Волна"),
    "method.mode": ("Privacy", "Режим"),
    "method.closed": ("Closed", "Закрыта"),
    "method.invited": ("Invited", "Приглашено"),
    "method.answered": ("Answered", "Ответили"),
    "method.rate": ("Response rate", "Отклик"),
    "method.current": ("● behind the current figures", "● использована в текущих цифрах"),
    "method.mode.anonymous": ("anonymous", "анонимная"),
    "method.mode.confidential": ("confidential", "конфиденциальная"),
    "method.mode.identified": ("identified", "персональная"),
    "method.reliability": ("Reliability of each scale", "Надёжность шкал"),
    "method.scale": ("Scale", "Шкала"),
    "method.alpha": ("Cronbach's alpha (95% CI)", "Альфа Кронбаха (95% ДИ)"),
    "method.alpha_note": (
        "Alpha measures how consistently a scale's questions agree: 0.7 and above is usually "
        "acceptable, 0.8 good.",
        "Альфа показывает согласованность вопросов шкалы: от 0,7 обычно приемлемо, от 0,8 — "
        "хорошо.",
    ),
    "method.hidden": ("What was hidden and why", "Что скрыто и почему"),
    "method.hidden_none": ("Nothing had to be hidden.", "Ничего скрывать не потребовалось."),
    "method.section": ("Section", "Раздел"),
    "method.what": ("Figure", "Показатель"),
    "method.why": ("Reason", "Причина"),
    "method.why.small": ("fewer than k = {k} respondents", "меньше k = {k} респондентов"),
    "method.why.complement": (
        "shown, it would let a hidden group be recovered by subtraction",
        "иначе скрытую группу можно вычислить вычитанием",
    ),
    "method.why.guard": (
        "too few answers in this cell, or it would let a hidden cell be recovered",
        "мало ответов в ячейке, или по ней вычисляется скрытая ячейка",
    ),
    "method.why.comments": ("fewer than k = {k} comments", "меньше k = {k} комментариев"),
    "method.how": ("How the figures are computed", "Как рассчитаны показатели"),
    "method.index": (
        "Index: each answer is put on 0–100 (a 5-point answer 1…5 becomes 0…100; NPS answers "
        "count promoters 100, passives 50, detractors 0), averaged per component and weighted "
        "by the model. Interval: percentile bootstrap, {n_boot} resamples within each wave, seed "
        "{seed}.",
        "Индекс: каждый ответ переводится в шкалу 0–100 (ответ 1…5 — в 0…100; для NPS "
        "сторонники — 100, нейтральные — 50, критики — 0), усредняется по составляющей и "
        "взвешивается по модели. Интервал: перцентильный бутстреп, {n_boot} повторов внутри "
        "каждой волны, seed {seed}.",
    ),
    "method.guard": (
        "Anonymity guard: no figure, count or comment is shown for a group of fewer than k = {k} "
        "people, and a group that would let a hidden one be computed by subtraction is hidden too.",
        "Защита анонимности: для группы меньше k = {k} человек не показываются ни цифры, ни "
        "число ответов, ни комментарии; скрывается и группа, по которой скрытую можно вычислить "
        "вычитанием.",
    ),
    "method.customers": (
        "Customer base: ABC by share of net revenue ({a}/{b}/{c}%), XYZ by the coefficient of "
        "variation of monthly demand, RFM quintile scores, lifetime value from BG/NBD and "
        "Gamma-Gamma models. Transaction figures describe the company's own sales records, "
        "not survey answers.",
        "Клиентская база: ABC по доле чистой выручки ({a}/{b}/{c}%), XYZ по коэффициенту "
        "вариации ежемесячного спроса, RFM — баллы-квинтили, пожизненная ценность — модели "
        "BG/NBD и Gamma-Gamma. Показатели продаж описывают учёт компании, а не ответы опросов.",
    ),
    "method.model": (
        "Index model “{model}”: {description}",
        "Модель индекса «{model}»: {description}",
    ),
}

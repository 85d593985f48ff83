"""The 13 rules, the commentator's counterpoints and the readiness findings, in ru and en.

The rules and counterpoints are retold in orientir's own words from the source post
(``seed/README.md``); they are paraphrases, not quotations. ``settle`` says what data would
decide a rule the diagnostic could not judge.
"""

from __future__ import annotations

from orientir.i18n import register

# rule → (statement, counterpoint, settle), each {"en": ..., "ru": ...}
RULES: dict[int, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {
    1: (
        {"en": "Service is only one part of customer orientation — roughly a quarter of it.",
         "ru": "Сервис — лишь одна из частей клиентоориентированности, примерно её четверть."},
        {"en": "The commentator does not count service as part of customer orientation at all.",
         "ru": "Комментатор вовсе не считает сервис частью клиентоориентированности."},
        {"en": "Run customer-view, employee-co, leadership and culture waves so that all four "
               "parts of the service-quarter model can be scored.",
         "ru": "Проведите опросы customer-view, employee-co, leadership и culture, чтобы можно "
               "было оценить все четыре части модели «сервис — четверть»."},
    ),
    2: (
        {"en": "People become customer-oriented; a company as such does not.",
         "ru": "Клиентоориентированными становятся люди, а не компания как таковая."},
        {"en": "If the culture truly — not on paper — aims at good relationships with every "
               "stakeholder group, customers will in time seek the company out by themselves.",
         "ru": "Если культура на деле, а не на бумаге, нацелена на хорошие отношения со всеми "
               "группами заинтересованных сторон, со временем клиенты сами потянутся к компании."},
        {"en": "Run an employee-co wave with at least k respondents; more answers narrow the "
               "interval.",
         "ru": "Проведите опрос employee-co, в котором ответят не меньше k сотрудников; чем "
               "больше ответов, тем уже интервал."},
    ),
    3: (
        {"en": "Each company takes its own road and gets its own result; there are no guarantees.",
         "ru": "У каждой компании свой путь и свой результат; гарантий нет."},
        {"en": "The commentator answers with Tolstoy: successful companies resemble one another, "
               "as happy families do.",
         "ru": "Комментатор отвечает словами Толстого: успешные компании похожи друг на друга, "
               "как счастливые семьи."},
        {"en": "Collect the waves both built-in index models need (customer-view, employee-co, "
               "leadership, culture, partner-view) with departments filled in, so that the "
               "models can be compared department by department.",
         "ru": "Соберите опросы, которые нужны обеим встроенным моделям индекса (customer-view, "
               "employee-co, leadership, culture, partner-view), с указанием подразделений, "
               "чтобы модели можно было сравнить по подразделениям."},
    ),
    4: (
        {"en": "Customer orientation is built inside the company; it cannot be bought.",
         "ru": "Клиентоориентированность выстраивают внутри компании; купить её нельзя."},
        {"en": "Implementing and acquiring are both processes, so the difference is small; but "
               "the relationship skills it rests on have to be learned by people — they cannot "
               "be installed.",
         "ru": "Разница между «внедрить» и «приобрести» невелика — оба процессы; но навыки "
               "отношений, на которых всё держится, люди осваивают сами, их не внедришь."},
        {"en": "Run management-view and customer-view waves with at least k answers each; "
               "more answers narrow the interval of the gap.",
         "ru": "Проведите опросы management-view и customer-view, не меньше k ответов в "
               "каждом; чем больше ответов, тем уже интервал разрыва."},
    ),
    5: (
        {"en": "When the head of the company, or the top team, truly wants it, the odds of "
               "success rise many times over.",
         "ru": "Когда первое лицо или высшее руководство действительно этого хочет, шансы на "
               "успех возрастают многократно."},
        {"en": "No guarantee: desiring change is one thing; changing the culture day after day "
               "and leading people through it is another.",
         "ru": "Это не гарантия: одно дело — желать перемен, другое — изо дня в день менять "
               "культуру и самому вести людей за собой."},
        {"en": "Run a leadership wave answered by at least k people; more answers narrow the "
               "interval of the wanting–acting gap.",
         "ru": "Проведите опрос leadership, на который ответят не меньше k человек; чем больше "
               "ответов, тем уже интервал разрыва между желанием и действиями."},
    ),
    6: (
        {"en": "The change needs a driver: a person or a team in charge of it.",
         "ru": "Переменам нужен двигатель — человек или команда, которые за них отвечают."},
        {"en": "The commentator agrees.", "ru": "Комментатор согласен."},
        {"en": "Answer the readiness-13 question on the driver person or team.",
         "ru": "Ответьте на вопрос анкеты readiness-13 о человеке или команде-драйвере."},
    ),
    7: (
        {"en": "Until every employee without exception is customer-oriented, the company "
               "cannot be called customer-oriented.",
         "ru": "Пока клиентоориентирован не каждый сотрудник без исключения, "
               "клиентоориентированной компанию не назвать."},
        {"en": "No need to go to extremes: firms in which each and every person embodies the "
               "culture hardly exist, while firms that deserve to be called customer-oriented "
               "are far more numerous.",
         "ru": "Доводить до крайности незачем: фирм, где культуру воплощает буквально каждый, "
               "почти нет, а тех, кого по праву называют клиентоориентированными, гораздо "
               "больше."},
        {"en": "Run a confidential or identified employee-co wave (an anonymous one cannot "
               "count people) with at least k respondents.",
         "ru": "Проведите конфиденциальный или именной опрос employee-co (анонимный не "
               "позволяет считать людей), в котором ответят не меньше k сотрудников."},
    ),
    8: (
        {"en": "Taking on someone who already puts customers first is easier than growing such "
               "a person in-house.",
         "ru": "Взять на работу человека, уже ориентированного на клиента, легче, чем вырастить "
               "такого из своих."},
        {"en": "One indicator seldom decides a hire: besides customer orientation, how well the "
               "person delivers results counts too.",
         "ru": "Для решения о найме одной клиентоориентированности обычно не хватает — это "
               "лишь один показатель, а смотреть нужно и на то, как человек работает на "
               "результат."},
        {"en": "Answer the readiness-13 hiring question, or run candidate waves.",
         "ru": "Ответьте на вопрос о найме в анкете readiness-13 или проводите опросы "
               "кандидатов (candidate)."},
    ),
    9: (
        {"en": "Re-educating a company gets harder the more years it has spent on the market.",
         "ru": "Чем больше лет компания провела на рынке, тем сложнее её переучить."},
        {"en": "This argues against rule 5: age is not the point — leaders' thinking can get "
               "stuck in familiar patterns at any stage, and once they see it, the speed of "
               "change comes down to persistence.",
         "ru": "Это спорит с правилом 5: возраст тут ни при чём — мышление руководителей может "
               "застрять в привычных схемах в любой момент, а как только это понято, быстрота "
               "перемен определяется упорством в достижении цели."},
        {"en": "Give the year the company was founded.",
         "ru": "Укажите год основания компании."},
    ),
    10: (
        {"en": "A late start is still a start; an early one is better for you, your customers "
               "and your results — and worse for your competitors.",
         "ru": "Поздний старт — всё равно старт; ранний же лучше для вас, ваших клиентов и "
               "результатов — и хуже для конкурентов."},
        {"en": "The commentator agrees.", "ru": "Комментатор согласен."},
        {"en": "Give the date the program started or is planned to start.",
         "ru": "Укажите дату, когда программа началась или должна начаться."},
    ),
    11: (
        {"en": "A big company with many units finds the change harder than a small one does.",
         "ru": "Крупной компании со множеством отделов перемены даются тяжелее, чем "
               "небольшой."},
        {"en": "Structure does shape culture, but it is just one of the six elements of the "
               "cultural web, and some very large firms plainly care for their customers.",
         "ru": "Структура действительно влияет на культуру, но это лишь один из шести "
               "элементов культурной паутины, а некоторые очень крупные компании явно заботятся "
               "о своих клиентах."},
        {"en": "Give the headcount and the number of departments.",
         "ru": "Укажите численность сотрудников и число подразделений."},
    ),
    12: (
        {"en": "Without investment you get a little, and not for long: an advantage costs money.",
         "ru": "Без вложений получится немного и ненадолго: преимущество стоит денег."},
        {"en": "Customer orientation is an indicator, not the advantage itself; an advantage "
               "comes from matching outside success factors with inside strengths, and each "
               "company chooses for itself where its money goes.",
         "ru": "Клиентоориентированность — показатель, а не само преимущество; преимущество "
               "возникает из сочетания внешних факторов успеха и внутренних сильных сторон, а "
               "куда вкладывать деньги, каждая компания выбирает сама."},
        {"en": "Give the program's yearly budget and the headcount.",
         "ru": "Укажите годовой бюджет программы и численность сотрудников."},
    ),
    13: (
        {"en": "A company cannot assess, build or keep up customer orientation on its own; it "
               "needs help from outside and should ask for it.",
         "ru": "Оценить, выстроить и удержать клиентоориентированность в одиночку не "
               "получится — нужна помощь со стороны, и её стоит позвать."},
        {"en": "That sounds like a consultant's refrain and clashes with rule 5: the leader's "
               "resolve decides. And since the culture has to change, a quarter — the usual "
               "length of a consulting project — is not enough.",
         "ru": "Звучит как присказка консультанта и расходится с правилом 5: решает "
               "настойчивость руководителя. А раз менять приходится культуру, квартала — "
               "обычного срока консалтингового проекта — не хватит."},
        {"en": "Answer the readiness-13 question on outside help.",
         "ru": "Ответьте на вопрос анкеты readiness-13 о внешней помощи."},
    ),
}  # fmt: skip

_NO_DATA = {"en": "No evidence yet.", "ru": "Данных пока нет."}
_HIDDEN = {
    "en": "The figures needed are hidden: fewer than k respondents.",
    "ru": "Нужные цифры скрыты: меньше k респондентов.",
}

# readiness finding "r<rule>.<code>" → texts; the parameters are set in orientation._rules.
FINDINGS: dict[str, dict[str, str]] = {
    "r1.no_data": _NO_DATA,
    "r1.hidden": _HIDDEN,
    "r1.balanced": {
        "en": "Service scores {service:.1f} and the other three parts {others:.1f} on average: "
              "service is not carrying the program alone (margin {margin:.0f}).",
        "ru": "Сервис — {service:.1f}, остальные три части — в среднем {others:.1f}: "
              "программа не держится на одном сервисе (допуск {margin:.0f}).",
    },
    "r1.service_led": {
        "en": "Service scores {service:.1f}, the other three parts only {others:.1f} on "
              "average: customer orientation is being reduced to service.",
        "ru": "Сервис — {service:.1f}, а остальные три части — в среднем лишь {others:.1f}: "
              "клиентоориентированность сводится к сервису.",
    },
    "r2.no_data": _NO_DATA,
    "r2.hidden": _HIDDEN,
    "r2.strong": {
        "en": "Employees' own customer orientation is {mean:.1f} ({low:.1f}–{high:.1f}), at or "
              "above the threshold of {threshold:.0f}.",
        "ru": "Собственная клиентоориентированность сотрудников — {mean:.1f} "
              "({low:.1f}–{high:.1f}), не ниже порога {threshold:.0f}.",
    },
    "r2.weak": {
        "en": "Employees' own customer orientation is {mean:.1f} ({low:.1f}–{high:.1f}), below "
              "the threshold of {threshold:.0f}.",
        "ru": "Собственная клиентоориентированность сотрудников — {mean:.1f} "
              "({low:.1f}–{high:.1f}), ниже порога {threshold:.0f}.",
    },
    "r2.unclear": {
        "en": "Employees' own customer orientation is {mean:.1f} ({low:.1f}–{high:.1f}); the "
              "interval straddles the threshold of {threshold:.0f}.",
        "ru": "Собственная клиентоориентированность сотрудников — {mean:.1f} "
              "({low:.1f}–{high:.1f}); интервал захватывает порог {threshold:.0f}.",
    },
    "r3.no_data": {
        "en": "The two built-in index models cannot both be computed from these waves.",
        "ru": "По этим опросам нельзя рассчитать обе встроенные модели индекса.",
    },
    "r3.no_groups": {
        "en": "No department has a verdict under both models (departments missing or hidden).",
        "ru": "Ни у одного подразделения нет оценки по обеим моделям (подразделения не "
              "указаны или скрыты).",
    },
    "r3.agree": {
        "en": "Every department compared ({count}) keeps its verdict whichever model is used.",
        "ru": "Все сравнённые подразделения ({count}) сохраняют оценку при любой модели.",
    },
    "r3.differ": {
        "en": "The verdict depends on the model for: {groups}. The result hinges on the "
              "approach chosen.",
        "ru": "Оценка зависит от модели для: {groups}. Результат определяется выбранным "
              "подходом.",
    },
    "r4.no_data": _NO_DATA,
    "r4.hidden": _HIDDEN,
    "r4.above": {
        "en": "Management rates the company {difference:.1f} points above its customers "
              "({low:.1f} to {high:.1f}): customer orientation is claimed more than built.",
        "ru": "Руководство оценивает компанию на {difference:.1f} балла выше, чем клиенты "
              "(от {low:.1f} до {high:.1f}): клиентоориентированность скорее заявлена, чем "
              "выстроена.",
    },
    "r4.aligned": {
        "en": "Management and customers see the company alike (gap {difference:.1f}, "
              "{low:.1f} to {high:.1f}, within ±{margin:.0f}).",
        "ru": "Руководство и клиенты видят компанию одинаково (разрыв {difference:.1f}, от "
              "{low:.1f} до {high:.1f}, в пределах ±{margin:.0f}).",
    },
    "r4.below": {
        "en": "Management rates the company below its customers (gap {difference:.1f}, "
              "{low:.1f} to {high:.1f}).",
        "ru": "Руководство оценивает компанию ниже, чем клиенты (разрыв {difference:.1f}, от "
              "{low:.1f} до {high:.1f}).",
    },
    "r4.unclear": {
        "en": "The gap is {difference:.1f} ({low:.1f} to {high:.1f}); too uncertain to say.",
        "ru": "Разрыв — {difference:.1f} (от {low:.1f} до {high:.1f}); данных слишком мало, "
              "чтобы судить.",
    },
    "r5.no_data": _NO_DATA,
    "r5.hidden": _HIDDEN,
    "r5.gap": {
        "en": "The top team wants it ({wanting:.1f}) but acts on it less ({acting:.1f}): the "
              "gap of {gap:.1f} ({low:.1f} to {high:.1f}) exceeds {margin:.0f}.",
        "ru": "Руководство этого хочет ({wanting:.1f}), но действует слабее ({acting:.1f}): "
              "разрыв {gap:.1f} (от {low:.1f} до {high:.1f}) больше {margin:.0f}.",
    },
    "r5.low_wanting": {
        "en": "The top team's wish is weak: wanting is {wanting:.1f}, below {threshold:.0f}.",
        "ru": "Желание руководства слабое: {wanting:.1f}, ниже {threshold:.0f}.",
    },
    "r5.acting": {
        "en": "The top team wants it ({wanting:.1f}) and acts on it ({acting:.1f}); the gap "
              "stays within {margin:.0f}.",
        "ru": "Руководство этого хочет ({wanting:.1f}) и действует ({acting:.1f}); разрыв не "
              "превышает {margin:.0f}.",
    },
    "r5.unclear": {
        "en": "Wanting {wanting:.1f}, acting {acting:.1f}, gap {gap:.1f} ({low:.1f} to "
              "{high:.1f}): too uncertain to say.",
        "ru": "Желание {wanting:.1f}, действия {acting:.1f}, разрыв {gap:.1f} (от {low:.1f} до "
              "{high:.1f}): данных слишком мало, чтобы судить.",
    },
    "r6.no_data": _NO_DATA,
    "r6.team": {
        "en": "There is a driver person or team.",
        "ru": "Человек или команда-драйвер есть.",
    },
    "r6.team_size": {
        "en": "There is a driver team of {size}.",
        "ru": "Есть команда-драйвер, человек в ней: {size}.",
    },
    "r6.no_team": {
        "en": "Nobody is in charge of the program.",
        "ru": "За программу никто не отвечает.",
    },
    "r7.no_data": _NO_DATA,
    "r7.anonymous_only": {
        "en": "Only anonymous employee waves exist; they cannot count people.",
        "ru": "Есть только анонимные опросы сотрудников, а по ним нельзя считать людей.",
    },
    "r7.hidden": _HIDDEN,
    "r7.met": {
        "en": "{share:.0%} of employees reach the threshold ({low:.0%}–{high:.0%}), at or "
              "above the target of {target:.0%}.",
        "ru": "Порога достигают {share:.0%} сотрудников ({low:.0%}–{high:.0%}) — не меньше "
              "цели {target:.0%}.",
    },
    "r7.not_met": {
        "en": "{share:.0%} of employees reach the threshold ({low:.0%}–{high:.0%}), below the "
              "target of {target:.0%}.",
        "ru": "Порога достигают {share:.0%} сотрудников ({low:.0%}–{high:.0%}) — меньше цели "
              "{target:.0%}.",
    },
    "r7.unclear": {
        "en": "{share:.0%} of employees reach the threshold ({low:.0%}–{high:.0%}); the "
              "interval straddles the target of {target:.0%}.",
        "ru": "Порога достигают {share:.0%} сотрудников ({low:.0%}–{high:.0%}); интервал "
              "захватывает цель {target:.0%}.",
    },
    "r8.no_data": _NO_DATA,
    "r8.screen": {
        "en": "Candidates are screened for customer orientation ({waves} candidate waves).",
        "ru": "Кандидатов проверяют на клиентоориентированность (опросов кандидатов: {waves}).",
    },
    "r8.no_screen": {
        "en": "Candidates are not screened for customer orientation.",
        "ru": "Кандидатов на клиентоориентированность не проверяют.",
    },
    "r9.no_data": _NO_DATA,
    "r9.young": {
        "en": "The company is {age} years old, younger than {limit}.",
        "ru": "Возраст компании (лет): {age}; это меньше {limit}.",
    },
    "r9.old": {
        "en": "The company is {age} years old, {limit} or more: habits are set.",
        "ru": "Возраст компании (лет): {age}; это {limit} или больше: привычки устоялись.",
    },
    "r10.no_data": _NO_DATA,
    "r10.started": {
        "en": "The program started on {date}.",
        "ru": "Программа началась {date}.",
    },
    "r10.soon": {
        "en": "The program starts on {date}, in {days} days.",
        "ru": "Программа начнётся {date}, через {days} дн.",
    },
    "r10.delayed": {
        "en": "The program is put off until {date}, {days} days away.",
        "ru": "Программа отложена до {date}, это через {days} дн.",
    },
    "r11.no_data": _NO_DATA,
    "r11.small": {
        "en": "{headcount} people in {departments} departments: below {headcount_limit} people "
              "and {departments_limit} departments.",
        "ru": "Сотрудников: {headcount}, подразделений: {departments} — меньше "
              "{headcount_limit} человек и {departments_limit} подразделений.",
    },
    "r11.large": {
        "en": "{headcount} people in {departments} departments: at least {headcount_limit} "
              "people or {departments_limit} departments.",
        "ru": "Сотрудников: {headcount}, подразделений: {departments} — не меньше "
              "{headcount_limit} человек или {departments_limit} подразделений.",
    },
    "r12.no_data": _NO_DATA,
    "r12.funded": {
        "en": "The program has a budget of {per_employee:,.0f} per employee a year.",
        "ru": "У программы есть бюджет: {per_employee:,.0f} на сотрудника в год.",
    },
    "r12.unfunded": {
        "en": "The program has no real budget ({per_employee:,.0f} per employee a year).",
        "ru": "Настоящего бюджета у программы нет ({per_employee:,.0f} на сотрудника в год).",
    },
    "r13.no_data": _NO_DATA,
    "r13.helped": {
        "en": "The company uses outside help.",
        "ru": "Компания привлекает внешнюю помощь.",
    },
    "r13.alone": {
        "en": "The company works without outside help.",
        "ru": "Компания обходится без внешней помощи.",
    },
}  # fmt: skip

GROUPS = {
    "important": {"en": "The most important", "ru": "Самое важное"},
    "people": {"en": "People", "ru": "Люди"},
    "time": {"en": "Time", "ru": "Время"},
    "size": {"en": "Size", "ru": "Размер"},
    "money": {"en": "Money", "ru": "Деньги"},
    "help": {"en": "Help", "ru": "Помощь"},
}

STATUSES = {
    "supports": {"en": "supports", "ru": "в пользу"},
    "at_risk": {"en": "at risk", "ru": "под угрозой"},
    "unknown": {"en": "unknown", "ru": "неизвестно"},
}


def register_rule_texts() -> None:
    for number, (statement, counterpoint, settle) in RULES.items():
        register(
            {
                f"orientation.rule.{number}.statement": statement,
                f"orientation.rule.{number}.counterpoint": counterpoint,
                f"orientation.rule.{number}.settle": settle,
            }
        )
    register({f"orientation.readiness.{k}": v for k, v in FINDINGS.items()})
    register({f"orientation.rule_group.{k}": v for k, v in GROUPS.items()})
    register({f"orientation.status.{k}": v for k, v in STATUSES.items()})

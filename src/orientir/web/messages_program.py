"""Texts of the program, cases and reports pages of the admin area, in both languages.

The pages also use the ``program.*``, ``cases.*``, ``notify.*`` and ``worker.*`` texts of the
command line (:mod:`orientir.services.program_messages`), registered by importing it here.
"""

from __future__ import annotations

from orientir.i18n import register_pairs
from orientir.services import program_messages as _program_messages  # noqa: F401  (registers)

_TEXTS: dict[str, tuple[str, str]] = {
    # program
    "program.title": ("Change program", "Программа изменений"),
    "program.team": ("Driver team and advocates", "Команда драйверов и адвокаты клиентов"),
    "program.no_drivers": (
        "Nobody is on the driver team yet (rule 6 asks for one): give a person the driver role "
        "with `orientir program team add PERSON --org ORG`, or write “driver” in the people "
        "file's role column.",
        "В команде драйверов пока никого нет (правило 6 требует её): назначьте роль командой "
        "`orientir program team add PERSON --org ORG` или укажите «драйвер» в столбце роли "
        "файла сотрудников.",
    ),
    "program.team_change": ("Give or take back a role", "Назначить или снять роль"),
    "program.person": ("Person (id from the people file)", "Сотрудник (код из файла сотрудников)"),
    "program.role": ("Role", "Роль"),
    "program.grant": ("Give the role", "Назначить роль"),
    "program.revoke": ("Take the role back", "Снять роль"),
    "program.team_hint": (
        "A role written in the people file's role column changes only with that file.",
        "Роль, записанная в столбце роли файла сотрудников, меняется только вместе с файлом.",
    ),
    "program.choose_person": ("Give the person's id.", "Укажите код сотрудника."),
    "program.choose_role": ("Choose driver or advocate.", "Выберите: драйвер или адвокат."),
    "program.not_granted": (
        "This person holds no such granted role (a role from the people file changes only there).",
        "У сотрудника нет такой назначенной роли (роль из файла сотрудников меняется только там).",
    ),
    "program.initiatives": ("Initiatives", "Инициативы"),
    "program.overdue": ("{n} overdue", "просрочено: {n}"),
    "program.timeline": ("Timeline and the index", "График и индекс"),
    "program.timeline_hint": (
        "Quarters are columns. The first row is the customer-orientation index of the quarter "
        "(0–100, from the waves closed in it; “—”: no data or hidden by the anonymity guard).",
        "Столбцы — кварталы. Первая строка — индекс клиентоориентированности за квартал "
        "(0–100, по волнам, закрытым в нём; «—»: нет данных или скрыто ради анонимности).",
    ),
    "program.index_trend": ("Index chart", "График индекса"),
    "program.index_row": ("Index (0–100)", "Индекс (0–100)"),
    "program.running": ("running", "идёт"),
    "program.legend": (
        "“running”: the initiative runs in the quarter; ◆n: milestones due and not done; "
        "✓n: milestones done.",
        "«идёт»: инициатива выполняется в квартале; ◆n: вехи со сроком в квартале, не "
        "выполненные; ✓n: выполненные вехи.",
    ),
    "program.new": ("New initiative", "Новая инициатива"),
    "program.create": ("Add the initiative", "Добавить инициативу"),
    "program.owner_hint": (
        "The owner's id from the people file (e.g. D1).",
        "Код владельца из файла сотрудников (например D1).",
    ),
    "program.currency": ("Currency", "Валюта"),
    "program.currency_hint": (
        "A three-letter code such as RUB or EUR; needed with a budget.",
        "Трёхбуквенный код, например RUB или EUR; нужен, если указан бюджет.",
    ),
    "program.starts_on": ("Starts on", "Начало"),
    "program.ends_on": ("Ends on", "Окончание"),
    "program.component_hint": (
        "What part of the index it aims to move (e.g. service, customers).",
        "Какую часть индекса она должна изменить (например service, customers).",
    ),
    "program.description": ("Description", "Описание"),
    "program.milestones": ("Milestones", "Вехи"),
    "program.milestone": ("Milestone", "Веха"),
    "program.due": ("Due", "Срок"),
    "program.progress": ("Progress", "Ход"),
    "program.change": ("Change", "Изменить"),
    "program.done_on": ("done {day}", "выполнена {day}"),
    "program.late": ("late", "просрочена"),
    "program.not_done": ("not done yet", "ещё не выполнена"),
    "program.mark_done": ("Mark done", "Отметить выполненной"),
    "program.undo": ("Not done after all", "Снять отметку"),
    "program.no_milestones": ("No milestones yet.", "Вех пока нет."),
    "program.add_milestone": ("Add a milestone", "Добавить веху"),
    "program.edit": ("Edit the initiative", "Изменить инициативу"),
    "program.save": ("Save the changes", "Сохранить изменения"),
    # cases
    "cases.title": ("Cases", "Обращения"),
    "cases.intro": (
        "Follow-ups of unhappy customers, soonest due first. Cases open only from "
        "confidential or identified customer and partner waves, never from anonymous ones.",
        "Работа с недовольными клиентами; сначала те, у кого срок ближе. Обращения "
        "открываются только по конфиденциальным или персональным волнам клиентов и "
        "партнёров, никогда — по анонимным.",
    ),
    "cases.state.active": ("open and in progress", "открытые и в работе"),
    "cases.state.open": ("open", "открытые"),
    "cases.state.in_progress": ("in progress", "в работе"),
    "cases.state.resolved": ("resolved", "решённые"),
    "cases.state.closed": ("closed", "закрытые"),
    "cases.state.all": ("all", "все"),
    "cases.mine": ("Only mine", "Только мои"),
    "cases.overdue_only": ("Only overdue", "Только просроченные"),
    "cases.filter": ("Show", "Показать"),
    "cases.not_advocate": (
        "Your e-mail is not the e-mail of any advocate of this organisation, so no case is "
        "yours. An advocate is a person of the people file holding the advocate role.",
        "Ваша почта не совпадает с почтой ни одного адвоката клиента этой организации, "
        "поэтому ваших обращений нет. Адвокат — сотрудник из файла сотрудников с ролью "
        "адвоката.",
    ),
    "cases.number": ("Case {id}", "Обращение {id}"),
    "cases.unassigned": ("not assigned", "не назначено"),
    "cases.value_unknown": ("unknown", "неизвестна"),
    "cases.answers_note": (
        "The customer's own answers: a case exists only for a confidential or identified "
        "wave, to follow the customer up in person. Do not copy them elsewhere.",
        "Ответы самого клиента: обращение есть только у конфиденциальной или персональной "
        "волны, чтобы связаться с клиентом лично. Не копируйте их в другие места.",
    ),
    "cases.act": ("Next step", "Следующий шаг"),
    "cases.note": ("Note", "Заметка"),
    "cases.note_hint": (
        "Required to resolve: say what was done for the customer.",
        "Обязательна, чтобы отметить решение: напишите, что сделано для клиента.",
    ),
    "cases.note_needed": (
        "To mark the case resolved, write in the note what was done for the customer.",
        "Чтобы отметить обращение решённым, напишите в заметке, что сделано для клиента.",
    ),
    "cases.move.start": ("Take into work", "Взять в работу"),
    "cases.move.start_again": ("Take up again", "Вернуть в работу"),
    "cases.move.resolve": ("Mark resolved", "Отметить решённым"),
    "cases.move.close": ("Close", "Закрыть"),
    "cases.choose_move": (
        "Choose what to do with the case.",
        "Выберите, что сделать с обращением.",
    ),
    "cases.add_note": ("Add a note", "Добавить заметку"),
    "cases.assign": ("Assign", "Назначить"),
    "cases.choose_advocate": ("Choose an advocate.", "Выберите адвоката."),
    "cases.no_advocates": (
        "Nobody holds the advocate role: `orientir program team add PERSON --role advocate`.",
        "Ни у кого нет роли адвоката: `orientir program team add PERSON --role advocate`.",
    ),
    # case rules
    "rules.title": ("Case rules", "Правила обращений"),
    "rules.intro": (
        "Which answers open a case, how its priority follows the customer's value (ABC class, "
        "lifetime value) and how many days it has. Keys left out keep their defaults; the "
        "rules apply to answers from now on.",
        "Какие ответы открывают обращение, как приоритет зависит от ценности клиента (класс "
        "ABC, пожизненная ценность) и сколько дней даётся на него. Пропущенные ключи берутся "
        "по умолчанию; правила действуют для новых ответов.",
    ),
    "rules.document": ("Rules (YAML)", "Правила (YAML)"),
    "rules.save": ("Check and save", "Проверить и сохранить"),
    "rules.saved": ("The case rules are saved.", "Правила обращений сохранены."),
    "rules.defaults": ("The defaults", "Правила по умолчанию"),
    "rules.empty": (
        "The rules are empty; to go back to the defaults, paste them.",
        "Правила пусты; чтобы вернуть правила по умолчанию, вставьте их.",
    ),
    # dead letters
    "dead.title": ("Undelivered notifications", "Недоставленные уведомления"),
    "dead.intro": (
        "E-mails and webhooks that failed on every attempt. Replaying queues one again under "
        "its own id, so a receiver that did get a copy can tell.",
        "Письма и вебхуки, не доставленные ни с одной попытки. Повтор снова ставит "
        "уведомление в очередь с прежним id, чтобы получатель мог распознать копию.",
    ),
    "dead.replay": ("Send again", "Отправить снова"),
    "dead.replay_all": ("Send all again", "Отправить все снова"),
    "dead.not_dead": (
        "That notification is not in this organisation's dead-letter list.",
        "Этого уведомления нет в списке недоставленных этой организации.",
    ),
    "dead.choose": ("Choose a notification.", "Выберите уведомление."),
    # reports
    "reports.title": ("Executive report", "Отчёт для руководства"),
    "reports.intro": (
        "The index, its trend, the 13 rules, the customer base, the voice of the customer and "
        "the program in one document — as a self-contained HTML file or a PDF.",
        "Индекс, его динамика, 13 правил, клиентская база, голос клиента и программа в одном "
        "документе — автономный файл HTML или PDF.",
    ),
    "reports.waves": ("Waves behind the current figures", "Волны для текущих показателей"),
    "reports.waves_hint": (
        "None chosen: the latest closed wave of each questionnaire, as `orientir index` uses.",
        "Если ничего не выбрано — последняя закрытая волна каждого опросника, как в "
        "`orientir index`.",
    ),
    "reports.language": ("Language of the report", "Язык отчёта"),
    "reports.lang.ru": ("Russian", "русский"),
    "reports.lang.en": ("English", "английский"),
    "reports.html": ("Download HTML", "Скачать HTML"),
    "reports.pdf": ("Download PDF", "Скачать PDF"),
    "reports.slow": (
        "Building the report takes a little while (intervals are bootstrapped).",
        "Подготовка отчёта занимает некоторое время (интервалы считаются бутстрепом).",
    ),
    "reports.no_data": (
        "There is nothing to report yet: this organisation has no closed survey wave. Close a "
        "wave first; the report rests on closed waves only.",
        "Отчитываться пока не о чем: у организации нет ни одной закрытой волны опроса. "
        "Сначала закройте волну — отчёт строится только по закрытым волнам.",
    ),
    "reports.unknown_wave": (
        "One of the chosen waves is not a closed wave of this organisation.",
        "Одна из выбранных волн не является закрытой волной этой организации.",
    ),
}

register_pairs(_TEXTS, prefix="web.")

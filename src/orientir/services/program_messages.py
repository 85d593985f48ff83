"""Russian and English texts of the program, the cases and the notifications (e-mails and the
command line). Importing this module registers them with :mod:`orientir.i18n`."""

from __future__ import annotations

from orientir.i18n import register

_CASE_LINES = (
    "Organisation: {org}\nCustomer: {customer} {company}\nWave: {wave}\n"
    "Priority: {priority}\nDue: {due_at} UTC\nAdvocate: {assignee} {assignee_name}\n"
    "Why:\n{reasons}\n\nSee it with: orientir cases show {case_id} --org {org}"
)
_CASE_LINES_RU = (
    "Организация: {org}\nКлиент: {customer} {company}\nВолна: {wave}\n"
    "Приоритет: {priority}\nСрок: {due_at} UTC\nАдвокат: {assignee} {assignee_name}\n"
    "Причины:\n{reasons}\n\nПосмотреть: orientir cases show {case_id} --org {org}"
)

NOTIFY = {
    "case.opened.subject": (
        "[orientir] New case {case_id}: {priority} priority, customer {customer}",
        "[orientir] Новый кейс {case_id}: приоритет {priority}, клиент {customer}",
    ),
    "case.opened.body": (
        "A customer's answers opened case {case_id}.\n\n" + _CASE_LINES,
        "Ответы клиента открыли кейс {case_id}.\n\n" + _CASE_LINES_RU,
    ),
    "case.assigned.subject": (
        "[orientir] Case {case_id} is assigned to {assignee}",
        "[orientir] Кейс {case_id} назначен: {assignee}",
    ),
    "case.assigned.body": (
        "Case {case_id} is now yours to follow up.\n\n" + _CASE_LINES,
        "Кейс {case_id} передан вам для работы с клиентом.\n\n" + _CASE_LINES_RU,
    ),
    "case.escalated.subject": (
        "[orientir] Overdue: case {case_id}, customer {customer}",
        "[orientir] Просрочен кейс {case_id}, клиент {customer}",
    ),
    "case.escalated.body": (
        "Case {case_id} passed its due date without being resolved and is escalated to the "
        "driver team.\n\n" + _CASE_LINES,
        "Кейс {case_id} не решён в срок и передан команде драйверов.\n\n" + _CASE_LINES_RU,
    ),
    "case.resolved.subject": (
        "[orientir] Case {case_id} is resolved",
        "[orientir] Кейс {case_id} решён",
    ),
    "case.resolved.body": (
        "Case {case_id} is resolved.\n\n" + _CASE_LINES,
        "Кейс {case_id} решён.\n\n" + _CASE_LINES_RU,
    ),
    "case.closed.subject": (
        "[orientir] Case {case_id} is closed",
        "[orientir] Кейс {case_id} закрыт",
    ),
    "case.closed.body": (
        "Case {case_id} is closed.\n\n" + _CASE_LINES,
        "Кейс {case_id} закрыт.\n\n" + _CASE_LINES_RU,
    ),
    "reason.score": ("{item} = {value} (rule {rule})", "{item} = {value} (правило {rule})"),
    "reason.keyword": (
        "“{keyword}” in {item} (rule {rule})",
        "«{keyword}» в ответе {item} (правило {rule})",
    ),
    "reason.none": ("  (none recorded)", "  (не указаны)"),
}

CASES = {
    "priority.high": ("high", "высокий"),
    "priority.normal": ("normal", "обычный"),
    "priority.low": ("low", "низкий"),
    "status.open": ("open", "открыт"),
    "status.in_progress": ("in progress", "в работе"),
    "status.resolved": ("resolved", "решён"),
    "status.closed": ("closed", "закрыт"),
    "none": ("No cases.", "Кейсов нет."),
    "col.id": ("Case", "Кейс"),
    "col.status": ("Status", "Статус"),
    "col.priority": ("Priority", "Приоритет"),
    "col.due": ("Due (UTC)", "Срок (UTC)"),
    "col.customer": ("Customer", "Клиент"),
    "col.wave": ("Wave", "Волна"),
    "col.assignee": ("Advocate", "Адвокат"),
    "col.reasons": ("Why", "Причины"),
    "overdue": ("overdue", "просрочен"),
    "escalated_mark": ("escalated", "эскалирован"),
    "moved": ("Case {id} is now {status}.", "Кейс {id}: статус «{status}»."),
    "assigned": ("Case {id} is assigned to {person}.", "Кейс {id} назначен: {person}."),
    "noted": ("Note added to case {id}.", "К кейсу {id} добавлена заметка."),
    "escalated": (
        "Overdue cases escalated: {count}.",
        "Эскалировано просроченных кейсов: {count}.",
    ),
    "rules_saved": (
        "Case rules of {org} saved ({count} rules); they apply to responses from now on.",
        "Правила кейсов для {org} сохранены (правил: {count}); действуют для новых ответов.",
    ),
    "rules_valid": (
        "The case rules are valid ({count} rules).",
        "Правила кейсов корректны (правил: {count}).",
    ),
    "channel_added": (
        "Channel {id} added: {kind} → {destination}, events {events}.",
        "Канал {id} добавлен: {kind} → {destination}, события {events}.",
    ),
    "channel_secret": (
        "Signing secret (shown once; configure the receiver with it): {secret}",
        "Секрет подписи (показывается один раз; передайте его получателю): {secret}",
    ),
    "channel_removed": ("Channel {id} removed.", "Канал {id} удалён."),
    "no_channels": (
        "No notification channels: `orientir cases channel add`.",
        "Каналов уведомлений нет: `orientir cases channel add`.",
    ),
    "col.channel": ("Channel", "Канал"),
    "col.kind": ("Kind", "Тип"),
    "col.destination": ("Destination", "Адрес"),
    "col.events": ("Events", "События"),
    "col.lang": ("Language", "Язык"),
    "show.title": (
        "Case {id} — {status}, {priority} priority",
        "Кейс {id} — {status}, приоритет {priority}",
    ),
    "show.customer": ("Customer", "Клиент"),
    "show.value": ("Value", "Ценность"),
    "show.opened": ("Opened", "Открыт"),
    "show.due": ("Due", "Срок"),
    "show.reasons": ("Why", "Причины"),
    "show.answers": ("Answers", "Ответы"),
    "show.no_answers": (
        "The answers are not available (the response is gone or the wave was anonymous).",
        "Ответы недоступны (ответ удалён или волна была анонимной).",
    ),
    "show.history": ("History", "История"),
    "event.opened": ("opened", "открыт"),
    "event.note": ("note", "заметка"),
    "event.status": ("status", "статус"),
    "event.assigned": ("assigned", "назначен"),
    "event.escalated": ("escalated", "эскалирован"),
    "reprioritised": ("Cases reprioritised: {count}.", "Приоритет пересчитан у кейсов: {count}."),
}

PROGRAM = {
    "status.planned": ("planned", "запланирована"),
    "status.active": ("active", "идёт"),
    "status.done": ("done", "завершена"),
    "status.stopped": ("stopped", "остановлена"),
    "role.driver": ("driver", "драйвер"),
    "role.advocate": ("advocate", "адвокат клиента"),
    "source.program": ("granted", "назначен"),
    "source.people": ("people file", "файл сотрудников"),
    "added": ("Initiative {id} added: {title}.", "Инициатива {id} добавлена: {title}."),
    "updated": ("Initiative {id} updated: {title}.", "Инициатива {id} изменена: {title}."),
    "milestone_added": (
        "Milestone “{title}” (due {due}) added to {initiative}.",
        "Веха «{title}» (срок {due}) добавлена к инициативе {initiative}.",
    ),
    "milestone_done": (
        "Milestone “{title}” of {initiative} is done.",
        "Веха «{title}» инициативы {initiative} выполнена.",
    ),
    "milestone_undone": (
        "Milestone “{title}” of {initiative} is open again.",
        "Веха «{title}» инициативы {initiative} снова открыта.",
    ),
    "granted": ("{person} now holds the role {role}.", "{person}: назначена роль «{role}»."),
    "already": ("{person} already holds the role {role}.", "{person} уже имеет роль «{role}»."),
    "revoked": ("{person} no longer holds the role {role}.", "{person}: роль «{role}» снята."),
    "not_held": (
        "{person} holds no granted role {role}.",
        "У {person} нет назначенной роли «{role}».",
    ),
    "no_team": (
        "Nobody holds a program role yet: `orientir program team add PERSON --org ORG`.",
        "Ролей в программе пока нет: `orientir program team add PERSON --org ORG`.",
    ),
    "no_initiatives": ("No initiatives yet.", "Инициатив пока нет."),
    "col.id": ("Id", "Id"),
    "col.title": ("Initiative", "Инициатива"),
    "col.owner": ("Owner", "Владелец"),
    "col.status": ("Status", "Статус"),
    "col.budget": ("Budget", "Бюджет"),
    "col.period": ("Period", "Период"),
    "col.component": ("Index component", "Компонент индекса"),
    "col.milestones": ("Milestones done", "Вех выполнено"),
    "col.person": ("Person", "Сотрудник"),
    "col.name": ("Name", "Имя"),
    "col.role": ("Role", "Роль"),
    "col.department": ("Department", "Подразделение"),
    "col.source": ("Source", "Источник"),
    "legend": (
        "█ running   ◆ milestones due   ✓ milestones done",
        "█ идёт   ◆ вехи со сроком   ✓ выполненные вехи",
    ),
    "unscheduled": (
        "Not on the timeline (no dates, no milestones): {titles}",
        "Вне графика (нет дат и вех): {titles}",
    ),
}

WORKER = {
    "started": (
        "Worker started (up to {max} attempts, lease {lease} s). Stop with Ctrl+C.",
        "Обработчик запущен (до {max} попыток, аренда {lease} с). Остановка: Ctrl+C.",
    ),
    "pass": (
        "delivered {delivered}, to retry {retried}, dead {dead}",
        "доставлено {delivered}, повтор {retried}, в недоставленных {dead}",
    ),
    "finished": (
        "Finished: delivered {delivered}, to retry {retried}, dead {dead}.",
        "Готово: доставлено {delivered}, повтор {retried}, в недоставленных {dead}.",
    ),
    "replayed": ("Notifications queued again: {count}.", "Снова в очереди уведомлений: {count}."),
    "dead_empty": ("The dead-letter list is empty.", "Список недоставленных пуст."),
    "status": (
        "Outbox: pending {pending}, delivered {delivered}, dead {dead}.",
        "Очередь: ожидают {pending}, доставлено {delivered}, недоставлено {dead}.",
    ),
    "col.id": ("Id", "Id"),
    "col.event": ("Event", "Событие"),
    "col.kind": ("Kind", "Тип"),
    "col.destination": ("Destination", "Адрес"),
    "col.attempts": ("Attempts", "Попыток"),
    "col.error": ("Last error", "Последняя ошибка"),
    "col.created": ("Created (UTC)", "Создано (UTC)"),
    "replay_what": ("Give a notification id or --all.", "Укажите id уведомления или --all."),
}

register({f"notify.{k}": {"en": en, "ru": ru} for k, (en, ru) in NOTIFY.items()})
register({f"cases.{k}": {"en": en, "ru": ru} for k, (en, ru) in CASES.items()})
register({f"program.{k}": {"en": en, "ru": ru} for k, (en, ru) in PROGRAM.items()})
register({f"worker.{k}": {"en": en, "ru": ru} for k, (en, ru) in WORKER.items()})

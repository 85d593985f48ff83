"""Texts of the admin area, in both languages."""

from __future__ import annotations

from orientir.i18n import register

register(
    {
        "admin.title": {"en": "orientir administration", "ru": "orientir — управление"},
        "admin.login.title": {"en": "Sign in", "ru": "Вход"},
        "admin.login.email": {"en": "E-mail", "ru": "Электронная почта"},
        "admin.login.password": {"en": "Password", "ru": "Пароль"},
        "admin.login.submit": {"en": "Sign in", "ru": "Войти"},
        "admin.login.refused": {
            "en": "The e-mail or the password is wrong.",
            "ru": "Неверная электронная почта или пароль.",
        },
        "admin.login.too_many": {
            "en": "Too many failed attempts. Please wait a quarter of an hour and try again.",
            "ru": "Слишком много неудачных попыток. Подождите четверть часа и попробуйте снова.",
        },
        "admin.login.expired": {
            "en": "The form has expired. Please sign in again.",
            "ru": "Форма устарела. Войдите ещё раз.",
        },
        "admin.logout": {"en": "Sign out", "ru": "Выйти"},
        "admin.signed_in_as": {"en": "Signed in as {email}", "ru": "Вы вошли как {email}"},
        "admin.switch.label": {"en": "Organisation", "ru": "Организация"},
        "admin.switch.submit": {"en": "Switch", "ru": "Перейти"},
        "admin.nav.label": {"en": "Sections", "ru": "Разделы"},
        "admin.nav.overview": {"en": "Overview", "ru": "Обзор"},
        "admin.nav.waves": {"en": "Waves", "ru": "Волны опросов"},
        "admin.nav.dashboard": {"en": "Dashboards", "ru": "Панели"},
        "admin.nav.people": {"en": "People", "ru": "Сотрудники"},
        "admin.nav.contacts": {"en": "Contacts", "ru": "Контакты"},
        "admin.nav.instruments": {"en": "Instruments", "ru": "Опросники"},
        "admin.nav.customers": {"en": "Customers", "ru": "Клиенты"},
        "admin.nav.program": {"en": "Program", "ru": "Программа"},
        "admin.nav.cases": {"en": "Cases", "ru": "Обращения"},
        "admin.nav.reports": {"en": "Reports", "ru": "Отчёты"},
        "admin.nav.users": {"en": "Users", "ru": "Пользователи"},
        "admin.nav.tokens": {"en": "API tokens", "ru": "Токены API"},
        "admin.nav.orgs": {"en": "All organisations", "ru": "Все организации"},
        "admin.orgs.title": {"en": "Your organisations", "ru": "Ваши организации"},
        "admin.orgs.none": {
            "en": "You do not belong to any organisation yet.",
            "ru": "Вы пока не состоите ни в одной организации.",
        },
        "admin.orgs.roles": {"en": "Your roles", "ru": "Ваши роли"},
        "admin.orgs.create": {"en": "New organisation", "ru": "Новая организация"},
        "admin.orgs.name": {"en": "Name", "ru": "Название"},
        "admin.orgs.founded": {"en": "Founded (year)", "ru": "Год основания"},
        "admin.orgs.sector": {"en": "Sector", "ru": "Отрасль"},
        "admin.orgs.submit": {"en": "Create", "ru": "Создать"},
        "admin.error": {"en": "Not done:", "ru": "Не выполнено:"},
        "admin.overview.title": {"en": "Overview", "ru": "Обзор"},
        "admin.overview.no_waves": {"en": "No waves yet.", "ru": "Волн пока нет."},
        "admin.wave.label": {"en": "Wave", "ru": "Волна"},
        "admin.wave.instrument": {"en": "Instrument", "ru": "Опросник"},
        "admin.wave.mode": {"en": "Privacy", "ru": "Конфиденциальность"},
        "admin.wave.audience": {"en": "Audience", "ru": "Аудитория"},
        "admin.wave.status": {"en": "Status", "ru": "Статус"},
        "admin.wave.opens_on": {"en": "Opens on", "ru": "Открывается"},
        "admin.wave.closes_on": {"en": "Closes on", "ru": "Закрывается"},
        "admin.wave.invited": {"en": "Invited", "ru": "Приглашено"},
        "admin.wave.started": {"en": "Started", "ru": "Начали"},
        "admin.wave.completed": {"en": "Completed", "ru": "Завершили"},
        "admin.wave.rate": {"en": "Response rate", "ru": "Доля ответивших"},
        "admin.wave.status.draft": {"en": "draft", "ru": "черновик"},
        "admin.wave.status.open": {"en": "open", "ru": "открыта"},
        "admin.wave.status.closed": {"en": "closed", "ru": "закрыта"},
        "admin.wave.mode.anonymous": {"en": "anonymous", "ru": "анонимная"},
        "admin.wave.mode.confidential": {"en": "confidential", "ru": "конфиденциальная"},
        "admin.wave.mode.identified": {"en": "identified", "ru": "персональная"},
        "admin.wave.mode.default": {
            "en": "the instrument's default",
            "ru": "как задано в опроснике",
        },
        "admin.waves.title": {"en": "Waves", "ru": "Волны опросов"},
        "admin.waves.new": {"en": "New wave", "ru": "Новая волна"},
        "admin.waves.audience_hint": {
            "en": "all, or department:PATH (for example department:Sales/Moscow)",
            "ru": "all или department:ПУТЬ (например department:Продажи/Москва)",
        },
        "admin.waves.create": {"en": "Create the wave", "ru": "Создать волну"},
        "admin.wave.open": {"en": "Open the wave", "ru": "Открыть волну"},
        "admin.wave.close": {"en": "Close the wave", "ru": "Закрыть волну"},
        "admin.wave.remind": {
            "en": "New links for those who have not finished",
            "ru": "Новые ссылки для тех, кто не закончил",
        },
        "admin.wave.export": {"en": "Download responses", "ru": "Скачать ответы"},
        "admin.wave.live": {
            "en": "The counts update by themselves while this page is open.",
            "ru": "Числа обновляются сами, пока страница открыта.",
        },
        "admin.wave.refresh": {"en": "Refresh", "ru": "Обновить"},
        "admin.links.title": {
            "en": "Links of wave {wave}",
            "ru": "Ссылки волны {wave}",
        },
        "admin.links.once": {
            "en": "These links are shown once and cannot be shown again: only their "
            "fingerprints are stored. Copy them now.",
            "ru": "Эти ссылки показываются один раз и больше не будут доступны: хранятся "
            "только их отпечатки. Скопируйте их сейчас.",
        },
        "admin.links.reminder": {
            "en": "The earlier links of these people no longer work; answers they saved are kept.",
            "ru": "Прежние ссылки этих людей больше не действуют; сохранённые ответы остаются.",
        },
        "admin.links.shared": {"en": "Shared link", "ru": "Общая ссылка"},
        "admin.links.csv": {"en": "All links as CSV", "ru": "Все ссылки в формате CSV"},
        "admin.links.respondent": {"en": "Respondent", "ru": "Респондент"},
        "admin.links.link": {"en": "Link", "ru": "Ссылка"},
        "admin.links.back": {"en": "To the wave", "ru": "К волне"},
        "admin.people.title": {"en": "People", "ru": "Сотрудники"},
        "admin.contacts.title": {"en": "Contacts", "ru": "Контакты"},
        "admin.people.count": {"en": "{n} in total", "ru": "всего: {n}"},
        "admin.people.id": {"en": "Id", "ru": "Код"},
        "admin.people.name": {"en": "Name", "ru": "ФИО"},
        "admin.people.email": {"en": "E-mail", "ru": "Почта"},
        "admin.people.department": {"en": "Department", "ru": "Подразделение"},
        "admin.people.manager": {"en": "Manager", "ru": "Руководитель"},
        "admin.people.role": {"en": "Position", "ru": "Должность"},
        "admin.contacts.kind": {"en": "Group", "ru": "Группа"},
        "admin.contacts.company": {"en": "Company", "ru": "Компания"},
        "admin.contacts.person": {"en": "Person", "ru": "Контактное лицо"},
        "admin.import.title": {"en": "Import a file", "ru": "Загрузка файла"},
        "admin.import.file": {"en": "CSV or XLSX file", "ru": "Файл CSV или XLSX"},
        "admin.import.check": {
            "en": "Only check the file, write nothing",
            "ru": "Только проверить файл, ничего не записывать",
        },
        "admin.import.submit": {"en": "Import", "ru": "Загрузить"},
        "admin.import.no_file": {"en": "Choose a file first.", "ru": "Сначала выберите файл."},
        "admin.import.bad_type": {
            "en": "Only CSV and XLSX files can be imported.",
            "ru": "Загружать можно только файлы CSV и XLSX.",
        },
        "admin.import.too_big": {"en": "The file is too large.", "ru": "Файл слишком большой."},
        "admin.import.done": {
            "en": "{rows} rows: {created} new, {updated} changed, {unchanged} unchanged.",
            "ru": "Строк: {rows}; новых: {created}, изменено: {updated}, без изменений: "
            "{unchanged}.",
        },
        "admin.import.checked": {
            "en": "The file is fine; nothing was written.",
            "ru": "Файл в порядке; ничего не записано.",
        },
        "admin.import.rejected": {
            "en": "The file was not imported, nothing was written. Problems:",
            "ru": "Файл не загружен, ничего не записано. Ошибки:",
        },
        "admin.import.row": {"en": "Row", "ru": "Строка"},
        "admin.import.column": {"en": "Column", "ru": "Столбец"},
        "admin.import.reason": {"en": "Problem", "ru": "Ошибка"},
        "admin.instruments.title": {"en": "Instruments", "ru": "Опросники"},
        "admin.instruments.items": {"en": "Items", "ru": "Вопросов"},
        "admin.instruments.stakeholder": {"en": "Who answers", "ru": "Кто отвечает"},
        "admin.instruments.scales": {"en": "Scales", "ru": "Шкалы"},
        "admin.users.title": {"en": "Users and roles", "ru": "Пользователи и роли"},
        "admin.users.email": {"en": "E-mail", "ru": "Почта"},
        "admin.users.role": {"en": "Role", "ru": "Роль"},
        "admin.users.remove": {"en": "Remove the role", "ru": "Снять роль"},
        "admin.users.add": {"en": "Give a role", "ru": "Назначить роль"},
        "admin.users.password": {
            "en": "First password (only for a new user; at least 12 characters)",
            "ru": "Первый пароль (только для нового пользователя; не короче 12 символов)",
        },
        "admin.tokens.title": {"en": "Personal API tokens", "ru": "Личные токены API"},
        "admin.tokens.intro": {
            "en": "A token lets a script use the API with your roles. It is shown once.",
            "ru": "Токен даёт сценарию доступ к API с вашими ролями. Он показывается один раз.",
        },
        "admin.tokens.name": {"en": "Name", "ru": "Название"},
        "admin.tokens.created": {"en": "Created", "ru": "Создан"},
        "admin.tokens.used": {"en": "Last used", "ru": "Использован"},
        "admin.tokens.revoked": {"en": "revoked", "ru": "отозван"},
        "admin.tokens.revoke": {"en": "Revoke", "ru": "Отозвать"},
        "admin.tokens.create": {"en": "Create a token", "ru": "Создать токен"},
        "admin.tokens.new": {
            "en": "Your new token (copy it now, it will not be shown again):",
            "ru": "Ваш новый токен (скопируйте сейчас, больше он показан не будет):",
        },
        "admin.dash.title": {"en": "Dashboards", "ru": "Панели"},
        "admin.dash.open": {"en": "Results", "ru": "Результаты"},
        "admin.dash.heatmap": {
            "en": "Scores by department",
            "ru": "Оценки по подразделениям",
        },
        "admin.dash.whole": {"en": "Whole wave", "ru": "Вся волна"},
        "admin.dash.department": {"en": "Department", "ru": "Подразделение"},
        "admin.dash.respondents": {"en": "Respondents", "ru": "Ответивших"},
        "admin.dash.hidden": {"en": "hidden", "ru": "скрыто"},
        "admin.dash.guard": {
            "en": "A figure is shown only for a group of at least {k} respondents, and "
            "hidden wherever it would let a smaller group be worked out by subtraction.",
            "ru": "Показатель виден только для группы не меньше {k} человек и скрыт везде, "
            "где по нему можно вычислить группу меньше этой.",
        },
        "admin.dash.legend": {
            "en": "Each cell shows its value; the shade only repeats it (darker is higher "
            "on the figure's range). Scales are means on their answer range; NPS is from "
            "−100 to 100.",
            "ru": "В каждой ячейке написано значение; оттенок лишь повторяет его (темнее — "
            "выше в пределах шкалы). Шкалы — средние по диапазону ответов; NPS — от −100 "
            "до 100.",
        },
        "admin.dash.no_figures": {
            "en": "This instrument has no scales or NPS items to show.",
            "ru": "В этом опроснике нет шкал и вопросов NPS.",
        },
        "admin.dash.trend": {"en": "Across waves", "ru": "По волнам"},
        "admin.dash.index": {
            "en": "Customer-orientation index",
            "ru": "Индекс клиентоориентированности",
        },
        "admin.dash.nps_abc": {"en": "NPS by ABC class", "ru": "NPS по классам ABC"},
        "admin.not_yet": {
            "en": "This analysis is not available yet. It will appear here once this "
            "version of orientir can compute it; no figures are shown until then.",
            "ru": "Этот анализ пока недоступен. Он появится здесь, когда эта версия "
            "orientir научится его рассчитывать; до тех пор никаких цифр не показывается.",
        },
        "admin.not_yet.customers": {
            "en": "Customers: ABC, XYZ, RFM and lifetime value",
            "ru": "Клиенты: ABC, XYZ, RFM и пожизненная ценность",
        },
        "admin.not_yet.program": {"en": "Change program", "ru": "Программа изменений"},
        "admin.not_yet.reports": {"en": "Reports", "ru": "Отчёты"},
        "admin.not_yet.cases": {
            "en": "Cases of unhappy customers",
            "ru": "Обращения недовольных клиентов",
        },
    }
)

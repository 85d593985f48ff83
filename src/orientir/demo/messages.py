"""The demo's summary lines in English and Russian (``orientir --lang ru demo``)."""

from __future__ import annotations

from orientir.i18n import register

register(
    {
        "demo.scores.scale": {
            "en": "{scale}: {before} → {after} (alpha {alpha}) from {first} to {last}",
            "ru": "{scale}: {before} → {after} (альфа {alpha}) с {first} по {last}",
        },
        "demo.scores.enps": {
            "en": "eNPS {before} → {after}; {cells} department cells, {hidden} suppressed under "
            "k = 5",
            "ru": "eNPS {before} → {after}; ячеек по подразделениям: {cells}, скрыто при k = 5: "
            "{hidden}",
        },
        "demo.transactions": {
            "en": "{rows} transactions of {customers} customers written to {file} "
            "(Windows-1251, ';', decimal commas)",
            "ru": "операций: {rows}, клиентов: {customers}; записаны в {file} "
            "(Windows-1251, «;», десятичные запятые)",
        },
        "demo.index.value": {
            "en": "Index ({model}): {value} (95% CI {low}–{high}) from {waves} waves",
            "ru": "Индекс ({model}): {value} (95% ДИ {low}–{high}) по {waves} волнам",
        },
        "demo.index.trend": {"en": "Trend: {points}", "ru": "Динамика: {points}"},
        "demo.readiness.at_risk_rules": {
            "en": "; at risk: rules {rules}",
            "ru": "; под угрозой правила {rules}",
        },
        "demo.portfolio.orgs": {"en": "{n} organisations", "ru": "организаций: {n}"},
        "demo.reports": {
            "en": "{files} (report in Russian and English): {verdict}",
            "ru": "{files} (отчёт на русском и английском): {verdict}",
        },
        "demo.reports.no_pdf": {
            "en": "{file} not written: PDF output needs Pango (Debian: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)",
            "ru": "{file} не записан: для PDF нужна библиотека Pango (Debian: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)",
        },
        "demo.customers.imported": {
            "en": "Imported {n} transactions of {customers} customers from the 1C export",
            "ru": "Из выгрузки 1С импортировано операций: {n}, клиентов: {customers}",
        },
        "demo.customers.abc": {
            "en": "ABC: {classes} customers",
            "ru": "ABC: {classes} клиентов",
        },
        "demo.customers.models": {
            "en": "BG/NBD r={r} α={alpha} a={a} b={b}; 12-month CLV of the base {clv} ₽",
            "ru": "BG/NBD r={r} α={alpha} a={a} b={b}; CLV базы на 12 месяцев {clv} ₽",
        },
        "demo.customers.voice": {
            "en": "NPS by ABC class: {nps}; detractors among A customers: {detractors}",
            "ru": "NPS по классам ABC: {nps}; критиков среди клиентов A: {detractors}",
        },
        "demo.customers.hidden": {"en": "hidden", "ru": "скрыто"},
        "demo.comments": {
            "en": "{n} comments in {waves} waves ({languages}); {themes} themes found",
            "ru": "комментариев: {n}, волн: {waves} ({languages}); найдено тем: {themes}",
        },
        "demo.program.initiatives": {
            "en": "{n} initiatives owned by a driver team of {drivers}",
            "ru": "инициатив: {n}; в команде изменений человек: {drivers}",
        },
        "demo.program.cases": {
            "en": "{n} advocate cases opened from the latest customer wave (by priority: "
            "{priorities}), {advocates} advocates",
            "ru": "обращений открыто по последней клиентской волне: {n} (по приоритетам: "
            "{priorities}), защитников клиентов: {advocates}",
        },
        "demo.step.scores": {"en": "Scores", "ru": "Шкалы"},
        "demo.step.index": {
            "en": "Customer-orientation index",
            "ru": "Индекс клиентоориентированности",
        },
        "demo.step.readiness": {"en": "The 13 rules", "ru": "13 правил"},
        "demo.step.portfolio": {"en": "Portfolio", "ru": "Портфель"},
        "demo.step.transactions": {"en": "Transactions", "ru": "Операции"},
        "demo.step.customers": {"en": "Customers", "ru": "Клиенты"},
        "demo.step.comments": {"en": "Comments", "ru": "Комментарии"},
        "demo.step.program": {"en": "Change program", "ru": "Программа изменений"},
        "demo.step.reports": {"en": "Reports", "ru": "Отчёты"},
    }
)

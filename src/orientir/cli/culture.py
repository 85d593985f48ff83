"""``orientir culture``: the culture profile, the cultural web, change, and the link.

One call of :func:`orientir.services.culture.culture_overview`; ``--json`` prints its full
result (stdout: JSON only), otherwise a short report in the chosen language.
"""

from __future__ import annotations

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.culture import TYPES, CultureReport, LinkResult
from orientir.i18n import register, t
from orientir.services.culture import culture_overview
from orientir.services.database import open_app_database

register(
    {
        f"cli.culture.{key}": {"en": en, "ru": ru}
        for key, (en, ru) in {
            "profile": (
                "Culture profile of {org}, wave {wave}",
                "Профиль культуры {org}, волна {wave}",
            ),
            "respondents": ("{n} respondents", "респондентов: {n}"),
            "hidden": ("hidden: fewer than k respondents", "скрыто: меньше k респондентов"),
            "type": ("Type", "Тип"),
            "now": ("Now", "Сейчас"),
            "pref": ("Preferred", "Желаемое"),
            "gap": ("Gap (CI)", "Разрыв (ДИ)"),
            "verdict": ("Verdict", "Вывод"),
            "dominant": (
                "Dominant now: {now} (+{lead:.1f} over {second}{clear}); preferred: {pref}.",
                "Доминирует сейчас: {now} (+{lead:.1f} к типу «{second}»{clear}); "
                "желаемый: {pref}.",
            ),
            "unclear": (", not clearly", ", без явного перевеса"),
            "consistency": (
                "Consistency of the six dimensions: Kendall's W = {w:.2f}; {agree} of {dims} "
                "put the dominant type first.",
                "Согласованность шести измерений: W Кендалла = {w:.2f}; {agree} из {dims} "
                "ставят доминирующий тип первым.",
            ),
            "web": ("Cultural web", "Культурная паутина"),
            "element": ("Element", "Элемент"),
            "mean": ("Mean 1–5", "Среднее 1–5"),
            "agree": ("Agree", "Согласны"),
            "weakest": (
                "Weakest element: {weak}; strongest: {strong}.",
                "Слабейший элемент: {weak}; сильнейший: {strong}.",
            ),
            "departments": ("Departments", "Подразделения"),
            "department": ("Department", "Подразделение"),
            "change": ("Change since {before}", "Изменение с волны {before}"),
            "measure": ("Measure", "Показатель"),
            "difference": ("Difference (CI)", "Разница (ДИ)"),
            "link": ("Culture and customer orientation", "Культура и клиентоориентированность"),
            "lagged": (
                "Does culture predict the next wave's index?",
                "Предсказывает ли культура индекс следующей волны?",
            ),
            "portfolio": ("Across organisations", "По организациям"),
        }.items()
    }
)

app = typer.Typer(help="Organisational culture and its link with customer orientation.")


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _profile(report: CultureReport, lang: str) -> None:
    out = console()
    latest = report.latest
    cell = latest.organisation
    out.print(f"[bold]{t('cli.culture.profile', lang, org=report.org, wave=latest.wave)}[/]")
    if cell.suppressed:
        out.print(t("cli.culture.hidden", lang))
        return
    out.print(t("cli.culture.respondents", lang, n=cell.n))
    table = Table(*(t(f"cli.culture.{c}", lang) for c in ("type", "now", "pref", "gap", "verdict")))
    for figure in cell.types:
        ci = figure.gap_ci
        gap = f"{figure.gap:+.1f}" + (f" ({ci[0]:+.1f}…{ci[1]:+.1f})" if ci else "")
        table.add_row(
            t(f"culture.type.{figure.type}", lang),
            _fmt(figure.now),
            _fmt(figure.pref),
            gap + (" *" if figure.notable else ""),
            figure.gap_verdict or "—",
        )
    out.print(table)
    if cell.dominant_now and cell.dominant_pref and cell.consistency_now:
        now = cell.dominant_now
        out.print(
            t(
                "cli.culture.dominant",
                lang,
                now=t(f"culture.type.{now.type}", lang),
                lead=now.strength,
                second=t(f"culture.type.{now.runner_up}", lang),
                clear="" if now.clear else t("cli.culture.unclear", lang),
                pref=t(f"culture.type.{cell.dominant_pref.type}", lang),
            )
        )
        c = cell.consistency_now
        out.print(
            t("cli.culture.consistency", lang, w=c.kendall_w, agree=c.agreeing, dims=c.dimensions)
        )


def _web(report: CultureReport, lang: str) -> None:
    cell = report.web[-1].organisation
    if cell.suppressed:
        return
    out = console()
    out.print(f"\n[bold]{t('cli.culture.web', lang)}[/]")
    table = Table(*(t(f"cli.culture.{c}", lang) for c in ("element", "mean", "agree")))
    for e in (*cell.elements, *([cell.overall] if cell.overall else [])):
        share = "—" if e.share_agree is None else f"{e.share_agree:.0%}"
        table.add_row(e.element, _fmt(e.mean, 2), share)
    out.print(table)
    out.print(
        t("cli.culture.weakest", lang, weak=cell.weakest or "—", strong=cell.strongest or "—")
    )


def _departments(report: CultureReport, lang: str) -> None:
    cells = report.latest.cells[1:]
    if not cells:
        return
    out = console()
    out.print(f"\n[bold]{t('cli.culture.departments', lang)}[/]")
    table = Table(
        t("cli.culture.department", lang), "n", *(t(f"culture.type.{k}", lang) for k in TYPES)
    )
    for cell in cells:
        if cell.suppressed:
            table.add_row(cell.group, "—", *("—" for _ in TYPES))
            continue
        table.add_row(cell.group, str(cell.n), *(_fmt(cell.type(k).now) for k in TYPES))
    out.print(table)


def _change(report: CultureReport, lang: str, by_department: bool) -> None:
    rows = (
        [r for r in report.change if r.before == report.change[-1].before] if report.change else []
    )
    rows = [r for r in rows if r.group == "" or (by_department and r.verdict != "stable")]
    if not rows:
        return
    out = console()
    out.print(f"\n[bold]{t('cli.culture.change', lang, before=rows[0].before)}[/]")
    table = Table(
        t("cli.culture.department", lang),
        t("cli.culture.measure", lang),
        t("cli.culture.difference", lang),
        t("cli.culture.verdict", lang),
    )
    for r in rows:
        table.add_row(
            r.group or "—",
            r.measure,
            f"{r.difference:+.1f} ({r.ci[0]:+.1f}…{r.ci[1]:+.1f})",
            r.verdict,
        )
    out.print(table)


def _link(link: LinkResult | None, lang: str, title: str) -> None:
    if link is None:
        return
    out = console()
    out.print(f"\n[bold]{t(title, lang)}[/]")
    for effect in link.effects:
        if effect.sentence is not None:
            out.print(f"• {effect.sentence.text(lang)}")
        if effect.warning is not None and effect.sentence is not None:
            out.print(f"  [yellow]{effect.warning.text(lang)}[/]")
    skipped = {e.warning.text(lang) for e in link.effects if e.sentence is None and e.warning}
    for text in sorted(skipped):
        out.print(f"  [yellow]{text}[/]")
    out.print(f"\n[bold]{t('cli.culture.lagged', lang)}[/]")
    for lag in link.lagged:
        if lag.sentence is not None:
            out.print(f"• {lag.sentence.text(lang)}")
            if lag.warning is not None:
                out.print(f"  [yellow]{lag.warning.text(lang)}[/]")
    skipped = {e.warning.text(lang) for e in link.lagged if e.sentence is None and e.warning}
    for text in sorted(skipped):
        out.print(f"  [yellow]{text}[/]")
    for note in link.notes:
        out.print(f"[dim]{note.text(lang)}[/]")


@app.callback(invoke_without_command=True)
def culture(
    ctx: typer.Context,
    org: list[str] = typer.Option(
        ..., "--org", help="Organisation: short name, name or id. Repeat to compare several."
    ),
    by: str | None = typer.Option(None, "--by", help="department: per department too."),
    model: str = typer.Option(
        "stakeholder", "--model", help="Index model for the link: a built-in id or a YAML file."
    ),
    keep_culture: bool = typer.Option(
        False,
        "--keep-culture-components",
        help="Keep the index components measured by the culture survey in the link "
        "(they make culture correlate with itself).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Culture profile (now, preferred, gap), cultural web, change and the culture–index link."""
    if by not in (None, "department"):
        raise typer.BadParameter("--by takes 'department'")
    settings = settings_from(ctx)
    overview = culture_overview(
        open_app_database(settings),
        orgs=org,
        by_department=by == "department",
        model=model,
        k=settings.min_group_size,
        exclude_culture=not keep_culture,
    )
    if as_json:
        emit_json(overview.to_dict())
        return
    lang = settings.lang
    for report in overview.reports:
        _profile(report, lang)
        _web(report, lang)
        if by == "department":
            _departments(report, lang)
        _change(report, lang, by == "department")
        _link(report.link, lang, "cli.culture.link")
        console().print()
    _link(overview.portfolio, lang, "cli.culture.portfolio")

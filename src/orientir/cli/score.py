"""``orientir score``: scale scores, NPS and reliability of one wave, guarded per group."""

from __future__ import annotations

from dataclasses import asdict

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.cli.messages import columns
from orientir.i18n import t
from orientir.services.database import open_app_database
from orientir.services.scoring import score_wave
from orientir.stats.guard import REASON_COMPLEMENT, REASON_FILTER, REASON_OVERLAP, REASON_SMALL


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


# The guard's reasons (English in the data) as message keys, for the reader's language.
REASONS = {
    REASON_SMALL: "cli.reason.small",
    REASON_COMPLEMENT: "cli.reason.complement",
    REASON_FILTER: "cli.reason.filter",
    REASON_OVERLAP: "cli.reason.overlap",
}


def _cell(value: object, column: str, lang: str) -> str:
    if value is None:
        return "—"
    if column == "reason" and isinstance(value, str):
        return "; ".join(
            t(REASONS[part], lang) if part in REASONS else part for part in value.split("; ")
        )
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def score(
    ctx: typer.Context,
    wave: str = typer.Option(..., "--wave", help="Wave label or id."),
    org: str = typer.Option(..., "--org", help="Organisation: short name, name or id."),
    by: str | None = typer.Option(None, "--by", help="Group by department, stakeholder or tenure."),
    tenure: str | None = typer.Option(
        None, "--tenure", help="With --by department: only one tenure band (<1y, 1-3y, 3-5y, 5y+)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Scale scores, NPS and reliability of a wave; groups under k are suppressed.

    Group figures are guarded together with every other table of the instrument's waves, so
    no two figures a reader can obtain differ by fewer than k people (docs/anonymity.md).
    """
    settings = settings_from(ctx)
    result = score_wave(
        open_app_database(settings),
        org=org,
        wave=wave,
        by=by,
        k=settings.min_group_size,
        tenure=tenure,
    )
    if as_json:
        emit_json(asdict(result))
        return
    out = console()
    lang = settings.lang
    out.print(
        t(
            "cli.score.header",
            lang,
            wave=result.wave,
            instrument=result.instrument,
            n=result.responses,
            k=result.k,
        )
    )
    table = Table(*columns("cli.score.columns", lang))
    for s in result.scales:
        ci = f"{s.alpha_ci[0]:.2f}–{s.alpha_ci[1]:.2f}" if s.alpha_ci else "—"
        table.add_row(
            s.title.get(lang, s.scale),
            str(s.n),
            _number(s.mean),
            _number(s.sd),
            _number(s.alpha),
            ci,
        )
    out.print(table)
    for n in result.nps:
        ci = ""
        if n.ci:
            ci = t("cli.score.nps_ci", lang, low=f"{n.ci[0]:.0f}", high=f"{n.ci[1]:.0f}")
        out.print(t("cli.score.nps", lang, item=n.item, nps=_number(n.nps, 0), ci=ci, n=n.n))
    if result.groups:
        shown = [c for c in result.groups[0] if c not in {"parent", "suppressed"}]
        headers = {"group": t("cli.score.group", lang), "reason": t("cli.score.reason", lang)}
        groups = Table(*(headers.get(c, c) for c in shown))
        for row in result.groups:
            groups.add_row(*(_cell(row[c], c, lang) for c in shown))
        out.print(groups)
        out.print(t("cli.score.groups_note", lang))

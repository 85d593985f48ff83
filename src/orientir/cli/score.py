"""``orientir score``: scale scores, NPS and reliability of one wave, guarded per group."""

from __future__ import annotations

from dataclasses import asdict

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.services.database import open_app_database
from orientir.services.scoring import score_wave


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


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
    out.print(f"{result.wave} ({result.instrument}): {result.responses} responses, k = {result.k}")
    table = Table("scale", "n", "mean", "sd", "alpha", "alpha 95% CI")
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
        ci = f" (95% CI {n.ci[0]:.0f} to {n.ci[1]:.0f})" if n.ci else ""
        out.print(f"NPS of {n.item}: {_number(n.nps, 0)}{ci}, n = {n.n}")
    if result.groups:
        columns = [c for c in result.groups[0] if c not in {"parent", "suppressed"}]
        groups = Table(*columns)
        for row in result.groups:
            groups.add_row(
                *(
                    "—"
                    if row[c] is None
                    else f"{row[c]:.2f}"
                    if isinstance(row[c], float)
                    else str(row[c])
                    for c in columns
                )
            )
        out.print(groups)

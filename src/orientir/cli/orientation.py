"""``orientir index``, ``readiness``, ``trajectory`` and ``portfolio``: the indicator and the
13 rules, for one organisation or across a consultant's portfolio."""

from __future__ import annotations

from typing import cast

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.i18n import t
from orientir.orientation.index_results import By
from orientir.services import orientation as service
from orientir.services.database import open_app_database

ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
MODEL = typer.Option(None, "--model", help="stakeholder, service-quarter or a YAML file.")


def _ci(ci: object) -> str:
    if not ci:
        return ""
    low, high = cast(tuple[float, float], ci)
    return f" (95% CI {low:.1f}–{high:.1f})"


def index(
    ctx: typer.Context,
    org: str = ORG,
    model: str | None = MODEL,
    wave: list[str] | None = typer.Option(
        None,
        "--wave",
        help="Waves to use (repeatable); default: the latest wave of each instrument.",
    ),
    by: str | None = typer.Option(None, "--by", help="department or stakeholder."),
    compare: str | None = typer.Option(
        None, "--compare", help="Models side by side, e.g. stakeholder,service-quarter."
    ),
    as_json: bool = JSON,
) -> None:
    """The customer-orientation index with a bootstrap interval, guarded per group."""
    settings = settings_from(ctx)
    db = open_app_database(settings)
    lang, k = settings.lang, settings.min_group_size
    if by not in (None, "department", "stakeholder"):
        raise typer.BadParameter("--by must be department or stakeholder")
    if compare:
        comparison = service.compare_index_models(
            db,
            org=org,
            models=[m.strip() for m in compare.split(",")],
            waves=wave,
            by=cast(By, by or "department"),
            k=k,
        )
        if as_json:
            emit_json(comparison.to_dict())
            return
        out = console()
        for result in comparison.results:
            out.print(f"{result.model_title.get(lang)}: {_value(result.to_dict())}")
        out.print(comparison.summary.text(lang))
        return
    result = service.organisation_index(
        db, org=org, model=model, waves=wave, by=cast(By | None, by), k=k
    )
    data = result.to_dict()
    if as_json:
        emit_json(data)
        return
    out = console()
    out.print(f"[bold]{result.model_title.get(lang)}[/] — {result.org}, as of {result.as_of}")
    out.print(f"Index: {_value(data)}")
    table = Table("component", "weight", "n", "value")
    for c in data["components"]:
        table.add_row(
            c["title"][lang],
            f"{c['weight']:.2f}",
            str(c["n"] or "—"),
            "—" if c["value"] is None else f"{c['value']:.1f}{_ci(c['ci'])}",
        )
    out.print(table)
    if data.get("groups"):
        groups = Table("group", "n", "index", "note")
        for g in data["groups"]:
            groups.add_row(
                g["group"],
                str(g["n"] or "—"),
                "—" if g["value"] is None else f"{g['value']:.1f}{_ci(g['ci'])}",
                g["reason"] or "",
            )
        out.print(groups)


def _value(data: dict[str, object]) -> str:
    block = cast(dict[str, object], data["index"])
    value = block.get("value")
    if value is None:
        return f"not shown ({block.get('reason')})"
    return f"{cast(float, value):.1f}{_ci(block.get('ci'))}"


def readiness(ctx: typer.Context, org: str = ORG, as_json: bool = JSON) -> None:
    """Each of the 13 rules judged from evidence, with the commentator's counterpoint."""
    settings = settings_from(ctx)
    result = service.organisation_readiness(open_app_database(settings), org=org)
    if as_json:
        emit_json(result.to_dict())
        return
    out, lang = console(), settings.lang
    for rule in result.rules:
        status = t(f"orientation.status.{rule.status.replace(' ', '_')}", lang)
        out.print(f"\n[bold]{rule.rule}. {rule.statement.text(lang)}[/] — {status}")
        out.print(f"   {rule.finding.text(lang)}")
        for evidence in rule.evidence:
            value = evidence.value
            shown = f"{value:.1f}" if isinstance(value, float) else str(value)
            out.print(f"   · {evidence.label.text(lang)}: {shown}")
        out.print(f"   [italic]{rule.counterpoint.text(lang)}[/]")
        if rule.settle is not None:
            out.print(f"   → {rule.settle.text(lang)}")


def trajectory(
    ctx: typer.Context,
    org: str = ORG,
    target: float = typer.Option(70.0, "--target", help="The index value to reach (0–100)."),
    model: str | None = MODEL,
    as_json: bool = JSON,
) -> None:
    """When the index reaches its target: a quarter with an interval, or why not."""
    settings = settings_from(ctx)
    result = service.organisation_trajectory(
        open_app_database(settings), org=org, target=target, model=model, k=settings.min_group_size
    )
    if as_json:
        emit_json(result.to_dict())
        return
    out = console()
    for point in result.points:
        out.print(f"  {point.label}: {point.value:.1f}")
    out.print(result.summary.text(settings.lang))


def portfolio(ctx: typer.Context, model: str | None = MODEL, as_json: bool = JSON) -> None:
    """The rules as hypotheses across every organisation (a consultant's view)."""
    settings = settings_from(ctx)
    result = service.portfolio_hypotheses(
        open_app_database(settings), model=model, k=settings.min_group_size
    )
    if as_json:
        emit_json(result.to_dict())
        return
    out = console()
    out.print(f"{result.n_orgs} organisations")
    for effect in result.effects:
        out.print(f"· {effect.sentence.text(settings.lang)}")

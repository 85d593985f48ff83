"""``orientir report``: the executive report as one HTML file or a PDF, in Russian or English."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from orientir.cli import messages as _messages  # noqa: F401  (registers texts)
from orientir.cli._common import console, settings_from
from orientir.config import LANGUAGES
from orientir.i18n import t
from orientir.services.database import open_app_database
from orientir.services.report import ReportOptions, build_report, output_format, render


def report(
    ctx: typer.Context,
    org: str = typer.Option(..., "--org", help="Organisation: short name, name or id."),
    out: Path = typer.Option(..., "--out", help="The file to write: FILE.html or FILE.pdf."),
    wave: list[str] | None = typer.Option(
        None,
        "--wave",
        help="Waves behind the current figures (repeatable); default: the latest of each "
        "questionnaire.",
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="Language of the report: ru or en (default: the root --lang)."
    ),
    transactions: Path | None = typer.Option(
        None,
        "--transactions",
        help="A transaction log file (CSV, XLSX or Parquet) for the customer base; default: the "
        "log stored with `orientir customers import`.",
    ),
    model: str | None = typer.Option(
        None, "--model", help="Index model: stakeholder, service-quarter or a YAML file."
    ),
    target: float = typer.Option(70.0, "--target", help="The index target of the trajectory."),
) -> None:
    """Write the executive report: the index, its trend, the 13 rules, the customer base."""
    settings = settings_from(ctx)
    chosen = lang or settings.lang
    if chosen not in LANGUAGES:
        raise typer.BadParameter("--lang must be ru or en")
    output = output_format(out)  # refuse a wrong suffix before any work
    options = ReportOptions(
        org=org,
        waves=tuple(wave or ()),
        model=model,
        transactions=transactions,
        k=settings.min_group_size,
        comment_k=settings.min_comment_group,
        target=target,
    )
    out_console = console()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=out_console,
        transient=True,
    ) as bar:
        task = bar.add_task(t("cli.report.reading", chosen), total=None)

        def step(what: str) -> None:
            bar.update(task, description=what)

        data = build_report(
            open_app_database(settings), options, limits=settings.limits, progress=step
        )
        step(t("cli.report.writing", chosen, format=output.upper()))
        out.write_bytes(render(data, output=output, lang=chosen))
    out_console.print(
        t("cli.report.written", chosen, org=data.meta.org, as_of=data.meta.as_of, file=out)
    )

"""``orientir demo``: build a realistic portfolio, run every analysis, show where to look."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from orientir.cli import messages as _messages  # noqa: F401  (registers texts)
from orientir.cli._common import console, lang_of
from orientir.cli.serve import run_server
from orientir.config import load_settings
from orientir.demo.run import DemoOptions, demo_sign_in, run_demo
from orientir.i18n import t


def demo(
    ctx: typer.Context,
    companies: int = typer.Option(
        12,
        "--companies",
        min=8,
        help="Peer companies besides the focal one (the consultant's portfolio).",
    ),
    seed: int = typer.Option(2026, "--seed", help="Random seed; the same seed, the same demo."),
    out: Path = typer.Option(
        Path("orientir-demo"), "--out", help="Folder for the database, reports and results."
    ),
    serve: bool = typer.Option(
        False, "--serve", help="Then serve the web application on the demo database."
    ),
    port: int = typer.Option(8000, "--port", help="Port for --serve."),
) -> None:
    """Generate a focal company and a portfolio, store them, analyse them, write reports."""
    lang = lang_of(ctx)
    out_console = console()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=out_console,
        transient=True,
    ) as bar:
        task = bar.add_task(t("cli.demo.starting", lang), total=None)
        result = run_demo(
            DemoOptions(out=out, seed=seed, companies=companies, lang=lang),
            lambda what: bar.update(task, description=what),
        )
    out_console.print(
        t(
            "cli.demo.header",
            lang,
            companies=result.companies,
            responses=result.responses,
            transactions=result.transactions,
            seconds=f"{result.seconds:.0f}",
        )
    )
    for name, step in result.steps.items():
        out_console.print(f"\n[bold]{t('demo.step.' + name, lang)}[/]")
        for line in step.lines:
            out_console.print(f"  {line}")
    out_console.print("\n" + t("cli.demo.where", lang, out=out, database=result.database.name))
    out_console.print(t("cli.demo.explore", lang, database=result.database))
    if serve:
        email, password = demo_sign_in(result.database)
        out_console.print(
            "\n" + t("cli.demo.sign_in", lang, port=port, email=email, password=password)
        )
        run_server(load_settings(db=str(result.database)), host="127.0.0.1", port=port)

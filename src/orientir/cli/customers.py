"""``orientir customers``: analyses of a transaction log read straight from a file or a
warehouse table.

Each command reads the file (CSV, XLSX or Parquet; every bad row reported, nothing partial)
and runs one analysis on DuckDB or a local Spark — or, with ``--table NAME --warehouse URL``,
runs it where the table lives (PostgreSQL, DuckDB, any engine Ibis connects to) — and prints
a short report — or the full
per-customer table with ``--json`` (JSON only on stdout) or ``--csv``. Progress goes to
stderr.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from orientir.cli import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.cli._common import console, error_console, settings_from
from orientir.cli.table_output import emit_csv_table, emit_json_table
from orientir.customers import RFM_SEGMENTS, AbcThresholds, XyzThresholds
from orientir.customers.run import AnalysisOptions, AnalysisResult
from orientir.customers.value import ValueOptions
from orientir.errors import InvalidInput
from orientir.i18n import register, t
from orientir.services.transactions import (
    ROLES,
    ColumnMapping,
    ReadOptions,
    analyse_file,
    analyse_table,
)

app = typer.Typer(help="Customer-base analytics of a transaction log.", no_args_is_help=True)

register(
    {
        f"customers.{key}": {"en": en, "ru": ru}
        for key, (en, ru) in {
            "step.read": ("Reading the file", "Чтение файла"),
            "step.engine": ("Starting the engine", "Запуск движка"),
            "step.compute": ("Computing", "Расчёт"),
            "step.fit": ("Fitting the models", "Оценка моделей"),
            "abc": ("ABC classes (share of revenue)", "ABC-классы (доля выручки)"),
            "xyz": (
                "XYZ classes (steadiness of monthly demand)",
                "XYZ-классы (стабильность месячного спроса)",
            ),
            "matrix": ("ABC×XYZ matrix: customers", "Матрица ABC×XYZ: клиенты"),
            "rfm": ("RFM segments", "RFM-сегменты"),
            "cohorts": ("Monthly cohort retention, %", "Удержание месячных когорт, %"),
            "summary": ("Buy-till-you-die summary", "Сводка для моделей BTYD"),
            "clv": ("Customer lifetime value", "Пожизненная ценность клиентов"),
            "class": ("Class", "Класс"),
            "segment": ("Segment", "Сегмент"),
            "customers": ("Customers", "Клиенты"),
            "revenue": ("Revenue", "Выручка"),
            "share": ("Share", "Доля"),
            "no_class": ("no class", "без класса"),
            "cohort": ("Cohort", "Когорта"),
            "size": ("Size", "Размер"),
            "top": ("Top customers", "Лучшие клиенты"),
            "param": ("Parameter", "Параметр"),
            "value": ("Value", "Значение"),
            "total_clv": ("Total CLV", "Суммарная CLV"),
            "repeat": ("with repeat purchases", "с повторными покупками"),
            "read": (
                "{rows} transactions read, engine {engine}",
                "Прочитано транзакций: {rows}, движок {engine}",
            ),
        }.items()
    }
)

INPUT = typer.Option(None, "--input", "-i", help="Transaction log: CSV, XLSX or Parquet.")
TABLE = typer.Option(
    None, "--table", help="Or a warehouse table (or view) read in place; needs --warehouse."
)
WAREHOUSE = typer.Option(
    None,
    "--warehouse",
    metavar="URL",
    help="Connection of --table: postgres://user@host/db, duckdb:///file.duckdb, … "
    "(the analysis runs there).",
)
JSON = typer.Option(False, "--json", help="Print the full result as JSON (stdout: JSON only).")
CSV = typer.Option(False, "--csv", help="Print the full result as CSV.")
COL = typer.Option(
    [],
    "--col",
    metavar="ROLE=HEADER",
    help="Name a column: customer_id=…, date=…, amount=…, order_id=…, product=…, channel=… "
    "(default: detected by name, English or Russian).",
)
DATE_FORMAT = typer.Option(None, "--date-format", help="strptime format, e.g. %d/%m/%Y.")
DECIMAL = typer.Option(None, "--decimal", help="Decimal separator: , or . (default: detect).")
RETURNS = typer.Option("keep", "--returns", help="Negative amounts: keep (as returns) or reject.")
ENGINE = typer.Option("duckdb", "--engine", help="duckdb (default) or spark (local).")
END = typer.Option(None, "--end", help="End of observation / RFM reference date (yyyy-mm-dd).")
BY = typer.Option("customer_id", "--by", help="Classify by customer_id or product.")


def _read_options(
    cols: list[str], date_format: str | None, decimal: str | None, returns: str
) -> ReadOptions:
    mapping: dict[str, str] = {}
    for item in cols:
        role, sep, header = item.partition("=")
        if not sep or role.strip() not in ROLES or not header.strip():
            raise InvalidInput(
                f"--col wants ROLE=HEADER with ROLE one of {', '.join(ROLES)}",
                key="err.customers.col_wants_role_header",
                params={"roles": ", ".join(ROLES)},
            )
        mapping[role.strip()] = header.strip()
    if decimal not in (None, ",", "."):
        raise InvalidInput("--decimal must be , or .", key="err.customers.decimal_must_be")
    if returns not in ("keep", "reject"):
        raise InvalidInput(
            "--returns must be keep or reject", key="err.customers.returns_must_keep_reject"
        )
    return ReadOptions(
        ColumnMapping(**mapping),
        date_format,
        "," if decimal == "," else "." if decimal == "." else None,
        "reject" if returns == "reject" else "keep",
    )


def _parse_end(end: str | None) -> date | None:
    if end is None:
        return None
    try:
        return date.fromisoformat(end)
    except ValueError:
        raise InvalidInput(
            f"--end must be a date yyyy-mm-dd, got {end!r}",
            key="err.customers.end_must_date_yyyy",
            params={"end": end},
        ) from None


def _source(path: Path | None, table: str | None, warehouse: str | None) -> Path | tuple[str, str]:
    """The file, or the (warehouse URL, table) pair, that the command reads."""
    if (path is None) == (table is None):
        raise InvalidInput(
            "give either --input FILE or --table NAME --warehouse URL",
            key="err.customers.input_or_table",
        )
    if table is not None:
        if not warehouse:
            raise InvalidInput(
                "--table needs --warehouse URL", key="err.customers.table_needs_warehouse"
            )
        return warehouse, table
    assert path is not None
    return path


def _run(
    ctx: typer.Context,
    analysis: str,
    source: Path | tuple[str, str],
    read: ReadOptions,
    options: AnalysisOptions,
    engine: str,
    output: Literal["text", "json", "csv"],
) -> None:
    settings = settings_from(ctx)
    lang = settings.lang
    options = replace(options, lang=lang)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=error_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(t("customers.step.read", lang), total=None)

        def step(name: str) -> None:
            bar.update(task, description=t(f"customers.step.{name}", lang))

        if isinstance(source, Path):
            result = analyse_file(
                source,
                analysis,
                limits=settings.limits,
                read=read,
                options=options,
                engine=engine,
                progress=step,
            )
        else:
            url, table = source
            result = analyse_table(
                url, table, analysis, columns=read.columns, options=options, progress=step
            )
    if output == "json":
        emit_json_table({"analysis": analysis, "meta": result.meta}, result.table)
    elif output == "csv":
        emit_csv_table(result.table)
    else:
        _show(result, lang)


def _output(as_json: bool, as_csv: bool) -> Literal["text", "json", "csv"]:
    if as_json and as_csv:
        raise InvalidInput("choose one of --json and --csv", key="err.customers.choose_json_csv")
    return "json" if as_json else "csv" if as_csv else "text"


def _money(value: float) -> str:
    return f"{value:,.2f}".replace(",", " ")


def _grouped(
    table: pa.Table,
    key: str,
    lang: str,
    order: list[Any],
    labels: dict[Any, str] | None = None,
    heading: str = "customers.class",
) -> Table:
    counts = table.group_by(key, use_threads=False).aggregate([([], "count_all")]).to_pylist()
    total = table.num_rows or 1
    found = {row[key]: row["count_all"] for row in counts}
    out = Table(t(heading, lang), t("customers.customers", lang), t("customers.share", lang))
    names = labels or {}
    for value in order:
        if value in found:
            label = names.get(value) or (
                t("customers.no_class", lang) if value is None else str(value)
            )
            out.add_row(label, str(found[value]), f"{100 * found[value] / total:.1f} %")
    return out


def _show(result: AnalysisResult, lang: str) -> None:
    out, table = console(), result.table
    out.print(
        t(
            "customers.read",
            lang,
            rows=result.meta.get("transactions", "?"),
            engine=result.meta.get("engine", "?"),
        )
    )
    out.print(f"[bold]{t(f'customers.{result.analysis}', lang)}[/]")
    if result.analysis == "abc":
        revenue = table.group_by("abc_class").aggregate([("revenue", "sum"), ("revenue", "count")])
        grid = Table(
            t("customers.class", lang),
            t("customers.customers", lang),
            t("customers.revenue", lang),
            t("customers.share", lang),
        )
        total = pc.sum(table.column("revenue")).as_py() or 1.0
        for row in sorted(revenue.to_pylist(), key=lambda r: r["abc_class"]):
            grid.add_row(
                row["abc_class"],
                str(row["revenue_count"]),
                _money(row["revenue_sum"]),
                f"{100 * row['revenue_sum'] / total:.1f} %",
            )
        out.print(grid)
    elif result.analysis == "xyz":
        out.print(_grouped(table, "xyz_class", lang, ["X", "Y", "Z", None]))
    elif result.analysis == "matrix":
        grid = Table("", "X", "Y", "Z", t("customers.no_class", lang))
        cells = {(r["abc_class"], r["xyz_class"]): r["customers"] for r in table.to_pylist()}
        for a in ("A", "B", "C"):
            grid.add_row(a, *(str(cells.get((a, x), 0)) for x in ("X", "Y", "Z", None)))
        out.print(grid)
    elif result.analysis == "rfm":
        names = {code: texts[lang] for code, texts in RFM_SEGMENTS.items()}
        out.print(_grouped(table, "segment", lang, list(names), names, "customers.segment"))
    elif result.analysis == "cohorts":
        _show_cohorts(table, lang)
    else:
        _show_top(result, lang)


def _show_cohorts(table: pa.Table, lang: str) -> None:
    rows = table.to_pylist()
    periods = min(12, max((r["period"] for r in rows), default=0) + 1)
    grid = Table(
        t("customers.cohort", lang), t("customers.size", lang), *(str(k) for k in range(periods))
    )
    by_cohort: dict[date, dict[int, float]] = {}
    sizes: dict[date, int] = {}
    for r in rows:
        by_cohort.setdefault(r["cohort"], {})[r["period"]] = r["retention"]
        sizes[r["cohort"]] = r["cohort_size"]
    for cohort, values in by_cohort.items():
        grid.add_row(
            cohort.strftime("%Y-%m"),
            str(sizes[cohort]),
            *(f"{100 * values.get(k, 0.0):.0f}" for k in range(periods)),
        )
    console().print(grid)


def _show_top(result: AnalysisResult, lang: str) -> None:
    out, table = console(), result.table
    repeat = pc.sum(pc.greater(table.column("frequency"), 0)).as_py() or 0
    out.print(
        f"{t('customers.customers', lang)}: {table.num_rows} "
        f"({repeat} {t('customers.repeat', lang)})"
    )
    if result.analysis == "clv":
        params = Table(t("customers.param", lang), t("customers.value", lang))
        for key in ("transaction_model", "spend_model"):
            model = result.meta[key]
            for name, value in model["params"].items():
                params.add_row(f"{model['model']}.{name}", f"{value:.4g}")
            params.add_row(f"{model['model']} LL", f"{model['log_likelihood']:.1f}")
        out.print(params)
        out.print(f"{t('customers.total_clv', lang)}: {_money(result.meta['total_clv'])}")
    head = table.slice(0, 10)
    grid = Table(*head.column_names, title=t("customers.top", lang))
    for row in head.to_pylist():
        grid.add_row(*(f"{v:.4g}" if isinstance(v, float) else str(v) for v in row.values()))
    out.print(grid)


def _shared(
    ctx: typer.Context,
    path: Path | None = INPUT,
    table: str | None = TABLE,
    warehouse: str | None = WAREHOUSE,
    as_json: bool = JSON,
    as_csv: bool = CSV,
    col: list[str] = COL,
    date_format: str | None = DATE_FORMAT,
    decimal: str | None = DECIMAL,
    returns: str = RETURNS,
    engine: str = ENGINE,
) -> None:
    """The options every analysis command takes (their declaration only)."""


Build = Callable[..., AnalysisOptions]


def analysis_command(name: str) -> Callable[[Build], Build]:
    """Register ``orientir customers NAME``: the shared options plus those of ``build``,
    which turns its own options into :class:`AnalysisOptions`."""

    def decorate(build: Build) -> Build:
        shared = inspect.signature(_shared, eval_str=True).parameters
        own = inspect.signature(build, eval_str=True).parameters

        def command(**kwargs: Any) -> None:
            common = {key: kwargs.pop(key) for key in shared}
            read = _read_options(
                common["col"], common["date_format"], common["decimal"], common["returns"]
            )
            output = _output(common["as_json"], common["as_csv"])
            source = _source(common["path"], common["table"], common["warehouse"])
            _run(common["ctx"], name, source, read, build(**kwargs), common["engine"], output)

        params = [*shared.values(), *own.values()]
        setattr(command, "__signature__", inspect.Signature(params))  # noqa: B010
        command.__annotations__ = {p.name: p.annotation for p in params}
        command.__doc__ = build.__doc__
        app.command(name)(command)
        return build

    return decorate


X = typer.Option(10.0, "--x", help="Upper CV of class X, %.")
Y = typer.Option(25.0, "--y", help="Upper CV of class Y, %.")
MIN_MONTHS = typer.Option(3, "--min-months", help="Months of history needed for a class.")
UNIT = typer.Option("days", "--unit", help="Time unit: days, weeks or months.")
SCALER = typer.Option(1.0, "--time-scaler", help="Divide recency and T by this (7: days→weeks).")


@analysis_command("abc")
def abc_options(
    a: float = typer.Option(80.0, "--a", help="Share of revenue of class A, %."),
    b: float = typer.Option(15.0, "--b", help="Share of revenue of class B, %."),
    c: float = typer.Option(5.0, "--c", help="Share of revenue of class C, %."),
    by: str = BY,
) -> AnalysisOptions:
    """ABC classes by share of revenue (default 80/15/5 %)."""
    return AnalysisOptions(abc=AbcThresholds(a, b, c), by=by)


@analysis_command("xyz")
def xyz_options(
    x: float = X, y: float = Y, min_months: int = MIN_MONTHS, end: str | None = END, by: str = BY
) -> AnalysisOptions:
    """XYZ classes by the coefficient of variation of monthly demand (10 % / 25 %)."""
    return AnalysisOptions(xyz=XyzThresholds(x, y, min_months), by=by, end=_parse_end(end))


@analysis_command("matrix")
def matrix_options(
    x: float = X, y: float = Y, min_months: int = MIN_MONTHS, by: str = BY
) -> AnalysisOptions:
    """The ABC×XYZ matrix (ABC at 80/15/5 %)."""
    return AnalysisOptions(xyz=XyzThresholds(x, y, min_months), by=by)


@analysis_command("rfm")
def rfm_options(end: str | None = END) -> AnalysisOptions:
    """RFM scores 1–5 and named segments (in the language of --lang)."""
    return AnalysisOptions(end=_parse_end(end))


@analysis_command("cohorts")
def cohorts_options(end: str | None = END) -> AnalysisOptions:
    """Monthly cohort retention."""
    return AnalysisOptions(end=_parse_end(end))


@analysis_command("summary")
def summary_options(
    unit: str = UNIT, time_scaler: float = SCALER, end: str | None = END
) -> AnalysisOptions:
    """Frequency, recency, T and monetary value per customer (lifetimes' definitions)."""
    return AnalysisOptions(unit=unit, time_scaler=time_scaler, end=_parse_end(end))


@analysis_command("clv")
def clv_options(
    unit: str = UNIT,
    time_scaler: float = SCALER,
    end: str | None = END,
    model: str = typer.Option("bgnbd", "--model", help="bgnbd or pareto."),
    horizon: int = typer.Option(12, "--horizon", help="Months ahead."),
    discount: float = typer.Option(0.01, "--discount", help="Monthly discount rate."),
    penalty: float = typer.Option(0.0, "--penalty", help="L2 penalty of both fits."),
) -> AnalysisOptions:
    """Lifetime value: BG/NBD or Pareto/NBD with Gamma-Gamma, discounted."""
    if model not in ("bgnbd", "pareto"):
        raise InvalidInput(
            "--model must be bgnbd or pareto", key="err.customers.model_must_bgnbd_pareto"
        )
    value = ValueOptions(
        model="pareto" if model == "pareto" else "bgnbd",
        horizon=horizon,
        discount_rate=discount,
        penalty=penalty,
    )
    return AnalysisOptions(value=value, unit=unit, time_scaler=time_scaler, end=_parse_end(end))


def _stored_log_commands() -> None:
    # The two commands on an organisation's stored log live beside the service they call.
    from orientir.cli import customer_base

    app.command("import")(customer_base.import_)
    app.command("voice")(customer_base.voice)


_stored_log_commands()

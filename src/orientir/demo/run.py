"""Running the demo end to end: generate, store, analyse, write, summarise.

Each analysis is a :class:`Step` that reads the stored data through the same services the CLI
uses and returns a few summary lines and a JSON-ready result. Results go to
``<out>/results.json``; the database is ``<out>/orientir.db`` (a fresh file every run, so the
demo never touches your own data).
"""

from __future__ import annotations

import json
import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from orientir.config import Limits
from orientir.customers import abc, btyd_summary
from orientir.customers.models import BetaGeo, GammaGamma
from orientir.demo.generate import FOCAL_NAME, Portfolio, Progress, generate_portfolio
from orientir.demo.program import build_program
from orientir.domain.cases import CustomerValue
from orientir.services.access import create_user, grant_role
from orientir.services.comments import comments_report
from orientir.services.customer_base import customer_voice, import_transactions, transaction_log
from orientir.services.organisations import list_organisations
from orientir.services.orientation import (
    compare_index_models,
    organisation_index,
    organisation_readiness,
    organisation_trajectory,
    portfolio_hypotheses,
)
from orientir.services.report import Format, ReportOptions, build_report, render
from orientir.services.scoring import score_wave
from orientir.services.waves import list_waves
from orientir.storage.database import Database, open_database

DEFAULT_TODAY = date(2026, 11, 1)  # a fixed day keeps the demo identical from run to run


@dataclass(frozen=True)
class DemoOptions:
    out: Path
    seed: int = 2026
    companies: int = 12
    today: date = DEFAULT_TODAY
    focal_customers: int = 8000


@dataclass
class StepResult:
    lines: list[str]
    data: Any


@dataclass
class DemoResult:
    out: Path
    database: Path
    seconds: float
    responses: int
    companies: int
    transactions: int
    steps: dict[str, StepResult] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Database, Portfolio, DemoOptions], StepResult]


def _scores(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    slug = portfolio.focal.slug
    labels = [w.label for w in list_waves(db, org=slug) if w.instrument_ref == "employee-co@1"]
    first = score_wave(db, org=slug, wave=labels[0], by=None, k=5)
    last = score_wave(db, org=slug, wave=labels[-1], by="department", k=5)
    lines = []
    for before, after in zip(first.scales, last.scales, strict=True):
        lines.append(
            f"{after.title['en']}: {before.mean:.2f} → {after.mean:.2f} "
            f"(alpha {after.alpha:.2f}) from {labels[0]} to {labels[-1]}"
        )
    hidden = sum(1 for g in last.groups if g["suppressed"])
    lines.append(
        f"eNPS {first.nps[0].nps:.0f} → {last.nps[0].nps:.0f}; "
        f"{len(last.groups)} department cells, {hidden} suppressed under k = 5"
    )
    return StepResult(lines, {"first": asdict(first), "last": asdict(last)})


def _transactions(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    """The focal company's log as a Russian accounting export and as Parquet."""
    frame = portfolio.transactions.rename(
        columns={"customer_id": "Контрагент", "date": "Дата", "amount": "Сумма"}
    )
    csv_path = options.out / "transactions-1c.csv"
    text = frame.assign(
        Дата=frame["Дата"].map(lambda d: d.strftime("%d.%m.%Y")),
        Сумма=frame["Сумма"].map(lambda a: f"{a:,.2f}".replace(",", " ").replace(".", ",")),
    ).to_csv(sep=";", index=False)
    csv_path.write_bytes(text.encode("cp1251"))
    portfolio.transactions.to_parquet(options.out / "transactions.parquet", index=False)
    return StepResult(
        [
            f"{len(frame)} transactions of {portfolio.transactions['customer_id'].nunique()} "
            f"customers written to {csv_path.name} (Windows-1251, ';', decimal commas)"
        ],
        {"rows": len(frame)},
    )


def _index(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    slug = portfolio.focal.slug
    current = organisation_index(db, org=slug, by="department", k=5, n_boot=500)
    data = current.to_dict()
    comparison = compare_index_models(
        db, org=slug, models=["stakeholder", "service-quarter"], k=5, n_boot=300
    )
    path = organisation_trajectory(db, org=slug, target=70.0)
    value = data["index"]
    lines = [
        f"Index ({current.model}): {value['value']:.1f} "
        f"(95% CI {value['ci'][0]:.1f}–{value['ci'][1]:.1f}) from {len(current.waves)} waves",
        "Trend: " + ", ".join(f"{p.label} {p.value:.1f}" for p in path.points),
        path.summary.text("en"),
        comparison.summary.text("en"),
    ]
    return StepResult(
        lines, {"index": data, "comparison": comparison.to_dict(), "trajectory": path.to_dict()}
    )


def _readiness(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    result = organisation_readiness(db, org=portfolio.focal.slug)
    counts = Counter(rule.status for rule in result.rules)
    at_risk = [str(rule.rule) for rule in result.rules if rule.status == "at risk"]
    lines = [
        ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        + (f"; at risk: rules {', '.join(at_risk)}" if at_risk else "")
    ]
    return StepResult(lines, result.to_dict())


def _portfolio(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    result = portfolio_hypotheses(db)
    lines = [f"{result.n_orgs} organisations"]
    lines += [effect.sentence.text("en") for effect in result.effects]
    return StepResult(lines, result.to_dict())


def _reports(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    """The executive report in Russian, as one HTML file and a PDF built once from one data."""
    data = build_report(
        db,
        ReportOptions(
            org=portfolio.focal.slug,
            transactions=options.out / "transactions.parquet",
            today=options.today,
        ),
    )
    written = []
    outputs: tuple[tuple[str, Format], ...] = (("report.html", "html"), ("report.pdf", "pdf"))
    for name, output in outputs:
        (options.out / name).write_bytes(render(data, output=output, lang="ru"))
        written.append(name)
    return StepResult(
        [f"{' and '.join(written)} (Russian): {data.verdict.en}"],
        {"files": written, "verdict": data.verdict.to_dict()},
    )


def _customers(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    """Import the 1C export like a user would, then value the customers and hear them."""
    slug = portfolio.focal.slug
    imported = import_transactions(
        db, org=slug, path=options.out / "transactions-1c.csv", limits=Limits()
    )
    log = transaction_log(db, org=slug)
    classes = abc(log).to_pandas()["abc_class"].value_counts().to_dict()
    summary = btyd_summary(log, unit="weeks")
    purchases = BetaGeo().fit(summary)
    spend = GammaGamma().fit(summary)
    clv = spend.clv(purchases, horizon=12, discount_rate=0.01, periods_per_month=52 / 12)
    voice = customer_voice(db, org=slug, k=5)
    by_class = {c.group: c for c in voice.by_abc}
    nps_line = ", ".join(
        f"{g} {by_class[g].nps:.0f}"
        for g in ("A", "B", "C")
        if g in by_class and by_class[g].nps is not None
    )
    params = purchases.params
    lines = [
        f"Imported {imported.added} transactions of {imported.customers} customers from the "
        "1C export",
        "ABC: " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())) + " customers",
        f"BG/NBD r={params['r']:.2f} α={params['alpha']:.2f} a={params['a']:.2f} "
        f"b={params['b']:.2f}; 12-month CLV of the base {float(clv.sum()):,.0f} ₽",
        f"NPS by ABC class: {nps_line}; detractors among A customers: "
        f"{'hidden' if voice.a_detractors is None else voice.a_detractors}",
    ]
    return StepResult(
        lines,
        {"abc": classes, "bg_nbd": params, "gamma_gamma": spend.params, "voice": asdict(voice)},
    )


def _comments(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    """Themes found in the customers' comments: the generator wrote them from known themes."""
    slug = portfolio.focal.slug
    labels = [w.label for w in list_waves(db, org=slug) if w.instrument_ref == "customer-view@1"]
    report = comments_report(db, org=slug, waves=labels, k=5)
    shown = sorted(
        (t for t in report.themes if t.theme is not None and t.share is not None),
        key=lambda t: -(t.share or 0.0),
    )
    lines = [
        f"{report.comments} comments in {len(labels)} waves "
        f"({', '.join(f'{k} {v}' for k, v in report.languages.items())}); "
        f"{len(report.themes)} themes found"
    ]
    lines += [
        f"{t.theme.label}: {t.share:.0%}"
        for t in shown[:6]
        if t.theme is not None and t.share is not None
    ]
    return StepResult(lines, report.to_dict())


def _program(db: Database, portfolio: Portfolio, options: DemoOptions) -> StepResult:
    """Initiatives of the driver team, and cases opened from unhappy customers' answers."""
    slug = portfolio.focal.slug
    log = transaction_log(db, org=slug)
    classes = abc(log).to_pandas().set_index("customer_id")["abc_class"]
    summary = btyd_summary(log, unit="weeks")
    clv = (
        GammaGamma()
        .fit(summary)
        .clv(BetaGeo().fit(summary), horizon=12, discount_rate=0.01, periods_per_month=52 / 12)
    )
    ids = summary.column("customer_id").to_pylist()
    values = {
        c: CustomerValue(str(classes.get(c)), float(v)) for c, v in zip(ids, clv, strict=True)
    }
    result = build_program(db, portfolio.focal.company, slug, today=options.today, values=values)
    lines = [
        f"{result['initiatives']} initiatives owned by a driver team of {result['drivers']}",
        f"{result['cases_opened']} advocate cases opened from the latest customer wave "
        f"(by priority: {result['cases_by_priority']}), {result['advocates']} advocates",
    ]
    return StepResult(lines, result)


STEPS: list[Step] = [
    Step("scores", _scores),
    Step("index", _index),
    Step("readiness", _readiness),
    Step("portfolio", _portfolio),
    Step("transactions", _transactions),
    Step("customers", _customers),
    Step("comments", _comments),
    Step("program", _program),
    Step("reports", _reports),  # last: it reads the transaction log the steps above write
]


DEMO_USER = "demo@orientir.example"


def demo_sign_in(database: Path) -> tuple[str, str]:
    """A consultant who owns every demo organisation, with a fresh random password."""
    password = f"demo-{secrets.token_urlsafe(12)}"
    db = open_database(f"sqlite:///{database}")
    try:
        create_user(db, email=DEMO_USER, password=password, name="Demo consultant")
        for organisation in list_organisations(db):
            grant_role(db, email=DEMO_USER, org=organisation.slug, role="owner")
    finally:
        db.dispose()
    return DEMO_USER, password


def run_demo(options: DemoOptions, progress: Progress) -> DemoResult:
    started = time.perf_counter()
    options.out.mkdir(parents=True, exist_ok=True)
    database = options.out / "orientir.db"
    for stale in (database, database.with_suffix(".db-wal"), database.with_suffix(".db-shm")):
        stale.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{database}")
    try:
        portfolio = generate_portfolio(
            db,
            seed=options.seed,
            companies=options.companies,
            today=options.today,
            progress=progress,
            focal_customers=options.focal_customers,
        )
        result = DemoResult(
            out=options.out,
            database=database,
            seconds=0.0,
            responses=portfolio.responses,
            companies=len(portfolio.companies),
            transactions=len(portfolio.transactions),
        )
        for step in STEPS:
            progress(step.name)
            result.steps[step.name] = step.run(db, portfolio, options)
    finally:
        db.dispose()
    result.seconds = time.perf_counter() - started
    payload = {name: step.data for name, step in result.steps.items()}
    (options.out / "results.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    return result


__all__ = ["FOCAL_NAME", "DemoOptions", "DemoResult", "run_demo"]

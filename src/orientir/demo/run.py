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
from orientir.demo import messages as _messages  # noqa: F401  (registers texts)
from orientir.demo.generate import FOCAL_NAME, Portfolio, Progress, generate_portfolio
from orientir.demo.program import build_program
from orientir.domain.cases import CustomerValue
from orientir.i18n import t
from orientir.reports.render import PdfUnavailable
from orientir.services import program_messages as _program_texts  # noqa: F401
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
    lang: str = "en"  # of the summary lines; the focal company's report is Russian regardless


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


@dataclass
class DemoRun:
    """What every step reads: the database, the generated portfolio, the options — and the
    customer models, fitted once by the customers step and reused by the program step."""

    db: Database
    portfolio: Portfolio
    options: DemoOptions
    customer_values: dict[str, CustomerValue] | None = None

    @property
    def slug(self) -> str:
        return self.portfolio.focal.slug

    def say(self, key: str, /, **params: object) -> str:
        return t(key, self.options.lang, **params)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[DemoRun], StepResult]


def _scores(run: DemoRun) -> StepResult:
    db, slug, lang = run.db, run.slug, run.options.lang
    labels = [w.label for w in list_waves(db, org=slug) if w.instrument_ref == "employee-co@1"]
    first = score_wave(db, org=slug, wave=labels[0], by=None, k=5)
    last = score_wave(db, org=slug, wave=labels[-1], by="department", k=5)
    lines = []
    for before, after in zip(first.scales, last.scales, strict=True):
        lines.append(
            run.say(
                "demo.scores.scale",
                scale=after.title.get(lang, after.title["en"]),
                before=f"{before.mean:.2f}",
                after=f"{after.mean:.2f}",
                alpha=f"{after.alpha:.2f}",
                first=labels[0],
                last=labels[-1],
            )
        )
    hidden = sum(1 for g in last.groups if g["suppressed"])
    lines.append(
        run.say(
            "demo.scores.enps",
            before=f"{first.nps[0].nps:.0f}",
            after=f"{last.nps[0].nps:.0f}",
            cells=len(last.groups),
            hidden=hidden,
        )
    )
    return StepResult(lines, {"first": asdict(first), "last": asdict(last)})


def _transactions(run: DemoRun) -> StepResult:
    """The focal company's log as a Russian accounting export and as Parquet."""
    portfolio, options = run.portfolio, run.options
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
    customers = portfolio.transactions["customer_id"].nunique()
    return StepResult(
        [run.say("demo.transactions", rows=len(frame), customers=customers, file=csv_path.name)],
        {"rows": len(frame)},
    )


def _index(run: DemoRun) -> StepResult:
    db, slug, lang = run.db, run.slug, run.options.lang
    current = organisation_index(db, org=slug, by="department", k=5, n_boot=500)
    data = current.to_dict()
    comparison = compare_index_models(
        db, org=slug, models=["stakeholder", "service-quarter"], k=5, n_boot=300
    )
    path = organisation_trajectory(db, org=slug, target=70.0)
    value = data["index"]
    lines = [
        run.say(
            "demo.index.value",
            model=current.model,
            value=f"{value['value']:.1f}",
            low=f"{value['ci'][0]:.1f}",
            high=f"{value['ci'][1]:.1f}",
            waves=len(current.waves),
        ),
        run.say(
            "demo.index.trend", points=", ".join(f"{p.label} {p.value:.1f}" for p in path.points)
        ),
        path.summary.text(lang),
        comparison.summary.text(lang),
    ]
    return StepResult(
        lines, {"index": data, "comparison": comparison.to_dict(), "trajectory": path.to_dict()}
    )


def _readiness(run: DemoRun) -> StepResult:
    result = organisation_readiness(run.db, org=run.slug)
    counts = Counter(rule.status for rule in result.rules)
    at_risk = [str(rule.rule) for rule in result.rules if rule.status == "at risk"]
    statuses = ", ".join(
        f"{n} {run.say('orientation.status.' + status.replace(' ', '_'))}"
        for status, n in sorted(counts.items())
    )
    risk = run.say("demo.readiness.at_risk_rules", rules=", ".join(at_risk)) if at_risk else ""
    return StepResult([statuses + risk], result.to_dict())


def _portfolio(run: DemoRun) -> StepResult:
    result = portfolio_hypotheses(run.db)
    lines = [run.say("demo.portfolio.orgs", n=result.n_orgs)]
    lines += [effect.sentence.text(run.options.lang) for effect in result.effects]
    return StepResult(lines, result.to_dict())


def _reports(run: DemoRun) -> StepResult:
    """The executive report in Russian (the focal company's language) as one HTML file and a
    PDF built from one data; an English HTML copy beside them."""
    options = run.options
    data = build_report(
        run.db,
        ReportOptions(
            org=run.slug,
            transactions=options.out / "transactions.parquet",
            today=options.today,
        ),
    )
    written = []
    outputs: tuple[tuple[str, Format, str], ...] = (
        ("report.html", "html", "ru"),
        ("report.pdf", "pdf", "ru"),
        ("report-en.html", "html", "en"),
    )
    lines = []
    for name, output, lang in outputs:
        try:
            (options.out / name).write_bytes(render(data, output=output, lang=lang))
        except PdfUnavailable:
            # A machine without Pango still gets the demo and the HTML report; say what is missing.
            lines.append(run.say("demo.reports.no_pdf", file=name))
            continue
        written.append(name)
    verdict = data.verdict.ru if options.lang == "ru" else data.verdict.en
    return StepResult(
        [run.say("demo.reports", files=", ".join(written), verdict=verdict), *lines],
        {"files": written, "verdict": data.verdict.to_dict()},
    )


def _fit_customer_values(run: DemoRun) -> tuple[dict[str, Any], Any]:
    """ABC classes, BG/NBD and Gamma-Gamma on the stored log, and each customer's value."""
    log = transaction_log(run.db, org=run.slug)
    classes_frame = abc(log).to_pandas().set_index("customer_id")["abc_class"]
    summary = btyd_summary(log, unit="weeks")
    purchases = BetaGeo().fit(summary)
    spend = GammaGamma().fit(summary)
    clv = spend.clv(purchases, horizon=12, discount_rate=0.01, periods_per_month=52 / 12)
    ids = summary.column("customer_id").to_pylist()
    run.customer_values = {
        c: CustomerValue(str(classes_frame.get(c)), float(v)) for c, v in zip(ids, clv, strict=True)
    }
    fitted = {
        "classes": classes_frame.value_counts().to_dict(),
        "bg_nbd": purchases.params,
        "gamma_gamma": spend.params,
        "clv_total": float(clv.sum()),
    }
    return fitted, run.customer_values


def _customers(run: DemoRun) -> StepResult:
    """Import the 1C export like a user would, then value the customers and hear them."""
    imported = import_transactions(
        run.db, org=run.slug, path=run.options.out / "transactions-1c.csv", limits=Limits()
    )
    fitted, _ = _fit_customer_values(run)
    classes: dict[str, int] = fitted["classes"]
    params: dict[str, float] = fitted["bg_nbd"]
    voice = customer_voice(run.db, org=run.slug, k=5)
    by_class = {c.group: c for c in voice.by_abc}
    nps_line = ", ".join(
        f"{g} {by_class[g].nps:.0f}"
        for g in ("A", "B", "C")
        if g in by_class and by_class[g].nps is not None
    )
    hidden = run.say("demo.customers.hidden")
    lines = [
        run.say("demo.customers.imported", n=imported.added, customers=imported.customers),
        run.say(
            "demo.customers.abc", classes=", ".join(f"{k} {v}" for k, v in sorted(classes.items()))
        ),
        run.say(
            "demo.customers.models",
            r=f"{params['r']:.2f}",
            alpha=f"{params['alpha']:.2f}",
            a=f"{params['a']:.2f}",
            b=f"{params['b']:.2f}",
            clv=f"{fitted['clv_total']:,.0f}".replace(",", "\u00a0"),
        ),
        run.say(
            "demo.customers.voice",
            nps=nps_line,
            detractors=hidden if voice.a_detractors is None else voice.a_detractors,
        ),
    ]
    return StepResult(
        lines,
        {
            "abc": classes,
            "bg_nbd": params,
            "gamma_gamma": fitted["gamma_gamma"],
            "voice": asdict(voice),
        },
    )


def _comments(run: DemoRun) -> StepResult:
    """Themes found in the customers' comments: the generator wrote them from known themes."""
    db, slug = run.db, run.slug
    labels = [w.label for w in list_waves(db, org=slug) if w.instrument_ref == "customer-view@1"]
    report = comments_report(db, org=slug, waves=labels, k=5)
    shown = sorted(
        (t for t in report.themes if t.theme is not None and t.share is not None),
        key=lambda t: -(t.share or 0.0),
    )
    lines = [
        run.say(
            "demo.comments",
            n=report.comments,
            waves=len(labels),
            languages=", ".join(f"{k} {v}" for k, v in report.languages.items()),
            themes=len(report.themes),
        )
    ]
    lines += [
        f"{t.theme.label}: {t.share:.0%}"
        for t in shown[:6]
        if t.theme is not None and t.share is not None
    ]
    return StepResult(lines, report.to_dict())


def _by_priority(counts: object) -> list[tuple[str, int]]:
    assert isinstance(counts, dict)
    return [(level, counts[level]) for level in ("high", "normal", "low") if level in counts]


def _program(run: DemoRun) -> StepResult:
    """Initiatives of the driver team, and cases opened from unhappy customers' answers,
    prioritised by the customer values the customers step computed."""
    values = run.customer_values
    if values is None:
        _, values = _fit_customer_values(run)
    result = build_program(
        run.db, run.portfolio.focal.company, run.slug, today=run.options.today, values=values
    )
    lines = [
        run.say("demo.program.initiatives", n=result["initiatives"], drivers=result["drivers"]),
        run.say(
            "demo.program.cases",
            n=result["cases_opened"],
            priorities=", ".join(
                f"{run.say('cases.priority.' + level)} {n}"
                for level, n in _by_priority(result["cases_by_priority"])
            ),
            advocates=result["advocates"],
        ),
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
        run = DemoRun(db=db, portfolio=portfolio, options=options)
        for step in STEPS:
            progress(step.name)
            result.steps[step.name] = step.run(run)
    finally:
        db.dispose()
    result.seconds = time.perf_counter() - started
    payload = {name: step.data for name, step in result.steps.items()}
    (options.out / "results.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    return result


__all__ = ["FOCAL_NAME", "DemoOptions", "DemoResult", "run_demo"]

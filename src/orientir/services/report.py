"""The executive report: read everything it needs, build :class:`ReportData`, render it.

:func:`build_report` is what ``orientir report`` and the web download call. It reads the
organisation's waves once and hands them to the section builders of :mod:`orientir.reports`
(every figure there goes through the anonymity guard), reads the transaction log (a file, or
the one stored with ``orientir customers import``), and gathers the comments, the program and
the response rates from their services.

Which waves count: the ones named (``--wave``), or else the latest closed wave of each
questionnaire — exactly what ``orientir index`` uses, so the headline index is the same
number. The trend and the 13 rules use every closed wave up to the latest of those.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Literal

import pyarrow as pa

from orientir import __version__
from orientir.config import Limits
from orientir.errors import InsufficientData, InvalidInput
from orientir.instruments.model import Format as ItemFormat
from orientir.instruments.model import Text
from orientir.orientation import WaveData
from orientir.reports import (
    CustomerBase,
    Hidden,
    IndexOptions,
    InitiativeRow,
    Meta,
    Method,
    Program,
    ReliabilityRow,
    ReportData,
    ThemeRow,
    Voice,
    WaveRow,
    customer_base,
    render_html,
    render_pdf,
    report_text,
    survey_parts,
    verdict,
)
from orientir.reports.build_views import CUSTOMER_VIEW, latest
from orientir.reports.model import Figure
from orientir.reports.texts import said, same
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.organisations import find_organisation
from orientir.services.orientation import latest_per_instrument, resolve_model
from orientir.services.scoring import score_wave
from orientir.services.survey_data import FACT_SHEET, load_waves, org_facts
from orientir.services.waves import wave_progress
from orientir.storage.database import Database

Format = Literal["html", "pdf"]


@dataclass(frozen=True)
class ReportOptions:
    """``waves``: labels behind the current figures (default: the latest of each
    questionnaire); ``transactions``: the company's transaction log for the customer base."""

    org: str
    waves: tuple[str, ...] = ()
    model: str | None = None
    transactions: Path | None = None
    k: int = 5
    comment_k: int | None = None  # the comments' own threshold; None: the service's default
    n_boot: int = 1000
    seed: int = 0
    target: float = 70.0
    today: date | None = None


def _chosen(db: Database, options: ReportOptions) -> tuple[list[WaveData], list[WaveData]]:
    """(current, history): the waves behind the headline, and every closed one up to them."""
    closed = load_waves(db, org=options.org)
    if options.waves:
        current = load_waves(db, org=options.org, labels=list(options.waves))
    else:
        current = latest_per_instrument(closed)
    if not current:
        return [], closed
    as_of = max(w.closes_on for w in current)
    named = {w.wave for w in current}
    history = [w for w in closed if w.closes_on <= as_of and w.wave not in named] + current
    return current, sorted(history, key=lambda w: (w.closes_on, w.wave))


def _log(db: Database, options: ReportOptions, limits: Limits) -> tuple[pa.Table, Text] | None:
    """The transaction log: the file given, else the one stored for the organisation."""
    if options.transactions is not None:
        from orientir.services.transactions import read_transactions

        log = read_transactions(options.transactions, limits.for_analysis())
        return log, same(options.transactions.name)
    try:
        from orientir.services.customer_base import transaction_log
    except ImportError:  # an installation without stored transaction logs
        return None
    try:
        return transaction_log(db, org=options.org), report_text("customers.stored")
    except InsufficientData:  # nothing imported yet
        return None


def _customers(
    db: Database, options: ReportOptions, current: list[WaveData], limits: Limits
) -> tuple[CustomerBase, list[Hidden]]:
    found = _log(db, options, limits)
    if found is None:
        return CustomerBase(note=report_text("customers.none")), []
    table, source = found
    return customer_base(table, source=source, survey=latest(current, CUSTOMER_VIEW), k=options.k)


def _voice(db: Database, options: ReportOptions, current: list[WaveData]) -> Voice:
    """Themes of the current customer wave(s): what customers say now, next to the NPS join."""
    try:
        from orientir.services.comments import comments_report
    except ImportError:  # the comment analysis is an optional part of an installation
        return Voice(note=report_text("voice.unavailable"))
    waves = [w.wave for w in current if w.instrument.id == CUSTOMER_VIEW]
    if not waves:
        return Voice(note=report_text("voice.none"))
    try:
        found = comments_report(
            db,
            org=options.org,
            waves=waves,
            k=options.k,
            seed=options.seed,
            comment_k=options.comment_k,
        )
    except InsufficientData:
        return Voice(note=report_text("voice.none"))
    if found.suppressed:
        notes = tuple(said(n) for n in found.notes)
        return Voice(note=notes[0] if notes else report_text("voice.none"))
    themes = tuple(
        ThemeRow(
            r.theme.label,
            r.theme.terms,
            Figure(r.share, r.ci, r.n),
            r.examples,
        )
        for r in found.themes
        if not r.suppressed and r.theme is not None
    )
    return Voice(
        waves=found.waves,
        responses=found.responses,
        comments=found.comments,
        themes=themes,
        hidden_themes=sum(1 for r in found.themes if r.suppressed),
        notes=tuple(said(n) for n in found.notes),
    )


def _program(db: Database, options: ReportOptions, today: date) -> Program:
    try:
        from orientir.domain.cases import ACTIVE_STATUSES, CaseStatus, Priority
        from orientir.services.cases import list_cases
        from orientir.services.program import driver_team, list_initiatives
    except ImportError:  # an installation without the program and the closed loop
        return Program(note=report_text("program.unavailable"))
    rows = []
    for i in list_initiatives(db, org=options.org):
        due = [m for m in i.milestones if not m.done and m.due_on < today]
        rows.append(
            InitiativeRow(
                i.title,
                i.status.value,
                i.owner_name,
                i.component,
                i.starts_on,
                i.ends_on,
                float(i.budget) if i.budget is not None else None,
                i.currency,
                sum(1 for m in i.milestones if m.done),
                len(i.milestones),
                len(due),
            )
        )
    cases = list_cases(db, org=options.org)
    # "Overdue" as of the report's day (a fixed day keeps a demo report reproducible).
    now = datetime.now(UTC).replace(tzinfo=None)
    if options.today is not None:
        now = datetime.combine(today, time())
    active = [c for c in cases if c.status in ACTIVE_STATUSES]
    return Program(
        driver_team=len(driver_team(db, org=options.org)),
        initiatives=tuple(rows),
        cases_open=len(active),
        cases_overdue=sum(1 for c in active if c.overdue(now)),
        cases_high=sum(1 for c in active if c.priority is Priority.HIGH),
        cases_closed=sum(1 for c in cases if c.status is CaseStatus.CLOSED),
    )


def _method(
    db: Database,
    options: ReportOptions,
    current: list[WaveData],
    history: list[WaveData],
    hidden: list[Hidden],
) -> Method:
    named = {w.wave for w in current}
    waves = []
    for w in history:
        progress = wave_progress(db, org=options.org, wave=w.wave)
        waves.append(
            WaveRow(
                w.wave,
                w.instrument.ref,
                w.mode,
                w.closes_on,
                progress.invited,
                progress.completed,
                progress.response_rate,
                w.wave in named,
            )
        )
    reliability = []
    for w in current:
        if w.instrument.id == FACT_SHEET or not w.instrument.scales:
            continue
        scores = score_wave(db, org=options.org, wave=w.wave, by=None, k=options.k)
        titles = {s.id: s.title for s in w.instrument.scales}
        # Points shared out of 100 are ipsative: one answer's rise is another's fall, so
        # alpha says nothing about them and is left out.
        ipsative = {
            s.id
            for s in w.instrument.scales
            if w.instrument.item(s.items[0]).format is ItemFormat.ALLOCATION100
        }
        reliability += [
            ReliabilityRow(w.wave, titles[s.scale], s.n, s.alpha, s.alpha_ci)
            for s in scores.scales
            if s.n >= options.k and s.scale not in ipsative
        ]
    return Method(tuple(waves), tuple(reliability), tuple(hidden))


def build_report(
    db: Database,
    options: ReportOptions,
    *,
    limits: Limits | None = None,
    progress: Callable[[str], None] | None = None,
) -> ReportData:
    """Everything the report shows, guarded, in both languages; ``progress`` hears each step."""
    limits = limits or Limits()
    step = progress or (lambda _what: None)
    step("reading the waves")
    organisation = find_organisation(db, options.org)
    options = replace(options, org=organisation.slug)  # a name or id given becomes the slug
    today = options.today or date.today()
    current, history = _chosen(db, options)
    as_of = max((w.closes_on for w in current), default=today)
    facts = org_facts(db, org=options.org, waves=history, as_of=as_of)
    model = resolve_model(options.model)
    index_options = IndexOptions(
        k=options.k, n_boot=options.n_boot, seed=options.seed, target=options.target
    )
    step("computing the index and the 13 rules")
    parts = survey_parts(model, current, history, facts, index_options)
    step("analysing the customer base")
    customers, customer_hidden = _customers(db, options, current, limits)
    meta = Meta(
        org=organisation.name,
        slug=organisation.slug,
        as_of=as_of,
        generated_on=today,
        model_id=model.id,
        model_title=model.title,
        model_description=model.description,
        waves=tuple(w.wave for w in current),
        k=options.k,
        level=index_options.level,
        n_boot=options.n_boot,
        seed=options.seed,
        version=__version__,
    )
    hidden = [*parts.hidden, *customer_hidden]
    step("reading the comments and the program")
    voice = _voice(db, options, current)
    hidden += [Hidden("voice", report_text("voice.theme"), "comments")] * voice.hidden_themes
    program = _program(db, options, today)
    step("collecting response rates and reliability")
    method = _method(db, options, current, history, hidden)
    return ReportData(
        meta=meta,
        verdict=verdict(parts.summary, parts.trend),
        summary=parts.summary,
        trend=parts.trend,
        stakeholders=parts.stakeholders,
        gap=parts.gap,
        departments=parts.departments,
        coverage=parts.coverage,
        readiness=parts.readiness,
        customers=customers,
        voice=voice,
        program=program,
        method=method,
    )


def render(data: ReportData, *, output: Format, lang: str) -> bytes:
    """The report as HTML (UTF-8) or PDF bytes."""
    if output == "pdf":
        return render_pdf(data, lang)
    return render_html(data, lang).encode("utf-8")


def output_format(path: Path) -> Format:
    """``.pdf`` → PDF; ``.html``/``.htm`` → HTML; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm"):
        return "html"
    raise InvalidInput(
        f"{path.name}: the report is written as .html or .pdf",
        key="err.report.report_written_html_pdf",
        params={"path": path.name},
    )


def write_report(
    db: Database, options: ReportOptions, out: Path, *, lang: str, limits: Limits | None = None
) -> Path:
    """Build the report and write it to ``out`` (HTML or PDF by its suffix)."""
    output = output_format(out)
    data = build_report(db, options, limits=limits)
    out.write_bytes(render(data, output=output, lang=lang))
    return out

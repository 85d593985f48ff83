"""What a report is made of: one frozen object per section, in both languages at once.

A :class:`ReportData` is built once (by :mod:`orientir.services.report`, with the section
builders of this package) and rendered in Russian or English, as HTML or PDF, any number of
times. Texts a person reads are :class:`~orientir.instruments.model.Text` pairs; figures are
plain numbers, already through the anonymity guard: a hidden figure is ``None`` with
``suppressed`` set and a ``reason`` (``"small"``: fewer than *k* respondents; ``"complement"``:
shown, it would let a hidden one be recovered by subtraction). Nothing here can hold a figure
the guard took away, because the builders copy only what the guarded results expose.

A section that has nothing to show carries a ``note`` saying why, in both languages — never an
invented number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from orientir.instruments.model import Text

Interval = tuple[float, float]


@dataclass(frozen=True)
class Figure:
    """A guarded figure: value, interval and the respondent count behind it."""

    value: float | None
    ci: Interval | None = None
    n: int | None = None
    suppressed: bool = False
    reason: str | None = None

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.value is not None


HIDDEN_SMALL = Figure(None, None, None, True, "small")


@dataclass(frozen=True)
class Hidden:
    """One thing the guard hid, for the method notes: where, what, and why."""

    section: str  # a section id (see SECTIONS in orientir.reports.messages)
    what: Text
    reason: str  # small | complement | comments


@dataclass(frozen=True)
class Meta:
    org: str  # the organisation's name as people know it
    slug: str
    as_of: date  # the closing date of the latest wave the report uses
    generated_on: date
    model_id: str
    model_title: Text
    model_description: Text | None
    waves: tuple[str, ...]  # the waves behind the current figures
    k: int
    level: float
    n_boot: int
    seed: int
    version: str


@dataclass(frozen=True)
class ComponentRow:
    id: str
    title: Text
    stakeholder: str
    weight: float
    measure: str
    waves: tuple[str, ...]
    figure: Figure


@dataclass(frozen=True)
class Summary:
    index: Figure
    components: tuple[ComponentRow, ...]
    missing: tuple[str, ...]  # components without data (weights rescaled)
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class TrendPoint:
    label: str  # the quarter, "2026-Q3"
    when: date
    figure: Figure
    complete: bool  # every component of the model had data that quarter


@dataclass(frozen=True)
class Trend:
    points: tuple[TrendPoint, ...]
    target: float
    slope: float | None = None  # index points per year
    slope_ci: Interval | None = None
    verdict: str | None = None  # the trajectory's verdict code
    summary: Text | None = None
    note: Text | None = None


@dataclass(frozen=True)
class GroupBar:
    key: str
    label: Text
    figure: Figure
    weight_covered: float | None


@dataclass(frozen=True)
class Stakeholders:
    groups: tuple[GroupBar, ...]
    note: Text | None = None


@dataclass(frozen=True)
class GapLine:
    scale: str
    label: Text
    self_value: float | None
    customer_value: float | None
    n_self: int | None
    n_customers: int | None
    difference: float | None
    ci: Interval | None
    verdict: str | None  # above | below | aligned | unclear
    suppressed: bool


@dataclass(frozen=True)
class Gap:
    lines: tuple[GapLine, ...] = ()
    summary: Text | None = None
    self_wave: str | None = None
    customer_wave: str | None = None
    margin: float = 5.0
    note: Text | None = None


@dataclass(frozen=True)
class HeatRow:
    group: str  # department path
    depth: int
    index: Figure
    cells: tuple[Figure, ...]  # one per column, in Departments.columns order


@dataclass(frozen=True)
class Departments:
    columns: tuple[tuple[str, Text], ...] = ()
    rows: tuple[HeatRow, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class CoverageRow:
    group: str  # department path, or "" for the whole organisation
    depth: int
    n: int | None
    share: float | None
    ci: Interval | None
    target: str | None  # met | not met | unclear
    every_one: bool | None
    suppressed: bool
    reason: str | None


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CoverageRow, ...] = ()
    wave: str | None = None
    threshold: float = 4.0
    target_share: float = 0.7
    readings: tuple[Text, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class EvidenceLine:
    """A figure a rule was judged on: a number (formatted per language) or a text."""

    label: Text
    number: float | None = None
    text: Text | None = None
    digits: int = 1  # a count is written without decimals


@dataclass(frozen=True)
class RuleRow:
    rule: int
    group: Text
    status: str  # supports | at risk | unknown
    status_label: Text
    statement: Text
    counterpoint: Text
    finding: Text
    evidence: tuple[EvidenceLine, ...]
    settle: Text | None


@dataclass(frozen=True)
class Readiness:
    rules: tuple[RuleRow, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class ClassShare:
    label: str  # A | B | C
    customers: int
    revenue_share: float


@dataclass(frozen=True)
class MatrixCell:
    abc: str
    xyz: str | None  # None: too short a history for a class
    customers: int
    revenue_share: float | None


@dataclass(frozen=True)
class RfmCell:
    r: int
    f: int
    customers: int


@dataclass(frozen=True)
class NpsByClass:
    label: str  # A | B | C | other
    figure: Figure  # NPS on −100…100
    detractors: int | None


@dataclass(frozen=True)
class Clv:
    edges: tuple[float, ...]  # histogram bin edges (currency units)
    counts: tuple[int, ...]
    open_end: bool  # the last bin gathers everything from its lower edge up
    total: float
    median: float
    mean: float
    horizon_months: int
    discount_rate: float
    model: str  # e.g. "BG/NBD + Gamma-Gamma"


@dataclass(frozen=True)
class CustomerBase:
    customers: int = 0
    transactions: int = 0
    revenue: float = 0.0
    first_day: date | None = None
    last_day: date | None = None
    source: Text | None = None  # the log's file name, or words for the stored log
    pareto: tuple[tuple[float, float], ...] = ()  # (share of customers, share of revenue)
    classes: tuple[ClassShare, ...] = ()
    thresholds: tuple[float, float, float] = (80.0, 15.0, 5.0)
    xyz_limits: tuple[float, float, int] = (10.0, 25.0, 3)
    matrix: tuple[MatrixCell, ...] = ()
    rfm: tuple[RfmCell, ...] = ()
    segments: tuple[tuple[str, Text, int], ...] = ()  # code, name, customers
    clv: Clv | None = None
    clv_note: Text | None = None
    nps: tuple[NpsByClass, ...] = ()
    nps_wave: str | None = None
    nps_note: Text | None = None
    note: Text | None = None


@dataclass(frozen=True)
class ThemeRow:
    label: str
    terms: tuple[str, ...]
    figure: Figure  # share of comments (0–1), with its interval and the count
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Voice:
    waves: tuple[str, ...] = ()
    responses: int | None = None
    comments: int | None = None
    themes: tuple[ThemeRow, ...] = ()
    hidden_themes: int = 0
    notes: tuple[Text, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class InitiativeRow:
    title: str
    status: str  # planned | active | done | stopped
    owner: str | None
    component: str | None
    starts_on: date | None
    ends_on: date | None
    budget: float | None
    currency: str | None
    milestones_done: int
    milestones: int
    overdue: int


@dataclass(frozen=True)
class Program:
    driver_team: int | None = None
    initiatives: tuple[InitiativeRow, ...] = ()
    cases_open: int | None = None
    cases_overdue: int | None = None
    cases_high: int | None = None
    cases_closed: int | None = None
    note: Text | None = None


@dataclass(frozen=True)
class WaveRow:
    label: str
    instrument: str
    mode: str
    closes_on: date
    invited: int | None
    completed: int
    rate: float | None
    current: bool  # among the waves behind the current figures


@dataclass(frozen=True)
class ReliabilityRow:
    wave: str
    scale: Text
    n: int
    alpha: float | None
    ci: Interval | None


@dataclass(frozen=True)
class Method:
    waves: tuple[WaveRow, ...] = ()
    reliability: tuple[ReliabilityRow, ...] = ()
    hidden: tuple[Hidden, ...] = ()
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class ReportData:
    meta: Meta
    verdict: Text
    summary: Summary
    trend: Trend
    stakeholders: Stakeholders
    gap: Gap
    departments: Departments
    coverage: Coverage
    readiness: Readiness
    customers: CustomerBase
    voice: Voice
    program: Program
    method: Method = field(default_factory=Method)

"""The self-versus-customer gap, coverage (rule 7) and readiness (13 rules) sections.

Pure: waves and facts in, section objects out, through the guarded functions of
:mod:`orientir.orientation`. Each section picks the latest suitable wave among those given.
"""

from __future__ import annotations

from collections.abc import Sequence

from orientir.errors import InsufficientData, InvalidInput, localized
from orientir.i18n import t
from orientir.instruments.model import Privacy, Text
from orientir.orientation import (
    Evidence,
    OrgFacts,
    ReadinessOptions,
    WaveData,
    assess_readiness,
    coverage,
    self_customer_gap,
)
from orientir.reports.model import (
    Coverage,
    CoverageRow,
    EvidenceLine,
    Gap,
    GapLine,
    Hidden,
    Readiness,
    RuleRow,
)
from orientir.reports.texts import both, report, said, same

SELF_VIEW = "management-view"
CUSTOMER_VIEW = "customer-view"
EMPLOYEE_VIEW = "employee-co"
ORGANISATION = "(organisation)"  # the whole-organisation cell of orientation.coverage


def latest(waves: Sequence[WaveData], instrument: str, *, named: bool = False) -> WaveData | None:
    """The latest wave of ``instrument``; with ``named``, only one that links answers to people."""
    found = [
        w
        for w in waves
        if w.instrument.id == instrument and not (named and w.privacy is Privacy.ANONYMOUS)
    ]
    return max(found, key=lambda w: (w.closes_on, w.wave)) if found else None


def gap_section(waves: Sequence[WaveData], *, k: int, level: float) -> tuple[Gap, list[Hidden]]:
    own, theirs = latest(waves, SELF_VIEW), latest(waves, CUSTOMER_VIEW)
    if own is None or theirs is None:
        return Gap(note=report("gap.none")), []
    result = self_customer_gap(own, theirs, k=k, level=level)
    titles = {s.id: s.title for s in theirs.instrument.scales}
    lines, hidden = [], []
    for row in result.rows:
        label = report("gap.overall") if row.scale == "overall" else titles.get(row.scale)
        label = label or same(row.scale)
        lines.append(
            GapLine(
                row.scale,
                label,
                row.self_value,
                row.customer_value,
                row.n_self,
                row.n_customers,
                row.difference,
                row.ci,
                row.verdict,
                row.suppressed,
            )
        )
        if row.suppressed:
            hidden.append(Hidden("gap", label, "small"))
    gap = Gap(
        tuple(lines),
        said(result.summary),
        self_wave=result.self_wave,
        customer_wave=result.customer_wave,
        margin=result.margin,
    )
    return gap, hidden


def coverage_section(
    waves: Sequence[WaveData], *, k: int, level: float, threshold: float = 4.0, target: float = 0.7
) -> tuple[Coverage, list[Hidden]]:
    wave = latest(waves, EMPLOYEE_VIEW, named=True)
    if wave is None:
        return Coverage(note=report("coverage.none")), []
    try:
        result = coverage(wave, threshold=threshold, target_share=target, k=k, level=level)
    except InsufficientData:
        return Coverage(note=report("coverage.none")), []
    rows, hidden = [], []
    for cell in result.cells:
        whole = cell.group == ORGANISATION
        rows.append(
            CoverageRow(
                "" if whole else cell.group,
                0 if whole else cell.group.count("/") + 1,
                cell.n,
                cell.share,
                cell.ci,
                cell.target,
                cell.every_one,
                cell.suppressed,
                cell.reason,
            )
        )
        if cell.suppressed:
            label = said(_Organisation()) if whole else same(cell.group)
            hidden.append(Hidden("coverage", label, cell.reason or "small"))
    readings = tuple(said(m) for m in result.readings.values())
    section = Coverage(
        tuple(rows),
        wave=result.wave,
        threshold=result.threshold,
        target_share=result.target_share,
        readings=readings,
    )
    return section, hidden


class _Organisation:
    def text(self, lang: str = "en") -> str:
        return t("orientation.coverage.organisation", lang)


def _evidence(item: Evidence) -> EvidenceLine:
    label = said(item.label)
    value = item.value
    if isinstance(value, bool):
        return EvidenceLine(label, text=report("yes" if value else "no"))
    if isinstance(value, int):
        return EvidenceLine(label, number=float(value), digits=0)
    if isinstance(value, float):
        return EvidenceLine(
            label, number=value, digits=0 if value.is_integer() and abs(value) >= 10 else 1
        )
    if value is None:
        return EvidenceLine(label, text=same("—"))
    return EvidenceLine(label, text=same(str(value)))


def readiness_section(
    facts: OrgFacts, waves: Sequence[WaveData], *, k: int, level: float, seed: int
) -> Readiness:
    try:
        result = assess_readiness(
            facts, waves, options=ReadinessOptions(k=k, level=level, seed=seed)
        )
    except (InsufficientData, InvalidInput) as exc:
        # The orientation layer's own words (it names the missing data), in each language
        # where the error has a message key.
        refused = exc
        return Readiness(note=both(lambda lang: localized(refused, lang)))
    rows = []
    for rule in result.rules:
        code = rule.status.replace(" ", "_")
        rows.append(
            RuleRow(
                rule=rule.rule,
                group=_message(f"orientation.rule_group.{rule.group}"),
                status=rule.status,
                status_label=_message(f"orientation.status.{code}"),
                statement=said(rule.statement),
                counterpoint=said(rule.counterpoint),
                finding=said(rule.finding),
                evidence=tuple(_evidence(e) for e in rule.evidence),
                settle=said(rule.settle) if rule.settle is not None else None,
            )
        )
    return Readiness(tuple(rows), tuple(result.counts.items()))


def _message(key: str) -> Text:
    return both(lambda lang: t(key, lang))

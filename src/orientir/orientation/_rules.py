"""How each of the 13 rules is judged. Thresholds come from :class:`ReadinessOptions`.

====  ==========================================================================================
rule  judgement
====  ==========================================================================================
1     ``service-quarter`` model: *at risk* when the service part exceeds the mean of the other
      three parts by ``service_margin`` or more (service carries the program alone), else
      *supports*. The ``stakeholder`` model's index is shown beside it (the counterpoint's view).
2     Latest ``employee-co`` wave, employees' own score (needs, enjoyment; 0–100), t interval:
      *supports* when it lies at or above ``employee_threshold``, *at risk* when below,
      else *unknown*. The ``stakeholder`` model's groups are shown beside it.
3     The options' ``models`` (default: both built-in ones) by department
      (:func:`compare_models`): *at risk* when a department's verdict changes with the model
      (the result depends on the approach), *supports* when every compared department keeps
      its verdict.
4     Latest ``management-view`` against ``customer-view`` (:func:`self_customer_gap`, margin
      ``gap_margin``): *at risk* when the company clearly rates itself above its customers
      (claimed, not implemented), *supports* when aligned or below, else *unknown*.
5     Latest ``leadership`` wave, ``wanting − acting`` paired per respondent: *at risk* when
      the interval lies above ``leadership_margin``, or when wanting's interval lies below
      ``leadership_high``; *supports* when wanting's mean is at least ``leadership_high`` and
      the gap's interval stays at or below the margin; else *unknown*.
6     Fact sheet: a driver person or team *supports*, none is *at risk*.
7     Latest confidential or identified ``employee-co`` wave (:func:`coverage`, threshold
      ``coverage_threshold``): the counterpoint's target ``coverage_target`` met → *supports*,
      not met → *at risk*, unclear → *unknown*; rule 7's own "every one" is shown beside it.
8     A hiring screen in the fact sheet, or any ``candidate`` wave → *supports*; neither, with
      the fact sheet saying no → *at risk*.
9     Age ≥ ``old_company_years`` → *at risk*, younger → *supports*.
10    Program started, or starting within ``start_delay_days`` → *supports*; planned later →
      *at risk*.
11    Headcount ≥ ``large_headcount`` or departments ≥ ``many_departments`` → *at risk*; both
      known and below → *supports*.
12    Budget per employee ≤ ``min_budget_per_employee`` (no investment) → *at risk*, above →
      *supports*.
13    Outside help → *supports*, none → *at risk* (as Mann says; the counterpoint disagrees).
====  ==========================================================================================

Missing facts or waves, or figures hidden by the anonymity guard, give *unknown*.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from orientir.errors import InsufficientData
from orientir.instruments.model import Privacy
from orientir.orientation._common import Message, t_interval
from orientir.orientation._evidence import employee_scores, latest, leadership_scores
from orientir.orientation.assessment import Evidence, ReadinessOptions, RuleAssessment, Status
from orientir.orientation.comparison import compare_models
from orientir.orientation.coverage import coverage
from orientir.orientation.gap import self_customer_gap
from orientir.orientation.index import compute_index
from orientir.orientation.inputs import OrgFacts, WaveData
from orientir.orientation.model_loader import builtin_model, builtin_models
from orientir.stats import compare

Judge = Callable[[OrgFacts, list[WaveData], ReadinessOptions], RuleAssessment]


def _verdict(
    rule: int,
    status: Status,
    code: str,
    evidence: Sequence[Evidence] = (),
    thresholds: Sequence[tuple[str, float]] = (),
    **params: Any,
) -> RuleAssessment:
    finding = Message(f"orientation.readiness.r{rule}.{code}", params)
    return RuleAssessment(rule, status, finding, tuple(evidence), tuple(thresholds))


def _stakeholder_evidence(waves: list[WaveData], o: ReadinessOptions) -> list[Evidence]:
    """The commentator's model, by stakeholder group, on whatever components have data."""
    if not waves:
        return []
    try:
        result = compute_index(
            builtin_model("stakeholder"),
            waves,
            by="stakeholder",
            k=o.k,
            n_boot=0,
            allow_missing=True,
        )
    except InsufficientData:
        return []
    out = [Evidence("stakeholder_index", result.value)]
    out += [
        Evidence(
            "stakeholder_group", g.value, {"group": Message(f"orientation.stakeholder.{g.group}")}
        )
        for g in result.groups
    ]
    return out


def rule1(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("service_margin", o.service_margin)]
    if not waves:
        return _verdict(1, "unknown", "no_data", thresholds=th)
    try:
        result = compute_index(builtin_model("service-quarter"), waves, k=o.k, n_boot=0)
    except InsufficientData:
        return _verdict(1, "unknown", "no_data", thresholds=th)
    parts = {c.id: c.value for c in result.components}
    service = parts.pop("service")
    if service is None or any(v is None for v in parts.values()):
        return _verdict(1, "unknown", "hidden", thresholds=th)
    others = float(np.mean([v for v in parts.values() if v is not None]))
    evidence = [
        Evidence("service", service),
        Evidence("other_parts", others),
        Evidence("service_quarter_index", result.value),
    ]
    evidence += _stakeholder_evidence(waves, o)[:1]
    status: Status = "at risk" if service - others >= o.service_margin else "supports"
    code = "service_led" if status == "at risk" else "balanced"
    return _verdict(
        1, status, code, evidence, th, service=service, others=others, margin=o.service_margin
    )


def rule2(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("employee_threshold", o.employee_threshold)]
    wave = latest(waves, "employee-co")
    if wave is None:
        return _verdict(2, "unknown", "no_data", thresholds=th)
    scores = employee_scores(wave)
    if scores.size < o.k:
        return _verdict(2, "unknown", "hidden", thresholds=th)
    mean, ci = float(scores.mean()), t_interval(scores, o.level)
    low, high = ci if ci is not None else (mean, mean)
    evidence = [
        Evidence("employee_score", mean),
        Evidence("employee_score_low", low),
        Evidence("employee_score_high", high),
        Evidence("respondents", int(scores.size)),
    ]
    evidence += _stakeholder_evidence(waves, o)
    params = {"mean": mean, "low": low, "high": high, "threshold": o.employee_threshold}
    if low >= o.employee_threshold:
        return _verdict(2, "supports", "strong", evidence, th, **params)
    if high < o.employee_threshold:
        return _verdict(2, "at risk", "weak", evidence, th, **params)
    return _verdict(2, "unknown", "unclear", evidence, th, **params)


def rule3(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    if not waves:
        return _verdict(3, "unknown", "no_data")
    try:
        comparison = compare_models(
            o.models or builtin_models(),
            waves,
            by="department",
            k=o.k,
            n_boot=max(o.n_boot, 100),
            seed=o.seed,
            level=o.level,
        )
    except InsufficientData:
        return _verdict(3, "unknown", "no_data")
    compared = [r for r in comparison.rows if sum(v is not None for _, v in r.verdicts) >= 2]
    if not compared:
        return _verdict(3, "unknown", "no_groups")
    differing = [r.group for r in compared if r.differs]
    evidence = [
        Evidence("departments_compared", len(compared)),
        Evidence("departments_differing", len(differing)),
    ]
    if differing:
        return _verdict(3, "at risk", "differ", evidence, groups=", ".join(differing))
    return _verdict(3, "supports", "agree", evidence, count=len(compared))


def rule4(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("gap_margin", o.gap_margin)]
    own, theirs = latest(waves, "management-view"), latest(waves, "customer-view")
    if own is None or theirs is None:
        return _verdict(4, "unknown", "no_data", thresholds=th)
    row = self_customer_gap(own, theirs, margin=o.gap_margin, k=o.k, level=o.level).overall
    if row.suppressed or row.ci is None or row.difference is None:
        return _verdict(4, "unknown", "hidden", thresholds=th)
    evidence = [
        Evidence("self_view", row.self_value),
        Evidence("customer_view", row.customer_value),
        Evidence("gap", row.difference),
        Evidence("gap_low", row.ci[0]),
        Evidence("gap_high", row.ci[1]),
    ]
    params = {
        "difference": row.difference,
        "low": row.ci[0],
        "high": row.ci[1],
        "margin": o.gap_margin,
    }
    if row.verdict == "above":
        return _verdict(4, "at risk", "above", evidence, th, **params)
    if row.verdict in ("aligned", "below"):
        return _verdict(4, "supports", str(row.verdict), evidence, th, **params)
    return _verdict(4, "unknown", "unclear", evidence, th, **params)


def rule5(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("leadership_high", o.leadership_high), ("leadership_margin", o.leadership_margin)]
    wave = latest(waves, "leadership")
    if wave is None:
        return _verdict(5, "unknown", "no_data", thresholds=th)
    wanting, acting = leadership_scores(wave)
    if wanting.size < o.k:
        return _verdict(5, "unknown", "hidden", thresholds=th)
    gap = compare(acting, wanting, paired=True, level=o.level)  # wanting − acting
    w, a = float(wanting.mean()), float(acting.mean())
    w_ci = t_interval(wanting, o.level) or (w, w)
    evidence = [
        Evidence("wanting", w),
        Evidence("acting", a),
        Evidence("want_act_gap", gap.difference),
        Evidence("want_act_gap_low", gap.ci[0]),
        Evidence("want_act_gap_high", gap.ci[1]),
        Evidence("respondents", int(wanting.size)),
    ]
    params = {
        "wanting": w,
        "acting": a,
        "gap": gap.difference,
        "low": gap.ci[0],
        "high": gap.ci[1],
        "margin": o.leadership_margin,
        "threshold": o.leadership_high,
    }
    if gap.ci[0] > o.leadership_margin:
        return _verdict(5, "at risk", "gap", evidence, th, **params)
    if w_ci[1] < o.leadership_high:
        return _verdict(5, "at risk", "low_wanting", evidence, th, **params)
    if w >= o.leadership_high and gap.ci[1] <= o.leadership_margin:
        return _verdict(5, "supports", "acting", evidence, th, **params)
    return _verdict(5, "unknown", "unclear", evidence, th, **params)


def rule6(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    evidence = [
        Evidence("driver_team", facts.driver_team),
        Evidence("driver_team_size", facts.driver_team_size),
    ]
    if facts.driver_team is None:
        return _verdict(6, "unknown", "no_data")
    if not facts.driver_team:
        return _verdict(6, "at risk", "no_team", evidence)
    if facts.driver_team_size is None:
        return _verdict(6, "supports", "team", evidence)
    return _verdict(6, "supports", "team_size", evidence, size=facts.driver_team_size)


def rule7(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("coverage_threshold", o.coverage_threshold), ("coverage_target", o.coverage_target)]
    wave = latest(waves, "employee-co", modes=(Privacy.CONFIDENTIAL, Privacy.IDENTIFIED))
    if wave is None:
        code = "anonymous_only" if latest(waves, "employee-co") is not None else "no_data"
        return _verdict(7, "unknown", code, thresholds=th)
    cell = coverage(
        wave, threshold=o.coverage_threshold, target_share=o.coverage_target, k=o.k, level=o.level
    ).overall
    if cell.suppressed or cell.share is None or cell.ci is None:
        return _verdict(7, "unknown", "hidden", thresholds=th)
    evidence = [
        Evidence("coverage_share", cell.share),
        Evidence("coverage_low", cell.ci[0]),
        Evidence("coverage_high", cell.ci[1]),
        Evidence("every_one", cell.every_one),
        Evidence("respondents", cell.n),
    ]
    params = {
        "share": cell.share,
        "low": cell.ci[0],
        "high": cell.ci[1],
        "target": o.coverage_target,
    }
    if cell.target == "met":
        return _verdict(7, "supports", "met", evidence, th, **params)
    if cell.target == "not met":
        return _verdict(7, "at risk", "not_met", evidence, th, **params)
    return _verdict(7, "unknown", "unclear", evidence, th, **params)


def rule8(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    screens = [w for w in waves if w.instrument.id == "candidate" and w.n > 0]
    evidence = [
        Evidence("hiring_screen", facts.hiring_screen),
        Evidence("candidate_waves", len(screens)),
    ]
    if facts.hiring_screen or screens:
        return _verdict(8, "supports", "screen", evidence, waves=len(screens))
    if facts.hiring_screen is False:
        return _verdict(8, "at risk", "no_screen", evidence)
    return _verdict(8, "unknown", "no_data", evidence)


def rule9(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("old_company_years", float(o.old_company_years))]
    if facts.age is None:
        return _verdict(9, "unknown", "no_data", thresholds=th)
    evidence = [Evidence("founded", facts.founded), Evidence("age", facts.age)]
    old = facts.age >= o.old_company_years
    return _verdict(
        9,
        "at risk" if old else "supports",
        "old" if old else "young",
        evidence,
        th,
        age=facts.age,
        limit=o.old_company_years,
    )


def rule10(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("start_delay_days", float(o.start_delay_days))]
    start = facts.program_start
    if start is None:
        return _verdict(10, "unknown", "no_data", thresholds=th)
    ahead = (start - facts.as_of).days
    evidence = [Evidence("program_start", start.isoformat()), Evidence("days_to_start", ahead)]
    if ahead <= 0:
        return _verdict(10, "supports", "started", evidence, th, date=start.isoformat())
    if ahead <= o.start_delay_days:
        return _verdict(10, "supports", "soon", evidence, th, date=start.isoformat(), days=ahead)
    return _verdict(10, "at risk", "delayed", evidence, th, date=start.isoformat(), days=ahead)


def rule11(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [
        ("large_headcount", float(o.large_headcount)),
        ("many_departments", float(o.many_departments)),
    ]
    evidence = [Evidence("headcount", facts.headcount), Evidence("departments", facts.departments)]
    params = {
        "headcount": facts.headcount if facts.headcount is not None else "?",
        "departments": facts.departments if facts.departments is not None else "?",
        "headcount_limit": o.large_headcount,
        "departments_limit": o.many_departments,
    }
    large = facts.headcount is not None and facts.headcount >= o.large_headcount
    many = facts.departments is not None and facts.departments >= o.many_departments
    if large or many:
        return _verdict(11, "at risk", "large", evidence, th, **params)
    if facts.headcount is None or facts.departments is None:
        return _verdict(11, "unknown", "no_data", evidence, th)
    return _verdict(11, "supports", "small", evidence, th, **params)


def rule12(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    th = [("min_budget_per_employee", o.min_budget_per_employee)]
    per_head = facts.budget_per_employee
    if per_head is None:
        return _verdict(12, "unknown", "no_data", thresholds=th)
    evidence = [
        Evidence("budget_per_year", facts.budget_per_year),
        Evidence("budget_per_employee", per_head),
    ]
    if per_head <= o.min_budget_per_employee:
        return _verdict(12, "at risk", "unfunded", evidence, th, per_employee=per_head)
    return _verdict(12, "supports", "funded", evidence, th, per_employee=per_head)


def rule13(facts: OrgFacts, waves: list[WaveData], o: ReadinessOptions) -> RuleAssessment:
    evidence = [Evidence("outside_help", facts.outside_help)]
    if facts.outside_help is None:
        return _verdict(13, "unknown", "no_data")
    if facts.outside_help:
        return _verdict(13, "supports", "helped", evidence)
    return _verdict(13, "at risk", "alone", evidence)


JUDGES: dict[int, Judge] = {
    1: rule1, 2: rule2, 3: rule3, 4: rule4, 5: rule5, 6: rule6, 7: rule7,
    8: rule8, 9: rule9, 10: rule10, 11: rule11, 12: rule12, 13: rule13,
}  # fmt: skip

"""The pure parts: case rules, keyword matching, priority, due dates, transitions, back-off,
webhook signing, quarters and the timeline. No database."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from orientir.domain.cases import (
    CaseStatus,
    CustomerValue,
    Priority,
    PriorityPolicy,
    check_transition,
    find_keyword,
    match_rules,
)
from orientir.domain.notifications import Backoff, parse_events
from orientir.domain.program import (
    Initiative,
    InitiativeStatus,
    Milestone,
    Quarter,
    build_timeline,
    parse_budget,
    role_from_people_column,
)
from orientir.errors import InvalidInput
from orientir.services.case_rules import DEFAULT_DOCUMENT, parse_rules
from orientir.services.senders import sign
from tests.program.receivers import verify

DEFAULTS = parse_rules(DEFAULT_DOCUMENT)
TEXT = frozenset({"comment"})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Это ЖАЛОБА на доставку", "жалоб*"),
        ("Пишу жалобу третий раз", "жалоб*"),
        ("Верните   деньги, пожалуйста!", "верните деньги"),
        ("I want a REFUND now", "refund*"),
        ("We complained twice", "complain*"),
        ("Ёлки, претензия к качеству", "претензи*"),
        ("деньги верните", None),  # the words of a phrase must come in order
        ("refundable deposit is fine", "refund*"),  # a prefix keyword is a prefix
        ("Всё отлично, спасибо", None),
        ("", None),
    ],
)
def test_complaint_keywords_match_lower_case_words(text: str, found: str | None) -> None:
    assert find_keyword(text, DEFAULTS.keyword_rules[0].keywords) == found


def test_exact_keyword_does_not_match_inside_a_word() -> None:
    assert find_keyword("uncomplaint", ["complaint"]) is None
    assert find_keyword("a complaint.", ["complaint"]) == "complaint"


def test_default_rules_nps_csat_and_comment() -> None:
    assert [r.rule for r in match_rules(DEFAULTS, {"nps": 6}, text_items=TEXT)] == ["detractor"]
    assert match_rules(DEFAULTS, {"nps": 7, "csat": 3}, text_items=TEXT) == []
    reasons = match_rules(
        DEFAULTS, {"nps": 2, "csat": 1, "comment": "верните деньги"}, text_items=TEXT
    )
    assert [(r.rule, r.item, r.value, r.keyword) for r in reasons] == [
        ("detractor", "nps", 2.0, None),
        ("dissatisfied", "csat", 1.0, None),
        ("complaint", "comment", None, "верните деньги"),
    ]
    # a text answer to a non-text item (or a wrong type) never matches
    assert match_rules(DEFAULTS, {"nps": "3", "other": "refund"}, text_items=TEXT) == []


def test_rules_document_overrides_and_validation() -> None:
    rules = parse_rules(
        "rules:\n  - {id: low, item: nps, at_most: 4}\n"
        "  - {id: words, keywords: [плохо], items: [comment]}\n"
        "respondents: [customer]\ndue_days: {high: 1}\nlang: ru\nauto_assign: false\n"
        "priority: {high: {abc: [a], clv_at_least: 1000}, unknown: low}\n"
    )
    assert [r.id for r in rules.score_rules] == ["low"]
    assert rules.respondents == frozenset({"customer"})
    assert rules.due_days[Priority.HIGH] == 1
    assert rules.due_days[Priority.NORMAL] == 5  # untouched defaults stay
    assert rules.policy.high_classes == frozenset({"A"})
    assert rules.policy.unknown is Priority.LOW
    assert (rules.lang, rules.auto_assign) == ("ru", False)
    for bad, message in [
        ("rules: {}", "rules must be a list"),
        ("rules:\n  - {item: nps}", "at_most or at_least"),
        ("rules:\n  - {id: x, keywords: []}", "keywords must be a list"),
        (
            "rules:\n  - {id: x, item: nps, at_most: 1}\n  - {id: x, item: csat, at_most: 1}",
            "share",
        ),
        ("due_days: {high: 0}", "whole number of days"),
        ("due_days: {urgent: 1}", "unknown priority"),
        ("lang: de", "lang must be"),
        ("respondents: [employee]", "respondents"),
        ("colour: red", "unknown keys"),
        ("rules: [", "not valid YAML"),
        ("priority: {unknown: urgent}", "priority.unknown"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            parse_rules(bad)


def test_priority_from_customer_value() -> None:
    policy = PriorityPolicy(high_clv=50_000, low_clv=1_000)
    assert policy.priority(None) is Priority.NORMAL  # the documented default
    assert policy.priority(CustomerValue()) is Priority.NORMAL
    assert policy.priority(CustomerValue("A", None)) is Priority.HIGH
    assert policy.priority(CustomerValue("B", 60_000)) is Priority.HIGH  # CLV lifts B
    assert policy.priority(CustomerValue("C", 80_000)) is Priority.HIGH  # high wins over low
    assert policy.priority(CustomerValue("B", None)) is Priority.NORMAL
    assert policy.priority(CustomerValue("C", None)) is Priority.LOW
    assert policy.priority(CustomerValue(None, 500)) is Priority.LOW
    assert PriorityPolicy(unknown=Priority.HIGH).priority(None) is Priority.HIGH


def test_due_dates_per_priority() -> None:
    opened = datetime(2026, 3, 10, 9, 30)
    assert DEFAULTS.due_at(opened, Priority.HIGH) == opened + timedelta(days=2)
    assert DEFAULTS.due_at(opened, Priority.NORMAL) == opened + timedelta(days=5)
    assert DEFAULTS.due_at(opened, Priority.LOW) == opened + timedelta(days=10)


def test_state_transitions() -> None:
    path = [CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED]
    for current, wanted in itertools.pairwise(path):
        check_transition(current, wanted)
    check_transition(CaseStatus.RESOLVED, CaseStatus.IN_PROGRESS)  # taken up again
    for current, wanted in [
        (CaseStatus.OPEN, CaseStatus.RESOLVED),
        (CaseStatus.OPEN, CaseStatus.CLOSED),
        (CaseStatus.IN_PROGRESS, CaseStatus.CLOSED),
        (CaseStatus.CLOSED, CaseStatus.IN_PROGRESS),
        (CaseStatus.IN_PROGRESS, CaseStatus.IN_PROGRESS),
    ]:
        with pytest.raises(InvalidInput, match="cannot become"):
            check_transition(current, wanted)


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    backoff, rng = Backoff(base=2, cap=60), random.Random(7)
    for failures, ceiling in [(1, 2), (2, 4), (3, 8), (5, 32), (6, 60), (50, 60), (10_000, 60)]:
        delays = [backoff.delay(failures, rng) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert max(delays) - min(delays) > ceiling / 4  # jittered, not fixed
    with pytest.raises(InvalidInput):
        Backoff(base=10, cap=5)


def test_webhook_signature_matches_the_standard_webhooks_vector() -> None:
    # The published test vector of the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    signature = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body, signature)
    assert not verify(secret, "msg_other", "1614265330", body, signature)


def test_events_and_roles_and_budgets() -> None:
    assert parse_events("*") == ("*",)
    assert parse_events("case.opened, case.escalated") == ("case.opened", "case.escalated")
    with pytest.raises(InvalidInput):
        parse_events("case.deleted")
    assert role_from_people_column(" Драйвер ") is not None
    assert role_from_people_column("driver of the truck") is None
    assert parse_budget("1 500 000,50") == Decimal("1500000.50")
    for bad in ("-1", "abc", "1.234", "1e13", "NaN"):
        with pytest.raises(InvalidInput):
            parse_budget(bad)


def test_quarters() -> None:
    assert Quarter.of(date(2026, 5, 31)) == Quarter(2026, 2)
    assert Quarter.parse("2026q4") == Quarter.parse("2026-Q4") == Quarter(2026, 4)
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2026, 1).last_day == date(2026, 3, 31)
    with pytest.raises(InvalidInput):
        Quarter.parse("2026-Q5")


def test_timeline_lays_initiatives_over_quarters() -> None:
    onboarding = Initiative(
        1,
        1,
        "Onboarding calls",
        InitiativeStatus.ACTIVE,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 7, 15),
        milestones=(
            Milestone(1, "Script", date(2026, 2, 20), done=True),
            Milestone(2, "All A customers", date(2026, 6, 30)),
        ),
    )
    open_ended = Initiative(
        2, 1, "Service standard", InitiativeStatus.PLANNED, starts_on=date(2026, 9, 1)
    )
    by_milestone = Initiative(
        3,
        1,
        "Survey",
        InitiativeStatus.PLANNED,
        milestones=(Milestone(3, "Go", date(2026, 11, 2)),),
    )
    undated = Initiative(4, 1, "Someday", InitiativeStatus.PLANNED)
    timeline = build_timeline([onboarding, open_ended, by_milestone, undated])
    assert timeline.quarters == ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
    rows = {row.initiative.title: row.cells for row in timeline.rows}
    assert [c.active for c in rows["Onboarding calls"]] == [True, True, True, False]
    assert [len(c.milestones) for c in rows["Onboarding calls"]] == [1, 1, 0, 0]
    assert [c.active for c in rows["Service standard"]] == [False, False, True, True]
    assert [c.active for c in rows["Survey"]] == [False, False, False, True]
    assert [i.title for i in timeline.unscheduled] == ["Someday"]
    narrow = build_timeline([onboarding], first=Quarter(2026, 2), last=Quarter(2026, 2))
    assert narrow.quarters == ("2026-Q2",)
    assert build_timeline([], today=date(2026, 1, 5)).quarters == ("2026-Q1",)
    with pytest.raises(InvalidInput, match="at most"):
        build_timeline([onboarding], first=Quarter(2000, 1))

"""Readiness: each rule judged from constructed evidence whose answer is known."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from orientir.orientation import OrgFacts, ReadinessOptions, assess_readiness
from orientir.orientation.inputs import WaveData
from tests.orientation import _synth as synth
from tests.orientation.test_comparison import CULTURE, PEOPLE, split_org

AS_OF = date(2025, 6, 30)
FAST = ReadinessOptions(n_boot=100)


def _leadership(wanting: float, acting: float, n: int = 12, seed: int = 0) -> WaveData:
    rng = np.random.default_rng(seed)
    frame = synth.frame(
        synth.instrument("leadership"), n, rng, scales={"wanting": wanting, "acting": acting}
    )
    return synth.wave("leadership", [frame])


def _status(facts: OrgFacts, waves: list[WaveData], rule: int) -> str:
    return assess_readiness(facts, waves, options=FAST).rule(rule).status


def test_nothing_known_means_every_rule_unknown_with_a_way_to_settle_it() -> None:
    result = assess_readiness(OrgFacts("acme", AS_OF))
    assert result.counts == {"supports": 0, "at risk": 0, "unknown": 13}
    for rule in result.rules:
        assert rule.settle is not None
        for lang in ("en", "ru"):
            assert rule.statement.text(lang)
            assert rule.counterpoint.text(lang)
            assert rule.settle.text(lang)
        assert rule.statement.text("en") != rule.statement.text("ru")


@pytest.mark.parametrize(
    ("wanting", "acting", "status", "code"),
    [
        (4.6, 3.0, "at risk", "gap"),  # truth: wanting 90, acting 50, a 40-point gap
        (4.5, 4.4, "supports", "acting"),  # wanting 87.5, acting 85: no gap
        (2.6, 2.6, "at risk", "low_wanting"),  # wanting 40, below 75
    ],
)
def test_rule_5_reads_the_wanting_acting_gap(
    wanting: float, acting: float, status: str, code: str
) -> None:
    rule = assess_readiness(OrgFacts("acme", AS_OF), [_leadership(wanting, acting)]).rule(5)
    assert rule.status == status
    assert rule.finding.key == f"orientation.readiness.r5.{code}"
    figures = {e.name: e.value for e in rule.evidence}
    assert figures["wanting"] == pytest.approx(synth.norm(wanting), abs=8)
    assert figures["acting"] == pytest.approx(synth.norm(acting), abs=8)


def test_rule_5_with_fewer_than_k_leaders_is_unknown() -> None:
    rule = assess_readiness(OrgFacts("acme", AS_OF), [_leadership(4.6, 3.0, n=4)]).rule(5)
    assert rule.status == "unknown"
    assert rule.finding.key.endswith("hidden")
    assert rule.evidence == ()  # nothing about four people is shown


@pytest.mark.parametrize(
    ("facts", "rule", "status"),
    [
        ({"driver_team": True, "driver_team_size": 3}, 6, "supports"),
        ({"driver_team": False}, 6, "at risk"),
        ({"hiring_screen": True}, 8, "supports"),
        ({"hiring_screen": False}, 8, "at risk"),
        ({"founded": 1990}, 9, "at risk"),  # 35 years ≥ 20
        ({"founded": 2015}, 9, "supports"),
        ({"program_start": date(2024, 1, 1)}, 10, "supports"),
        ({"program_start": date(2025, 8, 1)}, 10, "supports"),  # 32 days ahead
        ({"program_start": date(2027, 1, 1)}, 10, "at risk"),  # put off 550 days
        ({"headcount": 80, "departments": 4}, 11, "supports"),
        ({"headcount": 3000, "departments": 4}, 11, "at risk"),
        ({"headcount": 80}, 11, "unknown"),  # departments unknown
        ({"headcount": 100, "budget_per_year": 0.0}, 12, "at risk"),
        ({"headcount": 100, "budget_per_year": 5e5}, 12, "supports"),
        ({"outside_help": True}, 13, "supports"),
        ({"outside_help": False}, 13, "at risk"),
    ],
)
def test_fact_sheet_rules(facts: dict[str, object], rule: int, status: str) -> None:
    assert _status(OrgFacts("acme", AS_OF, **facts), [], rule) == status  # type: ignore[arg-type]


def _org(
    rng: np.random.Generator,
    *,
    people: dict[str | None, tuple[int, float]],
    service: float = 3.5,
    self_view: float | None = None,
) -> list[WaveData]:
    """An organisation with every built-in instrument; culture and acting are 3.5."""
    scales = {"needs": service, "responsiveness": service, "promises": service}
    deps = {d: (n, 3.5) for d, (n, _) in people.items()}
    waves = [
        synth.employees(rng, people),
        synth.employees(
            rng, deps, name="culture", scales=("web",), identified=False, mode="anonymous"
        ),
        synth.wave(
            "customer-view",
            [synth.frame(synth.instrument("customer-view"), 200, rng, scales=scales)],
        ),
        synth.wave("partner-view", [synth.frame(synth.instrument("partner-view"), 20, rng)]),
        synth.wave(
            "leadership",
            [
                synth.frame(
                    synth.instrument("leadership"), 8, rng, scales={"wanting": 3.6, "acting": 3.5}
                )
            ],
        ),
    ]
    if self_view is not None:
        mgmt = synth.frame(
            synth.instrument("management-view"), 40, rng, scales=dict.fromkeys(scales, self_view)
        )
        waves.append(synth.wave("management-view", [mgmt]))
    return waves


def test_rule_1_flags_service_carrying_the_program_alone() -> None:
    facts = OrgFacts("acme", AS_OF)
    rng = np.random.default_rng(1)
    led = _org(rng, people={"A": (60, 2.4), "B": (60, 2.4)}, service=4.7)
    rule = assess_readiness(facts, led, options=FAST).rule(1)
    # Truth: service 92.5; people 35, leadership 62.5, culture 62.5 → others 53.3.
    assert rule.status == "at risk"
    figures = {e.name: e.value for e in rule.evidence}
    assert figures["service"] == pytest.approx(92.5, abs=3)
    balanced = _org(rng, people={"A": (60, 3.5), "B": (60, 3.5)}, service=3.6)
    assert assess_readiness(facts, balanced, options=FAST).rule(1).status == "supports"


def test_rules_2_and_7_read_employees_and_coverage() -> None:
    facts = OrgFacts("acme", AS_OF)
    rng = np.random.default_rng(2)
    strong = assess_readiness(facts, _org(rng, people={"A": (80, 4.5)}), options=FAST)
    assert strong.rule(2).status == "supports"  # truth 87.5 ≥ 60
    assert strong.rule(7).status == "supports"  # everyone at 4 or 5 reaches 4
    weak = assess_readiness(facts, _org(rng, people={"A": (80, 2.0)}), options=FAST)
    assert weak.rule(2).status == "at risk"  # truth 25 < 60
    assert weak.rule(7).status == "at risk"  # nobody reaches 4


def test_rule_7_needs_a_wave_that_counts_people() -> None:
    rng = np.random.default_rng(3)
    anonymous = synth.employees(rng, {"A": (30, 4.5)}, identified=False, mode="anonymous")
    rule = assess_readiness(OrgFacts("acme", AS_OF), [anonymous], options=FAST).rule(7)
    assert rule.status == "unknown"
    assert rule.finding.key.endswith("anonymous_only")


def test_rule_3_at_risk_when_the_verdict_depends_on_the_model() -> None:
    # Truth: "Front" has high own customer orientation (4.5) but low eNPS (all detractors),
    # so it is above the organisation under service-quarter (people) and below it under the
    # stakeholder model (eNPS); "Back" is the mirror image. Culture is level everywhere.
    rng = np.random.default_rng(4)
    waves = _org(rng, people={"Front": (150, 4.5), "Back": (150, 2.5)})
    frame = waves[0].responses.copy()
    frame["enps"] = np.where(frame["department"] == "Front", 3.0, 10.0)
    waves[0] = synth.wave("employee-co", [frame])
    rule = assess_readiness(OrgFacts("acme", AS_OF), waves, options=FAST).rule(3)
    assert rule.status == "at risk"
    assert "Front" in rule.finding.text("en")
    level = _org(rng, people={"Front": (150, 3.5), "Back": (150, 3.5)})
    assert assess_readiness(OrgFacts("acme", AS_OF), level, options=FAST).rule(3).status == (
        "supports"
    )


def test_rule_4_reads_the_self_customer_gap() -> None:
    rng = np.random.default_rng(5)
    over = _org(rng, people={"A": (40, 3.5)}, service=3.0, self_view=4.4)
    assert _status(OrgFacts("acme", AS_OF), over, 4) == "at risk"  # truth: 35 points above
    fair = _org(rng, people={"A": (40, 3.5)}, service=3.5, self_view=3.5)
    assert _status(OrgFacts("acme", AS_OF), fair, 4) == "supports"  # truth: no gap
    assert _status(OrgFacts("acme", AS_OF), fair[:-1], 4) == "unknown"  # no management view


def test_a_full_assessment_is_json_ready_in_both_languages() -> None:
    rng = np.random.default_rng(6)
    facts = OrgFacts(
        "acme",
        AS_OF,
        founded=1998,
        headcount=120,
        departments=5,
        driver_team=True,
        driver_team_size=2,
        budget_per_year=3e5,
        outside_help=False,
        program_start=date(2025, 1, 1),
        hiring_screen=True,
    )
    result = assess_readiness(
        facts, _org(rng, people={"A": (40, 4.0), "B": (40, 3.0)}, self_view=4.0), options=FAST
    )
    data = result.to_dict()
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    assert data["kind"] == "readiness"
    assert len(data["rules"]) == 13
    assert all(r["status"] in ("supports", "at risk", "unknown") for r in data["rules"])
    assert all(r["counterpoint"]["ru"] and r["counterpoint"]["en"] for r in data["rules"])
    assert "Комментатор согласен." in text  # rules 6 and 10
    assert data["rules"][11]["thresholds"] == {"min_budget_per_employee": 0.0}


def test_rule_3_compares_the_models_the_user_chooses() -> None:
    options = ReadinessOptions(models=(PEOPLE, CULTURE), n_boot=200)
    waves = split_org(np.random.default_rng(21))
    rule = assess_readiness(OrgFacts("acme", AS_OF), waves, options=options).rule(3)
    assert rule.status == "at risk"  # "Front" is above under one model, below under the other
    assert "Front" in rule.finding.text("ru")

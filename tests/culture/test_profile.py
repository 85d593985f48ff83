"""The competing-values profile: known answers give known figures, small groups stay hidden."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from orientir.culture import TYPES, culture_layout, culture_profile, kendall_w
from orientir.errors import InvalidInput
from orientir.orientation import WaveData
from tests.culture._synth import CULTURE, DIMENSIONS, EMPLOYEE, culture_frame, wave


def fixed_frame(
    n: int, now: list[float], pref: list[float], department: str | None
) -> pd.DataFrame:
    """Every respondent gives exactly ``now`` and ``pref`` on every dimension."""
    columns: dict[str, object] = {
        "respondent": [None] * n,
        "department": [department] * n,
        "complete": [True] * n,
    }
    for state, points in (("now", now), ("pref", pref)):
        for dim in DIMENSIONS:
            for kind, value in zip(TYPES, points, strict=True):
                columns[f"{dim}_{kind}_{state}"] = [float(value)] * n
    for item in CULTURE.items:
        if item.id not in columns:
            columns[item.id] = [3.0] * n
    return pd.DataFrame(columns)


def test_layout_of_the_builtin_instrument() -> None:
    layout = culture_layout(CULTURE)
    assert layout.dimensions == DIMENSIONS
    assert layout.web_elements == (
        "paradigm", "stories", "rituals", "symbols", "structure", "control", "power"
    )  # fmt: skip
    assert layout.has_web_overall
    with pytest.raises(InvalidInput, match="not a culture instrument"):
        culture_layout(EMPLOYEE)


def test_known_answers_give_known_profile() -> None:
    data = wave(
        "culture", [fixed_frame(10, [40, 30, 20, 10], [25, 25, 25, 25], None)], date(2025, 3, 31)
    )
    cell = culture_profile(data).organisation
    assert cell.n == 10
    assert [round(cell.type(k).now, 6) for k in TYPES] == [40, 30, 20, 10]
    clan = cell.type("clan")
    assert clan.gap == pytest.approx(-15)
    assert clan.gap_verdict == "falling"
    assert clan.notable
    assert not cell.type("adhocracy").notable  # a 5-point gap
    assert cell.dominant_now is not None
    assert (cell.dominant_now.type, cell.dominant_now.runner_up) == ("clan", "adhocracy")
    assert cell.dominant_now.strength == pytest.approx(10)
    assert cell.dominant_now.clear
    consistency = cell.consistency_now
    assert consistency is not None
    assert consistency.kendall_w == pytest.approx(1.0)
    assert consistency.agreeing == 6
    assert consistency.mean_sd == pytest.approx(0.0)


def test_dimensions_that_disagree_lower_consistency() -> None:
    rng = np.random.default_rng(0)
    by_dimension = {
        "dominant": [70, 10, 10, 10],
        "leadership": [10, 70, 10, 10],
        "staff": [10, 10, 70, 10],
        "glue": [10, 10, 10, 70],
    }
    frame = culture_frame(
        40, rng, now=[40, 20, 20, 20], pref=[25] * 4, department=None, by_dimension=by_dimension
    )
    cell = culture_profile(wave("culture", [frame], date(2025, 3, 31))).organisation
    assert cell.consistency_now is not None
    assert cell.consistency_now.kendall_w < 0.3
    assert cell.consistency_now.agreeing <= 3
    assert cell.consistency_now.top_by_dimension["glue"] == "hierarchy"


def test_kendall_w_agrees_with_friedman() -> None:
    rng = np.random.default_rng(1)
    scores = rng.integers(0, 4, size=(6, 4)).astype(float)  # ties on purpose
    w, chi2, p = kendall_w(scores)
    expected = sps.friedmanchisquare(*scores.T)
    assert chi2 == pytest.approx(expected.statistic)
    assert p == pytest.approx(expected.pvalue)
    assert w == pytest.approx(expected.statistic / (6 * 3))


def test_departments_are_guarded() -> None:
    frames = [
        fixed_frame(12, [40, 30, 20, 10], [25] * 4, "Продажи"),
        fixed_frame(12, [10, 20, 30, 40], [25] * 4, "Сервис"),
        fixed_frame(3, [25] * 4, [25] * 4, "Склад"),
    ]
    profile = culture_profile(wave("culture", frames, date(2025, 3, 31)), by="department", k=5)
    assert profile.organisation.n == 27
    small = profile.cell("Склад")
    assert small.suppressed
    assert small.reason == "small"
    assert small.types == ()
    # Shown, the two big ones would reveal the small one by subtraction from the total.
    complement = [profile.cell(g) for g in ("Продажи", "Сервис")]
    assert sum(c.suppressed for c in complement) == 1
    assert {c.reason for c in complement if c.suppressed} == {"complement"}


def test_incomplete_answers_are_left_out_and_counted() -> None:
    frame = fixed_frame(8, [40, 30, 20, 10], [25] * 4, None)
    frame.loc[[0, 1], "dominant_clan_pref"] = np.nan
    data = WaveData("acme", "w", CULTURE, date(2025, 3, 31), "anonymous", frame)
    profile = culture_profile(data)
    assert profile.incomplete == 2
    assert profile.organisation.n == 6
    assert profile.to_dict()["organisation"]["types"][0]["type"] == "clan"

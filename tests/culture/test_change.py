"""Change between culture waves: a real shift is found, no shift is called stable."""

from __future__ import annotations

from datetime import date

import numpy as np

from orientir.culture import culture_change
from tests.culture._synth import culture_frame, wave


def test_a_shift_towards_clan_is_found_and_stable_types_stay_stable() -> None:
    rng = np.random.default_rng(5)
    before = wave(
        "culture",
        [
            culture_frame(30, rng, now=[20, 30, 30, 20], pref=[40, 20, 20, 20], department=d)
            for d in "AB"
        ],
        date(2025, 3, 31),
    )
    after = wave(
        "culture",
        [
            culture_frame(30, rng, now=[35, 25, 25, 15], pref=[40, 20, 20, 20], department=d)
            for d in "AB"
        ],
        date(2025, 6, 30),
    )
    rows = culture_change([after, before], by="department")  # order does not matter
    org = {r.measure: r for r in rows if r.group == ""}
    assert org["clan_now"].verdict == "rising"
    assert org["clan_now"].difference > 10
    assert org["clan_now"].before == before.wave
    assert org["clan_pref"].verdict == "stable"
    assert {r.group for r in rows} == {"", "A", "B"}
    assert org["web"].verdict == "stable"
    assert all(r.n_before == 60 and r.n_after == 60 for r in org.values())


def test_groups_hidden_in_either_wave_are_not_compared() -> None:
    rng = np.random.default_rng(6)
    before = wave(
        "culture",
        [culture_frame(20, rng, now=[25] * 4, pref=[25] * 4, department="A"),
         culture_frame(20, rng, now=[25] * 4, pref=[25] * 4, department="B")],
        date(2025, 3, 31),
    )  # fmt: skip
    after = wave(
        "culture",
        [culture_frame(20, rng, now=[25] * 4, pref=[25] * 4, department="A"),
         culture_frame(3, rng, now=[25] * 4, pref=[25] * 4, department="B")],
        date(2025, 6, 30),
    )  # fmt: skip
    rows = culture_change([before, after], by="department")
    assert "B" not in {r.group for r in rows}

"""The cultural-web audit per element, reverse keys included."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from orientir.culture import WEB_ELEMENTS, web_audit
from tests.culture._synth import CULTURE, wave
from tests.culture.test_profile import fixed_frame


def test_elements_are_scored_with_reverse_keys() -> None:
    frame = fixed_frame(10, [25] * 4, [25] * 4, None)
    for item in CULTURE.items:
        if item.id.startswith("web_"):
            frame[item.id] = 2.0 if item.reverse else 4.0  # scored 4 everywhere
    frame["web_power1"] = 2.0
    frame["web_power2"] = 2.0  # the weakest element: 2
    frame["web_paradigm1"] = 5.0
    frame["web_paradigm2"] = 1.0  # reverse-keyed: scored 5
    cell = web_audit(wave("culture", [frame], date(2025, 3, 31))).organisation
    assert [e.element for e in cell.elements] == list(WEB_ELEMENTS)
    assert cell.element("stories").mean == pytest.approx(4.0)
    assert cell.element("stories").score == pytest.approx(75.0)
    assert cell.element("stories").share_agree == 1.0
    assert cell.element("paradigm").mean == pytest.approx(5.0)
    assert cell.element("power").mean == pytest.approx(2.0)
    assert cell.element("power").share_agree == 0.0
    assert (cell.weakest, cell.strongest) == ("power", "paradigm")
    assert cell.overall is not None
    assert cell.overall.mean == pytest.approx((5 * 4 + 5 + 2) / 7)


def test_small_departments_hide_their_elements() -> None:
    frames = [fixed_frame(10, [25] * 4, [25] * 4, "A"), fixed_frame(10, [25] * 4, [25] * 4, "B")]
    frames.append(fixed_frame(2, [25] * 4, [25] * 4, "C"))
    audit = web_audit(wave("culture", frames, date(2025, 3, 31)), by="department")
    hidden = [c for c in audit.cells if c.suppressed]
    assert {c.group for c in hidden} >= {"C"}
    assert all(c.elements == () for c in hidden)
    payload = audit.to_dict()
    assert payload["organisation"]["n"] == 22
    assert np.isclose(payload["organisation"]["elements"][0]["mean"], 3.0)

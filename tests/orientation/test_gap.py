"""Self-versus-customer gap with a known true difference."""

from __future__ import annotations

import json

import numpy as np
import pytest

from orientir.errors import InvalidInput
from orientir.orientation import self_customer_gap
from tests.orientation import _synth as synth

SCALES = ("needs", "responsiveness", "promises")


def _views(own: float, theirs: float, n_own: int = 60, n_theirs: int = 300, seed: int = 0):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    mgmt = synth.frame(
        synth.instrument("management-view"), n_own, rng, scales=dict.fromkeys(SCALES, own)
    )
    cust = synth.frame(
        synth.instrument("customer-view"), n_theirs, rng, scales=dict.fromkeys(SCALES, theirs)
    )
    return synth.wave("management-view", [mgmt]), synth.wave("customer-view", [cust])


def test_a_known_overrating_is_found_and_flagged() -> None:
    # Truth: management 4.3 (82.5 on 0–100), customers 3.3 (57.5): the gap is 25 points.
    result = self_customer_gap(*_views(4.3, 3.3))
    for row in result.rows:
        assert row.ci is not None
        assert row.ci[0] <= 25.0 <= row.ci[1], row.scale
        assert row.verdict == "above"
        assert row.flagged
    assert result.flagged == (*SCALES, "overall")
    assert result.overall.self_value == pytest.approx(82.5, abs=3)
    assert "выше" in result.summary.text("ru")


def test_no_true_gap_is_not_flagged() -> None:
    result = self_customer_gap(*_views(3.6, 3.6, n_own=200, n_theirs=400, seed=3))
    overall = result.overall
    assert overall.ci is not None
    assert overall.ci[0] <= 0.0 <= overall.ci[1]
    assert not overall.flagged
    assert overall.verdict == "aligned"


def test_underrating_is_below() -> None:
    result = self_customer_gap(*_views(3.1, 4.1, seed=4))
    assert result.overall.verdict == "below"
    assert result.flagged == ()


def test_a_small_management_view_is_suppressed() -> None:
    result = self_customer_gap(*_views(4.3, 3.3, n_own=3))
    assert all(r.suppressed and r.difference is None for r in result.rows)
    assert result.summary.key == "orientation.gap.hidden"
    json.dumps(result.to_dict(), allow_nan=False)


def test_instruments_without_shared_scales_are_refused() -> None:
    own, _ = _views(4.0, 3.0)
    rng = np.random.default_rng(0)
    other = synth.wave("partner-view", [synth.frame(synth.instrument("partner-view"), 10, rng)])
    with pytest.raises(InvalidInput, match="share no scale"):
        self_customer_gap(own, other)

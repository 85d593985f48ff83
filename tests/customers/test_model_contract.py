"""The models' contract: input checks, refusal of unidentified fits, save/load, customer value."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from orientir.customers.models import (
    BetaGeo,
    GammaGamma,
    NotIdentified,
    ParetoNBD,
    Summary,
    load_model,
)
from orientir.customers.value import ValueOptions, customer_value
from orientir.errors import InsufficientData, InvalidInput


def _summary(
    x: list[float], t_x: list[float], age: list[float], m: list[float] | None = None
) -> Summary:
    return Summary(
        np.array(x, float),
        np.array(t_x, float),
        np.array(age, float),
        None if m is None else np.array(m, float),
    )


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (([1.0], [5.0], [4.0]), "recency exceeds T"),
        (([-1.0], [0.0], [4.0]), "negative frequency"),
        (([1.5], [1.0], [4.0]), "whole number"),
        (([0.0], [1.0], [4.0]), "recency 0"),
        (([1.0], [float("nan")], [4.0]), "missing, infinite or negative recency"),
    ],
)
def test_summary_is_checked(columns: tuple[list[float], ...], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        _summary(*columns)


def test_summary_from_arrow_keeps_the_time_unit() -> None:
    table = pa.table({"frequency": [1, 0], "recency": [2.0, 0.0], "T": [3.0, 3.0]})
    table = table.replace_schema_metadata(
        {"orientir.time_unit": "weeks", "orientir.time_scaler": "1.0"}
    )
    summary = Summary.from_data(table)
    assert summary.time_unit == "weeks"
    assert summary.periods_per_month == pytest.approx(4.345)
    with pytest.raises(InvalidInput, match="lacks the column 'T'"):
        Summary.from_data({"frequency": [1], "recency": [1.0]})


@pytest.mark.parametrize("model_type", [BetaGeo, ParetoNBD])
def test_too_little_data_is_refused(model_type: type) -> None:
    with pytest.raises(InsufficientData, match="at least 10 customers"):
        model_type().fit(_summary([1, 0], [2, 0], [5, 5]))
    with pytest.raises(InsufficientData, match="no customer made a repeat purchase"):
        model_type().fit(_summary([0] * 20, [0] * 20, [5] * 20))


@pytest.mark.parametrize("model_type", [BetaGeo, ParetoNBD])
@pytest.mark.parametrize(
    "columns",
    [
        ([1] * 50, [5] * 50, [10] * 50),  # everybody alike
        ([0] * 25 + [2] * 25, [0] * 25 + [8] * 25, [10] * 50),  # two patterns only
        (list(range(1, 51)), [10] * 50, [10] * 50),  # nobody ever drops out
    ],
)
def test_unidentified_fits_are_refused(model_type: type, columns: tuple[list[int], ...]) -> None:
    with pytest.raises(NotIdentified):
        model_type().fit(_summary(*columns))


def test_gamma_gamma_refuses_what_it_cannot_model() -> None:
    x = [1.0, 2.0, 3.0] * 10
    with pytest.raises(InvalidInput, match="mean spend of zero or less"):
        GammaGamma().fit(_summary(x, x, [5.0] * 30, [10.0] * 29 + [0.0]))
    with pytest.raises(InsufficientData, match="every mean spend is the same"):
        GammaGamma().fit(_summary(x, x, [5.0] * 30, [10.0] * 30))
    with pytest.raises(InsufficientData, match="at least 10 customers with repeat"):
        GammaGamma().fit(
            _summary(
                [1.0] * 5 + [0.0] * 20,
                [1.0] * 5 + [0.0] * 20,
                [5.0] * 25,
                [1.0, 2.0, 3.0, 4.0, 5.0] + [0.0] * 20,
            )
        )
    heavy = GammaGamma.from_dict(
        {
            "format": "orientir.clv-model",
            "version": 1,
            "model": "GammaGamma",
            "params": {"p": 2.0, "q": 0.9, "gamma": 5.0},
        }
    )
    with pytest.raises(InsufficientData, match="infinite"):
        heavy.expected_spend(_summary([1.0], [1.0], [2.0], [3.0]))


def test_save_and_load(tmp_path: Path, cdnow_calibration_summary: pa.Table) -> None:
    model = BetaGeo().fit(cdnow_calibration_summary)
    path = tmp_path / "bgnbd.json"
    model.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["model"] == "BetaGeo"
    assert saved["time_scaler"] == 7.0
    assert saved["log_likelihood"] == pytest.approx(-9582.43, abs=0.01)
    loaded = load_model(path)
    assert isinstance(loaded, BetaGeo)
    assert loaded.params == model.params
    assert loaded.standard_errors == pytest.approx(model.standard_errors)
    np.testing.assert_array_equal(
        loaded.p_alive(cdnow_calibration_summary), model.p_alive(cdnow_calibration_summary)
    )
    with pytest.raises(InvalidInput, match="no data"):
        loaded.p_alive()
    with pytest.raises(InvalidInput, match="not a saved ParetoNBD"):
        ParetoNBD.load(path)
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InvalidInput):
        load_model(tmp_path / "bad.json")
    with pytest.raises(InvalidInput, match="not fitted"):
        _ = BetaGeo().params


def test_customer_value(cdnow_calibration_summary: pa.Table) -> None:
    table, meta = customer_value(cdnow_calibration_summary, ValueOptions(horizon=12))
    assert table.num_rows == 2357
    assert table.column_names == [
        "customer_id",
        "frequency",
        "recency",
        "T",
        "monetary_value",
        "p_alive",
        "expected_purchases",
        "expected_spend",
        "clv",
    ]
    clv = table.column("clv").to_numpy()
    assert (np.diff(clv) <= 0).all()
    assert clv[0] > 100
    assert meta["transaction_model"]["model"] == "BetaGeo"
    assert meta["spend_model_customers"] == 946
    assert meta["total_clv"] == pytest.approx(clv.sum())
    # the same numbers as the models used directly (12 months of 30 days = 30/7 weeks)
    summary = Summary.from_data(cdnow_calibration_summary)
    bg, gg = BetaGeo().fit(summary), GammaGamma().fit(summary)
    direct = gg.clv(bg, horizon=12, discount_rate=0.01, data=summary)
    by_id = dict(zip(table.column("customer_id").to_pylist(), clv, strict=True))
    ids = cdnow_calibration_summary.column("customer_id").to_pylist()
    np.testing.assert_allclose([by_id[i] for i in ids], direct, rtol=1e-9)
    pareto, _ = customer_value(cdnow_calibration_summary, ValueOptions(model="pareto"))
    assert pareto.column("clv").to_numpy()[0] > 100

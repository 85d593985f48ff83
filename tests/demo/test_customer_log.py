"""The demo's purchase log is a BG/NBD and Gamma-Gamma process: the models recover it."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from orientir.customers import abc, btyd_summary
from orientir.customers.models import BetaGeo, GammaGamma
from orientir.demo.model import draw_company, draw_customers, draw_transactions


@pytest.fixture(scope="module")
def log() -> tuple[pd.DataFrame, float]:
    rng = np.random.default_rng(3)
    company = draw_company(
        rng, name="x", prefix="r", today=date(2026, 11, 1), headcount=40, departments=4, focal=True
    )
    customers = draw_customers(rng, company, n=8000, start=date(2024, 11, 1), prefix="r")
    ids, days, amounts = draw_transactions(rng, customers, end=date(2026, 11, 1))
    frame = pd.DataFrame({"customer_id": ids, "date": days, "amount": amounts})
    return frame, 6.0 * math.exp(0.5 * company.factors.co0)


def test_bg_nbd_recovers_the_generating_parameters(log: tuple[pd.DataFrame, float]) -> None:
    frame, true_b = log
    fitted = BetaGeo().fit(btyd_summary(frame, unit="weeks")).params
    # Purchases are recorded by day, which merges a few and lowers the apparent rate (α up).
    assert fitted["r"] == pytest.approx(0.9, rel=0.25)
    assert fitted["alpha"] == pytest.approx(7.0, rel=0.45)
    assert fitted["a"] == pytest.approx(1.1, rel=0.25)
    assert fitted["b"] == pytest.approx(true_b, rel=0.4)


def test_gamma_gamma_recovers_the_spend_model(log: tuple[pd.DataFrame, float]) -> None:
    frame, _ = log
    fitted = GammaGamma().fit(btyd_summary(frame, unit="weeks")).params
    assert fitted["p"] == pytest.approx(6.0, rel=0.25)
    assert fitted["q"] == pytest.approx(4.0, rel=0.25)
    assert fitted["gamma"] == pytest.approx(2250.0, rel=0.25)


def test_revenue_is_concentrated_as_in_real_bases(log: tuple[pd.DataFrame, float]) -> None:
    classes = abc(log[0]).to_pandas()["abc_class"].value_counts(normalize=True)
    assert 0.15 < classes["A"] < 0.5  # a minority of customers brings 80 % of revenue

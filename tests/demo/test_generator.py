"""The demo generator is a model, not noise: the analyses recover what was built in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from orientir.demo.generate import Portfolio, generate_portfolio
from orientir.services.scoring import score_wave
from orientir.services.survey_data import load_waves
from orientir.services.waves import list_waves
from orientir.storage.database import Database, open_database

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, Portfolio]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    portfolio = generate_portfolio(
        db, seed=11, companies=8, today=TODAY, progress=lambda _: None, focal_customers=1500
    )
    return db, portfolio


def _labels(db: Database, org: str, instrument: str) -> list[str]:
    return [w.label for w in list_waves(db, org=org) if w.instrument_ref == instrument]


def test_the_same_seed_gives_the_same_demo(
    tmp_path: Path, demo: tuple[Database, Portfolio]
) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    again = generate_portfolio(
        db, seed=11, companies=8, today=TODAY, progress=lambda _: None, focal_customers=1500
    )
    assert again.responses == demo[1].responses
    assert again.transactions.equals(demo[1].transactions)


def test_scales_are_reliable_near_point_eight(demo: tuple[Database, Portfolio]) -> None:
    db, portfolio = demo
    for label in _labels(db, portfolio.focal.slug, "employee-co@1"):
        for scale in score_wave(db, org=portfolio.focal.slug, wave=label, by=None, k=5).scales:
            assert scale.alpha is not None
            assert 0.7 <= scale.alpha <= 0.9, (label, scale)


def test_the_focal_company_rises_wave_after_wave(demo: tuple[Database, Portfolio]) -> None:
    db, portfolio = demo
    means = [
        score_wave(db, org=portfolio.focal.slug, wave=label, by=None, k=5).scales[0].mean
        for label in _labels(db, portfolio.focal.slug, "employee-co@1")
    ]
    assert len(means) == 5
    slope = np.polyfit(np.arange(5), np.array(means, dtype=float), 1)[0]
    # built in: Δ ≈ 0.6 latent units a year, 0.95 answer points per unit, waves a quarter apart
    assert 0.08 < slope < 0.25


def test_managers_rate_the_company_above_its_customers(
    demo: tuple[Database, Portfolio],
) -> None:
    db, portfolio = demo
    slug = portfolio.focal.slug
    customer_waves = {
        w.closes_on: w.label
        for w in list_waves(db, org=slug)
        if w.instrument_ref == "customer-view@1"
    }
    gaps = []
    for wave in list_waves(db, org=slug):
        if wave.instrument_ref != "management-view@1":
            continue
        own = score_wave(db, org=slug, wave=wave.label, by=None, k=5)
        theirs = score_wave(db, org=slug, wave=customer_waves[wave.closes_on], by=None, k=5)
        gaps += [
            m.mean - c.mean
            for m, c in zip(own.scales, theirs.scales, strict=True)
            if m.mean is not None and c.mean is not None
        ]
    assert len(gaps) == 9  # three waves, three shared scales
    # built in: +0.55 latent units, about half an answer point; ~12 managers a wave
    assert 0.25 < float(np.mean(gaps)) < 0.8


def test_some_respondents_are_careless_and_some_answers_missing(
    demo: tuple[Database, Portfolio],
) -> None:
    db, portfolio = demo
    (wave,) = [
        w
        for w in load_waves(db, org=portfolio.focal.slug)
        if w.wave == _labels(db, portfolio.focal.slug, "employee-co@1")[0]
    ]
    items = wave.responses[[i.id for i in wave.instrument.items if i.id != "enps"]]
    straight = (items.nunique(axis=1) == 1).mean()
    missing = items.isna().to_numpy().mean()
    assert 0.003 < straight < 0.06
    assert 0.005 < missing < 0.05


def test_anonymous_respondents_never_appear(demo: tuple[Database, Portfolio]) -> None:
    db, portfolio = demo
    for wave in load_waves(db, org=portfolio.focal.slug):
        if wave.mode == "anonymous":
            assert wave.responses["respondent"].isna().all()

"""A generated company to report on, built once for every report test.

The focal company of the demo generator, with a smaller customer base, free-text comments
written from the theme bank (so the voice-of-the-customer section has something to show), and
its transaction log saved as Parquet. Rendered files and page images go to
``artifacts/reports/`` at the repository root, for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from orientir.demo.generate import generate_portfolio
from orientir.domain.program import InitiativeStatus
from orientir.instruments.model import Format, Item
from orientir.reports import ReportData
from orientir.services.people import list_people
from orientir.services.program import (
    NewInitiative,
    add_initiative,
    add_milestone,
    complete_milestone,
)
from orientir.services.report import ReportOptions, build_report
from orientir.storage.database import Database, open_database
from orientir.text import sample_comment

TODAY = date(2026, 11, 1)
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "reports"
COMPLAINTS = ("delivery", "price", "support", "quality", "manager", "documents")


def write_comment(item: Item, level: float, rng: np.random.Generator) -> str | None:
    """About a third of respondents comment; unhappy ones complain, happy ones praise."""
    if item.format is not Format.TEXT or rng.random() > 0.35:
        return None
    theme = "praise" if level > 0.6 else COMPLAINTS[int(rng.integers(len(COMPLAINTS)))]
    return sample_comment(theme, "ru", rng)


def _program(db: Database, org: str) -> None:
    """Two initiatives, one with an overdue milestone, for the program section."""
    owner = list_people(db, org=org)[0].external_id
    calls = add_initiative(
        db,
        NewInitiative(
            org=org,
            title="Звонки новым клиентам",
            owner=owner,
            budget="1 500 000",
            currency="RUB",
            status=InitiativeStatus.ACTIVE,
            starts_on=date(2026, 1, 15),
            ends_on=date(2026, 12, 31),
            component="customers",
        ),
    )
    add_milestone(db, org=org, initiative=str(calls.id), title="Скрипт", due_on=date(2026, 2, 1))
    complete_milestone(db, org=org, initiative=str(calls.id), milestone="Скрипт", today=TODAY)
    add_milestone(db, org=org, initiative=str(calls.id), title="Обучение", due_on=date(2026, 6, 1))
    add_initiative(
        db,
        NewInitiative(org=org, title="Единое окно поддержки", starts_on=date(2027, 1, 1)),
    )


@dataclass(frozen=True)
class Company:
    db: Database
    path: Path  # the SQLite file
    slug: str
    transactions: Path


@pytest.fixture(scope="session")
def company(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Company]:
    folder = tmp_path_factory.mktemp("report")
    path = folder / "orientir.db"
    db = open_database(f"sqlite:///{path}")
    portfolio = generate_portfolio(
        db,
        seed=7,
        companies=8,
        today=TODAY,
        progress=lambda _: None,
        write_text=write_comment,
        focal_customers=1500,
    )
    log = folder / "transactions.parquet"
    portfolio.transactions.to_parquet(log, index=False)
    _program(db, portfolio.focal.slug)
    yield Company(db, path, portfolio.focal.slug, log)
    db.dispose()


@pytest.fixture(scope="session")
def report_data(company: Company) -> ReportData:
    options = ReportOptions(org=company.slug, transactions=company.transactions, today=TODAY)
    return build_report(company.db, options)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

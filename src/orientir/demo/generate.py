"""Generating and storing the whole demo portfolio: a focal company and its peers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from orientir.demo.answers import TextWriter
from orientir.demo.comments import write_comment
from orientir.demo.model import Company, Customer, draw_company, draw_customers, draw_transactions
from orientir.demo.plan import FOCAL, PORTFOLIO, plan_waves
from orientir.demo.store import (
    GeneratedWave,
    as_contact,
    as_person,
    store_contacts,
    store_organisation,
    store_people,
    store_wave,
)
from orientir.domain.organisations import ContactKind
from orientir.storage.database import Database

FOCAL_NAME = "Ромашка"
PEER_NAMES = (
    "Василёк",
    "Лютик",
    "Колокольчик",
    "Ландыш",
    "Клевер",
    "Одуванчик",
    "Мак",
    "Подсолнух",
    "Незабудка",
    "Фиалка",
    "Тюльпан",
    "Пион",
    "Астра",
    "Гвоздика",
    "Ирис",
    "Лотос",
    "Мимоза",
    "Нарцисс",
    "Орхидея",
    "Роза",
)
Progress = Callable[[str], None]


@dataclass
class GeneratedCompany:
    company: Company
    slug: str
    waves: list[GeneratedWave]
    customers: list[Customer] = field(default_factory=list)


@dataclass
class Portfolio:
    focal: GeneratedCompany
    peers: list[GeneratedCompany]
    transactions: pd.DataFrame  # the focal company's log: customer_id, date, amount
    responses: int = 0

    @property
    def companies(self) -> list[GeneratedCompany]:
        return [self.focal, *self.peers]


def _store(db: Database, generated: GeneratedCompany, partners: list[str]) -> int:
    company = generated.company
    with db.engine.begin() as conn:
        org_id = store_organisation(
            conn,
            name=company.name,
            founded=company.factors.founded,
            headcount=company.factors.headcount,
            sector=company.sector,
        )
        store_people(conn, org_id=org_id, persons=[as_person(e) for e in company.employees])
        contacts = [
            as_contact(c.external_id, ContactKind.CUSTOMER, c.company, c.email)
            for c in generated.customers
        ]
        contacts += [
            as_contact(p, ContactKind.PARTNER, f"Партнёр {p}", f"{p}@partners.example")
            for p in partners
        ]
        store_contacts(conn, org_id=org_id, contacts=contacts)
        return sum(store_wave(conn, org_id=org_id, wave=w) for w in generated.waves)


def generate_portfolio(
    db: Database,
    *,
    seed: int,
    companies: int,
    today: date,
    progress: Progress,
    write_text: TextWriter | None = write_comment,
    focal_customers: int = 8000,
) -> Portfolio:
    """Draw and store the focal company and ``companies`` peers; reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    progress("focal company")
    company = draw_company(
        rng, name=FOCAL_NAME, prefix="rom", today=today, headcount=400, departments=12, focal=True
    )
    log_start = date(today.year - 2, today.month, 1)
    customers = draw_customers(rng, company, n=focal_customers, start=log_start, prefix="rom")
    ids, days, amounts = draw_transactions(rng, customers, end=today)
    transactions = pd.DataFrame({"customer_id": ids, "date": days, "amount": amounts})
    partners = [f"rom-P{i:03d}" for i in range(40)]
    focal = GeneratedCompany(
        company,
        "ромашка",
        plan_waves(company, customers, partners, rng, FOCAL, write_text),
        customers,
    )
    total = _store(db, focal, partners)
    peers = []
    for i in range(companies):
        name = PEER_NAMES[i % len(PEER_NAMES)] + ("" if i < len(PEER_NAMES) else f" {i}")
        progress(f"peer company {i + 1} of {companies}: {name}")
        peer = draw_company(rng, name=name, prefix=f"p{i:02d}", today=today)
        peer_customers = draw_customers(rng, peer, n=300, start=log_start, prefix=f"p{i:02d}")
        generated = GeneratedCompany(
            peer,
            name.lower(),
            plan_waves(peer, peer_customers, [], rng, PORTFOLIO, write_text),
            peer_customers,
        )
        total += _store(db, generated, [])
        peers.append(generated)
    return Portfolio(focal, peers, transactions, responses=total)

"""The demo's generative model: companies whose customer orientation follows the 13 rules.

Nothing here is noise for its own sake: every number is drawn from a latent quantity, so the
analyses have something true to find (and tests check they find it).

**Companies.** Each company has the factors the 13 rules talk about: founding year (rule 9),
headcount and departments (rule 11), the top team's *wanting* and *acting* (rule 5 and its
counterpoint: acting = wanting − a gap), a driver team (rule 6), a yearly budget per employee
(rule 12) and outside help (rule 13). Its latent customer orientation at the program start is
``co0 ~ N(0, 0.35) + 0.3·acting``, and it changes every year by

    Δ = 0.50·driver_team + 0.25·z(acting) + 0.15·z(log budget) + N(0, 0.08)

— so driver team, acting leadership and money have built-in effects, while company age, size and
outside help have **none** (the commentator's counterpoints to rules 9, 11 and 13); the portfolio
analysis should find the first three and not the others. ``co(t) = co0 + Δ·years``.

**Employees.** A department effect ``N(0, 0.25)``, a persistent personal trait ``N(0, 0.6)`` and
a wave-to-wave wobble ``N(0, 0.25)`` add to ``co(t)``. Likert answers are
``round(3 + 0.95·θ + N(0, 0.65))`` clipped to the scale, mirrored for reverse-keyed items, which
gives scale reliabilities near 0.8. 3 % of respondents are careless (straight-lining or random)
and 2 % of item answers are missing. eNPS and NPS are ``round(7.4 + 1.9·θ + N(0, 1.3))`` on 0–10.

**Views of the company.** Customers see ``0.8·co(t)`` plus their own experience; managers rate
the company ``+0.55`` above what customers see (the self-versus-customer gap the product should
flag); partners see ``0.7·co(t)``.

**Customers.** Purchases follow a BG/NBD process (Fader, Hardie & Lee 2005): each customer buys
at a Poisson rate ``λ ~ Gamma(r = 0.9, α = 7)`` per week until dropping out with probability
``p ~ Beta(a = 1.1, b)`` after each repeat purchase; spend per order is ``Gamma(6, ν)`` with
``ν ~ Gamma(4, 2250)`` (the Gamma-Gamma model of Fader, Hardie & Lee 2005, "RFM and CLV").
A more customer-oriented company keeps customers longer
(``b`` grows with ``co``). Loyalty in surveys rises with a customer's value, so NPS by ABC class
differs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

SECTORS = ("retail", "b2b services", "manufacturing", "banking", "logistics", "telecom", "it")
DEPARTMENT_NAMES = (
    ("Продажи", "Москва"),
    ("Продажи", "Регионы"),
    ("Сервис", "Поддержка"),
    ("Сервис", "Выездной сервис"),
    ("Маркетинг", None),
    ("Логистика", "Склад"),
    ("Логистика", "Доставка"),
    ("Финансы", None),
    ("ИТ", None),
    ("Персонал", None),
    ("Закупки", None),
    ("Производство", "Цех 1"),
    ("Производство", "Цех 2"),
    ("Юридический отдел", None),
)
FIRST_NAMES = (
    "Анна",
    "Борис",
    "Вера",
    "Глеб",
    "Дарья",
    "Егор",
    "Жанна",
    "Зоя",
    "Иван",
    "Кира",
    "Лев",
    "Мария",
    "Никита",
    "Ольга",
    "Павел",
    "Раиса",
    "Семён",
    "Таисия",
    "Ульяна",
    "Фёдор",
    "Юлия",
    "Яков",
)
LAST_NAMES = (
    "Иванов",
    "Петров",
    "Сидоров",
    "Кузнецов",
    "Смирнов",
    "Попов",
    "Васильев",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
)
FEMININE = frozenset(
    {
        "Анна",
        "Вера",
        "Дарья",
        "Жанна",
        "Зоя",
        "Кира",
        "Мария",
        "Ольга",
        "Раиса",
        "Таисия",
        "Ульяна",
        "Юлия",
    }
)


@dataclass(frozen=True)
class CompanyFactors:
    """The 13-rule factors of one company (see the module docstring for their effects)."""

    founded: int
    headcount: int
    departments: int
    wanting: float  # the top team's declared wish, latent
    acting: float  # the top team's daily action, latent
    driver_team: bool
    driver_team_size: int
    budget_per_employee: float  # roubles per employee per year
    outside_help: bool
    hiring_screen: bool
    co0: float  # latent customer orientation at the program start
    yearly_change: float  # Δ, latent change per year

    def co(self, years: float) -> float:
        return self.co0 + self.yearly_change * years


@dataclass(frozen=True)
class Employee:
    external_id: str
    name: str
    email: str
    department: str
    manager: str | None
    hire_date: date
    role: str
    trait: float  # persistent personal deviation from the company level


@dataclass
class Company:
    name: str
    sector: str
    factors: CompanyFactors
    program_start: date
    department_effects: dict[str, float]
    employees: list[Employee] = field(default_factory=list)


@dataclass(frozen=True)
class Customer:
    external_id: str
    company: str
    email: str
    rate: float  # purchases per week while alive
    dropout: float  # probability of leaving after a purchase
    mean_spend: float
    first_purchase: date
    loyalty: float  # personal deviation in how they see the company


def draw_factors(
    rng: np.random.Generator,
    *,
    headcount: int | None = None,
    departments: int | None = None,
    focal: bool = False,
) -> CompanyFactors:
    """One company's factors; ``focal`` fixes the story the demo's main company tells."""
    size = headcount or int(np.clip(rng.lognormal(math.log(110), 0.5), 30, 600))
    n_departments = departments or int(np.clip(round(size / 30), 3, 12))
    wanting = float(rng.normal(0.8, 0.4))
    acting = wanting - abs(float(rng.normal(0.6, 0.4)))
    driver_team = bool(rng.random() < 0.5)
    budget = float(rng.lognormal(math.log(8000), 0.6))
    co0 = float(rng.normal(0.0, 0.35) + 0.3 * acting)
    change = (
        0.50 * driver_team
        + 0.25 * (acting - 0.2) / 0.5
        + 0.15 * (math.log(budget) - math.log(8000)) / 0.6
        + float(rng.normal(0, 0.08))
    )
    if focal:
        # A long-established firm whose top team wants more than it does daily, with a driver
        # team and a budget: it starts below the scale middle and rises wave after wave.
        wanting, acting, driver_team, budget, co0 = 1.1, 0.45, True, 12000.0, -0.45
        change = (
            0.50 + 0.25 * (acting - 0.2) / 0.5 + 0.15 * (math.log(budget) - math.log(8000)) / 0.6
        )
    return CompanyFactors(
        founded=1998 if focal else int(rng.integers(1992, 2023)),
        headcount=size,
        departments=n_departments,
        wanting=wanting,
        acting=acting,
        driver_team=driver_team,
        driver_team_size=int(rng.integers(2, 7)) if driver_team else 0,
        budget_per_employee=round(budget, -2),
        outside_help=bool(rng.random() < 0.4),
        hiring_screen=bool(rng.random() < 0.35) and not focal,
        co0=co0,
        yearly_change=change,
    )


def _person_name(rng: np.random.Generator) -> str:
    first = FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]
    last = LAST_NAMES[int(rng.integers(len(LAST_NAMES)))]
    return f"{first} {last}{'а' if first in FEMININE else ''}"


def department_paths(n: int) -> list[str]:
    return ["/".join(p for p in parts if p) for parts in DEPARTMENT_NAMES[:n]]


def draw_company(
    rng: np.random.Generator,
    *,
    name: str,
    prefix: str,
    today: date,
    headcount: int | None = None,
    departments: int | None = None,
    focal: bool = False,
) -> Company:
    factors = draw_factors(rng, headcount=headcount, departments=departments, focal=focal)
    paths = department_paths(factors.departments)
    effects = {p: float(rng.normal(0, 0.25)) for p in paths}
    company = Company(
        name=name,
        sector=SECTORS[int(rng.integers(len(SECTORS)))],
        factors=factors,
        program_start=today - timedelta(days=int(15 * 30.4)),
        department_effects=effects,
    )
    ceo = Employee(
        f"{prefix}-0001",
        _person_name(rng),
        f"ceo@{prefix}.example",
        paths[0],
        None,
        date(factors.founded, 6, 1),
        "director",
        float(rng.normal(0, 0.3)),
    )
    company.employees.append(ceo)
    heads: dict[str, str] = {}
    for i in range(2, factors.headcount + 1):
        path = paths[(i - 2) % len(paths)]
        head = heads.get(path)
        role = (
            "head"
            if head is None
            else (
                "driver"
                if factors.driver_team
                and i % max(2, factors.headcount // max(1, factors.driver_team_size)) == 0
                else "specialist"
            )
        )
        external_id = f"{prefix}-{i:04d}"
        hired = today - timedelta(
            days=int(rng.integers(30, 365 * min(20, today.year - factors.founded + 1)))
        )
        company.employees.append(
            Employee(
                external_id,
                _person_name(rng),
                f"e{i}@{prefix}.example",
                path,
                head or ceo.external_id,
                hired,
                role,
                float(rng.normal(0, 0.6)),
            )
        )
        if head is None:
            heads[path] = external_id
    return company


def draw_customers(
    rng: np.random.Generator, company: Company, *, n: int, start: date, prefix: str
) -> list[Customer]:
    """Customers whose first purchases spread over the first year of the log."""
    co = company.factors.co0
    rates = rng.gamma(shape=0.9, scale=1 / 7.0, size=n)  # mean ≈ 0.13 purchases a week
    b = 6.0 * math.exp(0.5 * co)  # more customer-oriented → lower dropout
    dropouts = rng.beta(1.1, b, size=n)
    # Gamma-Gamma spend: each order ~ Gamma(p = 6, rate ν), ν ~ Gamma(q = 4, rate γ = 2250),
    # so a customer's mean order is 6/ν and the average order about pγ/(q − 1) = 4 500 ₽.
    means = 6.0 / rng.gamma(shape=4.0, scale=1 / 2250.0, size=n)
    firsts = rng.integers(0, 365, size=n)
    loyalty = rng.normal(0, 0.6, size=n)
    return [
        Customer(
            f"{prefix}-C{i:05d}",
            f"Клиент {i}",
            f"c{i}@{prefix}-clients.example",
            float(rates[i]),
            float(dropouts[i]),
            float(means[i]),
            start + timedelta(days=int(firsts[i])),
            float(loyalty[i]),
        )
        for i in range(n)
    ]


def draw_transactions(
    rng: np.random.Generator, customers: list[Customer], *, end: date
) -> tuple[list[str], list[date], list[float]]:
    """A BG/NBD purchase log: (customer ids, dates, amounts) up to ``end``."""
    ids: list[str] = []
    days: list[date] = []
    amounts: list[float] = []
    for c in customers:
        t = 0.0
        horizon = (end - c.first_purchase).days / 7.0
        while True:
            ids.append(c.external_id)
            days.append(c.first_purchase + timedelta(days=int(t * 7)))
            amounts.append(round(float(rng.gamma(6.0, c.mean_spend / 6.0)), 2))
            if t > 0 and rng.random() < c.dropout:
                break  # BG/NBD: a customer may leave after a repeat purchase, not the first
            t += float(rng.exponential(1 / c.rate))
            if t > horizon:
                break
    return ids, days, amounts

"""Which waves each generated company runs, and everyone's answers in them.

The focal company runs five quarterly waves of ``employee-co`` and ``customer-view`` and the
leadership survey, three of ``management-view`` and ``culture``, two of ``partner-view`` and one
fact sheet (``readiness-13``). Portfolio companies run three waves a half-year apart of the
employee, leadership, management and customer surveys, and the fact sheet. Latent levels come
from :mod:`orientir.demo.model`; the response model is in :mod:`orientir.demo.answers`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from orientir.demo.answers import TextWriter, answer
from orientir.demo.model import Company, Customer
from orientir.demo.store import Answered, GeneratedWave
from orientir.domain.waves import WaveMode
from orientir.instruments.library import builtin_library
from orientir.instruments.model import Instrument

SELF_OVERRATING = 0.55  # managers see their company this much above what customers see


@dataclass(frozen=True)
class Schedule:
    """Wave months after the program start, per instrument."""

    employee: tuple[int, ...]
    leadership: tuple[int, ...]
    management: tuple[int, ...]
    customers: tuple[int, ...]
    culture: tuple[int, ...]
    partners: tuple[int, ...]
    fact_sheet: int


FOCAL = Schedule(
    employee=(3, 6, 9, 12, 15),
    leadership=(3, 6, 9, 12, 15),
    management=(3, 9, 15),
    customers=(3, 6, 9, 12, 15),
    culture=(3, 9, 15),
    partners=(6, 12),
    fact_sheet=15,
)
PORTFOLIO = Schedule(
    employee=(3, 9, 15),
    leadership=(3, 15),
    management=(3, 15),
    customers=(3, 15),
    culture=(),
    partners=(),
    fact_sheet=15,
)


def _at(start: date, months: int) -> date:
    return start + timedelta(days=round(months * 30.44))


def _wave(
    instrument: Instrument,
    start: date,
    months: int,
    mode: WaveMode | None = None,
    *,
    invited: list[str],
    answered: list[Answered],
    contacts: bool = False,
) -> GeneratedWave:
    closes = _at(start, months)
    return GeneratedWave(
        label=f"{instrument.id}-{closes:%Y-%m}",
        instrument=instrument,
        mode=mode or WaveMode(instrument.privacy.value),
        opens_on=closes - timedelta(days=14),
        closes_on=closes,
        invited=invited,
        answered=answered,
        contacts_not_people=contacts,
    )


def _employee_levels(
    company: Company, trait: float, department: str, months: int, rng: np.random.Generator
) -> float:
    level = company.factors.co(months / 12) + company.department_effects.get(department, 0.0)
    return float(level + trait + rng.normal(0, 0.25))


def plan_waves(
    company: Company,
    customers: list[Customer],
    partners: list[str],
    rng: np.random.Generator,
    schedule: Schedule,
    write_text: TextWriter | None = None,
) -> list[GeneratedWave]:
    library = builtin_library()
    start, f = company.program_start, company.factors
    staff = list(company.employees)
    top = [e for e in staff if e.role in {"director", "head"}]
    waves: list[GeneratedWave] = []

    employee_co = library.resolve("employee-co@1")
    for months in schedule.employee:
        answered = []
        for e in staff:
            if rng.random() < 0.75:
                level = _employee_levels(company, e.trait, e.department, months, rng)
                levels = {"needs": level, "enjoyment": level + rng.normal(0, 0.3), "overall": level}
                answered.append(
                    Answered(e.external_id, e.department, answer(employee_co, levels, rng))
                )
        waves.append(
            _wave(
                employee_co,
                start,
                months,
                invited=[e.external_id for e in staff],
                answered=answered,
            )
        )

    leadership = library.resolve("leadership@1")
    for months in schedule.leadership:
        acting = f.acting + 0.5 * f.yearly_change * months / 12
        answered = [
            Answered(
                e.external_id,
                e.department,
                answer(
                    leadership,
                    {
                        "wanting": f.wanting + rng.normal(0, 0.35),
                        "acting": acting + rng.normal(0, 0.35),
                    },
                    rng,
                ),
            )
            for e in top
            if rng.random() < 0.9
        ]
        waves.append(
            _wave(
                leadership, start, months, invited=[e.external_id for e in top], answered=answered
            )
        )

    management = library.resolve("management-view@1")
    for months in schedule.management:
        seen = 0.8 * f.co(months / 12) + SELF_OVERRATING
        answered = [
            Answered(
                e.external_id,
                e.department,
                answer(management, {"overall": seen + rng.normal(0, 0.5)}, rng),
            )
            for e in top
            if rng.random() < 0.9
        ]
        waves.append(
            _wave(
                management, start, months, invited=[e.external_id for e in top], answered=answered
            )
        )

    waves += _customer_waves(company, customers, rng, schedule, write_text)

    culture = library.resolve("culture@1")
    for months in schedule.culture:
        answered = []
        for e in staff:
            if rng.random() < 0.6:
                level = _employee_levels(company, e.trait, e.department, months, rng)
                levels = {
                    "clan_now": 0.6 * level,
                    "adhocracy_now": 0.1,
                    "market_now": 0.2,
                    "hierarchy_now": -0.4 * level,
                    "clan_pref": 0.6,
                    "adhocracy_pref": 0.4,
                    "market_pref": 0.1,
                    "hierarchy_pref": -0.3,
                    "overall": level,
                }
                levels.update({s.id: level for s in culture.scales if s.id not in levels})
                answered.append(Answered(e.external_id, e.department, answer(culture, levels, rng)))
        waves.append(
            _wave(culture, start, months, invited=[e.external_id for e in staff], answered=answered)
        )

    partner_view = library.resolve("partner-view@1")
    for months in schedule.partners:
        answered = [
            Answered(
                p,
                None,
                answer(
                    partner_view,
                    {"overall": 0.7 * f.co(months / 12) + rng.normal(0, 0.6)},
                    rng,
                    write_text=write_text,
                ),
            )
            for p in partners
            if rng.random() < 0.7
        ]
        waves.append(
            _wave(
                partner_view,
                start,
                months,
                invited=list(partners),
                answered=answered,
                contacts=True,
            )
        )

    fact_sheet = library.resolve("readiness-13@1")
    lead = next((e for e in staff if e.role == "driver"), staff[0])
    facts: dict[str, Any] = {
        "founded": f.founded,
        "headcount": f.headcount,
        "departments": f.departments,
        "driver_team": f.driver_team,
        "driver_team_size": f.driver_team_size or None,
        "program_start": start.isoformat(),
        "budget": round(f.budget_per_employee * f.headcount, -3),
        "budget_currency": fact_sheet.item("budget_currency").options[0].value,
        "outside_help": f.outside_help,
        "outside_help_kinds": None,
        "hiring_screen": f.hiring_screen,
    }
    waves.append(
        _wave(
            fact_sheet,
            start,
            schedule.fact_sheet,
            invited=[lead.external_id],
            answered=[
                Answered(
                    lead.external_id, lead.department, answer(fact_sheet, {}, rng, facts=facts)
                )
            ],
        )
    )
    return waves


def _customer_waves(
    company: Company,
    customers: list[Customer],
    rng: np.random.Generator,
    schedule: Schedule,
    write_text: TextWriter | None,
) -> list[GeneratedWave]:
    """Customer-view waves: a sample of the customers known by then, a third of whom answer."""
    instrument = builtin_library().resolve("customer-view@1")
    values = np.array([math.log(c.mean_spend * c.rate + 1) for c in customers])
    value_z = (values - values.mean()) / (values.std() or 1.0)
    waves = []
    for months in schedule.customers:
        closes = _at(company.program_start, months)
        known = [i for i, c in enumerate(customers) if c.first_purchase <= closes]
        size = min(len(known), max(60, len(customers) // 6))
        invited = sorted(rng.choice(known, size=size, replace=False).tolist())
        answered = []
        seen = 0.8 * company.factors.co(months / 12)
        for i in invited:
            if rng.random() < 0.35:
                c = customers[i]
                level = seen + c.loyalty + 0.35 * float(value_z[i]) + rng.normal(0, 0.3)
                answered.append(
                    Answered(
                        c.external_id,
                        None,
                        answer(instrument, {"overall": level}, rng, write_text=write_text),
                    )
                )
        waves.append(
            _wave(
                instrument,
                company.program_start,
                months,
                invited=[customers[i].external_id for i in invited],
                answered=answered,
                contacts=True,
            )
        )
    return waves

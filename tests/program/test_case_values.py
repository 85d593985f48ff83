"""A live survey answer that opens a case gets its priority from the customer's value in the
organisation's stored transaction log (ABC class; CLV when the rules use it), as the demo's program
step does."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from orientir.config import Limits
from orientir.domain.cases import Priority
from orientir.services import cases as service
from orientir.services.case_rules import set_rules
from orientir.services.case_values import customer_values
from orientir.services.customer_base import import_transactions, transaction_log
from tests.program.conftest import World

# C1 brings 80 % of revenue (class A), C4 15 % (B), C3 5 % (C); C2 bought nothing.
LOG = (
    "customer_id,date,amount\n"
    "C1,2025-10-01,500\n"
    "C1,2026-01-15,300\n"
    "C4,2025-11-03,150\n"
    "C3,2025-12-20,50\n"
)


def test_live_answers_are_prioritised_by_the_stored_abc_class(world: World, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(LOG, encoding="utf-8")
    import_transactions(world.db, org=world.org, path=path, limits=Limits())
    world.answer("C1", nps=2)  # a detractor of class A
    world.answer("C3", nps=9, comment="Хочу вернуть деньги")  # a complaint of class C
    world.answer("C2", nps=4)  # a detractor the log does not know
    world.answer("C4", nps=5)  # class B
    found = {c.customer: c for c in service.list_cases(world.db, org=world.org)}
    assert {k: (c.priority, c.abc_class) for k, c in found.items()} == {
        "C1": (Priority.HIGH, "A"),
        "C3": (Priority.LOW, "C"),
        "C2": (Priority.NORMAL, None),
        "C4": (Priority.NORMAL, "B"),
    }
    assert found["C1"].due_at - found["C1"].opened_at == timedelta(days=2)
    assert found["C3"].due_at - found["C3"].opened_at == timedelta(days=10)
    # The rules use classes only, so no lifetime value was fitted for the case.
    assert found["C1"].clv is None


def test_without_a_stored_log_every_case_stays_normal(world: World) -> None:
    world.answer("C1", nps=2)
    (case,) = service.list_cases(world.db, org=world.org)
    assert (case.priority, case.abc_class) == (Priority.NORMAL, None)


def _simulated_log(path: Path) -> None:
    """Two years of purchases of 300 customers from the BG/NBD story (purchase rates from a
    gamma, drop-out after each purchase with a beta probability); C1 and C3 among them."""
    rng = np.random.default_rng(5)
    start = date(2024, 1, 1)
    lines = ["customer_id,date,amount"]
    for i in range(300):
        customer = {0: "C1", 1: "C3"}.get(i, f"X{i}")
        rate, drop = rng.gamma(2.0, 0.05), rng.beta(1, 4)
        spend = float(rng.gamma(4, 100))
        day = int(rng.integers(0, 300))
        while day < 728:
            lines.append(f"{customer},{start + timedelta(days=day)},{spend:.2f}")
            if rng.random() < drop:
                break
            day += int(rng.exponential(7 / rate)) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_clv_threshold_in_the_rules_prioritises_by_lifetime_value(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    _simulated_log(path)
    import_transactions(world.db, org=world.org, path=path, limits=Limits())
    expected = customer_values(transaction_log(world.db, org=world.org), with_clv=True)
    c1, c3 = expected["C1"].clv, expected["C3"].clv
    assert c1 is not None
    assert c3 is not None
    assert c1 != c3
    threshold = (c1 + c3) / 2
    set_rules(
        world.db,
        org=world.org,
        document=(
            "priority:\n"
            f"  high: {{abc: [], clv_at_least: {threshold}}}\n"
            f"  low: {{abc: [], clv_below: {threshold}}}\n"
        ),
    )
    world.answer("C1", nps=2)
    world.answer("C3", nps=2)
    world.answer("C2", nps=2)  # not in the log: unknown, so normal
    found = {c.customer: c for c in service.list_cases(world.db, org=world.org)}
    richer, poorer = ("C1", "C3") if c1 > c3 else ("C3", "C1")
    assert found[richer].priority is Priority.HIGH
    assert found[poorer].priority is Priority.LOW
    assert found["C2"].priority is Priority.NORMAL
    assert found["C1"].clv == pytest.approx(c1)
    assert found["C1"].abc_class == expected["C1"].abc_class

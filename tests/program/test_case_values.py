"""A live survey answer that opens a case gets its priority from the customer's value in the
organisation's stored transaction log (ABC class), as the demo's program step does."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from orientir.config import Limits
from orientir.domain.cases import Priority
from orientir.services import cases as service
from orientir.services.customer_base import import_transactions
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

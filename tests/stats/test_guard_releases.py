"""Rule 4 of the guard: figures from different tables, requests and waves, played together.

The attacker here is stronger than subtraction of two cells: it knows who is in every
shown cell and each cell's total, and solves the linear system they form. A small set of
people (one person, or a hidden cell of 1 to k − 1) is recovered exactly when its
indicator vector lies in the span of the shown cells' indicator vectors. Within one wave
that is exact. Between waves the same people give new answers; the attack there is the
join/leave one: a group against the same group a wave later with a few people more or
fewer, everyone else answering as before. The two-wave tests pool both waves into one
system under that assumption.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InvalidInput
from orientir.stats import Release, suppress_releases
from orientir.stats.guard import REASON_OVERLAP

K = 5


def table(
    people: pd.DataFrame, groups: dict[str, str | None], name: str, epoch: int = 0
) -> Release:
    """A flat table: the whole (root ``all``) and one cell per value of ``people[column]``."""
    rows, members = [], []
    for key, parent in groups.items():
        inside = people if key == "all" else people[people["cell"] == key]
        rows.append(
            {"group": key, "parent": parent, "n": len(inside), "mean": inside["score"].mean()}
        )
        members.append(frozenset(inside["id"]))
    return Release(name, "engagement", pd.DataFrame(rows), members, epoch)


def view(people: pd.DataFrame, column: str, name: str, epoch: int = 0) -> Release:
    frame = people.assign(cell=people[column])
    cells = {"all": None, **dict.fromkeys(sorted(frame["cell"].unique()), "all")}
    return table(frame, cells, name, epoch)


def shown_cells(releases: list[Release], guarded: list[pd.DataFrame]) -> list[frozenset[Hashable]]:
    out = []
    for release, shown in zip(releases, guarded, strict=True):
        for members, hidden in zip(release.members, shown["suppressed"], strict=True):
            if not hidden and members:
                out.append(members)
    return out


def recoverable(shown: list[frozenset[Hashable]], targets: Iterable[frozenset[Hashable]]) -> list:
    """The targets whose total follows linearly from the shown cells' totals."""
    people = sorted(frozenset().union(*shown, *targets), key=str)
    index = {p: i for i, p in enumerate(people)}

    def vector(members: frozenset[Hashable]) -> np.ndarray:
        v = np.zeros(len(people))
        v[[index[p] for p in members]] = 1.0
        return v

    basis = np.array([vector(m) for m in shown]) if shown else np.zeros((0, len(people)))
    found = []
    for target in targets:
        v = vector(target)
        if basis.size:
            coef, *_ = np.linalg.lstsq(basis.T, v, rcond=None)
            if np.allclose(basis.T @ coef, v, atol=1e-8):
                found.append(target)
    return found


def small_targets(people: pd.DataFrame, *columns: str) -> list[frozenset[Hashable]]:
    """Every single person, and every cell of 1..k − 1 people under any cross of the columns."""
    targets = [frozenset([p]) for p in people["id"]]
    for size in range(1, len(columns) + 1):
        for cols in [columns[:size], columns[-size:]]:
            for _, part in people.groupby(list(cols)):
                if 0 < len(part) < K:
                    targets.append(frozenset(part["id"]))
    return targets


@pytest.fixture
def staff() -> pd.DataFrame:
    # Sales 12 (two hired this year), Ops 18 (six hired this year).
    rng = np.random.default_rng(7)
    dept = ["Sales"] * 12 + ["Ops"] * 18
    tenure = ["<1y"] * 2 + ["1y+"] * 10 + ["<1y"] * 6 + ["1y+"] * 12
    return pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(30)],
            "dept": dept,
            "tenure": tenure,
            "score": rng.integers(1, 6, 30).astype(float),
        }
    )


def test_tenure_filter_on_the_department_view_cannot_expose_newcomers(staff: pd.DataFrame) -> None:
    long = staff[staff["tenure"] == "1y+"]
    new = staff[staff["tenure"] == "<1y"]
    releases = [
        view(staff, "dept", "department"),
        view(long, "dept", "department, tenure 1y+"),
        view(new, "dept", "department, tenure <1y"),
        view(staff, "tenure", "tenure"),
    ]
    # Without rule 4 every table passes rules 1–2 on its own, and Sales − Sales(1y+) gives
    # the two Sales newcomers' total: the attack works on the naive tables.
    naive = [r.cells.assign(suppressed=r.cells["n"] < K) for r in releases]
    sales_new = frozenset(new.loc[new["dept"] == "Sales", "id"])
    assert sales_new in recoverable(shown_cells(releases, naive), [sales_new])

    guarded = suppress_releases(releases, k=K)
    assert recoverable(shown_cells(releases, guarded), small_targets(staff, "dept", "tenure")) == []
    reasons = {(r.name, g): why for r, t in zip(releases, guarded, strict=True)
               for g, why in zip(t["group"], t["reason"], strict=True)}  # fmt: skip
    assert REASON_OVERLAP in reasons.values()
    assert reasons[("department", "Sales")] is None  # the plain department view stays whole


def test_the_same_team_across_two_waves_when_one_person_joins() -> None:
    rng = np.random.default_rng(3)
    first = pd.DataFrame(
        {"id": [f"p{i}" for i in range(16)], "team": ["A"] * 6 + ["B"] * 10,
         "score": rng.integers(1, 6, 16).astype(float)}
    )  # fmt: skip
    joiner = pd.DataFrame({"id": ["new"], "team": ["A"], "score": [1.0]})
    second = pd.concat([first, joiner], ignore_index=True)  # the others answer as before
    releases = [view(first, "team", "w1", epoch=0), view(second, "team", "w2", epoch=1)]
    naive = [r.cells.assign(suppressed=r.cells["n"] < K) for r in releases]
    assert frozenset(["new"]) in recoverable(shown_cells(releases, naive), [frozenset(["new"])])

    guarded = suppress_releases(releases, k=K)
    targets = small_targets(second, "team")
    assert recoverable(shown_cells(releases, guarded), targets) == []
    # The earlier wave keeps what it already showed; the later one gives way.
    assert not guarded[0]["suppressed"].any()
    assert guarded[1].set_index("group").loc["A", "suppressed"]


def test_the_same_team_across_two_waves_when_one_person_leaves() -> None:
    rng = np.random.default_rng(4)
    first = pd.DataFrame(
        {"id": [f"p{i}" for i in range(20)], "team": ["A"] * 7 + ["B"] * 13,
         "score": rng.integers(1, 6, 20).astype(float)}
    )  # fmt: skip
    second = first[first["id"] != "p0"]
    releases = [view(first, "team", "w1", epoch=0), view(second, "team", "w2", epoch=1)]
    guarded = suppress_releases(releases, k=K)
    assert recoverable(shown_cells(releases, guarded), small_targets(first, "team")) == []
    assert not guarded[0]["suppressed"].any()


def test_results_do_not_depend_on_the_order_tables_are_listed(staff: pd.DataFrame) -> None:
    long = staff[staff["tenure"] == "1y+"]
    releases = [view(staff, "dept", "department"), view(long, "dept", "filtered")]
    forward = suppress_releases(releases, k=K)
    backward = suppress_releases(releases[::-1], k=K)[::-1]
    for a, b in zip(forward, backward, strict=True):
        assert list(a["suppressed"]) == list(b["suppressed"])


@pytest.mark.parametrize("seed", range(25))
def test_random_filters_and_waves_never_expose_a_small_group(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(12, 40))
    people = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n)],
            "dept": rng.choice(["A", "B", "C"], n, p=[0.5, 0.3, 0.2]),
            "tenure": rng.choice(["<1y", "1-3y", "3y+"], n),
            "score": rng.integers(1, 6, n).astype(float),
        }
    )
    later = people.drop(index=rng.choice(n, int(rng.integers(0, 3)), replace=False))
    releases = [view(people, "dept", "w1 dept"), view(people, "tenure", "w1 tenure")]
    for band in ("<1y", "1-3y", "3y+"):
        releases.append(view(people[people["tenure"] == band], "dept", f"w1 dept {band}"))
    releases += [view(later, "dept", "w2 dept", 1), view(later, "tenure", "w2 tenure", 1)]
    guarded = suppress_releases(releases, k=K)
    # Within a wave the same answers sit in every cell: the full linear attack.
    for epoch in (0, 1):
        picked = [(r, g) for r, g in zip(releases, guarded, strict=True) if r.epoch == epoch]
        shown = shown_cells([r for r, _ in picked], [g for _, g in picked])
        for i, a in enumerate(shown):
            for b in shown[i + 1 :]:
                assert not 0 < len(a ^ b) < K
        leaks = recoverable(shown, small_targets(people, "dept", "tenure"))
        assert leaks == [], (seed, epoch, [sorted(t) for t in leaks])
    # Across waves: a cell and a later one holding it (or held by it) with 1..k − 1 more.
    first = shown_cells(releases[:5], guarded[:5])
    for a in first:
        for b in shown_cells(releases[5:], guarded[5:]):
            assert not ((a <= b or b <= a) and 0 < len(a ^ b) < K)


def test_release_inputs_are_checked() -> None:
    cells = pd.DataFrame({"group": ["all"], "parent": [None], "n": [3], "mean": [2.0]})
    with pytest.raises(InvalidInput):
        Release("x", "m", cells, [frozenset(["a", "b"])])
    ok = Release("x", "m", cells, [frozenset(["a", "b", "c"])])
    with pytest.raises(InvalidInput):
        suppress_releases([ok, ok])
    with pytest.raises(InvalidInput):
        suppress_releases([ok], k=2)

"""The anonymity guard: primary and secondary suppression, filters, and attacks that must fail.

Each attack is played by ``Attacker``, which knows the whole hierarchy, the true number of
people in every cell's remainder (a strong attacker), and every figure the guard lets
through. It derives what it can by subtraction and addition until nothing new appears. A
test fails if it ever learns the total of a set of 1 to k − 1 people.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InvalidInput
from orientir.stats import filter_allowed, suppress, suppress_filtered
from orientir.stats.guard import REASON_COMPLEMENT, REASON_FILTER, REASON_SMALL

K = 5


def cells_from_people(people: pd.DataFrame, parents: dict[str, str | None]) -> pd.DataFrame:
    """One cell per unit: everyone in the unit or below it; figures = mean score and a comment."""
    children: dict[str, list[str]] = {u: [] for u in parents}
    for unit, parent in parents.items():
        if parent is not None:
            children[parent].append(unit)

    def members(unit: str) -> pd.DataFrame:
        parts = [people[people["unit"] == unit]] + [members(c) for c in children[unit]]
        return pd.concat(parts)

    rows = []
    for unit, parent in parents.items():
        inside = members(unit)
        rows.append(
            {
                "group": unit,
                "parent": parent,
                "n": len(inside),
                "mean": inside["score"].mean() if len(inside) else np.nan,
                "comment": f"comments of {unit}",
            }
        )
    return pd.DataFrame(rows)


class Attacker:
    def __init__(self, shown: pd.DataFrame, truth: pd.DataFrame) -> None:
        self.parent = {
            g: (None if pd.isna(p) else p)
            for g, p in zip(truth["group"], truth["parent"], strict=True)
        }
        self.children: dict[Hashable, list[Hashable]] = {g: [] for g in self.parent}
        for g, p in self.parent.items():
            if p is not None:
                self.children[p].append(g)
        true_n = dict(zip(truth["group"], truth["n"], strict=True))
        self.remainder = {
            g: true_n[g] - sum(true_n[c] for c in kids) for g, kids in self.children.items()
        }
        visible = shown[~shown["suppressed"]]
        self.known = {
            g: (int(n), float(m) * int(n))
            for g, n, m in zip(visible["group"], visible["n"], visible["mean"], strict=True)
        }
        self.leaks: list[str] = []

    def run(self, k: int) -> list[str]:
        changed = True
        while changed:
            changed = False
            for g, kids in self.children.items():
                if not kids:
                    continue
                unknown = [c for c in kids if c not in self.known]
                # Add up: a cell whose children are all known and that has no remainder.
                if g not in self.known and not unknown and self.remainder[g] == 0:
                    self.known[g] = (
                        sum(self.known[c][0] for c in kids),
                        sum(self.known[c][1] for c in kids),
                    )
                    changed = True
                # Subtract: the parent minus its known children is the union of the rest.
                if g in self.known and (unknown or self.remainder[g] > 0):
                    n_rest = self.known[g][0] - sum(
                        self.known[c][0] for c in kids if c in self.known
                    )
                    if 0 < n_rest < k:
                        self.leaks.append(f"{g} minus its shown children leaves {n_rest} people")
                    if len(unknown) == 1 and self.remainder[g] == 0:
                        total = self.known[g][1] - sum(
                            self.known[c][1] for c in kids if c in self.known
                        )
                        self.known[unknown[0]] = (n_rest, total)
                        changed = True
        self.leaks += [
            f"{g} is readable with {n} people" for g, (n, _) in self.known.items() if 0 < n < k
        ]
        return self.leaks


def people(counts: dict[str, int], seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    units = [u for u, c in counts.items() for _ in range(c)]
    return pd.DataFrame({"unit": units, "score": rng.integers(1, 6, len(units)).astype(float)})


def guard_and_attack(truth: pd.DataFrame, k: int = K) -> tuple[pd.DataFrame, list[str]]:
    shown = suppress(truth, k=k)
    return shown, Attacker(shown, truth).run(k)


def test_small_cell_is_blank_and_its_count_hidden() -> None:
    truth = cells_from_people(
        people({"co": 0, "a": 10, "b": 9, "c": 3}), {"co": None, "a": "co", "b": "co", "c": "co"}
    )
    shown = suppress(truth)
    row = shown.set_index("group").loc["c"]
    assert row["suppressed"]
    assert row["reason"] == REASON_SMALL
    assert pd.isna(row["n"])
    assert pd.isna(row["mean"])
    assert row["comment"] is None


def test_parent_minus_visible_children_attack_fails() -> None:
    # Without secondary suppression: co (22) − a (10) − b (9) = c, 3 people.
    parents = {"co": None, "a": "co", "b": "co", "c": "co"}
    truth = cells_from_people(people({"co": 0, "a": 10, "b": 9, "c": 3}), parents)
    naive = truth.assign(suppressed=truth["n"] < K)
    assert Attacker(naive, truth).run(K), (
        "the naive table must be attackable, or this test proves nothing"
    )
    shown, leaks = guard_and_attack(truth)
    assert leaks == []
    by_group = shown.set_index("group")
    assert by_group.loc["b", "reason"] == REASON_COMPLEMENT  # next-smallest sibling
    assert not by_group.loc["a", "suppressed"]
    assert not by_group.loc["co", "suppressed"]


def test_remainder_of_people_in_no_child_is_protected() -> None:
    # dept has 3 people of its own plus teams x (8) and y (9): dept − x − y = those 3.
    parents = {"dept": None, "x": "dept", "y": "dept"}
    truth = cells_from_people(people({"dept": 3, "x": 8, "y": 9}), parents)
    shown, leaks = guard_and_attack(truth)
    assert leaks == []
    assert shown.set_index("group").loc["x", "reason"] == REASON_COMPLEMENT


def test_two_small_children_do_not_protect_each_other() -> None:
    # c (2) and d (2) hidden: co − a − b = c ∪ d, still only 4 people.
    parents = {"co": None, "a": "co", "b": "co", "c": "co", "d": "co"}
    truth = cells_from_people(people({"co": 0, "a": 10, "b": 12, "c": 2, "d": 2}), parents)
    shown, leaks = guard_and_attack(truth)
    assert leaks == []
    assert shown.set_index("group").loc["a", "suppressed"]


def test_a_complement_that_can_be_rebuilt_from_its_children_is_not_used() -> None:
    # a (10) = a1 (5) + a2 (5), both shown: hiding a would not hide anything.
    parents = {"co": None, "a": "co", "a1": "a", "a2": "a", "b": "co", "c": "co"}
    truth = cells_from_people(people({"co": 0, "a": 0, "a1": 5, "a2": 5, "b": 17, "c": 3}), parents)
    shown, leaks = guard_and_attack(truth)
    assert leaks == []
    by_group = shown.set_index("group")
    assert by_group.loc["b", "suppressed"]
    assert not by_group.loc["a", "suppressed"]


def test_suppression_climbs_the_hierarchy_when_siblings_cannot_help() -> None:
    # div has one big team and one small one; no sibling can cover t2, so div is hidden,
    # and then co − div2 would give div: div2 must go too.
    parents = {"co": None, "div": "co", "t1": "div", "t2": "div", "div2": "co"}
    truth = cells_from_people(people({"co": 0, "div": 0, "t1": 9, "t2": 2, "div2": 30}), parents)
    _, leaks = guard_and_attack(truth)
    assert leaks == []


@pytest.mark.parametrize("seed", range(40))
def test_random_hierarchies_never_leak(seed: int) -> None:
    rng = np.random.default_rng(seed)
    parents: dict[str, str | None] = {"co": None}
    counts = {"co": int(rng.integers(0, 3))}
    for i in range(int(rng.integers(3, 14))):
        unit = f"u{i}"
        parents[unit] = str(rng.choice(list(parents)))
        counts[unit] = int(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]))
    truth = cells_from_people(people(counts, seed), parents)
    for k in (3, 5, 10):
        shown, leaks = guard_and_attack(truth, k)
        assert leaks == [], (seed, k, leaks)
        assert not shown.loc[shown["suppressed"] == False, "n"].lt(k).any()  # noqa: E712


def test_department_minus_one_person_is_refused() -> None:
    # "Sales without Ivan" (11) next to "Sales" (12) would give Ivan's own answer.
    views = pd.DataFrame({"view": ["sales without Ivan"], "n": [11], "base_n": [12], "mean": [3.9]})
    shown = suppress_filtered(views)
    assert shown.loc[0, "suppressed"]
    assert shown.loc[0, "reason"] == REASON_FILTER
    assert pd.isna(shown.loc[0, "mean"])
    assert pd.isna(shown.loc[0, "n"])
    assert not filter_allowed(11, 12)


def test_tenure_filter_complement_is_refused() -> None:
    group = people({"ops": 20}, seed=3)
    tenure = np.r_[np.full(17, 5.0), np.full(3, 0.5)]  # three people hired this year
    long_tenure = group[tenure >= 1]
    views = pd.DataFrame(
        {
            "view": ["tenure ≥ 1 year", "tenure < 1 year", "everyone"],
            "n": [len(long_tenure), 3, 20],
            "base_n": [20, 20, 20],
            "mean": [
                long_tenure["score"].mean(),
                group[tenure < 1]["score"].mean(),
                group["score"].mean(),
            ],
        }
    )
    shown = suppress_filtered(views, figures=["mean"])
    assert list(shown["suppressed"]) == [True, True, False]
    assert list(shown["reason"])[:2] == [REASON_FILTER, REASON_SMALL]
    # The attack: everyone × 20 − (tenure ≥ 1) × 17 = the three newcomers' total. Impossible now.
    assert shown["mean"].notna().sum() == 1
    assert filter_allowed(10, 20)
    assert not filter_allowed(4, 20)
    assert not filter_allowed(16, 20)
    assert filter_allowed(20, 20)  # the filter removed nobody: nothing to subtract


def test_k_below_three_is_refused() -> None:
    truth = cells_from_people(people({"a": 4}), {"a": None})
    with pytest.raises(InvalidInput):
        suppress(truth, k=2)
    with pytest.raises(InvalidInput):
        filter_allowed(5, 9, k=1)
    assert not suppress(truth, k=3)["suppressed"].any()
    assert suppress(truth)["suppressed"].all()  # default k = 5


def test_inconsistent_tables_are_refused() -> None:
    bad = pd.DataFrame(
        {"group": ["a", "b"], "parent": [None, "a"], "n": [5, 9], "mean": [1.0, 2.0]}
    )
    with pytest.raises(InvalidInput):
        suppress(bad)
    with pytest.raises(InvalidInput):
        suppress(pd.DataFrame({"group": ["a", "a"], "parent": [None, None], "n": [5, 6]}))
    with pytest.raises(InvalidInput):
        suppress_filtered(pd.DataFrame({"n": [9], "base_n": [5]}))


def test_the_random_hierarchies_would_leak_without_the_guard() -> None:
    # Keeps the test above honest: most of its tables are attackable with primary
    # suppression alone, so "no leak" there is the guard's doing.
    leaky = 0
    for seed in range(12):
        rng = np.random.default_rng(seed)
        parents: dict[str, str | None] = {"co": None}
        counts = {"co": int(rng.integers(0, 3))}
        for i in range(int(rng.integers(3, 14))):
            parents[f"u{i}"] = str(rng.choice(list(parents)))
            counts[f"u{i}"] = int(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]))
        truth = cells_from_people(people(counts, seed), parents)
        naive = truth.assign(suppressed=truth["n"] < K)
        leaky += bool(Attacker(naive, truth).run(K))
    assert leaky >= 6

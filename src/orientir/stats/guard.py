"""The anonymity guard: the one gate every reader of results goes through.

Rules (statistical disclosure control, cf. Hundepool et al. 2012, *Statistical Disclosure
Control*, ch. 4 "threshold rule" and "secondary suppression"):

1. **Primary suppression.** No figure and no comment for a cell of fewer than ``k``
   respondents (default 5; ``k`` below 3 is refused — two people can always read each
   other's answers off a shared figure).
2. **Secondary suppression in a hierarchy.** A visible parent minus its visible children
   reveals the rest. For every parent that is shown (or can be rebuilt by adding up its
   children), the pieces hidden from it — suppressed children plus the parent's own
   members who sit in no child (the *remainder*) — must be either none, or at least two
   pieces holding at least ``k`` people together. Otherwise the next-smallest visible
   sibling is suppressed too; if no sibling can help, the parent itself is. A suppressed
   cell whose children are all shown and that has no remainder is treated as visible,
   because adding its children up rebuilds it. This repeats until nothing changes.
3. **Filters.** A filtered view of a group (by tenure, hire date, "everyone but …") and
   the unfiltered group differ by ``base_n − n`` people; when that is between 1 and
   ``k − 1`` the filtered view is suppressed, as it is when ``n < k``.

4. **Across tables, requests and waves** (:func:`suppress_releases`). Two figures of the
   same measure whose respondent sets differ by 1 to ``k − 1`` people give those people
   away by subtraction — "Sales" against "Sales, tenure ≥ 1 year"; a company-wide tenure
   band against a department it almost fills; the same team in two waves after one person
   joined or left (exactly so when the others answer as before). The guard does not keep a
   history of what each reader already asked, which would make a figure depend on who asked
   first and would need storage. It guards the *release universe* instead: every table any
   reader can request for the measure (each wave × each grouping × each filter band), run
   together. Within each measure, any two derivable cells (shown, or rebuilt by adding up
   shown children) must have a symmetric difference of 0 or at least ``k`` respondents;
   otherwise one of them is suppressed — the one released later (a later ``epoch``: the
   next wave), so figures already shown stay as they were when a new wave arrives; within
   one epoch the one in most such pairs, then the smaller — and rules 1–2 run again on its
   table (hiding it may expose a sibling). This repeats until nothing changes, so whatever
   a reader asks, in any order, the figures shown are the same and no pair of them differs
   by a small group. Respondents are
   compared by opaque id, so an identified or confidential wave's people are recognised
   across waves; anonymous waves carry no ids and are never broken down.

   What this does not cover, and is documented in ``docs/anonymity.md``: combinations of
   three or more overlapping cells that are neither nested (rule 2) nor pairwise close
   (rule 4). Filters are therefore offered only as fixed bands (tenure bands, never free
   date ranges), which keeps the universe small and its cells coarse.

Counts of suppressed cells are hidden as well: a count is itself a figure.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.errors import InvalidInput
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)

DEFAULT_K = 5
MIN_K = 3

REASON_SMALL = "fewer than k respondents"
REASON_COMPLEMENT = "shown, it would let a suppressed group be recovered by subtraction"
REASON_FILTER = "differs from its unfiltered group by fewer than k respondents"
REASON_OVERLAP = "differs from another figure of the same measure by fewer than k respondents"


def check_k(k: int) -> int:
    """Validate the minimum group size: an integer of at least 3."""
    if int(k) != k or k < MIN_K:
        raise InvalidInput(
            f"k must be a whole number of at least {MIN_K}",
            key="err.stats.k_whole_number",
            params={"min_k": MIN_K},
        )
    return int(k)


def _is_root(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


class _Tree:
    """Parent/child structure of the cells, with the hidden set being grown."""

    def __init__(self, keys: list[Hashable], parents: list[Any], counts: list[int]) -> None:
        self.n = dict(zip(keys, counts, strict=True))
        self.children: dict[Hashable, list[Hashable]] = {key: [] for key in keys}
        self.parent: dict[Hashable, Hashable | None] = {}
        for key, par in zip(keys, parents, strict=True):
            # A parent that is not in the table is not shown: nothing to subtract from.
            par_key = None if _is_root(par) or par not in self.n else par
            self.parent[key] = par_key
            if par_key is not None:
                self.children[par_key].append(key)
        for key, kids in self.children.items():
            if sum(self.n[c] for c in kids) > self.n[key]:
                raise InvalidInput(
                    f"the children of {key!r} have more respondents than it has",
                    key="err.stats.children_exceed_parent",
                    params={"key": key},
                )
        self.hidden: dict[Hashable, str] = {}

    def remainder(self, key: Hashable) -> int:
        return self.n[key] - sum(self.n[c] for c in self.children[key])

    def known(self) -> dict[Hashable, bool]:
        """Which cells an attacker can read: shown, or rebuilt by adding up known children."""
        memo: dict[Hashable, bool] = {}

        def visit(key: Hashable) -> bool:
            if key not in memo:
                kids = self.children[key]
                memo[key] = key not in self.hidden or (
                    bool(kids) and self.remainder(key) == 0 and all(visit(c) for c in kids)
                )
            return memo[key]

        for key in self.n:
            visit(key)
        return memo

    def rebuildable_if_hidden(self, key: Hashable, known: dict[Hashable, bool]) -> bool:
        kids = self.children[key]
        return bool(kids) and self.remainder(key) == 0 and all(known[c] for c in kids)

    def step(self, k: int) -> bool:
        """Hide one more cell where some parent exposes a small hidden part; False if none."""
        known = self.known()
        for key in self.n:
            if not known[key]:
                continue
            kids = [c for c in self.children[key] if self.n[c] > 0]
            if not kids:
                continue  # a leaf: nothing to subtract
            hidden_n = [self.n[c] for c in kids if not known[c]]
            rest = self.remainder(key)
            if rest > 0:
                hidden_n.append(rest)
            if not hidden_n or (len(hidden_n) >= 2 and sum(hidden_n) >= k):
                continue
            candidates = sorted(
                (c for c in kids if known[c] and not self.rebuildable_if_hidden(c, known)),
                key=lambda c: (self.n[c], str(c)),
            )
            target = candidates[0] if candidates else key
            self.hidden[target] = REASON_COMPLEMENT
            return True
        return False


def _mask_rows(
    out: pd.DataFrame, rows: npt.NDArray[np.bool_], n_col: str, figure_cols: Sequence[str]
) -> None:
    for col in figure_cols:
        if pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].astype(np.float64)
            out.loc[rows, col] = np.nan
        else:
            out[col] = out[col].astype(object)
            out.loc[rows, col] = None
    out[n_col] = out[n_col].astype("Int64")
    out.loc[rows, n_col] = pd.NA


def _figure_columns(
    cells: pd.DataFrame, exclude: Sequence[str], figures: Sequence[str] | None
) -> list[str]:
    if figures is None:
        return [c for c in cells.columns if c not in exclude]
    unknown = [c for c in figures if c not in cells.columns]
    if unknown:
        raise InvalidInput(
            f"figure columns not found: {unknown}",
            key="err.stats.figure_columns_not_found",
            params={"unknown": unknown},
        )
    return list(figures)


def _guard_tree(
    cells: pd.DataFrame, k: int, key: str, parent: str, n: str, forced: Collection[Hashable] = ()
) -> _Tree:
    """Rules 1–2 on one table, starting from the ``forced`` cells hidden (rule 4's picks)."""
    for col in (key, parent, n):
        if col not in cells.columns:
            raise InvalidInput(
                f"the cells table needs a {col!r} column",
                key="err.stats.cells_need_column",
                params={"column": col},
            )
    if cells[key].duplicated().any():
        raise InvalidInput("every cell needs its own key", key="err.stats.cell_keys_unique")
    counts = cells[n].to_numpy()
    if pd.isna(counts).any() or (counts < 0).any():
        raise InvalidInput(
            "every cell needs a respondent count of zero or more",
            key="err.stats.cell_counts_invalid",
        )
    tree = _Tree(list(cells[key]), list(cells[parent]), [int(c) for c in counts])
    for cell in forced:
        tree.hidden[cell] = REASON_OVERLAP
    for cell, count in tree.n.items():
        if count < k:
            tree.hidden[cell] = REASON_SMALL
    while tree.step(k):
        pass
    return tree


def _masked(
    cells: pd.DataFrame, tree: _Tree, key: str, parent: str, n: str, figures: Sequence[str] | None
) -> pd.DataFrame:
    out = cells.copy()
    reasons = [tree.hidden.get(cell) for cell in cells[key]]
    rows = np.array([r is not None for r in reasons], dtype=bool)
    _mask_rows(out, rows, n, _figure_columns(cells, (key, parent, n), figures))
    out["suppressed"] = rows
    out["reason"] = reasons
    return out


def suppress(
    cells: pd.DataFrame,
    *,
    k: int = DEFAULT_K,
    key: str = "group",
    parent: str = "parent",
    n: str = "n",
    figures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Apply primary and secondary suppression to a table of cells (see the module notes).

    ``cells`` has one row per cell: its ``key``, its ``parent`` key (missing for a top
    cell), its respondent count ``n`` and any figures or comments. ``figures`` names the
    columns to blank (default: every other column). Returns a copy in the same order with
    suppressed figures and counts set to missing and two more columns: ``suppressed`` and
    ``reason`` (None when shown).
    """
    k = check_k(k)
    return _masked(cells, _guard_tree(cells, k, key, parent, n), key, parent, n, figures)


def filter_allowed(filtered_n: int, base_n: int, *, k: int = DEFAULT_K) -> bool:
    """Whether a filtered view of ``filtered_n`` out of a group of ``base_n`` may be shown."""
    k = check_k(k)
    if not 0 <= filtered_n <= base_n:
        raise InvalidInput(
            "a filtered view cannot hold more people than its group",
            key="err.stats.filtered_exceeds_group",
        )
    gap = base_n - filtered_n
    return filtered_n >= k and not 0 < gap < k


def suppress_filtered(
    views: pd.DataFrame,
    *,
    k: int = DEFAULT_K,
    n: str = "n",
    base_n: str = "base_n",
    figures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Guard filtered views against differencing with their unfiltered group.

    ``views``: one row per filtered view, with its count ``n`` and the count ``base_n`` of
    the same group without the filter. A view is suppressed when ``n < k`` or when
    ``1 ≤ base_n − n ≤ k − 1`` (subtracting it from the group would expose the few people
    the filter left out). Returns a copy with ``suppressed`` and ``reason`` columns.
    """
    k = check_k(k)
    for col in (n, base_n):
        if col not in views.columns:
            raise InvalidInput(
                f"the views table needs a {col!r} column",
                key="err.stats.views_need_column",
                params={"column": col},
            )
    filtered = views[n].to_numpy(dtype=np.float64)
    base = views[base_n].to_numpy(dtype=np.float64)
    if np.isnan(filtered).any() or np.isnan(base).any() or (filtered > base).any():
        raise InvalidInput(
            "every view needs a count no larger than its group's",
            key="err.stats.view_counts_invalid",
        )
    gap = base - filtered
    small = filtered < k
    complement = (gap > 0) & (gap < k) & ~small
    out = views.copy()
    rows = small | complement
    _mask_rows(out, rows, n, _figure_columns(views, (n, base_n), figures))
    out["suppressed"] = rows
    out["reason"] = [
        REASON_SMALL if is_small else REASON_FILTER if is_gap else None
        for is_small, is_gap in zip(small, complement, strict=True)
    ]
    return out


@dataclass(frozen=True, eq=False)
class Release:
    """One table a reader can request: its cells and who is in each (for rule 4).

    ``cells`` is a table for :func:`suppress` (``group``, ``parent``, ``n`` and figures);
    ``members`` gives, in the same order, the opaque ids of the respondents in each cell;
    ``measure`` names what the figures measure (an instrument): figures of different
    measures cannot be subtracted from one another, so only cells of one measure are
    compared. ``epoch`` orders releases in time (a wave's position): when two cells are too
    close, the later one is suppressed.
    """

    name: str
    measure: Hashable
    cells: pd.DataFrame
    members: Sequence[frozenset[Hashable]]
    epoch: int = 0

    def __post_init__(self) -> None:
        if len(self.members) != len(self.cells):
            raise InvalidInput(
                f"release {self.name!r} needs one member set per cell",
                key="err.stats.release_member_sets",
                params={"name": self.name},
            )
        counts = self.cells["n"].to_numpy() if "n" in self.cells.columns else None
        if counts is not None and any(
            len(m) != int(c) for m, c in zip(self.members, counts, strict=True)
        ):
            raise InvalidInput(
                f"release {self.name!r}: a cell's count differs from its members",
                key="err.stats.release_count_mismatch",
                params={"name": self.name},
            )


def _close_pairs(
    sets: list[frozenset[Hashable]], epochs: npt.NDArray[np.int64], k: int
) -> npt.NDArray[np.bool_]:
    """Which pairs of member sets give away 1 to k − 1 people by subtraction.

    Within one epoch (one wave: the same answers counted in both cells) any symmetric
    difference of 1 to k − 1 people does. Across epochs the answers are different answers of
    the same people; subtracting isolates the few only when one set holds the other — a
    pure join or a pure leave, with everyone else answering as before (the worst case).
    """
    ids = {person: i for i, person in enumerate(frozenset().union(*sets))}
    incidence = np.zeros((len(sets), len(ids)), dtype=np.float32)
    for row, members in enumerate(sets):
        incidence[row, [ids[p] for p in members]] = 1.0
    sizes = incidence.sum(axis=1)
    shared = incidence @ incidence.T  # exact: whole numbers far below 2²⁴ per pair
    apart = sizes[:, None] + sizes[None, :] - 2.0 * shared
    nested = shared == np.minimum(sizes[:, None], sizes[None, :])
    same = epochs[:, None] == epochs[None, :]
    close: npt.NDArray[np.bool_] = (apart >= 1) & (apart < k) & (same | nested)
    return close


MAX_AUDIT_COMBINATIONS = 50_000
AUDIT_CHUNK = 20_000


def _linear_leak(sets: list[frozenset[Hashable]], k: int) -> list[int] | None:
    """Cells that together give away a set of 1 to k − 1 people by any linear combination.

    People in the same shown cells form an *atom*; every combination of cell totals is a
    combination of atom totals, and a union of atoms is recoverable exactly when its
    indicator lies in the row space of the cells × atoms incidence matrix, i.e. equals its
    own projection on that space. Unions of fewer than k people are made of small
    atoms only; they are tried by number of atoms (1, 2, …) while the unions of that size
    number at most ``MAX_AUDIT_COMBINATIONS`` — the audit's bound: with very many small
    atoms, unions of several of them are not tried (see ``docs/anonymity.md``). Returns the
    cells used by the first recoverable union found, or None.
    """
    signature: dict[Hashable, list[int]] = {}
    for row, members in enumerate(sets):
        for person in members:
            signature.setdefault(person, []).append(row)
    atoms: dict[tuple[int, ...], int] = {}
    for cells_of_person in signature.values():
        atoms[tuple(cells_of_person)] = atoms.get(tuple(cells_of_person), 0) + 1
    keys = list(atoms)
    incidence = np.zeros((len(sets), len(keys)))
    for col, key in enumerate(keys):
        incidence[list(key), col] = 1.0
    # An orthonormal basis of the row space from the small cells × cells Gram matrix (whole
    # numbers, exact): A Aᵀ = U Λ Uᵀ gives the basis Aᵀ U Λ^(−1/2) over the non-zero Λ.
    values, vectors = np.linalg.eigh(incidence @ incidence.T)
    keep = values > 1e-9 * max(float(values.max(initial=0.0)), 1.0)
    basis = incidence.T @ (vectors[:, keep] / np.sqrt(values[keep]))  # atoms × rank
    small = np.array([j for j, key in enumerate(keys) if atoms[key] < k], dtype=np.intp)
    size_of = np.array([atoms[keys[j]] for j in small], dtype=np.int64)
    budget = MAX_AUDIT_COMBINATIONS
    for size in range(1, k):
        combos = np.array(list(itertools.islice(
            itertools.combinations(range(len(small)), size), budget + 1
        )), dtype=np.intp).reshape(-1, size)  # fmt: skip
        budget -= len(combos)
        if budget < 0:
            return None  # too many small atoms to try unions this large: the audit's bound
        if not len(combos):
            break
        combos = combos[size_of[combos].sum(axis=1) < k]
        if not len(combos):
            continue
        # A union is recoverable when its indicator lies in the row space: its squared
        # length (the number of atoms in it) equals that of its projection on the basis.
        for start in range(0, len(combos), AUDIT_CHUNK):
            part = combos[start : start + AUDIT_CHUNK]
            projected = np.square(basis[small[part]].sum(axis=1)).sum(axis=1)
            hits = np.flatnonzero(np.abs(projected - size) <= 1e-8)
            if not hits.size:
                continue
            x = np.zeros(len(keys))
            x[small[part[hits[0]]]] = 1.0
            coef, *_ = np.linalg.lstsq(incidence.T, x, rcond=None)
            return [int(r) for r in np.flatnonzero(np.abs(coef) > 1e-9)]
    return None


def suppress_releases(
    releases: Sequence[Release], *, k: int = DEFAULT_K, figures: Sequence[str] | None = None
) -> list[pd.DataFrame]:
    """Guard every table of a release universe together (rules 1, 2 and 4, module notes).

    Returns one guarded table per release, in order, shaped like :func:`suppress`'s output;
    a cell hidden by rule 4 has the reason ``REASON_OVERLAP``. The result does not depend on
    the order in which readers ask for the tables: each is the same slice of one answer.
    """
    k = check_k(k)
    names = [r.name for r in releases]
    if len(set(names)) != len(names):
        raise InvalidInput("every release needs its own name", key="err.stats.release_names_unique")
    forced: list[set[Hashable]] = [set() for _ in releases]
    while True:
        trees = [
            _guard_tree(r.cells, k, "group", "parent", "n", forced[i])
            for i, r in enumerate(releases)
        ]
        picked = False
        for measure in dict.fromkeys(r.measure for r in releases):
            entries: list[tuple[int, Hashable]] = []
            sets: list[frozenset[Hashable]] = []
            for i, (release, tree) in enumerate(zip(releases, trees, strict=True)):
                if release.measure != measure:
                    continue
                known = tree.known()
                for cell, members in zip(release.cells["group"], release.members, strict=True):
                    if known[cell] and members:
                        entries.append((i, cell))
                        sets.append(members)
            if len(sets) < 2:
                continue
            epochs = np.array([releases[i].epoch for i, _ in entries], dtype=np.int64)

            # Ties go by names, not positions: the listing order of the tables must not matter.
            ties = [(releases[i].name, str(cell)) for i, cell in entries]
            close = _close_pairs(sets, epochs, k)
            alive = np.ones(len(sets), dtype=bool)
            while True:
                live = close & alive[:, None] & alive[None, :]
                degree = live.sum(axis=1)
                if not degree.any():
                    break
                # The latest epoch first, then most close pairs, then the smaller cell.
                victim = max(
                    np.flatnonzero(degree),
                    key=lambda j: (
                        (releases[entries[j][0]].epoch, degree[j], -len(sets[j]), *ties[j])
                    ),
                )
                alive[victim] = False
                i, cell = entries[victim]
                forced[i].add(_hideable(trees[i], cell))
                picked = True
            if picked:
                continue  # settle the pairs first; the audit runs on the settled tables
            for epoch in np.unique(epochs):  # the audit: one wave's answers at a time
                rows = np.flatnonzero(epochs == epoch)
                used = _linear_leak([sets[r] for r in rows], k)
                if used is not None:
                    # The smallest of the cells the combination needs.
                    j = max(rows[used], key=lambda j: (-len(sets[j]), *ties[j]))
                    i, cell = entries[j]
                    forced[i].add(_hideable(trees[i], cell))
                    picked = True
        if not picked:
            break
    return [
        _masked(r.cells, tree, "group", "parent", "n", figures)
        for r, tree in zip(releases, trees, strict=True)
    ]


def _hideable(tree: _Tree, cell: Hashable) -> Hashable:
    """The cell itself if shown; if it is hidden but rebuilt from its children, a child."""
    known = tree.known()
    while cell in tree.hidden:
        kids = [c for c in tree.children[cell] if known[c] and tree.n[c] > 0]
        if not kids:
            break
        cell = min(kids, key=lambda c: (tree.n[c], str(c)))
    return cell

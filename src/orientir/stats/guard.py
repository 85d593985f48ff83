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

Counts of suppressed cells are hidden as well: a count is itself a figure.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.errors import InvalidInput

DEFAULT_K = 5
MIN_K = 3

REASON_SMALL = "fewer than k respondents"
REASON_COMPLEMENT = "shown, it would let a suppressed group be recovered by subtraction"
REASON_FILTER = "differs from its unfiltered group by fewer than k respondents"


def check_k(k: int) -> int:
    """Validate the minimum group size: an integer of at least 3."""
    if int(k) != k or k < MIN_K:
        raise InvalidInput(f"k must be a whole number of at least {MIN_K}")
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
                raise InvalidInput(f"the children of {key!r} have more respondents than it has")
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
        raise InvalidInput(f"figure columns not found: {unknown}")
    return list(figures)


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
    for col in (key, parent, n):
        if col not in cells.columns:
            raise InvalidInput(f"the cells table needs a {col!r} column")
    if cells[key].duplicated().any():
        raise InvalidInput("every cell needs its own key")
    counts = cells[n].to_numpy()
    if pd.isna(counts).any() or (counts < 0).any():
        raise InvalidInput("every cell needs a respondent count of zero or more")
    keys = list(cells[key])
    tree = _Tree(keys, list(cells[parent]), [int(c) for c in counts])
    for cell, count in tree.n.items():
        if count < k:
            tree.hidden[cell] = REASON_SMALL
    while tree.step(k):
        pass
    out = cells.copy()
    reasons = [tree.hidden.get(cell) for cell in keys]
    rows = np.array([r is not None for r in reasons], dtype=bool)
    _mask_rows(out, rows, n, _figure_columns(cells, (key, parent, n), figures))
    out["suppressed"] = rows
    out["reason"] = reasons
    return out


def filter_allowed(filtered_n: int, base_n: int, *, k: int = DEFAULT_K) -> bool:
    """Whether a filtered view of ``filtered_n`` out of a group of ``base_n`` may be shown."""
    k = check_k(k)
    if not 0 <= filtered_n <= base_n:
        raise InvalidInput("a filtered view cannot hold more people than its group")
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
            raise InvalidInput(f"the views table needs a {col!r} column")
    filtered = views[n].to_numpy(dtype=np.float64)
    base = views[base_n].to_numpy(dtype=np.float64)
    if np.isnan(filtered).any() or np.isnan(base).any() or (filtered > base).any():
        raise InvalidInput("every view needs a count no larger than its group's")
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

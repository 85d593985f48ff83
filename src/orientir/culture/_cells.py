"""The department tree of a wave as guarded cells: the whole wave (``""``) and every department.

Each department cell holds the respondents of its subtree (``Продажи`` holds
``Продажи/Москва``), as the index and the dashboards count them; the cells then go through
:func:`orientir.stats.suppress` together, so a hidden cell cannot be recovered by subtracting
shown ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from orientir.domain.organisations import department_ancestors
from orientir.stats import suppress

ROOT = ""
Cell = tuple[str, str | None, np.ndarray[Any, np.dtype[np.bool_]]]


def department_cells(departments: list[str | None], by_department: bool) -> list[Cell]:
    """``(group, parent, rows)`` for the root and, if asked, every department path."""
    n = len(departments)
    cells: list[Cell] = [(ROOT, None, np.ones(n, dtype=bool))]
    if not by_department:
        return cells
    members: dict[str, list[int]] = {}
    for row, path in enumerate(departments):
        if path:
            for ancestor in department_ancestors(path):
                members.setdefault(ancestor, []).append(row)
    for path in sorted(members):
        rows = np.zeros(n, dtype=bool)
        rows[members[path]] = True
        chain = department_ancestors(path)
        cells.append((path, chain[-2] if len(chain) > 1 else ROOT, rows))
    return cells


def guard_cells(cells: list[Cell], k: int) -> dict[str, str]:
    """Group → ``small`` or ``complement`` for every cell the guard hides."""
    table = pd.DataFrame(
        [(group, parent, int(rows.sum())) for group, parent, rows in cells],
        columns=["group", "parent", "n"],
    )
    guarded = suppress(table, k=k, figures=[])
    return {
        str(group): ("small" if n < k else "complement")
        for group, n, hidden in zip(table["group"], table["n"], guarded["suppressed"], strict=True)
        if hidden
    }

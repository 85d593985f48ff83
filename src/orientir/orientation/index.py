"""The customer-orientation index of one organisation under one index model.

**Score.** Each component ``c`` pools the responses of every wave of its instrument answered
by its stakeholder group and takes the mean of their 0–100 values
(:mod:`orientir.orientation._measures`), ``C_c``. The index is ``I = Σ_c w_c·C_c`` with the
model's weights scaled to sum to 1. A component without data makes the index refuse
(:class:`~orientir.errors.InsufficientData`) unless ``allow_missing=True``, which rescales the
weights of the components present and says so in ``notes``.

**Interval.** Percentile bootstrap: in each of ``n_boot`` replicates the responses of every
component are resampled with replacement within each wave (:mod:`._bootstrap`), the
component means and the index are recomputed, and the ``(1−level)/2`` and ``(1+level)/2``
quantiles of the replicates are the interval. A group's interval resamples that group's own
responses within each wave. ``seed`` makes the result reproducible.

**Groups.** ``by="stakeholder"``: a group's score is the weighted mean of its components
(weights rescaled within the group). ``by="department"``: a department (and every ancestor
of a path such as ``Продажи/Москва``) is scored from the components that have responses
there, weights rescaled over the components shown for it (``weight_covered`` tells how much
of the model that is); customers and partners usually carry no department and then simply
do not enter the department figures.

**Anonymity.** All cells — the index, components, stakeholder groups, and per component its
department tree — form one tree for :func:`orientir.stats.suppress`: a cell of fewer than
``k`` responses is hidden, and so is whatever would let it be recovered by subtraction (the
index is a weighted sum of its components, so a shown index with one hidden component would
reveal it). Counts ``n`` are responses, per component.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.domain.organisations import department_ancestors
from orientir.errors import InsufficientData, InvalidInput
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._bootstrap import boot_means
from orientir.orientation._common import (
    FloatArray,
    Interval,
    Message,
    check_level,
    percentile_interval,
    reason_code,
)
from orientir.orientation._measures import measure_values
from orientir.orientation.index_model import Component, IndexModel
from orientir.orientation.index_results import (
    By,
    ComponentCell,
    ComponentScore,
    GroupScore,
    IndexResult,
)
from orientir.orientation.inputs import WaveData, check_same_org
from orientir.stats import DEFAULT_K, check_k, suppress

Mask = npt.NDArray[np.bool_]


@dataclass
class _Data:
    """One component's responses, pooled over its waves."""

    comp: Component
    weight: float
    waves: list[WaveData]
    values: FloatArray
    wave_codes: npt.NDArray[np.intp]
    departments: list[str | None]


def _collect(component: Component, waves: Sequence[WaveData]) -> _Data | None:
    used: list[WaveData] = []
    parts: list[FloatArray] = []
    codes: list[npt.NDArray[np.intp]] = []
    departments: list[str | None] = []
    for wave in waves:
        if (
            not component.measure.matches(wave.instrument)
            or wave.stakeholder != component.stakeholder
        ):
            continue
        where = f"wave {wave.wave!r} ({wave.instrument.ref})"
        values = measure_values(wave.instrument, wave.responses, component.measure, where)
        keep = np.isfinite(values)
        if not keep.any():
            continue
        parts.append(values[keep])
        codes.append(np.full(int(keep.sum()), len(used), dtype=np.intp))
        departments += [d for d, k in zip(wave.departments(), keep, strict=True) if k]
        used.append(wave)
    if not used:
        return None
    return _Data(component, 0.0, used, np.concatenate(parts), np.concatenate(codes), departments)


def _department_counts(data: _Data) -> dict[str, Mask]:
    """Department path (with every ancestor) → mask of the component's rows in it."""
    paths: dict[str, list[int]] = {}
    for row, dep in enumerate(data.departments):
        if dep is not None:
            for path in department_ancestors(dep):
                paths.setdefault(path, []).append(row)
    out = {}
    for path, rows in sorted(paths.items()):
        mask = np.zeros(data.values.size, dtype=bool)
        mask[rows] = True
        out[path] = mask
    return out


def _parent_path(path: str) -> str | None:
    chain = department_ancestors(path)
    return chain[-2] if len(chain) > 1 else None


def _guard(rows: list[tuple[str, str | None, int]], k: int) -> dict[str, str]:
    """Key → reason code of every suppressed cell."""
    cells = pd.DataFrame(rows, columns=["group", "parent", "n"])
    out = suppress(cells, k=k, figures=[])
    hidden: dict[str, str] = {}
    for key, count, flag in zip(cells["group"], cells["n"], out["suppressed"], strict=True):
        if flag:
            hidden[str(key)] = reason_code(int(count), k)
    return hidden


def _cells(
    data: list[_Data], by: By | None
) -> tuple[list[tuple[str, str | None, int]], dict[str, dict[str, Mask]]]:
    """The guard's tree ``(key, parent, n)`` and, by department, each component's row masks.

    Keys: ``index``; ``c:<component>``; ``s:<stakeholder>``; ``d:<component>:<path>``.
    """
    rows: list[tuple[str, str | None, int]] = [("index", None, sum(d.values.size for d in data))]
    if by == "stakeholder":
        groups: dict[str, list[_Data]] = {}
        for d in data:
            groups.setdefault(d.comp.stakeholder.value, []).append(d)
        for name, members in groups.items():
            rows.append((f"s:{name}", "index", sum(m.values.size for m in members)))
            rows += [(f"c:{m.comp.id}", f"s:{name}", m.values.size) for m in members]
    else:
        rows += [(f"c:{d.comp.id}", "index", d.values.size) for d in data]
    masks: dict[str, dict[str, Mask]] = {}
    if by == "department":
        for d in data:
            masks[d.comp.id] = _department_counts(d)
            for path, mask in masks[d.comp.id].items():
                parent = _parent_path(path)
                up = f"c:{d.comp.id}" if parent is None else f"d:{d.comp.id}:{parent}"
                rows.append((f"d:{d.comp.id}:{path}", up, int(mask.sum())))
    return rows, masks


def compute_index(
    model: IndexModel,
    waves: Sequence[WaveData],
    *,
    by: By | None = None,
    k: int = DEFAULT_K,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    allow_missing: bool = False,
) -> IndexResult:
    """The index of ``model`` on one organisation's ``waves`` (see the module notes)."""
    waves = list(waves)
    org = check_same_org(waves)
    k, level = check_k(k), check_level(level)
    if by not in (None, "department", "stakeholder"):
        raise InvalidInput(
            f"by must be None, 'department' or 'stakeholder', not {by!r}",
            key="err.orientation.must_none_department_stakeholder",
            params={"by": by},
        )
    if int(n_boot) != n_boot or n_boot < 0:
        raise InvalidInput(
            "n_boot must be a whole number of zero or more", key="err.orientation.n_boot_must_whole"
        )
    collected = {c.id: _collect(c, waves) for c in model.components}
    data = [d for d in collected.values() if d is not None]
    missing = tuple(cid for cid, d in collected.items() if d is None)
    if missing and (not allow_missing or not data):
        needs = "; ".join(
            f"{c.id} needs a wave of {c.measure.ref} answered by {c.stakeholder.value}"
            for c in model.components
            if c.id in missing
        )
        raise InsufficientData(
            f"model {model.id!r}: no data for {', '.join(missing)} ({needs})",
            key="err.orientation.model_no_data",
            params={"id": model.id, "missing": ", ".join(missing), "needs": needs},
        )
    total = sum(d.comp.weight for d in data)
    for d in data:
        d.weight = d.comp.weight / total
    rng = np.random.default_rng(seed)

    rows, masks = _cells(data, by)
    hidden = _guard(rows, k)

    # Component figures first, so their replicates do not depend on ``by``.
    means = {d.comp.id: float(d.values.mean()) for d in data}
    reps = {d.comp.id: boot_means(d.values, d.wave_codes, n_boot, rng) for d in data}
    index_reps = sum((d.weight * reps[d.comp.id] for d in data), np.zeros(n_boot))
    index_value = float(sum(d.weight * means[d.comp.id] for d in data))

    def ci(replicates: FloatArray) -> Interval | None:
        return percentile_interval(replicates, level) if n_boot else None

    components = tuple(
        ComponentScore(
            id=d.comp.id,
            title=d.comp.title,
            stakeholder=d.comp.stakeholder.value,
            measure=d.comp.measure.describe(),
            weight=d.weight,
            waves=tuple(w.wave for w in d.waves),
            n=None if f"c:{d.comp.id}" in hidden else d.values.size,
            value=None if f"c:{d.comp.id}" in hidden else means[d.comp.id],
            ci=None if f"c:{d.comp.id}" in hidden else ci(reps[d.comp.id]),
            suppressed=f"c:{d.comp.id}" in hidden,
            reason=hidden.get(f"c:{d.comp.id}"),
        )
        for d in data
    )
    if by == "stakeholder":
        group_scores = _stakeholder_groups(data, means, reps, hidden, ci)
    elif by == "department":
        group_scores = _department_groups(data, masks, hidden, ci, n_boot, rng)
    else:
        group_scores = ()
    notes: tuple[Message, ...] = ()
    if missing:
        notes = (Message("orientation.index.partial", {"missing": ", ".join(missing)}),)
    shown = "index" not in hidden
    used = [w for d in data for w in d.waves]
    return IndexResult(
        model=model.id,
        model_title=model.title,
        org=org,
        as_of=max(w.closes_on for w in used),
        waves=tuple(dict.fromkeys(w.wave for w in used)),
        k=k,
        level=level,
        n_boot=int(n_boot),
        seed=seed,
        n=rows[0][2] if shown else None,
        value=index_value if shown else None,
        ci=ci(index_reps) if shown else None,
        suppressed=not shown,
        reason=hidden.get("index"),
        components=components,
        missing_components=missing,
        by=by,
        groups=group_scores,
        notes=notes,
    )


IntervalOf = Callable[[FloatArray], Interval | None]
Cell = tuple[_Data, int, float, FloatArray]  # (component data, n, mean, replicate means)


def _combine(cells: list[Cell], ci: IntervalOf, name: str, parent: str | None) -> GroupScore:
    """The weighted mean of component cells, with weights rescaled over them."""
    weight = sum(d.weight for d, *_ in cells)
    value = sum(d.weight * m for d, _, m, _ in cells) / weight
    replicates = sum((d.weight * r for d, _, _, r in cells), np.zeros_like(cells[0][3])) / weight
    return GroupScore(
        group=name,
        parent=parent,
        n=sum(n for _, n, _, _ in cells),
        value=float(value),
        ci=ci(replicates),
        components=tuple(ComponentCell(d.comp.id, n, m, ci(r)) for d, n, m, r in cells),
        components_hidden=(),
        weight_covered=float(weight),
        suppressed=False,
        reason=None,
    )


def _hidden_group(name: str, parent: str | None, reasons: list[str], ids: list[str]) -> GroupScore:
    reason = "small" if "small" in reasons or not reasons else reasons[0]
    return GroupScore(name, parent, None, None, None, (), tuple(ids), None, True, reason)


def _stakeholder_groups(
    data: list[_Data],
    means: dict[str, float],
    reps: dict[str, FloatArray],
    hidden: dict[str, str],
    ci: IntervalOf,
) -> tuple[GroupScore, ...]:
    """A group's score uses all its components; only those the guard allows are listed."""
    out = []
    for name in dict.fromkeys(d.comp.stakeholder.value for d in data):
        members = [d for d in data if d.comp.stakeholder.value == name]
        if f"s:{name}" in hidden:
            out.append(_hidden_group(name, None, [hidden[f"s:{name}"]], []))
            continue
        group = _combine(
            [(d, d.values.size, means[d.comp.id], reps[d.comp.id]) for d in members], ci, name, None
        )
        shown = tuple(c for c in group.components if f"c:{c.id}" not in hidden)
        gone = tuple(d.comp.id for d in members if f"c:{d.comp.id}" in hidden)
        out.append(replace(group, components=shown, components_hidden=gone))
    return tuple(out)


def _department_groups(
    data: list[_Data],
    masks: dict[str, dict[str, Mask]],
    hidden: dict[str, str],
    ci: IntervalOf,
    n_boot: int,
    rng: np.random.Generator,
) -> tuple[GroupScore, ...]:
    """A department's score uses only the component cells the guard allows."""
    out = []
    for path in sorted({p for per in masks.values() for p in per}):
        cells: list[Cell] = []
        reasons: list[str] = []
        gone: list[str] = []
        for d in data:
            mask = masks[d.comp.id].get(path)
            if mask is None:
                continue
            key = f"d:{d.comp.id}:{path}"
            if key in hidden:
                reasons.append(hidden[key])
                gone.append(d.comp.id)
                continue
            values = d.values[mask]
            replicates = boot_means(values, d.wave_codes[mask], n_boot, rng)
            cells.append((d, values.size, float(values.mean()), replicates))
        parent = _parent_path(path)
        if not cells:
            out.append(_hidden_group(path, parent, reasons, gone))
        else:
            out.append(replace(_combine(cells, ci, path, parent), components_hidden=tuple(gone)))
    return tuple(out)

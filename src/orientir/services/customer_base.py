"""An organisation's customer base: its stored transaction log, and its customers' voice joined
to their value.

**Import.** :func:`import_transactions` reads a file with
:func:`orientir.services.transactions.read_transactions` (all-or-nothing, every bad row
reported) and stores it in one transaction. Each row is keyed by its content and its
occurrence among identical rows of the file, so a file imported twice, or a later export that
repeats earlier rows, adds only what is new.

**Voice.** :func:`customer_voice` joins a ``customer-view`` wave's answers (respondents are
contacts whose external id is the customer id) with each customer's ABC class and RFM segment:
NPS with its adjusted-Wald interval and mean CSAT per ABC class and per segment, and the number
of detractors among A customers. Every cell goes through the anonymity guard; anonymous waves
cannot be joined to anyone and are refused.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from orientir.config import Limits
from orientir.customers import abc, rfm
from orientir.errors import InsufficientData, InvalidInput
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.survey_data import load_waves
from orientir.services.transactions import ReadOptions, read_transactions
from orientir.stats import nps, suppress
from orientir.storage import organisations as org_repo
from orientir.storage import transactions as repo
from orientir.storage.database import Database

CUSTOMER_VIEW = "customer-view"


@dataclass(frozen=True)
class TransactionImport:
    total_rows: int
    added: int
    already_present: int
    customers: int


def row_keys(table: pa.Table) -> list[str]:
    """A content key per row; identical rows get distinct keys by their occurrence."""
    seen: Counter[str] = Counter()
    keys = []
    columns = [
        table.column(name).to_pylist() if name in table.column_names else [None] * table.num_rows
        for name in repo.LOG_COLUMNS
    ]
    for values in zip(*columns, strict=True):
        content = "|".join("" if v is None else repr(v) for v in values)
        seen[content] += 1
        keys.append(hashlib.sha1(f"{content}#{seen[content]}".encode()).hexdigest())
    return keys


def import_transactions(
    db: Database,
    *,
    org: str,
    path: Path,
    limits: Limits,
    options: ReadOptions | None = None,
    check_only: bool = False,
) -> TransactionImport:
    table = read_transactions(path, limits, options)
    keys = row_keys(table)
    data = {
        name: (
            table.column(name).to_pylist()
            if name in table.column_names
            else [None] * table.num_rows
        )
        for name in repo.LOG_COLUMNS
    }
    rows = [
        dict(zip(repo.LOG_COLUMNS, values, strict=True)) | {"row_key": key}
        for values, key in zip(zip(*data.values(), strict=True), keys, strict=True)
    ]
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        added = repo.add_transactions(conn, org_id=organisation.id, rows=rows)
        if check_only:
            conn.rollback()
    return TransactionImport(
        table.num_rows, added, table.num_rows - added, len(set(data["customer_id"]))
    )


def transaction_log(db: Database, *, org: str) -> pa.Table:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        log = repo.transaction_log(conn, org_id=organisation.id)
    if log.num_rows == 0:
        raise InsufficientData(
            f"{org} has no transactions: run `orientir customers import`",
            key="err.customer_base.no_transactions_run_orientir",
            params={"org": org},
        )
    return log


@dataclass(frozen=True)
class VoiceCell:
    group: str
    n: int | None
    nps: float | None
    nps_ci: tuple[float, float] | None
    csat: float | None
    suppressed: bool
    reason: str | None


@dataclass(frozen=True)
class VoiceResult:
    org: str
    wave: str
    k: int
    respondents: int
    matched: int  # respondents found in the transaction log
    by_abc: list[VoiceCell]
    by_segment: list[VoiceCell]
    a_detractors: int | None  # None when the A class is suppressed
    segments_lang: str = "en"
    notes: list[str] = field(default_factory=list)


def _cells(frame: pd.DataFrame, column: str, k: int) -> list[VoiceCell]:
    rows: list[dict[str, Any]] = [{"group": "(all)", "parent": None, "frame": frame}]
    rows += [
        {"group": str(g), "parent": "(all)", "frame": part}
        for g, part in frame.groupby(column, sort=True)
    ]
    table = pd.DataFrame(
        [
            {
                "group": r["group"],
                "parent": r["parent"],
                "n": len(r["frame"]),
                **_figures(r["frame"]),
            }
            for r in rows
        ]
    )
    guarded = suppress(table, k=k, figures=["n", "nps", "nps_low", "nps_high", "csat"])
    cells = []
    for row in guarded.replace({np.nan: None}).to_dict(orient="records"):
        ci = (row["nps_low"], row["nps_high"]) if row["nps_low"] is not None else None
        cells.append(
            VoiceCell(
                str(row["group"]),
                None if row["n"] is None else int(row["n"]),
                row["nps"],
                ci,
                row["csat"],
                bool(row["suppressed"]),
                row["reason"],
            )
        )
    return cells


def _figures(frame: pd.DataFrame) -> dict[str, float | None]:
    scores = frame["nps"].dropna().to_numpy(dtype=float)
    csat = frame["csat"].dropna() if "csat" in frame else pd.Series(dtype=float)
    if len(scores) == 0:
        return {
            "nps": None,
            "nps_low": None,
            "nps_high": None,
            "csat": float(csat.mean()) if len(csat) else None,
        }
    result = nps(scores)
    return {
        "nps": result.nps,
        "nps_low": result.ci[0],
        "nps_high": result.ci[1],
        "csat": float(csat.mean()) if len(csat) else None,
    }


def customer_voice(
    db: Database,
    *,
    org: str,
    wave: str | None = None,
    k: int = 5,
    lang: str = "en",
    as_of: date | None = None,
) -> VoiceResult:
    waves = [
        w
        for w in load_waves(db, org=org, labels=[wave] if wave else None)
        if w.instrument.id == CUSTOMER_VIEW
    ]
    if not waves:
        if wave:
            raise InvalidInput(
                f"{org} has no closed {CUSTOMER_VIEW} wave named {wave!r}",
                key="err.customer_base.no_closed_wave_named",
                params={"org": org, "instrument": CUSTOMER_VIEW, "wave": wave},
            )
        raise InvalidInput(
            f"{org} has no closed {CUSTOMER_VIEW} wave",
            key="err.customer_base.no_closed_wave",
            params={"org": org, "instrument": CUSTOMER_VIEW},
        )
    chosen = waves[-1]
    if chosen.mode == "anonymous":
        raise InvalidInput(
            f"wave {chosen.wave!r} is anonymous: its answers cannot be joined to customers",
            key="err.customer_base.wave_anonymous_answers_cannot",
            params={"wave": chosen.wave},
        )
    log = transaction_log(db, org=org)
    classes = abc(log).to_pandas()[["customer_id", "abc_class"]]
    segments = rfm(log, as_of=as_of or chosen.closes_on, lang=lang).to_pandas()
    segment_column = "segment_name" if "segment_name" in segments else "segment"
    answers = chosen.responses[chosen.responses["complete"]]
    answers = answers[["respondent", "nps", *(["csat"] if "csat" in answers else [])]]
    joined = answers.merge(classes, left_on="respondent", right_on="customer_id", how="inner")
    joined = joined.merge(segments[["customer_id", segment_column]], on="customer_id", how="left")
    by_abc = _cells(joined, "abc_class", k)
    a_cell = next((c for c in by_abc if c.group == "A"), None)
    a_detractors = None
    if a_cell is not None and not a_cell.suppressed:
        a_answers = joined.loc[joined["abc_class"] == "A", "nps"]
        count = int((a_answers <= 6).sum())
        a_detractors = count if count == 0 or count >= k else None  # a small count is a small group
    return VoiceResult(
        org=org,
        wave=chosen.wave,
        k=k,
        respondents=len(answers),
        matched=len(joined),
        by_abc=by_abc,
        by_segment=_cells(joined, segment_column, k),
        a_detractors=a_detractors,
        segments_lang=lang,
        notes=[]
        if len(joined) == len(answers)
        else [f"{len(answers) - len(joined)} respondents are not in the transaction log"],
    )

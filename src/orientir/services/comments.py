"""Free-text comments of an organisation's waves, read from the database and analysed.

:func:`comments_report` is what ``orientir comments`` calls. It reads the chosen waves (all
answered waves with a free-text item, by default) through
:func:`orientir.services.culture.load_waves`, builds one row per response — the text of the
wave's free-text item (several are joined), the NPS answer (the instrument's outcome when it
is an NPS item, else its first NPS item), the ``csat`` item when there is one, and the
respondent's segment when a mapping is given — and calls
:func:`orientir.text.analyse_comments`. The organisation's people (their full names) and its
contacts' names are passed in for masking, so no comment leaves here with a colleague's or a
customer's name in it.

Segments come from a file such as the one ``orientir customers abc --csv`` writes: a column
with the respondent's id (``respondent``, ``customer_id``, ``customer``, ``contact`` or
``id``) and one with the segment (``segment``, ``abc_class``, ``class``, ``abc`` or
``rfm_segment``). Anonymous waves carry no respondent, so their answers have no segment.

Two thresholds guard the result (:mod:`orientir.text.report`): ``k`` (the setting
``ORIENTIR_MIN_GROUP_SIZE``, 5 by default) for figures, and the stricter ``comment_k``
(``ORIENTIR_MIN_COMMENT_GROUP``, 10 by default, never below ``k``) for every theme,
representative comment and breakdown — a free-text answer can identify its author where a
score cannot. A caller that passes no ``comment_k`` gets ``max(10, k)``; a group between the
two thresholds shows its figures and no comment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from orientir.config import DEFAULT_MIN_COMMENT_GROUP, Limits
from orientir.errors import InsufficientData, InvalidInput
from orientir.instruments.model import LIKERT_FORMATS, Format, Instrument
from orientir.orientation import WaveData
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.culture import load_waves
from orientir.services.people import list_contacts, list_people
from orientir.services.tabular import read_table
from orientir.stats import check_k
from orientir.storage.database import Database
from orientir.text import (
    CommentOptions,
    CommentsReport,
    CommentView,
    DiscoveryOptions,
    NameIndex,
    ThemeEdits,
    analyse_comments,
)

ID_COLUMNS = ("respondent", "customer_id", "customer", "contact", "id")
SEGMENT_COLUMNS = ("segment", "abc_class", "class", "abc", "rfm_segment")


def comment_threshold(k: int, comment_k: int | None = None) -> int:
    """The smallest group whose comments may be shown: ``comment_k`` (default
    ``max(10, k)``); refused below the figures' ``k``."""
    k = check_k(k)
    if comment_k is None:
        return max(DEFAULT_MIN_COMMENT_GROUP, k)
    if check_k(comment_k) < k:
        raise InvalidInput(
            f"the comment threshold ({comment_k}) is below k ({k})",
            key="err.comments.comment_threshold_below_k",
            params={"comment_k": comment_k, "k": k},
        )
    return int(comment_k)


def _text_items(instrument: Instrument, item: str | None) -> list[str]:
    if item is not None:
        if not instrument.has_item(item) or instrument.item(item).format is not Format.TEXT:
            return []
        return [item]
    return [i.id for i in instrument.items if i.format is Format.TEXT]


def _nps_item(instrument: Instrument) -> str | None:
    nps = [i.id for i in instrument.items if i.format is Format.NPS]
    if instrument.outcome in nps:
        return instrument.outcome
    return nps[0] if nps else None


def _csat_item(instrument: Instrument) -> str | None:
    if instrument.has_item("csat") and instrument.item("csat").format in LIKERT_FORMATS:
        return "csat"
    return None


def _rows(wave: WaveData, texts: list[str], segments: Mapping[str, str]) -> pd.DataFrame:
    frame = wave.responses
    joined = [
        "\n".join(v.strip() for v in values if isinstance(v, str) and v.strip())
        for values in zip(*(frame[t].tolist() for t in texts), strict=True)
    ]
    nps, csat = _nps_item(wave.instrument), _csat_item(wave.instrument)
    return pd.DataFrame(
        {
            "wave": wave.wave,
            "text": joined,
            "nps": frame[nps] if nps else float("nan"),
            "csat": frame[csat] if csat else float("nan"),
            "segment": [
                segments.get(str(r)) if r is not None else None for r in frame["respondent"]
            ],
        }
    )


def read_segments(path: Path, limits: Limits) -> dict[str, str]:
    """Respondent id → segment from a CSV or XLSX file (columns in the module notes)."""
    table = read_table(path, limits)
    header = [h.strip().lower() for h in table.header]
    id_col = next((header.index(c) for c in ID_COLUMNS if c in header), None)
    seg_col = next((header.index(c) for c in SEGMENT_COLUMNS if c in header), None)
    if id_col is None or seg_col is None:
        raise InvalidInput(
            f"{path.name}: needs an id column ({', '.join(ID_COLUMNS)}) and a segment column "
            f"({', '.join(SEGMENT_COLUMNS)})",
            key="err.comments.needs_id_column_segment",
            params={
                "path": path.name,
                "id_columns": ", ".join(ID_COLUMNS),
                "segment_columns": ", ".join(SEGMENT_COLUMNS),
            },
        )
    return {
        row[id_col].strip(): row[seg_col].strip()
        for row in table.rows
        if len(row) > max(id_col, seg_col) and row[id_col].strip() and row[seg_col].strip()
    }


def comments_report(
    db: Database,
    *,
    org: str,
    waves: Sequence[str] | None = None,
    k: int = 5,
    edits: ThemeEdits | None = None,
    view: CommentView | None = None,
    segments: Mapping[str, str] | None = None,
    item: str | None = None,
    themes: int | None = None,
    seed: int = 0,
    examples: int = 3,
    comment_k: int | None = None,
) -> CommentsReport:
    """The comment analysis of ``org``'s waves (see the module notes)."""
    loaded = load_waves(db, org=org, waves=waves)
    chosen = [(w, _text_items(w.instrument, item)) for w in loaded]
    chosen = [(w, texts) for w, texts in chosen if texts]
    if not chosen:
        if item:
            raise InsufficientData(
                f"no answered wave of {org} has a free-text item {item!r}",
                key="err.comments.no_wave_with_item",
                params={"org": org, "item": item},
            )
        raise InsufficientData(
            f"no answered wave of {org} has a free-text item",
            key="err.comments.no_wave_with_text",
            params={"org": org},
        )
    chosen.sort(key=lambda pair: (pair[0].closes_on, pair[0].wave))
    frame = pd.concat([_rows(w, texts, segments or {}) for w, texts in chosen], ignore_index=True)
    names: list[Any] = [p.name for p in list_people(db, org=org)]
    names += [c.person for c in list_contacts(db, org=org) if c.person]
    options = CommentOptions(
        k=check_k(k),
        comment_k=comment_threshold(k, comment_k),
        examples=examples,
        discovery=DiscoveryOptions(themes=themes, seed=seed),
    )
    return analyse_comments(
        frame,
        waves=[w.wave for w, _ in chosen],
        names=NameIndex.from_names(names),
        edits=edits,
        view=view,
        options=options,
    )

"""The culture and comments dashboards.

**Culture** is :func:`orientir.services.culture.culture_overview` for one organisation with
departments, exactly as ``orientir culture --org ORG --by department``: the competing-values
profile now and preferred with the gap, the dominant type and the consistency of the six
dimensions per culture wave and per department (guarded), the cultural web, the change between
culture waves and the link with the index in plain sentences.

**Comments** is :func:`orientir.services.comments.comments_report`, as ``orientir comments``:
themes with their share, trend across waves, change, impact on NPS and CSAT, and masked example
comments — everything through the guard (no theme, figure or comment of fewer than *k* people).

Both are kept per data version (:mod:`orientir.services.dashboard_cache`): a page view does not
redo the analysis while nothing it reads has changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orientir.culture import CultureReport
from orientir.errors import InsufficientData, InvalidInput
from orientir.instruments.model import Format
from orientir.services.comments import comments_report
from orientir.services.culture import culture_overview, load_waves
from orientir.services.dashboard_cache import data_version, remembered
from orientir.storage.database import Database
from orientir.text import CommentsReport


@dataclass(frozen=True)
class CultureBoard:
    report: CultureReport | None  # None: no culture wave yet
    k: int


@dataclass(frozen=True)
class CommentsBoard:
    report: CommentsReport | None  # None: no answered wave with a free-text item
    waves: tuple[str, ...]  # every answered wave with a free-text item, oldest first
    chosen: tuple[str, ...]  # the waves asked for (empty: all of them)
    k: int


def _culture(db: Database, org: str, k: int) -> CultureBoard:
    try:
        overview = culture_overview(db, orgs=[org], by_department=True, k=k)
    except (InsufficientData, InvalidInput):  # no culture wave, or no answered wave at all
        return CultureBoard(None, k)
    return CultureBoard(overview.reports[0], k)


def culture_board(db: Database, *, org: str, k: int) -> CultureBoard:
    version = data_version(db, org=org, open_waves=True)
    if version is None:  # a wave is being answered: its answers change in place
        return _culture(db, org, k)
    return remembered(db, ("culture", version, k), lambda: _culture(db, org, k))


def _text_waves(db: Database, org: str) -> tuple[str, ...]:
    found = [
        w
        for w in load_waves(db, org=org)
        if any(i.format is Format.TEXT for i in w.instrument.items)
    ]
    found.sort(key=lambda w: (w.closes_on, w.wave))
    return tuple(w.wave for w in found)


def _comments(
    db: Database, org: str, k: int, comment_k: int | None, waves: tuple[str, ...]
) -> CommentsBoard:
    available = _text_waves(db, org)
    chosen = tuple(w for w in waves if w in available)
    try:
        report = comments_report(db, org=org, waves=list(chosen) or None, k=k, comment_k=comment_k)
    except InsufficientData:
        return CommentsBoard(None, available, chosen, k)
    return CommentsBoard(report, available, chosen, k)


def comments_board(
    db: Database,
    *,
    org: str,
    k: int,
    waves: Sequence[str] = (),
    comment_k: int | None = None,
) -> CommentsBoard:
    """Themes of the comments of ``waves`` (all answered waves with comments when empty)."""
    chosen = tuple(dict.fromkeys(waves))
    version = data_version(db, org=org, open_waves=True)
    if version is None:  # a wave is being answered: its answers change in place
        return _comments(db, org, k, comment_k, chosen)
    return remembered(
        db,
        ("comments", version, k, comment_k, chosen),
        lambda: _comments(db, org, k, comment_k, chosen),
    )

"""The customers dashboard: ABC, XYZ, the ABC×XYZ matrix, RFM segments and lifetime value from
the organisation's stored transaction log, and NPS by ABC class from its customer survey.

The customer base is the executive report's own section (:func:`orientir.reports.customer_base`
on :func:`orientir.services.customer_base.transaction_log`: ABC at 80/15/5 % of revenue, XYZ
by the coefficient of variation of monthly demand at 10 %/25 % with three months of history,
RFM scores 1–5 and named segments, and a 12-month discounted CLV from BG/NBD with
Gamma-Gamma). Fitting the models takes a second or more on a few thousand customers, so the
result is kept per organisation and number of stored transactions (a log only grows: an import
adds rows or none) and is not redone on every page view.

NPS by ABC class is :func:`orientir.services.customer_base.customer_voice`: the latest closed
``customer-view`` wave joined to the customers' classes by the contacts' external ids, with
adjusted-Wald intervals, every cell through the anonymity guard. Its absence (no such wave, an
anonymous one, no transactions) is a sentence, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from orientir.errors import InsufficientData, InvalidInput
from orientir.reports import CustomerBase, customer_base, report_text
from orientir.services.customer_base import VoiceResult, customer_voice, transaction_log
from orientir.services.dashboard_cache import data_version, remembered, transaction_count
from orientir.storage.database import Database

XYZ_ORDER = ("X", "Y", "Z", None)


@dataclass(frozen=True)
class XyzShare:
    label: str | None  # None: too short a history for a class
    customers: int
    share: float  # of all customers


@dataclass(frozen=True)
class CustomersBoard:
    transactions: int
    base: CustomerBase | None  # None: the organisation has no stored transactions
    xyz: tuple[XyzShare, ...]


@dataclass(frozen=True)
class VoiceBoard:
    voice: VoiceResult | None
    reason: str | None  # why there is nothing: "no_wave" | "anonymous" | "no_transactions"


def _xyz(base: CustomerBase) -> tuple[XyzShare, ...]:
    counts: dict[str | None, int] = {}
    for cell in base.matrix:
        counts[cell.xyz] = counts.get(cell.xyz, 0) + cell.customers
    total = sum(counts.values()) or 1
    return tuple(XyzShare(x, counts[x], counts[x] / total) for x in XYZ_ORDER if x in counts)


def _base(db: Database, org: str, k: int) -> CustomersBoard:
    log = transaction_log(db, org=org)
    base, _ = customer_base(log, source=report_text("customers.stored"), survey=None, k=k)
    return CustomersBoard(log.num_rows, base, _xyz(base))


def customers_board(db: Database, *, org: str, k: int) -> CustomersBoard:
    """The customer base of ``org``'s stored transactions, kept per transaction count."""
    org_id, count = transaction_count(db, org=org)
    if count == 0:
        return CustomersBoard(0, None, ())
    return remembered(db, ("customers", org_id, count, k), lambda: _base(db, org, k))


def _voice(db: Database, org: str, k: int, lang: str) -> VoiceBoard:
    try:
        return VoiceBoard(customer_voice(db, org=org, k=k, lang=lang), None)
    except InsufficientData:
        return VoiceBoard(None, "no_transactions")
    except InvalidInput as exc:
        return VoiceBoard(None, "anonymous" if "anonymous" in str(exc) else "no_wave")


def voice_board(db: Database, *, org: str, k: int, lang: str) -> VoiceBoard:
    """NPS by ABC class (and by RFM segment, named in ``lang``), kept per data version."""
    key = ("voice", data_version(db, org=org), k, lang)
    return remembered(db, key, lambda: _voice(db, org, k, lang))

"""Cases for customer advocates: which answers open one, how urgent it is, and its life.

A case is a follow-up of one unhappy customer's (or partner's) response. The rules that open it
are the organisation's own (:class:`CaseRules`, read from a YAML document by the services); the
priority comes from what the customer is worth to the company (ABC class, CLV), because the
voice of a valuable customer must reach an advocate first (the tags of the source post:
customer value, ABC, customer advocate).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from orientir.domain import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput


class CaseStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


# open → in_progress → resolved → closed; a resolved case may be taken up again when the
# customer is not satisfied after all. Nothing leaves ``closed``.
TRANSITIONS: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.IN_PROGRESS}),
    CaseStatus.IN_PROGRESS: frozenset({CaseStatus.RESOLVED}),
    CaseStatus.RESOLVED: frozenset({CaseStatus.CLOSED, CaseStatus.IN_PROGRESS}),
    CaseStatus.CLOSED: frozenset(),
}
ACTIVE_STATUSES = frozenset({CaseStatus.OPEN, CaseStatus.IN_PROGRESS})


def check_transition(current: CaseStatus, wanted: CaseStatus) -> None:
    if wanted not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none"
        raise InvalidInput(
            f"a case that is {current.value} cannot become {wanted.value} (allowed: {allowed})",
            key="err.cases.case_cannot_become_allowed",
            params={"current": current.value, "wanted": wanted.value, "allowed": allowed},
        )


class Priority(StrEnum):
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


PRIORITY_ORDER = {Priority.HIGH: 0, Priority.NORMAL: 1, Priority.LOW: 2}


@dataclass(frozen=True)
class CustomerValue:
    """What a customer is worth: the ABC class (``A``, ``B``, ``C``) and the lifetime value."""

    abc_class: str | None = None
    clv: float | None = None


@dataclass(frozen=True)
class PriorityPolicy:
    """High: an ABC class in ``high_classes`` or a CLV of at least ``high_clv``. Low: a class in
    ``low_classes`` or a CLV below ``low_clv``. High wins over low. A customer of unknown value
    gets ``unknown`` (normal by default: never ignored, never ahead of a known A customer)."""

    high_classes: frozenset[str] = frozenset({"A"})
    low_classes: frozenset[str] = frozenset({"C"})
    high_clv: float | None = None
    low_clv: float | None = None
    unknown: Priority = Priority.NORMAL

    def priority(self, value: CustomerValue | None) -> Priority:
        if value is None or (value.abc_class is None and value.clv is None):
            return self.unknown
        clv = value.clv
        if value.abc_class in self.high_classes or (
            clv is not None and self.high_clv is not None and clv >= self.high_clv
        ):
            return Priority.HIGH
        if value.abc_class in self.low_classes or (
            clv is not None and self.low_clv is not None and clv < self.low_clv
        ):
            return Priority.LOW
        return Priority.NORMAL


DEFAULT_DUE_DAYS: Mapping[Priority, int] = {Priority.HIGH: 2, Priority.NORMAL: 5, Priority.LOW: 10}


@dataclass(frozen=True)
class ScoreRule:
    """Opens a case when the answer to ``item`` is at most ``at_most`` (or at least
    ``at_least``): NPS ≤ 6 marks a detractor, CSAT ≤ 2 a dissatisfied customer."""

    id: str
    item: str
    at_most: float | None = None
    at_least: float | None = None


@dataclass(frozen=True)
class KeywordRule:
    """Opens a case when a free-text answer contains one of ``keywords``.

    Text and keywords are compared as lower-case words (``ё`` read as ``е``); a keyword of several
    words matches them in a row, and a word ending in ``*`` matches any word it begins
    (``жалоб*`` finds жалоба, жалобу, жалобы). ``items`` limits the rule to some items; empty
    means every free-text item of the questionnaire.
    """

    id: str
    keywords: tuple[str, ...]
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    """Why a case was opened: the rule, the item, and the score or keyword that matched."""

    rule: str
    item: str
    value: float | None = None
    keyword: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "item": self.item, "value": self.value, "keyword": self.keyword}


@dataclass(frozen=True)
class CaseRules:
    """An organisation's case rules; :data:`DEFAULT_RULES` when it has set none."""

    score_rules: tuple[ScoreRule, ...]
    keyword_rules: tuple[KeywordRule, ...]
    respondents: frozenset[str] = frozenset({"customer", "partner"})
    policy: PriorityPolicy = PriorityPolicy()
    due_days: Mapping[Priority, int] = field(default_factory=lambda: dict(DEFAULT_DUE_DAYS))
    auto_assign: bool = True  # to the advocate with the fewest active cases
    lang: str = "en"  # of the e-mails sent to advocates and the driver team

    def due_at(self, opened_at: datetime, priority: Priority) -> datetime:
        """Calendar days from opening; weekends count, because customers wait on them too."""
        return opened_at + timedelta(days=self.due_days[priority])


_WORD = re.compile(r"\w+\*?", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("ё", "е"))


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


def find_keyword(text: str, keywords: Sequence[str]) -> str | None:
    """The first of ``keywords`` found in ``text`` as whole lower-case words, or ``None``."""
    words = _words(text)
    for keyword in keywords:
        wanted = _words(keyword)
        if not wanted:
            continue
        for start in range(len(words) - len(wanted) + 1):
            if all(_word_matches(p, w) for p, w in zip(wanted, words[start:], strict=False)):
                return keyword
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def match_rules(
    rules: CaseRules, answers: Mapping[str, Any], *, text_items: frozenset[str]
) -> list[Reason]:
    """Every rule ``answers`` break, in the order the rules are declared."""
    reasons: list[Reason] = []
    for score in rules.score_rules:
        value = _number(answers.get(score.item))
        if value is None:
            continue
        if (score.at_most is not None and value <= score.at_most) or (
            score.at_least is not None and value >= score.at_least
        ):
            reasons.append(Reason(score.id, score.item, value=value))
    for rule in rules.keyword_rules:
        for item in rule.items or sorted(text_items):
            text = answers.get(item)
            if not isinstance(text, str):
                continue
            found = find_keyword(text, rule.keywords)
            if found is not None:
                reasons.append(Reason(rule.id, item, keyword=found))
                break
    return reasons


@dataclass(frozen=True)
class Case:
    """One follow-up. ``customer`` is the contact's external id; ``assignee`` the advocate's."""

    id: int
    org_id: int
    status: CaseStatus
    priority: Priority
    reasons: tuple[Reason, ...]
    opened_at: datetime
    due_at: datetime
    updated_at: datetime
    escalated_at: datetime | None = None
    customer: str | None = None
    customer_kind: str | None = None
    company: str | None = None
    contact_person: str | None = None
    wave: str | None = None
    assignee: str | None = None
    assignee_name: str | None = None
    abc_class: str | None = None
    clv: float | None = None

    def overdue(self, now: datetime) -> bool:
        return self.status in ACTIVE_STATUSES and self.due_at < now


@dataclass(frozen=True)
class CaseEvent:
    """One line of a case's history: ``opened``, ``note``, ``status``, ``assigned`` or
    ``escalated``."""

    at: datetime
    kind: str
    author: str | None = None
    from_status: str | None = None
    to_status: str | None = None
    text: str | None = None

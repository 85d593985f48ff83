"""An organisation's case rules: a YAML document, validated into :class:`CaseRules`.

The document is kept as the person wrote it (comments included), so ``orientir cases rules
show`` gives back their own text; it is parsed on every use, which costs far less than the
response it is checked against. Keys left out take the defaults of :data:`DEFAULT_DOCUMENT`;
a ``rules`` list, when given, replaces the default rules as a whole.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import yaml
from sqlalchemy import Connection

from orientir.config import LANGUAGES
from orientir.domain.cases import (
    DEFAULT_DUE_DAYS,
    CaseRules,
    KeywordRule,
    Priority,
    PriorityPolicy,
    ScoreRule,
)
from orientir.errors import InvalidInput
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._clock import utc_now
from orientir.services.audit import Action, Actor, record
from orientir.storage import cases as repo
from orientir.storage import organisations as org_repo
from orientir.storage.database import Database

MAX_DOCUMENT = 20_000
MAX_DUE_DAYS = 365

DEFAULT_DOCUMENT = """\
# Case rules (orientir cases rules set --org ORG FILE). Keys left out keep these defaults.
# Only responses of confidential or identified waves, from contacts of these kinds, open cases;
# anonymous waves never do.
respondents: [customer, partner]
rules:
  - id: detractor          # NPS 0..6
    item: nps
    at_most: 6
  - id: dissatisfied       # CSAT 1..2 of 5
    item: csat
    at_most: 2
  - id: complaint          # any free-text answer (or only `items: [comment]`)
    keywords: ["жалоб*", "претензи*", "верните деньги", "вернуть деньги", "возврат денег",
               "refund*", "complain*", "complaint*", "money back"]
priority:                  # from the customer's value; unknown value -> `unknown`
  high: {abc: [A], clv_at_least: null}
  low: {abc: [C], clv_below: null}
  unknown: normal
due_days: {high: 2, normal: 5, low: 10}
auto_assign: true          # to the advocate with the fewest open cases
lang: en                   # e-mails to advocates and the driver team: en or ru
"""


def _names(keys: set[Any]) -> str:
    """Unknown keys for a message; YAML keys may be numbers or dates as well as texts."""
    return ", ".join(sorted(str(k) for k in keys))


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidInput(
            f"{where} must be a mapping", key="err.case_rules.not_mapping", params={"where": where}
        )
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidInput(
            f"{where} must be a list of texts",
            key="err.case_rules.not_text_list",
            params={"where": where},
        )
    return tuple(v.strip() for v in value)


def _optional_number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    # .inf and .nan are YAML numbers but no threshold (and JSON cannot carry them).
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(
            f"{where} must be a number", key="err.case_rules.not_number", params={"where": where}
        )
    return float(value)


def _rule(raw: Any, index: int) -> ScoreRule | KeywordRule:
    where = f"rules[{index}]"
    data = _mapping(raw, where)
    rule_id = str(data.get("id") or f"rule{index + 1}")
    unknown = set(data) - {"id", "item", "at_most", "at_least", "keywords", "items"}
    if unknown:
        raise InvalidInput(
            f"{where} has unknown keys: {_names(unknown)}",
            key="err.case_rules.unknown_keys",
            params={"where": where, "unknown": _names(unknown)},
        )
    if "keywords" in data:
        items = _strings(data["items"], f"{where}.items") if "items" in data else ()
        keywords = _strings(data["keywords"], f"{where}.keywords")
        if not keywords:
            raise InvalidInput(
                f"{where}.keywords must be a list of texts, not empty",
                key="err.case_rules.keywords_must_list_texts",
                params={"where": where},
            )
        return KeywordRule(rule_id, keywords, items)
    if not isinstance(data.get("item"), str):
        raise InvalidInput(
            f"{where} needs `item` with `at_most`/`at_least`, or `keywords`",
            key="err.case_rules.needs_item_most_least",
            params={"where": where},
        )
    at_most = _optional_number(data.get("at_most"), f"{where}.at_most")
    at_least = _optional_number(data.get("at_least"), f"{where}.at_least")
    if at_most is None and at_least is None:
        raise InvalidInput(
            f"{where} needs at_most or at_least",
            key="err.case_rules.needs_most_least",
            params={"where": where},
        )
    return ScoreRule(rule_id, data["item"], at_most, at_least)


def _policy(raw: Any) -> PriorityPolicy:
    data = _mapping(raw, "priority")
    high = _mapping(data.get("high"), "priority.high")
    low = _mapping(data.get("low"), "priority.low")
    try:
        unknown = Priority(str(data.get("unknown", "normal")))
    except ValueError:
        raise InvalidInput(
            "priority.unknown must be high, normal or low",
            key="err.case_rules.priority_unknown_must_high",
        ) from None
    return PriorityPolicy(
        high_classes=frozenset(c.upper() for c in _strings(high.get("abc", ["A"]), "abc")),
        low_classes=frozenset(c.upper() for c in _strings(low.get("abc", ["C"]), "abc")),
        high_clv=_optional_number(high.get("clv_at_least"), "priority.high.clv_at_least"),
        low_clv=_optional_number(low.get("clv_below"), "priority.low.clv_below"),
        unknown=unknown,
    )


def _due_days(raw: Any) -> dict[Priority, int]:
    data = _mapping(raw, "due_days")
    days = dict(DEFAULT_DUE_DAYS)
    for key, value in data.items():
        try:
            priority = Priority(str(key))
        except ValueError:
            raise InvalidInput(
                f"due_days has an unknown priority {key!r}",
                key="err.case_rules.due_days_unknown_priority",
                params={"key": key},
            ) from None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DUE_DAYS:
            raise InvalidInput(
                f"due_days.{key} must be a whole number of days, 1 to 365",
                key="err.case_rules.due_days_must_whole",
                params={"key": key},
            )
        days[priority] = value
    return days


def parse_rules(text: str) -> CaseRules:
    """Validate a case-rules document; every mistake is an :class:`InvalidInput` saying where."""
    if len(text) > MAX_DOCUMENT:
        raise InvalidInput(
            f"the case rules are longer than {MAX_DOCUMENT} characters",
            key="err.case_rules.case_rules_longer_than",
            params={"limit": MAX_DOCUMENT},
        )
    try:
        loaded = yaml.safe_load(text)
    except RecursionError:
        raise InvalidInput(
            "the case rules are nested too deeply", key="err.case_rules.nested_too_deeply"
        ) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # ValueError: a tagged or date-like scalar its constructor refuses (2026-13-45).
        raise InvalidInput(
            f"the case rules are not valid YAML: {exc}",
            key="err.case_rules.case_rules_not_valid",
            params={"exc": exc},
        ) from None
    defaults = yaml.safe_load(DEFAULT_DOCUMENT)
    data = {**defaults, **_mapping(loaded, "the case rules")}
    unknown = set(data) - set(defaults)
    if unknown:
        raise InvalidInput(
            f"unknown keys in the case rules: {_names(unknown)}",
            key="err.case_rules.unknown_keys_case_rules",
            params={"unknown": _names(unknown)},
        )
    if not isinstance(data["rules"], list):
        raise InvalidInput("rules must be a list", key="err.case_rules.rules_must_list")
    parsed = [_rule(raw, i) for i, raw in enumerate(data["rules"])]
    ids = [r.id for r in parsed]
    if len(set(ids)) != len(ids):
        raise InvalidInput("two rules share an id", key="err.case_rules.two_rules_share_id")
    respondents = frozenset(_strings(data["respondents"], "respondents"))
    if not respondents <= {"customer", "partner", "other"}:
        raise InvalidInput(
            "respondents may be customer, partner and other",
            key="err.case_rules.respondents_may_customer_partner",
        )
    if data["lang"] not in LANGUAGES:
        raise InvalidInput(
            f"lang must be one of {', '.join(LANGUAGES)}",
            key="err.case_rules.lang_must",
            params={"languages": ", ".join(LANGUAGES)},
        )
    if not isinstance(data["auto_assign"], bool):
        raise InvalidInput(
            "auto_assign must be true or false", key="err.case_rules.auto_assign_must_true"
        )
    return CaseRules(
        score_rules=tuple(r for r in parsed if isinstance(r, ScoreRule)),
        keyword_rules=tuple(r for r in parsed if isinstance(r, KeywordRule)),
        respondents=respondents,
        policy=_policy(data["priority"]),
        due_days=_due_days(data["due_days"]),
        auto_assign=data["auto_assign"],
        lang=data["lang"],
    )


def rules_for(conn: Connection, *, org_id: int) -> CaseRules:
    return parse_rules(repo.rules_document(conn, org_id=org_id) or DEFAULT_DOCUMENT)


def show_rules(db: Database, *, org: str) -> str:
    """The organisation's case-rules document, or the defaults when it has none."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.rules_document(conn, org_id=organisation.id) or DEFAULT_DOCUMENT


def set_rules(
    db: Database,
    *,
    org: str,
    document: str,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> CaseRules:
    """Replace the organisation's case rules after checking them; applies to new responses."""
    rules = parse_rules(document)
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        repo.save_rules_document(
            conn,
            org_id=organisation.id,
            document=document,
            now=now or utc_now(),
        )
        record(conn, actor, Action.CASE_RULES_SET, org_id=organisation.id, object_type="case_rules")
    return rules

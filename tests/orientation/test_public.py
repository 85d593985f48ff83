"""The public surface, the two languages of every text, and the docs that describe them."""

from __future__ import annotations

import re
import string
from pathlib import Path

import orientir.orientation as orientation
from orientir import i18n
from orientir.orientation import _rules
from orientir.orientation.portfolio import FACTORS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "orientation.md"
SRC = ROOT / "src" / "orientir" / "orientation"


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_public_names_are_listed_once_and_importable() -> None:
    assert len(set(orientation.__all__)) == len(orientation.__all__)
    for name in orientation.__all__:
        assert hasattr(orientation, name), name


def test_every_orientation_text_has_both_languages_with_the_same_fields() -> None:
    keys = [k for k in i18n.catalogue() if k.startswith("orientation.")]
    assert len(keys) > 150
    for key in keys:
        texts = i18n.catalogue()[key]
        assert texts["en"].strip(), key
        assert texts["ru"].strip(), key
        assert _fields(texts["en"]) == _fields(texts["ru"]), key


def test_every_finding_the_rules_can_give_has_a_text() -> None:
    source = (SRC / "_rules.py").read_text(encoding="utf-8")
    used = set(re.findall(r'_verdict\(\s*(\d+),\s*"[a-z ]+",\s*"([a-z_]+)"', source))
    used |= {("4", "aligned"), ("4", "below"), ("7", "anonymous_only")}  # set indirectly
    assert len(used) > 40
    for rule, code in used:
        assert f"orientation.readiness.r{rule}.{code}" in i18n.catalogue(), (rule, code)
    assert set(_rules.JUDGES) == set(range(1, 14))
    for rule in range(1, 14):
        for part in ("statement", "counterpoint", "settle"):
            assert f"orientation.rule.{rule}.{part}" in i18n.catalogue()


def test_every_portfolio_sentence_exists() -> None:
    for factor in FACTORS:
        for verdict in ("supported", "contradicted", "no_evidence", "not_testable"):
            assert f"orientation.portfolio.{factor}.{verdict}" in i18n.catalogue()


def test_the_docs_describe_every_function_result_and_threshold() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for name in orientation.__all__:
        if name[0].islower():
            assert f"{name}(" in doc, f"docs/orientation.md does not show {name}()"
    for kind in (
        "index",
        "model_comparison",
        "coverage",
        "self_customer_gap",
        "readiness",
        "index_series",
        "trajectory",
        "portfolio",
    ):
        assert f'"kind": "{kind}"' in doc, kind
    for option in orientation.ReadinessOptions.__dataclass_fields__:
        assert f"`{option}`" in doc, option

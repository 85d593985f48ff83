"""The package's boundaries: what it imports, what it offers, and its texts in two languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import orientir.customers
import orientir.customers.models
from orientir.customers.labels import ABC_CLASSES, RFM_SEGMENTS, XYZ_CLASSES, segment_name
from orientir.errors import InvalidInput

PACKAGE = Path(orientir.customers.__file__).parent
ALLOWED = ("orientir.customers", "orientir.domain", "orientir.errors", "orientir.i18n")


def test_customers_imports_only_domain_and_errors_of_orientir() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert not name.startswith("sqlalchemy"), (path, name)
                if name == "orientir" or name.startswith("orientir."):
                    assert name.startswith(ALLOWED), (path, name)


def test_public_surface() -> None:
    for module in (orientir.customers, orientir.customers.models):
        for name in module.__all__:
            assert hasattr(module, name), name
    assert {"abc", "xyz", "abc_xyz_matrix", "rfm", "cohorts", "btyd_summary"} <= set(
        orientir.customers.__all__
    )
    assert {"BetaGeo", "ParetoNBD", "GammaGamma", "load_model"} <= set(
        orientir.customers.models.__all__
    )


def test_every_label_in_both_languages() -> None:
    for table in (RFM_SEGMENTS, ABC_CLASSES, XYZ_CLASSES):
        for texts in table.values():
            assert set(texts) == {"en", "ru"}
            assert all(t.strip() for t in texts.values())
    assert len(RFM_SEGMENTS) == 11
    assert segment_name("at_risk", "ru") == "В зоне риска"
    assert segment_name("at_risk") == "At risk"
    with pytest.raises(InvalidInput):
        segment_name("at_risk", "de")

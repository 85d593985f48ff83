"""The curated public surface of orientir.stats, and the layer rule it must keep."""

from __future__ import annotations

import subprocess
import sys

import orientir.stats as stats


def test_everything_listed_is_importable_and_documented() -> None:
    for name in stats.__all__:
        obj = getattr(stats, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
    assert sorted(stats.__all__) == sorted(set(stats.__all__))


def test_key_functions_are_exported() -> None:
    expected = {
        "scale_scores", "reverse", "percent_favourable", "nps", "nps_by", "cronbach_alpha",
        "cronbach_alpha_by", "omega", "rwg_j", "icc", "compare", "compare_nps",
        "compare_favourable", "relative_weights", "suppress", "suppress_filtered",
    }  # fmt: skip
    assert expected <= set(stats.__all__)


def test_importing_stats_loads_no_storage_or_services() -> None:
    code = (
        "import sys, orientir.stats; "
        "bad = [m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic', "
        "'orientir.storage', 'orientir.services'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""Shared fixtures for the statistics tests: reference data sets, read once per session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def bfi() -> pd.DataFrame:
    """psych's ``bfi``: 2,800 people × 25 items (1–6) plus gender, education, age."""
    return pd.read_csv(DATA / "bfi.csv", index_col=0)


@pytest.fixture(scope="session")
def pingouin_frames() -> dict[str, pd.DataFrame]:
    """pingouin's example data sets (shipped inside the package, so offline), in wide form."""
    import pingouin

    alpha = pingouin.read_dataset("cronbach_alpha")
    return {
        "cronbach_alpha": alpha.pivot(index="Subj", columns="Items", values="Scores"),
        "cronbach_wide_missing": pingouin.read_dataset("cronbach_wide_missing"),
        "icc": pingouin.read_dataset("icc"),
    }

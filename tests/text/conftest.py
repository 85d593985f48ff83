"""The labelled comment sets of ``tests/data`` (written for orientir; see its README)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


def read_labelled(lang: str) -> list[tuple[str, str]]:
    with (DATA / f"comments_{lang}.csv").open(encoding="utf-8") as handle:
        return [(row["text"], row["theme"]) for row in csv.DictReader(handle)]


@pytest.fixture(scope="session")
def labelled() -> dict[str, list[tuple[str, str]]]:
    return {lang: read_labelled(lang) for lang in ("ru", "en")}

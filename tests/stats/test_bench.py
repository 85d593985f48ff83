"""The statistics benchmark runs and its agreement checks hold (small size; slow)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_small_benchmark_agrees_with_its_peers() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bench.stats.run", "--small", "--repeat", "1", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert '"alpha vs pingouin (pairwise, all rows)"' in run.stdout

"""The demo end to end, small: every step runs on the stored data and speaks Russian."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orientir.demo.run import STEPS, DemoOptions, run_demo


@pytest.mark.slow
def test_a_small_demo_runs_every_step_in_russian(tmp_path: Path) -> None:
    seen: list[str] = []
    result = run_demo(
        DemoOptions(out=tmp_path, companies=8, focal_customers=1500, lang="ru"), seen.append
    )
    assert list(result.steps) == [step.name for step in STEPS]
    assert [name for name in seen if name in result.steps] == [step.name for step in STEPS]
    index_lines = result.steps["index"].lines
    assert index_lines[0].startswith("Индекс (stakeholder): ")
    assert "95% ДИ" in index_lines[0]
    assert result.steps["customers"].lines[0].startswith("Из выгрузки 1С импортировано")
    program = result.steps["program"]
    assert "высокий" in program.lines[1] or "низкий" in program.lines[1]
    for name in ("report.html", "report.pdf", "report-en.html", "results.json"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    stored = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert stored["customers"]["bg_nbd"] == result.steps["customers"].data["bg_nbd"]
    opened = stored["program"]["cases_opened"]
    assert opened == sum(stored["program"]["cases_by_priority"].values())

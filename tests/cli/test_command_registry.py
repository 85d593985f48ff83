"""The command registry loads each sub-command on demand, and only that one."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from orientir.cli.main import COMMANDS, app, load_command


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_registered_command_loads_and_answers_help(name: str) -> None:
    command = load_command(name)
    assert command.name == name
    result = CliRunner().invoke(app, [name, "--help"], prog_name="orientir")
    assert result.exit_code == 0, result.output
    assert f"orientir {name}" in result.output


def test_a_noun_with_one_sub_command_stays_a_group() -> None:
    result = CliRunner().invoke(app, ["db", "upgrade", "--help"], prog_name="orientir")
    assert result.exit_code == 0, result.output
    assert "Usage: orientir db upgrade" in result.output


def _modules_after(args: list[str]) -> set[str]:
    probe = (
        "import sys\n"
        "from orientir.cli.main import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_version_and_the_worker_do_not_import_the_analytics_stack() -> None:
    heavy = {"pandas", "ibis", "sklearn", "duckdb", "weasyprint"}
    assert not heavy & _modules_after(["--version"])
    worker = _modules_after(["worker", "--help"])
    assert "orientir.cli.worker" in worker
    assert not {"ibis", "sklearn", "weasyprint", "orientir.cli.customers"} & worker

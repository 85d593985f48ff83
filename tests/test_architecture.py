"""The public surface and the two-language rule, checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orientir
from orientir import i18n

ROOT = Path(__file__).resolve().parents[1]


def test_public_surface() -> None:
    assert orientir.__all__ == ["OrientirError", "__version__"]
    assert orientir.__version__.count(".") == 2


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 broken" in result.stdout


def test_every_message_has_both_languages() -> None:
    for key, texts in i18n.catalogue().items():
        assert texts["en"].strip(), key
        assert texts["ru"].strip(), key
        # the same placeholders in both languages
        assert sorted(_fields(texts["en"])) == sorted(_fields(texts["ru"])), key


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]

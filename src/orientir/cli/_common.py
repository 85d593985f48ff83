"""What every command module shares: settings from the root options, output and error handling.

A command parses its options, calls one service, and prints through :func:`emit_json` or a
Rich table. Errors from the library reach the person as one clear line on stderr (see
:func:`run_app` in ``main``), never as a traceback.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from orientir.config import Settings, load_settings


@dataclass
class CliState:
    """Options of the root command, shared with every sub-command through ``ctx.obj``."""

    db: str | None = None
    lang: str | None = None

    def settings(self) -> Settings:
        return load_settings(db=self.db, lang=self.lang)


def settings_from(ctx: typer.Context) -> Settings:
    """Settings for this call: ``--db``/``--lang`` of the root command, then the environment."""
    root = ctx.find_root()
    state = root.obj if isinstance(root.obj, CliState) else CliState()
    return state.settings()


def lang_of(ctx: typer.Context) -> str:
    """The language of this call: the root ``--lang``, else ``ORIENTIR_LANG``, else English."""
    return settings_from(ctx).lang


def json_default(value: Any) -> Any:
    """What ``json`` cannot encode by itself: dates, decimals, paths, numpy values."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    raise TypeError(f"cannot serialise {type(value).__name__} to JSON")


def emit_json(payload: Any) -> None:
    """Print ``payload`` as JSON on stdout and nothing else (``--json`` contract)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=json_default))
    sys.stdout.write("\n")


def console() -> Console:
    """Human-readable output goes to stdout; a fresh console so tests can capture it."""
    return Console(highlight=False, soft_wrap=True)


def error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)

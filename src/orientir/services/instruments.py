"""Finding instruments: the built-in library, a YAML file, or the frozen copy of a wave."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from orientir.instruments.library import builtin_library
from orientir.instruments.loader import load_file, parse
from orientir.instruments.model import Instrument


def resolve_instrument(reference: str) -> Instrument:
    """``name``, ``name@version`` from the built-in library, or a path to a YAML file."""
    path = Path(reference)
    if path.suffix.lower() in {".yaml", ".yml"}:
        return load_file(path)
    return builtin_library().resolve(reference)


def canonical_json(instrument: Instrument) -> str:
    """The frozen form kept with a wave; :func:`thaw` gives back the same instrument."""
    return json.dumps(instrument.to_dict(), ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=64)
def thaw(content: str) -> Instrument:
    """The instrument of a stored canonical form. Cached: every survey page and save needs the
    wave's instrument, parsing and validating it costs milliseconds, and an instrument is
    frozen, so one parsed copy serves every request."""
    return parse(json.loads(content), source="stored instrument")

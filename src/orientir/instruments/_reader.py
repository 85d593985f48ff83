"""Field readers that turn raw YAML values into typed ones, collecting every problem.

Each reader returns ``None`` (or a default) when the value is unusable and records why; the
loader carries on, so one run reports all the problems in a file, not only the first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from orientir.instruments._yaml import child_path
from orientir.instruments.model import LANGUAGES, Text
from orientir.instruments.problems import InstrumentProblem

E = TypeVar("E", bound=StrEnum)

# Instrument names appear in references (employee-co@1) and URLs: words joined by hyphens.
NAME_PATTERN = re.compile(r"^(?=.{1,64}$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Ids inside an instrument become column and SPSS variable names, where a hyphen is not
# allowed and 64 bytes is the limit (a multichoice dummy joins item and option ids with "_").
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def is_empty(value: object) -> bool:
    """True for a value that leaves a field at its default: absent, null, false, [] or {}."""
    return value is None or value is False or (isinstance(value, list | dict) and not value)


class Reader:
    def __init__(self) -> None:
        self.problems: list[InstrumentProblem] = []

    def fail(self, path: str, code: str, *, line: int | None = None, **params: object) -> None:
        self.problems.append(InstrumentProblem(path, code, params, line))

    def mapping(
        self,
        value: object,
        path: str,
        *,
        allowed: Collection[str],
        required: Collection[str] = (),
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, "expected_mapping")
            return None
        result: dict[str, Any] = {}
        for key, field_value in value.items():
            if str(key) not in allowed:
                self.fail(
                    child_path(path, str(key)),
                    "unknown_field",
                    field=str(key),
                    allowed=", ".join(sorted(allowed)),
                )
            else:
                result[str(key)] = field_value
        for key in required:
            if result.get(key) is None:
                self.fail(child_path(path, key), "missing")
        return result

    def sequence(self, value: object, path: str, *, limit: int = 1000) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "expected_list")
            return []
        if len(value) > limit:
            self.fail(path, "out_of_bounds", low=0, high=limit, got=len(value))
            return value[:limit]
        return value

    def _not_text(self, value: object, path: str) -> None:
        # YAML 1.1 reads a bare yes/no/on/off as a boolean: say so, or "must be a string"
        # next to "en: No" would puzzle the author.
        self.fail(path, "bool_not_text" if isinstance(value, bool) else "expected_text")

    def string(self, value: object, path: str) -> str | None:
        if isinstance(value, bool):
            self._not_text(value, path)
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "expected_text")
            return None
        return value.strip()

    def ident(self, value: object, path: str) -> str | None:
        # YAML turns some bare words into other types (1 -> int); ids must be written as text.
        if not isinstance(value, str):
            self._not_text(value, path)
            return None
        if not ID_PATTERN.match(value):
            self.fail(path, "bad_id", value=value)
            return None
        return value

    def name(self, value: object, path: str) -> str | None:
        if not isinstance(value, str):
            self.fail(path, "expected_text")
            return None
        if not NAME_PATTERN.match(value):
            self.fail(path, "bad_name", value=value)
            return None
        return value

    def text(self, value: object, path: str) -> Text | None:
        data = self.mapping(value, path, allowed=LANGUAGES)
        if data is None:
            return None
        texts: dict[str, str] = {}
        for lang in LANGUAGES:
            raw = data.get(lang)
            if raw is None:
                self.fail(path, "missing_lang", lang=lang)
                continue
            text = self.string(raw, child_path(path, lang))
            if text is not None:
                texts[lang] = text
        if len(texts) != len(LANGUAGES):
            return None
        return Text(ru=texts["ru"], en=texts["en"])

    def optional_text(self, value: object, path: str) -> Text | None:
        return None if value is None else self.text(value, path)

    def boolean(self, value: object, path: str, default: bool = False) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(path, "expected_bool")
            return default
        return value

    def integer(
        self, value: object, path: str, *, low: int | None = None, high: int | None = None
    ) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "expected_int")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(path, "out_of_bounds", low=low, high=high, got=value)
            return None
        return value

    def number(self, value: object, path: str) -> float | None:
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.fail(path, "expected_number")
            return None
        return float(value)

    def date(self, value: object, path: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, date):  # YAML reads an unquoted 2024-01-31 as a date already
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(path, "expected_date")
        return None

    def choice(self, value: object, path: str, enum: type[E], default: E | None = None) -> E | None:
        if value is None:
            if default is None:
                self.fail(path, "missing")
            return default
        try:
            if isinstance(value, str):
                return enum(value)
        except ValueError:
            pass
        self.fail(path, "one_of", allowed=", ".join(m.value for m in enum), got=value)
        return None

    def ids(self, value: object, path: str) -> list[tuple[str, str]]:
        """A list of ids with the path of each; an empty list is a problem."""
        raw = self.sequence(value, path)
        if not raw and value is not None and isinstance(value, list):
            self.fail(path, "empty")
        found: list[tuple[str, str]] = []
        for index, entry in enumerate(raw):
            entry_path = child_path(path, index)
            ident = self.ident(entry, entry_path)
            if ident is not None:
                found.append((entry_path, ident))
        return found


def duplicates(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (path, id) entries whose id already appeared earlier in ``entries``."""
    seen: set[str] = set()
    repeated = []
    for path, ident in entries:
        if ident in seen:
            repeated.append((path, ident))
        seen.add(ident)
    return repeated


def at_lines(
    problems: list[InstrumentProblem], lines: Mapping[str, int]
) -> list[InstrumentProblem]:
    """Attach to each problem the line of its path, or of the nearest enclosing path."""
    located = []
    for problem in problems:
        if problem.line is not None:
            located.append(problem)
            continue
        path = problem.path
        while path not in lines and path:
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        line = lines.get(path)
        located.append(InstrumentProblem(problem.path, problem.code, problem.params, line))
    return located

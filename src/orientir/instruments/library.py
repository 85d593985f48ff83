"""A library of instruments addressed as ``name@version``, and the built-in one.

A version is a promise: answers collected under ``employee-co@1`` are comparable with every
other answer under ``employee-co@1``. So the library refuses a second, different content under
a reference it already holds (compared by fingerprint); changing an instrument means
publishing a new version, and a reference without a version resolves to the latest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from orientir.errors import AlreadyExists, InvalidInput, NotFound
from orientir.instruments import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.instruments.loader import inspect_file, inspect_text
from orientir.instruments.model import Instrument
from orientir.instruments.problems import InstrumentProblem, InvalidInstrument

_REF = re.compile(r"^(?P<name>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:@(?P<version>[1-9][0-9]{0,8}))?$")


def parse_ref(ref: str) -> tuple[str, int | None]:
    """Split a reference: ``"employee-co@2"`` → ``("employee-co", 2)``, no version → ``None``."""
    match = _REF.match(ref.strip())
    if match is None:
        raise InvalidInput(
            f"{ref!r} is not an instrument reference: write name or name@version, "
            "e.g. employee-co or employee-co@1",
            key="err.instruments.not_instrument_reference_write",
            params={"ref": ref},
        )
    version = match.group("version")
    return match.group("name"), None if version is None else int(version)


class InstrumentLibrary:
    """Instruments by name and version; content under one reference never changes."""

    def __init__(self, instruments: Iterable[Instrument] = ()) -> None:
        self._by_name: dict[str, dict[int, Instrument]] = {}
        for instrument in instruments:
            self.add(instrument)

    def conflict(self, instrument: Instrument) -> Instrument | None:
        """The instrument already held under the same reference with different content."""
        held = self._by_name.get(instrument.id, {}).get(instrument.version)
        if held is not None and held.fingerprint != instrument.fingerprint:
            return held
        return None

    def add(self, instrument: Instrument) -> Instrument:
        """Add ``instrument``; adding the same content again is a no-op."""
        held = self.conflict(instrument)
        if held is not None:
            raise AlreadyExists(
                f"{instrument.ref} already exists with different content "
                f"(fingerprint {held.fingerprint[:12]}, new {instrument.fingerprint[:12]}); "
                "a changed instrument needs a new version",
                key="err.instruments.already_exists_different_content",
                params={
                    "ref": instrument.ref,
                    "fingerprint": held.fingerprint[:12],
                    "new_fingerprint": instrument.fingerprint[:12],
                },
            )
        return self._by_name.setdefault(instrument.id, {}).setdefault(
            instrument.version, instrument
        )

    def resolve(self, ref: str) -> Instrument:
        """The instrument ``name@version``, or the latest version of ``name``."""
        name, version = parse_ref(ref)
        versions = self._by_name.get(name)
        if not versions:
            known = ", ".join(sorted(self._by_name)) or "none"
            raise NotFound(
                f"no instrument named {name!r}; known: {known}",
                key="err.instruments.no_instrument_known",
                params={"name": name, "known": known},
            )
        if version is None:
            return versions[max(versions)]
        if version not in versions:
            held = ", ".join(str(v) for v in sorted(versions))
            raise NotFound(
                f"{name}@{version} does not exist; versions of {name}: {held}",
                key="err.instruments.does_not_exist_versions",
                params={"name": name, "version": version, "held": held},
            )
        return versions[version]

    def versions(self, name: str) -> list[int]:
        return sorted(self._by_name.get(name, {}))

    def latest(self) -> list[Instrument]:
        """The newest version of every instrument, by name."""
        return [versions[max(versions)] for _, versions in sorted(self._by_name.items())]

    def __iter__(self) -> Iterator[Instrument]:
        for _, versions in sorted(self._by_name.items()):
            for _, instrument in sorted(versions.items()):
                yield instrument

    def __len__(self) -> int:
        return sum(len(versions) for versions in self._by_name.values())

    def __contains__(self, ref: object) -> bool:
        if not isinstance(ref, str):
            return False
        try:
            self.resolve(ref)
        except (NotFound, InvalidInput):
            return False
        return True


def _file_problem(name: str, instrument: Instrument) -> list[InstrumentProblem]:
    # The file name repeats the reference so a reviewer sees a version bump in the diff.
    if name != f"{instrument.ref}.yaml":
        return [InstrumentProblem("id", "file_name", {"expected": f"{instrument.ref}.yaml"})]
    return []


def load_directory(path: str | Path) -> list[Instrument]:
    """Every ``*.yaml`` instrument in a folder; raises listing the problems of every bad file."""
    found: list[Instrument] = []
    problems: list[InstrumentProblem] = []
    for file in sorted(Path(path).glob("*.yaml")):
        instrument, file_problems = inspect_file(file)
        problems += [InstrumentProblem(f"{file.name}: {p.path}", p.code, p.params, p.line)
                     for p in file_problems]  # fmt: skip
        if instrument is not None:
            found.append(instrument)
    if problems:
        raise InvalidInstrument(str(path), problems)
    return found


@cache
def builtin_instruments() -> tuple[Instrument, ...]:
    """The instruments shipped in ``orientir/instruments/library`` (parsed once per process)."""
    folder = resources.files("orientir.instruments").joinpath("library")
    found: list[Instrument] = []
    problems: list[InstrumentProblem] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        instrument, file_problems = inspect_text(entry.read_text(encoding="utf-8"))
        if instrument is not None:
            file_problems += _file_problem(entry.name, instrument)
            found.append(instrument)
        problems += [
            InstrumentProblem(f"{entry.name}: {p.path}", p.code, p.params, p.line)
            for p in file_problems
        ]
    if problems:  # a broken built-in is a bug in orientir, never the user's fault
        raise InvalidInstrument("built-in instrument library", problems)
    return tuple(found)


def builtin_library() -> InstrumentLibrary:
    """A fresh library holding the built-in instruments; callers may add their own to it."""
    return InstrumentLibrary(builtin_instruments())


def paired_items(own: Instrument, other: Instrument) -> list[tuple[str, str]]:
    """(scale id, item id) asked in both instruments on the same scale in the same format.

    This is how a self-view is set against the other side's view item by item, e.g.
    ``management-view`` against ``customer-view``: both use the same scale and item ids.
    """
    pairs: list[tuple[str, str]] = []
    other_scales = {scale.id: scale for scale in other.scales}
    for scale in own.scales:
        theirs = other_scales.get(scale.id)
        if theirs is None:
            continue
        for item_id in scale.items:
            if item_id in theirs.items and (own.item(item_id).format is other.item(item_id).format):
                pairs.append((scale.id, item_id))
    return pairs

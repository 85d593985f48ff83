"""Errors a person sees carry a message key; every key is in the catalogue in both languages,
with the parameters its raise site passes, and the module that raises it registers it."""

from __future__ import annotations

import ast
import importlib
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

import orientir
from orientir import i18n
from orientir.errors import ImportRejected, InvalidInput, NotFound, RowProblem, localized

SRC = Path(orientir.__file__).resolve().parent


@dataclass(frozen=True)
class KeyUse:
    path: Path
    line: int
    key: str
    params: frozenset[str] | None  # the names of a literal ``params={...}``, else None

    @property
    def module(self) -> str:
        parts = self.path.relative_to(SRC.parent).with_suffix("").parts
        return ".".join(parts)

    def __str__(self) -> str:
        return f"{self.path.relative_to(SRC.parent)}:{self.line} {self.key}"


def _key_uses() -> list[KeyUse]:
    """Every call in ``src/orientir`` with a literal ``key="a.b"`` argument."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            given = {k.arg: k.value for k in node.keywords if k.arg}
            key = given.get("key")
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            if "." not in key.value:
                continue
            params = given.get("params")
            names: frozenset[str] | None = None
            if params is None:
                names = frozenset()
            elif isinstance(params, ast.Dict) and all(
                isinstance(k, ast.Constant) for k in params.keys
            ):
                names = frozenset(str(k.value) for k in params.keys if isinstance(k, ast.Constant))
            found.append(KeyUse(path, node.lineno, key.value, names))
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _registered_in(path: Path) -> set[str]:
    """The ``err.*`` keys a catalogue module writes literally (the keys of its dicts)."""
    keys: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys |= {
                k.value
                for k in node.keys
                if isinstance(k, ast.Constant)
                and isinstance(k.value, str)
                and k.value.startswith("err.")
            }
    return keys


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
    return modules


USES = _key_uses()


def test_the_scan_finds_the_error_keys() -> None:
    assert len([u for u in USES if u.key.startswith("err.")]) > 150


@pytest.mark.parametrize("use", USES, ids=str)
def test_every_key_is_in_the_catalogue_with_both_languages(use: KeyUse) -> None:
    importlib.import_module(use.module)  # registers what the module needs
    texts = i18n.catalogue().get(use.key)
    assert texts is not None, f"{use}: no such message"
    assert texts["en"].strip(), str(use)
    assert texts["ru"].strip(), str(use)
    assert texts["en"] != texts["ru"], str(use)
    assert _fields(texts["en"]) == _fields(texts["ru"]), str(use)
    if use.params is not None:
        # the raise site passes exactly the placeholders the texts use
        assert use.params == _fields(texts["en"]), str(use)


def test_a_module_raising_an_error_imports_the_catalogue_of_its_key() -> None:
    homes: dict[str, str] = {}
    for catalogue in [*SRC.rglob("error_messages.py"), SRC / "config_messages.py"]:
        module = ".".join(catalogue.relative_to(SRC.parent).with_suffix("").parts)
        for key in _registered_in(catalogue):
            assert key not in homes, f"{key} is registered twice"
            homes[key] = module
    missing = [
        str(use)
        for use in USES
        if use.key.startswith("err.")
        and use.path.name != "errors.py"  # ImportRejected: raised by modules that import it
        and use.key in homes
        and homes[use.key] != use.module
        and homes[use.key] not in _imported_modules(use.path)
    ]
    assert not missing, missing
    unknown = [str(u) for u in USES if u.key.startswith("err.") and u.key not in homes]
    # the few keys registered elsewhere (ImportRejected, InvalidInstrument) are still known
    assert all(u.split()[-1] in i18n.catalogue() for u in unknown), unknown


def test_localized_gives_the_catalogue_text_and_falls_back_to_english() -> None:
    importlib.import_module("orientir.storage.waves")
    error = NotFound(
        "no wave 'q1' in this organisation",
        key="err.waves.no_wave_organisation",
        params={"reference": "q1"},
    )
    assert str(error) == "no wave 'q1' in this organisation"
    assert localized(error, "en") == "no wave 'q1' in this organisation"
    assert localized(error, "ru") == "в этой организации нет волны 'q1'"
    plain = InvalidInput("only English")
    assert localized(plain, "ru") == "only English"
    assert localized(ValueError("not ours"), "ru") == "not ours"
    # a key without its parameter, or an unknown key, falls back to the English text
    broken = NotFound("english", key="err.waves.no_wave_organisation")
    assert localized(broken, "ru") == "english"
    assert localized(NotFound("english", key="err.nowhere"), "ru") == "english"


def test_import_rejected_summary_is_bilingual() -> None:
    importlib.import_module("orientir.services.people")
    rejected = ImportRejected([RowProblem(2, "email", "bad")], total_rows=3)
    assert str(rejected).startswith("1 of 3 rows rejected")
    assert localized(rejected, "ru").startswith("отклонено строк: 1 из 3")


def test_an_invalid_instrument_is_explained_in_russian() -> None:
    from orientir.instruments.loader import load_text

    with pytest.raises(InvalidInput) as caught:
        load_text("id: x\n", source="x.yaml")
    russian = localized(caught.value, "ru")
    assert russian.startswith("x.yaml: найдено проблем:")
    assert russian != str(caught.value)

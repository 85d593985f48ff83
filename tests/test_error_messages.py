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
from orientir.errors import (
    ImportRejected,
    InsufficientData,
    InvalidInput,
    NotFound,
    RowProblem,
    localized,
)

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


def test_a_statistic_refused_is_explained_in_russian() -> None:
    import numpy as np
    import pandas as pd

    from orientir.stats import ScaleSpec, nps, relative_weights, scale_scores

    rng = np.random.default_rng(7)
    predictors = pd.DataFrame(rng.normal(size=(12, 3)), columns=["a", "b", "c"])
    with pytest.raises(InsufficientData) as small:
        relative_weights(predictors, rng.normal(size=12), n_boot=0)
    assert str(small.value) == (
        "driver analysis needs at least 30 respondents with complete answers; this group has 12"
    )
    assert localized(small.value, "ru") == (
        "для анализа драйверов нужно не меньше 30 респондентов с полными ответами, "
        "а в этой группе их 12"
    )
    with pytest.raises(InsufficientData) as nothing:
        nps([])
    assert str(nothing.value) == "no answers to compute an NPS from"
    assert localized(nothing.value, "ru") == "нет ответов, по которым можно рассчитать NPS"
    with pytest.raises(InvalidInput) as level:
        nps([9, 10], level=95)
    assert localized(level.value, "ru").startswith("уровень доверия должен быть между 0 и 1")
    # a parameter with a format spec ({low:g}) is filled in the same way in both languages
    frame = pd.DataFrame({"q1": [1.0, 6.0], "q2": [2.0, 3.0]})
    with pytest.raises(InvalidInput) as outside:
        scale_scores(frame, [ScaleSpec("trust", ("q1", "q2"))])
    assert str(outside.value) == "scale 'trust': answers must lie between 1 and 5"
    assert localized(outside.value, "ru") == (
        "шкала 'trust': ответы должны быть в пределах от 1 до 5"
    )


def test_the_stats_layer_raises_only_keyed_errors() -> None:
    """Every ``InvalidInput``/``InsufficientData`` raised in ``orientir.stats`` names its
    message, so whatever reaches a person from a statistic exists in Russian too."""
    unkeyed = []
    for path in sorted((SRC / "stats").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in {"InvalidInput", "InsufficientData"} and not any(
                k.arg == "key" for k in node.exc.keywords
            ):
                unkeyed.append(f"{path.name}:{node.lineno}")
    assert not unkeyed, unkeyed
    assert len([u for u in USES if u.key.startswith("err.stats.")]) >= 56


def test_sign_in_refusals_are_bilingual() -> None:
    from orientir.services.sessions import SignInRefused, TooManyAttempts

    assert str(SignInRefused()) == "the e-mail or the password is wrong"
    assert localized(SignInRefused(), "ru") == "неверный адрес e-mail или пароль"
    limited = TooManyAttempts(900)
    assert str(limited) == "too many failed sign-ins; try again in 900 seconds"
    assert localized(limited, "ru") == (
        "слишком много неудачных попыток входа; попробуйте снова через 900 с"
    )


def test_a_yaml_syntax_error_is_explained_in_russian() -> None:
    from orientir.instruments.loader import inspect_text

    _, [problem] = inspect_text("id: demo\nitems: [a, b\n")
    assert problem.message() == (
        "(document): not valid YAML: expected ',' or ']', but got '<stream end>' "
        "at line 3, column 1"
    )
    assert problem.message("ru") == (
        "(document): ошибка синтаксиса YAML в строке 3, столбце 1: "
        "expected ',' or ']', but got '<stream end>'"
    )
    _, [deep] = inspect_text("a: " + "[" * 50 + "]" * 50 + "\n")
    assert deep.message("ru") == "(document): недопустимый YAML: вложенность глубже 40 уровней"


def test_a_customer_analysis_refused_is_explained_in_russian() -> None:
    """Customer analytics name their messages too: the Russian text, parameters filled in."""
    import pandas as pd

    from orientir.customers import AbcThresholds, btyd_summary

    with pytest.raises(InvalidInput) as shares:
        AbcThresholds(a=50, b=10, c=10)
    assert str(shares.value) == "ABC shares must add up to 100 %, got 50+10+10"
    assert localized(shares.value, "ru") == (
        "доли ABC должны в сумме составлять 100 %, указано 50+10+10"
    )
    log = pd.DataFrame({"customer_id": ["a"], "date": ["2024-01-01"], "amount": [1.0]})
    with pytest.raises(InvalidInput) as unit:
        btyd_summary(log, unit="years")
    assert str(unit.value) == "time unit must be one of days, weeks, months, got 'years'"
    assert localized(unit.value, "ru") == (
        "единица времени должна быть одной из следующих: days, weeks, months; указано 'years'"
    )
    unkeyed = []
    for path in sorted((SRC / "customers").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in {"InvalidInput", "InsufficientData", "NotIdentified"} and not any(
                k.arg == "key" for k in node.exc.keywords
            ):
                unkeyed.append(f"{path.name}:{node.lineno}")
    assert not unkeyed, unkeyed

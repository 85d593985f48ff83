"""Loading index models from YAML or parsed data, checking every rule, and the built-in ones.

:func:`inspect_model` never raises for a bad model: it returns the list of problems, each with
its path (``components[1].weight``) and a message in both languages. The ``parse_model`` and
``load_*`` functions raise :class:`~orientir.orientation.index_model.InvalidIndexModel`
carrying that list. Instruments named by a model are looked up in an instrument library (the
built-in one unless another is given): an unknown instrument, scale or item is an error that
names it and lists what exists.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from orientir.errors import InvalidInput, NotFound
from orientir.instruments.library import InstrumentLibrary, builtin_library, parse_ref
from orientir.instruments.model import RANGES, SCALE_FORMATS, Instrument, Stakeholder, Text
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation.index_model import (
    Component,
    IndexModel,
    InvalidIndexModel,
    Measure,
    ModelProblem,
)

WEIGHT_TOLERANCE = 1e-6
MAX_MODEL_BYTES = 256 * 1024
_MODEL_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_COMPONENT_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP = ("id", "title", "description", "normalise", "components")
_COMPONENT = ("id", "title", "weight", "stakeholder", "measure")
_MEASURE = ("instrument", "scale", "scales", "item")


class _Reader:
    """Collects problems while reading; every ``read_*`` returns None on a problem."""

    def __init__(self, library: InstrumentLibrary) -> None:
        self.library = library
        self.problems: list[ModelProblem] = []

    def fail(self, path: str, code: str, **params: object) -> None:
        self.problems.append(ModelProblem(path, code, params))

    def mapping(self, raw: object, path: str, allowed: Sequence[str]) -> Mapping[str, Any] | None:
        if not isinstance(raw, Mapping):
            self.fail(path, "expected_mapping")
            return None
        for key in raw:
            if key not in allowed:
                self.fail(_join(path, str(key)), "unknown_field", allowed=", ".join(allowed))
        return raw

    def ident(self, raw: object, path: str, pattern: re.Pattern[str]) -> str | None:
        if not isinstance(raw, str) or not pattern.match(raw):
            self.fail(path, "bad_id", value=str(raw))
            return None
        return raw

    def text(self, raw: object, path: str) -> Text | None:
        ok = isinstance(raw, Mapping) and all(
            isinstance(raw.get(lang), str) and raw[lang].strip() for lang in ("ru", "en")
        )
        if not ok or not isinstance(raw, Mapping):
            self.fail(path, "expected_text")
            return None
        return Text(ru=str(raw["ru"]).strip(), en=str(raw["en"]).strip())

    def weight(self, raw: object, path: str) -> float | None:
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            self.fail(path, "expected_number")
            return None
        if raw <= 0:
            self.fail(path, "weight_not_positive", value=raw)
            return None
        return float(raw)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _scale_problem(r: _Reader, instrument: Instrument, scale_id: str, path: str) -> None:
    try:
        scale = instrument.scale(scale_id)
    except KeyError:
        known = ", ".join(s.id for s in instrument.scales) or "-"
        r.fail(path, "unknown_scale", instrument=instrument.ref, scale=scale_id, known=known)
        return
    ranges = {RANGES.get(instrument.item(i).format) for i in scale.items}
    if len(ranges) != 1 or None in ranges:
        r.fail(path, "mixed_scale", instrument=instrument.ref, scale=scale_id)


def _read_measure(r: _Reader, raw: object, path: str) -> tuple[Measure, Instrument] | None:
    data = r.mapping(raw, path, _MEASURE)
    if data is None:
        return None
    ref = data.get("instrument")
    if not isinstance(ref, str):
        r.fail(_join(path, "instrument"), "expected_ref")
        return None
    try:
        name, version = parse_ref(ref)
        instrument = r.library.resolve(ref)
    except (InvalidInput, NotFound):
        known = ", ".join(sorted({i.id for i in r.library})) or "-"
        r.fail(_join(path, "instrument"), "unknown_instrument", instrument=ref, known=known)
        return None
    given = [key for key in ("scale", "scales", "item") if key in data]
    if len(given) != 1:
        r.fail(path, "one_measure")
        return None
    if given[0] == "item":
        item_id = data["item"]
        if not isinstance(item_id, str) or not instrument.has_item(item_id):
            r.fail(_join(path, "item"), "unknown_item", instrument=instrument.ref, item=item_id)
            return None
        if instrument.item(item_id).format not in SCALE_FORMATS:
            fmt = instrument.item(item_id).format.value
            r.fail(_join(path, "item"), "not_rating", item=item_id, format=fmt)
            return None
        return Measure(name, version, item=item_id), instrument
    raw_scales = [data["scale"]] if given[0] == "scale" else data["scales"]
    if not isinstance(raw_scales, list) or not raw_scales:
        r.fail(_join(path, given[0]), "expected_list")
        return None
    if not all(isinstance(s, str) for s in raw_scales) or len(set(raw_scales)) != len(raw_scales):
        r.fail(_join(path, given[0]), "bad_scales")
        return None
    before = len(r.problems)
    for index, scale_id in enumerate(raw_scales):
        where = (
            _join(path, given[0]) if given[0] == "scale" else _join(_join(path, "scales"), index)
        )
        _scale_problem(r, instrument, scale_id, where)
    if len(r.problems) > before:
        return None
    return Measure(name, version, scales=tuple(raw_scales)), instrument


def _read_component(r: _Reader, raw: object, path: str) -> Component | None:
    data = r.mapping(raw, path, _COMPONENT)
    if data is None:
        return None
    ident = r.ident(data.get("id"), _join(path, "id"), _COMPONENT_ID)
    title = r.text(data.get("title"), _join(path, "title"))
    weight = r.weight(data.get("weight"), _join(path, "weight"))
    read = _read_measure(r, data.get("measure"), _join(path, "measure"))
    stakeholder: Stakeholder | None = None
    if "stakeholder" in data:
        try:
            stakeholder = Stakeholder(data["stakeholder"])
        except ValueError:
            known = ", ".join(s.value for s in Stakeholder)
            r.fail(
                _join(path, "stakeholder"),
                "unknown_stakeholder",
                value=data["stakeholder"],
                known=known,
            )
            return None
    if ident is None or title is None or weight is None or read is None:
        return None
    measure, instrument = read
    return Component(ident, title, weight, stakeholder or instrument.stakeholder, measure)


def inspect_model(
    data: object, *, library: InstrumentLibrary | None = None
) -> tuple[IndexModel | None, list[ModelProblem]]:
    """Build a model from parsed data; the model is None when there is any problem."""
    r = _Reader(library if library is not None else builtin_library())
    top = r.mapping(data, "", _TOP)
    if top is None:
        return None, r.problems
    ident = r.ident(top.get("id"), "id", _MODEL_ID)
    title = r.text(top.get("title"), "title")
    raw_description = top.get("description")
    description = None if raw_description is None else r.text(raw_description, "description")
    normalise = top.get("normalise", False)
    if not isinstance(normalise, bool):
        r.fail("normalise", "expected_bool")
    raw_components = top.get("components")
    components: list[Component] = []
    if not isinstance(raw_components, list) or not raw_components:
        r.fail("components", "no_components")
    else:
        for index, raw in enumerate(raw_components):
            comp = _read_component(r, raw, _join("components", index))
            if comp is not None:
                components.append(comp)
        ids = [c.id for c in components]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            r.fail("components", "duplicate_component", id=dup)
        if len(components) == len(raw_components) and normalise is False:
            total = sum(c.weight for c in components)
            if abs(total - 1.0) > WEIGHT_TOLERANCE:
                r.fail("components", "weights_sum", total=round(total, 6))
    if r.problems or ident is None or title is None:
        return None, r.problems
    model = IndexModel(ident, title, tuple(components), description, bool(normalise))
    return model, []


def parse_model(
    data: object, *, library: InstrumentLibrary | None = None, source: str = "index model"
) -> IndexModel:
    """A model from parsed data (a mapping as in YAML, or ``IndexModel.to_dict()``)."""
    model, problems = inspect_model(data, library=library)
    if model is None:
        raise InvalidIndexModel(source, problems)
    return model


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice (PyYAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_model_text(
    text: str, *, library: InstrumentLibrary | None = None, source: str = "index model"
) -> IndexModel:
    """A model from YAML text; raises :class:`InvalidIndexModel` listing every problem."""
    if len(text.encode("utf-8")) > MAX_MODEL_BYTES:
        raise InvalidIndexModel(source, [ModelProblem("", "too_large", {"limit": MAX_MODEL_BYTES})])
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise InvalidIndexModel(source, [ModelProblem("", "yaml", {"detail": str(exc)})]) from None
    return parse_model(data, library=library, source=source)


def load_model_file(path: str | Path, *, library: InstrumentLibrary | None = None) -> IndexModel:
    """A user's model from a YAML file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problem = ModelProblem("", "unreadable", {"detail": str(exc)})
        raise InvalidIndexModel(str(path), [problem]) from None
    return load_model_text(text, library=library, source=str(path))


@cache
def builtin_models() -> tuple[IndexModel, ...]:
    """The models shipped in ``orientir/orientation/models`` (parsed once per process)."""
    folder = resources.files("orientir.orientation").joinpath("models")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        source = f"built-in model {entry.name}"
        model = load_model_text(entry.read_text(encoding="utf-8"), source=source)
        if entry.name != f"{model.id}.yaml":  # a bug in orientir, never the user's fault
            expected = {"expected": f"{model.id}.yaml"}
            raise InvalidIndexModel(source, [ModelProblem("id", "file_name", expected)])
        found.append(model)
    return tuple(found)


def builtin_model(model_id: str) -> IndexModel:
    """A built-in model by id: ``stakeholder`` or ``service-quarter``."""
    for model in builtin_models():
        if model.id == model_id:
            return model
    known = ", ".join(m.id for m in builtin_models())
    raise NotFound(
        f"no built-in index model {model_id!r}; known: {known}",
        key="err.orientation.no_built_index_model",
        params={"model_id": model_id, "known": known},
    )

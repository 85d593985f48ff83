"""Where the culture instrument keeps what: the competing-values blocks and the web elements.

The built-in ``culture`` instrument (``instruments/library/culture@1.yaml``) asks, for each of
six *dimensions* (dominant characteristics, leadership, managing people, organisational glue,
strategic emphasis, criteria of success), to share 100 points among four descriptions — one
per culture type of the competing-values framework (clan, adhocracy, market, hierarchy;
Cameron & Quinn, *Diagnosing and Changing Organizational Culture*, 3rd ed., 2011) — once for
the company *now* and once as it is *preferred*. Item ids follow
``<dimension>_<type>_<now|pref>`` and the scales ``<type>_<now|pref>`` average a type over the
six dimensions. The cultural-web audit (Johnson, Scholes & Whittington, *Exploring Corporate
Strategy*) has a two-item Likert scale per element — the paradigm and the six elements around
it — and ``web`` over all of them.

:func:`culture_layout` reads this structure from any instrument that follows it, so a later
version of the instrument (or an organisation's own) works without code changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from orientir.culture import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.errors import InvalidInput
from orientir.instruments.model import Format, Instrument

TYPES = ("clan", "adhocracy", "market", "hierarchy")
STATES = ("now", "pref")
WEB_ELEMENTS = ("paradigm", "stories", "rituals", "symbols", "structure", "control", "power")
WEB_OVERALL = "web"


@dataclass(frozen=True)
class CultureLayout:
    """Dimensions, the item of every (dimension, type, state), and the web scales present."""

    dimensions: tuple[str, ...]
    web_elements: tuple[str, ...]
    has_web_overall: bool

    def item(self, dimension: str, kind: str, state: str) -> str:
        return f"{dimension}_{kind}_{state}"

    def items(self, kind: str, state: str) -> tuple[str, ...]:
        return tuple(self.item(d, kind, state) for d in self.dimensions)

    def all_items(self) -> tuple[str, ...]:
        return tuple(self.item(d, t, s) for s in STATES for t in TYPES for d in self.dimensions)


def culture_layout(instrument: Instrument) -> CultureLayout:
    """The layout of a culture instrument; refuses one without the competing-values blocks."""
    scale_ids = {s.id for s in instrument.scales}
    missing = [f"{t}_{s}" for s in STATES for t in TYPES if f"{t}_{s}" not in scale_ids]
    if missing:
        raise InvalidInput(
            f"{instrument.ref} is not a culture instrument: it lacks the scales {missing}",
            key="err.culture.not_culture_instrument_lacks",
            params={"ref": instrument.ref, "missing": missing},
        )
    dimensions: list[str] = []
    for item_id in instrument.scale("clan_now").items:
        if not item_id.endswith("_clan_now"):
            raise InvalidInput(
                f"{instrument.ref}: item {item_id!r} breaks <dimension>_clan_now",
                key="err.culture.item_breaks_dimension_clan",
                params={"ref": instrument.ref, "item_id": item_id},
            )
        dimensions.append(item_id[: -len("_clan_now")])
    layout = CultureLayout(
        tuple(dimensions),
        tuple(e for e in WEB_ELEMENTS if e in scale_ids),
        WEB_OVERALL in scale_ids,
    )
    for item_id in layout.all_items():
        if not instrument.has_item(item_id):
            raise InvalidInput(
                f"{instrument.ref} lacks the culture item {item_id!r}",
                key="err.culture.lacks_culture_item",
                params={"ref": instrument.ref, "item_id": item_id},
            )
        if instrument.item(item_id).format is not Format.ALLOCATION100:
            raise InvalidInput(
                f"{instrument.ref}: {item_id!r} must be a 100-point allocation",
                key="err.culture.must_point_allocation",
                params={"ref": instrument.ref, "item_id": item_id},
            )
    return layout

"""Filling in a survey the way a browser without JavaScript would."""

from __future__ import annotations

from typing import Any

from orientir.instruments import Instrument
from orientir.instruments.model import Format, Item
from orientir.services.instruments import resolve_instrument


def answer_for(item: Item, instrument: Instrument) -> Any:
    """A valid form value for one item (blocks are filled so they sum to 100)."""
    block = instrument.block_of(item.id)
    if block is not None:
        share, rest = divmod(100, len(block.items))
        return str(share + (rest if block.items[0] == item.id else 0))
    return {
        Format.LIKERT5: "4",
        Format.LIKERT7: "6",
        Format.NPS: "9",
        Format.TEXT: "Всё хорошо",
        Format.CHOICE: item.options[0].value if item.options else "",
        Format.MULTICHOICE: [item.options[0].value] if item.options else [],
        Format.NUMBER: str(int(item.minimum or 1)),
        Format.DATE: (item.earliest.isoformat() if item.earliest else "2024-01-15"),
        Format.YESNO: "yes",
    }[item.format]


def pages(ref: str) -> list[dict[str, Any]]:
    """The form data of every page of an instrument, answered in full."""
    instrument = resolve_instrument(ref)
    return [
        {item.id: answer_for(item, instrument) for item in items}
        for _, items in instrument.paged()
        if items
    ]

"""The codebook: every export column of an instrument with its label and value labels.

This is what an SPSS (.sav) export needs: a variable name, a variable label, value labels and
a measurement level, in one language. Items map to columns as follows:

* likert5/7 — the number, labelled (agreement by default, or the item's own ``labels``);
* nps — the number 0..10, with labels on the ends;
* allocation100, number — the number, no labels; date — a date;
* text — a string column;
* choice — options coded 1..n in the order they are listed;
* yesno — 1 = yes, 0 = no;
* multichoice — one 0/1 column per option, named ``<item>_<option>``.

Codes follow the listed order, so reordering options changes the codes: that is a change of
content and therefore needs a new version of the instrument, as the fingerprint enforces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from orientir.i18n import t
from orientir.instruments import messages as _messages  # noqa: F401  (registers the texts)
from orientir.instruments.answers import as_date, is_answered
from orientir.instruments.model import LIKERT_FORMATS, RANGES, Format, Instrument, Item

Kind = Literal["numeric", "string", "date"]
Measure = Literal["nominal", "ordinal", "scale"]

_MEASURE: Mapping[Format, Measure] = {
    Format.LIKERT5: "ordinal",
    Format.LIKERT7: "ordinal",
    Format.NPS: "scale",
    Format.ALLOCATION100: "scale",
    Format.NUMBER: "scale",
    Format.DATE: "scale",
    Format.TEXT: "nominal",
    Format.CHOICE: "nominal",
    Format.MULTICHOICE: "nominal",
    Format.YESNO: "nominal",
}


@dataclass(frozen=True)
class Variable:
    """One export column."""

    name: str
    item: str
    label: str
    format: Format
    kind: Kind
    measure: Measure
    value_labels: Mapping[int, str] = field(default_factory=dict, hash=False)
    option: str | None = None  # the option a multichoice 0/1 column stands for
    reverse: bool = False  # stored as answered; scoring mirrors it
    width: int | None = None  # characters of a string column


def value_labels(item: Item, lang: str = "en") -> dict[int, str]:
    """Codes and their labels for one item (empty for unlabelled numbers, dates and text)."""
    own = {value: text.get(lang) for value, text in item.labels}
    if item.format in LIKERT_FORMATS:
        low, high = RANGES[item.format]
        fmt = item.format.value
        return own or {v: t(f"instruments.label.{fmt}.{v}", lang) for v in range(low, high + 1)}
    if item.format is Format.NPS:
        ends = {v: t(f"instruments.label.nps.{v}", lang) for v in (0, 10)}
        return dict(sorted((ends | own).items()))
    if item.format is Format.CHOICE:
        return {code: option.label.get(lang) for code, option in enumerate(item.options, 1)}
    if item.format is Format.YESNO:
        return {1: t("instruments.label.yesno.1", lang), 0: t("instruments.label.yesno.0", lang)}
    return {}


def _chosen(lang: str) -> dict[int, str]:
    return {1: t("instruments.label.chosen.1", lang), 0: t("instruments.label.chosen.0", lang)}


def codebook(instrument: Instrument, lang: str = "en") -> list[Variable]:
    """The export columns of ``instrument`` in item order, labelled in ``lang``."""
    variables: list[Variable] = []
    for item in instrument.items:
        label = item.text.get(lang)
        if item.format is Format.MULTICHOICE:
            for name, option in zip(item.variables, item.options, strict=True):
                variables.append(
                    Variable(
                        name=name,
                        item=item.id,
                        label=f"{label}: {option.label.get(lang)}",
                        format=item.format,
                        kind="numeric",
                        measure="nominal",
                        value_labels=_chosen(lang),
                        option=option.value,
                    )
                )
            continue
        kind: Kind = "numeric"
        if item.format is Format.TEXT:
            kind = "string"
        elif item.format is Format.DATE:
            kind = "date"
        variables.append(
            Variable(
                name=item.id,
                item=item.id,
                label=label,
                format=item.format,
                kind=kind,
                measure=_MEASURE[item.format],
                value_labels=value_labels(item, lang),
                reverse=item.reverse,
                width=item.max_length if kind == "string" else None,
            )
        )
    return variables


def encode_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, object]:
    """Valid answers as codebook values, one entry per variable; None where unanswered.

    Expects answers that passed :func:`validate_answers`; anything else is passed through.
    """
    row: dict[str, object] = {}
    for item in instrument.items:
        value = answers.get(item.id)
        answered = is_answered(value)
        if item.format is Format.MULTICHOICE:
            chosen = set(value) if answered and isinstance(value, list | tuple) else set()
            for name, option in zip(item.variables, item.options, strict=True):
                row[name] = (1 if option.value in chosen else 0) if answered else None
            continue
        if not answered:
            row[item.id] = None
        elif item.format is Format.CHOICE:
            codes = {option.value: code for code, option in enumerate(item.options, 1)}
            row[item.id] = codes.get(str(value))
        elif item.format is Format.YESNO:
            row[item.id] = 1 if value is True else 0
        elif item.format is Format.DATE:
            row[item.id] = as_date(value)
        elif item.format in RANGES and isinstance(value, float):
            row[item.id] = int(value)  # 4.0 from a spreadsheet is the code 4
        else:
            row[item.id] = value
    return row

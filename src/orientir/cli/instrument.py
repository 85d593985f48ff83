"""``orientir instrument``: list, show and validate survey instruments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from orientir.cli import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.cli._common import console, emit_json, settings_from
from orientir.config import LANGUAGES
from orientir.errors import InvalidInput
from orientir.i18n import register, t
from orientir.instruments import (
    Format,
    Instrument,
    InstrumentProblem,
    Item,
    builtin_library,
    inspect_file,
    value_labels,
)

register(
    {
        "cli.instrument.page": {"en": "Page {n} of {total}", "ru": "Страница {n} из {total}"},
        "cli.instrument.scales": {"en": "Scales", "ru": "Шкалы"},
        "cli.instrument.outcome": {"en": "Outcome", "ru": "Итоговый показатель"},
        "cli.instrument.counterpart": {"en": "Paired with", "ru": "Парный инструмент"},
        "cli.instrument.min_answered": {
            "en": "score needs {n} of {total} answered",
            "ru": "балл считается при {n} ответах из {total}",
        },
        "cli.instrument.block": {
            "en": "block {id}: these items share 100 points",
            "ru": "блок {id}: эти пункты делят 100 баллов",
        },
        "cli.instrument.reverse": {"en": "reverse-keyed", "ru": "обратный"},
        "cli.instrument.required": {"en": "required", "ru": "обязательный"},
        "cli.instrument.whole": {"en": "whole number", "ru": "целое число"},
        "cli.instrument.up_to_chars": {"en": "up to {n} characters", "ru": "до {n} символов"},
        "cli.instrument.up_to_choices": {"en": "up to {n} choices", "ru": "не больше {n}"},
        "cli.instrument.valid": {
            "en": "valid: {ref}, {items} items, {scales} scales",
            "ru": "корректен: {ref}, вопросов: {items}, шкал: {scales}",
        },
        "cli.instrument.invalid": {
            "en": "invalid: {file}, {count} problem(s)",
            "ru": "некорректен: {file}, проблем: {count}",
        },
        "cli.instrument.columns": {
            "en": "instrument|group|items|scales|title",
            "ru": "инструмент|группа|вопросов|шкал|название",
        },
    }
)

app = typer.Typer(help="Survey instruments: list, show and validate.", no_args_is_help=True)

LangOption = typer.Option(None, "--lang", help="Language of the output: ru or en.")
JsonOption = typer.Option(False, "--json", help="Print JSON only.")


def _lang(ctx: typer.Context, lang: str | None) -> str:
    if lang is None:
        return settings_from(ctx).lang
    if lang not in LANGUAGES:
        raise InvalidInput(
            f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}",
            key="err.cli.language_must_got",
            params={"languages": ", ".join(LANGUAGES), "lang": lang},
        )
    return lang


def _summary(instrument: Instrument) -> dict[str, Any]:
    return {
        "ref": instrument.ref,
        "id": instrument.id,
        "version": instrument.version,
        "stakeholder": instrument.stakeholder.value,
        "privacy": instrument.privacy.value,
        "title": instrument.title.to_dict(),
        "items": len(instrument.items),
        "scales": len(instrument.scales),
        "fingerprint": instrument.fingerprint,
    }


@app.command("list")
def list_instruments(
    ctx: typer.Context, lang: str | None = LangOption, as_json: bool = JsonOption
) -> None:
    """Every instrument of the built-in library, all versions."""
    instruments = list(builtin_library())
    if as_json:
        emit_json([_summary(i) for i in instruments])
        return
    chosen = _lang(ctx, lang)
    table = Table(*t("cli.instrument.columns", chosen).split("|"))
    for instrument in instruments:
        table.add_row(
            instrument.ref,
            instrument.stakeholder.value,
            str(len(instrument.items)),
            str(len(instrument.scales)),
            escape(instrument.title.get(chosen)),
        )
    console().print(table)


def _number(bound: float | None) -> str:
    if bound is None:
        return "…"
    return f"{int(bound)}" if bound.is_integer() else f"{bound}"


def _format_line(item: Item, lang: str) -> str:
    """The answer format in words, e.g. ``likert5: 1 = Strongly disagree … 5 = Strongly agree``."""
    parts = [item.format.value]
    if item.value_range is not None:
        low, high = item.value_range
        parts[0] += f" ({low}–{high})"
    labels = value_labels(item, lang)
    if item.format is Format.CHOICE or item.format is Format.MULTICHOICE:
        parts.append(" / ".join(f"{o.value} = {o.label.get(lang)}" for o in item.options))
    elif labels:
        parts.append("; ".join(f"{code} = {text}" for code, text in sorted(labels.items())))
    if item.format is Format.NUMBER:
        if item.integer:
            parts.append(t("cli.instrument.whole", lang))
        parts.append(f"{_number(item.minimum)}–{_number(item.maximum)}")
        if item.unit is not None:
            parts.append(item.unit.get(lang))
    if item.format is Format.DATE and (item.earliest or item.latest):
        parts.append(f"{item.earliest or '…'} – {item.latest or '…'}")
    if item.format is Format.TEXT:
        parts.append(t("cli.instrument.up_to_chars", lang, n=item.max_length))
    if item.max_choices is not None:
        parts.append(t("cli.instrument.up_to_choices", lang, n=item.max_choices))
    if item.reverse:
        parts.append(t("cli.instrument.reverse", lang))
    if item.required:
        parts.append(t("cli.instrument.required", lang))
    return ", ".join(parts)


def _render(instrument: Instrument, lang: str) -> None:
    out = console()
    out.print(f"[bold]{instrument.ref}[/] — [bold]{escape(instrument.title.get(lang))}[/]")
    out.print(
        f"{instrument.stakeholder.value} · {instrument.privacy.value} · "
        f"{instrument.fingerprint[:12]}"
    )
    out.print(escape(instrument.intro.get(lang)))
    pages = list(instrument.paged())
    number = 0
    for index, (page, items) in enumerate(pages, start=1):
        heading = t("cli.instrument.page", lang, n=index, total=len(pages))
        if page is not None and page.title is not None:
            heading += f": {page.title.get(lang)}"
        out.print(f"\n[bold]{escape(heading)}[/]")
        shown_blocks: set[str] = set()
        for item in items:
            block = instrument.block_of(item.id)
            if block is not None and block.id not in shown_blocks:
                shown_blocks.add(block.id)
                note = t("cli.instrument.block", lang, id=block.id)
                if block.instruction is not None:
                    note += f" — {block.instruction.get(lang)}"
                out.print(f"  [italic]{escape(note)}[/]")
            number += 1
            out.print(f"  {number}. {escape(f'[{item.id}]')} {escape(item.text.get(lang))}")
            out.print(f"     [dim]{escape(_format_line(item, lang))}[/]")
    if instrument.scales:
        out.print(f"\n[bold]{t('cli.instrument.scales', lang)}[/]")
        for scale in instrument.scales:
            rule = t(
                "cli.instrument.min_answered", lang, n=scale.min_answered, total=len(scale.items)
            )
            out.print(
                f"  {scale.id} — {escape(scale.title.get(lang))}: {', '.join(scale.items)} ({rule})"
            )
    if instrument.outcome is not None:
        out.print(f"\n[bold]{t('cli.instrument.outcome', lang)}:[/] {instrument.outcome}")
    if instrument.counterpart is not None:
        out.print(f"[bold]{t('cli.instrument.counterpart', lang)}:[/] {instrument.counterpart}")


@app.command("show")
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(
        ..., metavar="NAME[@VERSION]", help="e.g. employee-co or employee-co@1"
    ),
    lang: str | None = LangOption,
    as_json: bool = JsonOption,
) -> None:
    """An instrument page by page: items and their answer formats, scales, outcome."""
    instrument = builtin_library().resolve(ref)
    if as_json:
        emit_json(
            {"ref": instrument.ref, "fingerprint": instrument.fingerprint, **instrument.to_dict()}
        )
        return
    _render(instrument, _lang(ctx, lang))


def _problem_json(problem: InstrumentProblem, lang: str) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "code": problem.code,
        "message": problem.message(lang),
    }


@app.command("validate")
def validate(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="The instrument YAML file to check."),
    lang: str | None = LangOption,
    as_json: bool = JsonOption,
) -> None:
    """Check an instrument file; exit 1 and list every problem when it is not valid."""
    chosen = "en" if as_json and lang is None else _lang(ctx, lang)
    instrument, problems = inspect_file(file)
    if instrument is not None:
        # A reference already used by a built-in must keep its content: versions are promises.
        held = builtin_library().conflict(instrument)
        if held is not None:
            params = {"ref": held.ref, "fingerprint": held.fingerprint[:12]}
            problems = [InstrumentProblem("version", "library_conflict", params)]
    valid = instrument is not None and not problems
    if as_json:
        payload: dict[str, Any] = {"file": str(file), "valid": valid}
        if instrument is not None and valid:
            payload |= _summary(instrument)
        payload["problems"] = [_problem_json(p, chosen) for p in problems]
        emit_json(payload)
    elif valid and instrument is not None:
        counts = {"items": len(instrument.items), "scales": len(instrument.scales)}
        console().print(t("cli.instrument.valid", chosen, ref=instrument.ref, **counts))
    else:
        out = console()
        out.print(escape(t("cli.instrument.invalid", chosen, file=file, count=len(problems))))
        for problem in problems:
            out.print(f"  {escape(problem.message(chosen))}")
    if not valid:
        raise typer.Exit(1)

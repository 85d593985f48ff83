"""Loading instruments from YAML (or any mapping) and checking every rule of the format.

:func:`inspect_text` and :func:`inspect_data` never raise for a bad instrument: they return it
(or ``None``) with the full list of problems, which is what an author wants to see. The
``load_*``/``parse`` functions raise :class:`InvalidInstrument` carrying that list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orientir.instruments._reader import Reader, at_lines, duplicates
from orientir.instruments._sections import read_blocks, read_item, read_pages, read_scales
from orientir.instruments._yaml import YamlError, child_path, read_yaml
from orientir.instruments.model import (
    SCALE_FORMATS,
    SPSS_RESERVED,
    AllocationBlock,
    Format,
    Instrument,
    Item,
    Page,
    Privacy,
    Scale,
    Stakeholder,
)
from orientir.instruments.problems import InstrumentProblem, InvalidInstrument

MAX_FILE_BYTES = 1024 * 1024

TOP_FIELDS = (
    "id", "version", "stakeholder", "privacy", "title", "intro", "pages", "items", "scales",
    "blocks", "outcome", "counterpart",
)  # fmt: skip


@dataclass
class _Parts:
    """What was read from the document, with the path of each piece for cross-checks."""

    items: list[tuple[str, str, Item | None]]  # (path, id, item or None when broken)
    pages: list[tuple[str, Page]]
    scales: list[tuple[str, Scale, list[tuple[str, str]]]]  # with (path, id) of each member
    blocks: list[tuple[str, AllocationBlock, list[tuple[str, str]]]]


def _check_references(r: Reader, parts: _Parts, declared_ids: set[str]) -> None:
    """Rules across sections: unique ids, pages, scale and block membership."""
    items = {ident: item for _, ident, item in parts.items}
    for path, ident in duplicates([(p, i) for p, i, _ in parts.items]):
        r.fail(child_path(path, "id"), "duplicate_id", id=ident)
    for section in (parts.pages, parts.scales, parts.blocks):
        ids = [(p, obj.id) for p, obj, *_ in section]
        for path, ident in duplicates(ids):
            r.fail(child_path(path, "id"), "duplicate_id", id=ident)
    for path, scale, _ in parts.scales:
        if scale.id in declared_ids:
            r.fail(child_path(path, "id"), "id_clash", id=scale.id)
    # Export column names must be unique too (a repeated item id is reported above already).
    repeated = {ident for _, ident in duplicates([(p, i) for p, i, _ in parts.items])}
    taken: set[str] = set()
    for path, ident, item in parts.items:
        if item is None or ident in repeated:
            continue
        for name in item.variables:
            if name in SPSS_RESERVED or name in taken:
                r.fail(child_path(path, "id"), "variable_clash", name=name)
            taken.add(name)

    page_ids = [page.id for _, page in parts.pages]
    for path, _, item in parts.items:
        if item is None:
            continue
        if item.page is None and page_ids:
            r.fail(child_path(path, "page"), "page_needed")
        elif item.page is not None and item.page not in page_ids:
            shown = ", ".join(page_ids) or "-"
            r.fail(child_path(path, "page"), "unknown_page", id=item.page, pages=shown)
    used_pages = {item.page for _, _, item in parts.items if item is not None}
    for path, page in parts.pages:
        if page.id not in used_pages:
            r.fail(child_path(path, "id"), "page_unused", id=page.id)

    def members(entries: list[tuple[str, str]]) -> list[tuple[str, Item]]:
        """Known, well-formed members; unknown ids are reported, broken items skipped."""
        for path, ident in duplicates(entries):
            r.fail(path, "duplicate_id", id=ident)
        found = []
        for path, ident in entries:
            if ident not in declared_ids:
                r.fail(path, "unknown_item", id=ident)
            elif (item := items.get(ident)) is not None:
                found.append((path, item))
        return found

    for path, _, entries in parts.scales:
        scale_items = members(entries)
        for mpath, item in scale_items:
            if item.format not in SCALE_FORMATS:
                r.fail(mpath, "scale_format_unsuitable", id=item.id, format=item.format.value)
        formats = sorted({i.format.value for _, i in scale_items if i.format in SCALE_FORMATS})
        if len(formats) > 1:
            r.fail(child_path(path, "items"), "scale_format_mixed", formats=", ".join(formats))

    owner: dict[str, str] = {}
    for path, block, entries in parts.blocks:
        block_items = members(entries)
        for mpath, item in block_items:
            if item.format is not Format.ALLOCATION100:
                r.fail(mpath, "block_item_not_allocation", id=item.id, format=item.format.value)
            elif item.id in owner and owner[item.id] != block.id:
                r.fail(mpath, "allocation_in_two_blocks", id=item.id)
            owner.setdefault(item.id, block.id)
        if len({item.page for _, item in block_items}) > 1:
            r.fail(child_path(path, "items"), "block_across_pages")
    for path, ident, item in parts.items:
        if item is not None and item.format is Format.ALLOCATION100 and ident not in owner:
            r.fail(child_path(path, "format"), "allocation_without_block", id=ident)


def _read(r: Reader, raw: object) -> Instrument | None:
    data = r.mapping(
        raw,
        "",
        allowed=TOP_FIELDS,
        required=("id", "version", "stakeholder", "title", "intro", "items"),
    )
    if data is None:
        return None
    ident = r.name(data["id"], "id") if data.get("id") is not None else None
    version_raw = data.get("version")
    version: int | None = None
    if version_raw is not None:
        if isinstance(version_raw, int) and not isinstance(version_raw, bool) and version_raw >= 1:
            version = version_raw
        else:
            r.fail("version", "bad_version", got=version_raw)
    stakeholder = (
        r.choice(data["stakeholder"], "stakeholder", Stakeholder)
        if data.get("stakeholder") is not None
        else None
    )
    privacy = r.choice(data.get("privacy"), "privacy", Privacy, default=Privacy.CONFIDENTIAL)
    title = r.text(data["title"], "title") if data.get("title") is not None else None
    intro = r.text(data["intro"], "intro") if data.get("intro") is not None else None

    parts = _Parts(items=[], pages=read_pages(r, data.get("pages"), "pages"), scales=[], blocks=[])
    raw_items = r.sequence(data.get("items"), "items")
    if not raw_items and isinstance(data.get("items"), list):
        r.fail("items", "empty")
    declared: set[str] = set()
    for index, entry in enumerate(raw_items):
        path = child_path("items", index)
        item_id, item = read_item(r, entry, path)
        if item_id is not None:
            declared.add(item_id)
            parts.items.append((path, item_id, item))
    parts.scales = read_scales(r, data.get("scales"), "scales")
    parts.blocks = read_blocks(r, data.get("blocks"), "blocks")
    _check_references(r, parts, declared)

    outcome = r.ident(data["outcome"], "outcome") if data.get("outcome") is not None else None
    scale_ids = {scale.id for _, scale, _ in parts.scales}
    if outcome is not None and outcome not in scale_ids and outcome not in declared:
        r.fail("outcome", "unknown_outcome", id=outcome)
    counterpart = None
    if data.get("counterpart") is not None:
        counterpart = r.name(data["counterpart"], "counterpart")
        if counterpart is not None and counterpart == ident:
            r.fail("counterpart", "counterpart_self")

    if (
        r.problems
        or ident is None
        or version is None
        or stakeholder is None
        or privacy is None
        or title is None
        or intro is None
    ):
        return None
    return Instrument(
        id=ident,
        version=version,
        stakeholder=stakeholder,
        privacy=privacy,
        title=title,
        intro=intro,
        pages=tuple(page for _, page in parts.pages),
        items=tuple(item for _, _, item in parts.items if item is not None),
        scales=tuple(scale for _, scale, _ in parts.scales),
        blocks=tuple(block for _, block, _ in parts.blocks),
        outcome=outcome,
        counterpart=counterpart,
    )


def inspect_data(data: object) -> tuple[Instrument | None, list[InstrumentProblem]]:
    """Build an instrument from already-parsed data; the instrument is None if any problem."""
    reader = Reader()
    instrument = _read(reader, data)
    return instrument, reader.problems


def inspect_text(text: str) -> tuple[Instrument | None, list[InstrumentProblem]]:
    """Build an instrument from YAML text, with the line of every problem."""
    try:
        doc = read_yaml(text)
    except YamlError as exc:
        return None, [InstrumentProblem("", exc.code, exc.params)]
    reader = Reader()
    for path, key, line in doc.duplicates:
        reader.fail(child_path(path, key), "duplicate_key", line=line, key=key)
    instrument = _read(reader, doc.data)
    # In file order, so an author can work down the file.
    problems = sorted(at_lines(reader.problems, doc.lines), key=lambda p: p.line or 0)
    return (None if problems else instrument), problems


def inspect_file(path: str | Path) -> tuple[Instrument | None, list[InstrumentProblem]]:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [InstrumentProblem("", "file_too_large", {"limit": MAX_FILE_BYTES})]
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [InstrumentProblem("", "file_unreadable", {"detail": str(exc)})]
    return inspect_text(text)


def _ok(source: str, result: tuple[Instrument | None, list[InstrumentProblem]]) -> Instrument:
    instrument, problems = result
    if problems or instrument is None:
        raise InvalidInstrument(source, problems)
    return instrument


def parse(data: object, *, source: str = "instrument") -> Instrument:
    """An instrument from parsed data (a mapping as in YAML, or ``Instrument.to_dict()``)."""
    return _ok(source, inspect_data(data))


def load_text(text: str, *, source: str = "instrument") -> Instrument:
    return _ok(source, inspect_text(text))


def load_file(path: str | Path) -> Instrument:
    return _ok(str(path), inspect_file(path))


def check(instrument: Instrument) -> list[InstrumentProblem]:
    """The problems of an instrument built in code rather than loaded (none if it is sound)."""
    return inspect_data(instrument.to_dict())[1]

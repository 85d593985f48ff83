"""Moving answers in and out: exports (CSV, XLSX, Parquet, SPSS .sav) and imports of responses
collected by other tools (LimeSurvey, Google Forms, SurveyMonkey … as CSV or XLSX).

Exports follow the instrument's codebook (``orientir.instruments.codebook``): one column per
variable, numeric codes, and in ``.sav`` files the variable and value labels in the chosen
language. Privacy holds in exports too:

* only identified waves carry a respondent id; anonymous and confidential waves carry none;
* a department is shown only where at least *k* responses share it; a smaller one is coarsened
  to the nearest ancestor department that has *k* (or left blank), so no small group can be
  picked out of the file;
* text cells that begin with ``=``, ``+``, ``-`` or ``@`` are prefixed with ``'`` in CSV and
  XLSX, so a spreadsheet never runs them as formulas (CSV injection).

An import is all-or-nothing with a report of every bad cell. Each row's idempotency key is
derived from the file's content and the row number, so importing the same file twice stores its
responses once.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from orientir.config import Limits
from orientir.domain.organisations import department_ancestors
from orientir.domain.waves import WaveMode
from orientir.errors import ImportRejected, InvalidInput, RowProblem
from orientir.instruments.answers import validate_answers
from orientir.instruments.codebook import codebook, encode_answers
from orientir.instruments.model import RANGES, Format, Instrument, Item
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._records import CellError, parse_bool, parse_date
from orientir.services.audit import Action, Actor, record
from orientir.services.import_messages import keyed, problem
from orientir.services.instruments import thaw
from orientir.services.tabular import read_table
from orientir.services.waves import CONTACT_STAKEHOLDERS, new_token, token_hash
from orientir.storage import organisations as org_repo
from orientir.storage import waves as repo
from orientir.storage.database import Database

FORMATS = ("csv", "xlsx", "parquet", "sav")
META_COLUMNS = ("respondent", "department", "complete", "submitted_on")
_FORMULA_START = ("=", "+", "-", "@")


# ---- export -----------------------------------------------------------------------------------


def coarsen_departments(paths: list[str | None], k: int) -> list[str | None]:
    """Each path, or its nearest ancestor shared by at least ``k`` of ``paths``, or None."""
    subtree = Counter(a for p in paths if p for a in department_ancestors(p))
    shown: list[str | None] = []
    for path in paths:
        keep = None
        if path:
            for ancestor in reversed(department_ancestors(path)):
                if subtree[ancestor] >= k:
                    keep = ancestor
                    break
        shown.append(keep)
    return shown


def neutralise(value: object) -> object:
    """Defuse spreadsheet formulas in text cells (OWASP's CSV-injection advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class Export:
    frame: pd.DataFrame
    instrument: Instrument
    mode: WaveMode


def response_frame(
    db: Database, *, org: str, wave: str, k: int, actor: Actor | None = None
) -> Export:
    """The wave's responses as a frame in codebook columns, with privacy applied.

    With an ``actor`` (the web and the API) the export is written to the audit log."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_wave(conn, org_id=organisation.id, reference=wave)
        instrument = thaw(repo.instrument_content(conn, wave_id=found.id))
        stored = repo.wave_responses(conn, wave_id=found.id)
    if actor is not None:
        with db.engine.begin() as conn:
            record(
                conn,
                actor,
                Action.RESPONSES_EXPORT,
                org_id=organisation.id,
                object_type="wave",
                object_id=found.label,
            )
    rows = []
    departments = coarsen_departments([r.department for r in stored], k)
    for response, department in zip(stored, departments, strict=True):
        meta: dict[str, Any] = {
            "department": department,
            "complete": response.complete,
            "submitted_on": response.submitted_on,
        }
        if found.mode is WaveMode.IDENTIFIED:
            meta = {"respondent": response.respondent, **meta}
        rows.append(meta | encode_answers(instrument, json.loads(response.answers)))
    columns = [c for c in META_COLUMNS if found.mode is WaveMode.IDENTIFIED or c != "respondent"]
    columns += [v.name for v in codebook(instrument)]
    return Export(pd.DataFrame(rows, columns=columns), instrument, found.mode)


def write_export(export: Export, *, fmt: str, out: Path, lang: str = "en") -> int:
    """Write the export; returns the number of responses written."""
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}",
            key="err.responses.unknown_format_use",
            params={"fmt": fmt, "formats": ", ".join(FORMATS)},
        )
    frame = export.frame.copy()
    if fmt in {"csv", "xlsx"}:
        for column in frame.columns:
            if frame[column].dtype == object:
                frame[column] = frame[column].map(neutralise)
    if fmt == "csv":
        frame.to_csv(out, index=False, encoding="utf-8-sig")
    elif fmt == "xlsx":
        frame.to_excel(out, index=False)
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    else:
        _write_sav(export, frame, out, lang)
    return len(frame)


def _write_sav(export: Export, frame: pd.DataFrame, out: Path, lang: str) -> None:
    import pyreadstat  # imported here: only .sav exports pay for it

    variables = codebook(export.instrument, lang)
    labels: dict[str, str | None] = {v.name: v.label for v in variables}
    labels.update(
        {
            "respondent": "Respondent",
            "department": "Department",
            "complete": "Complete",
            "submitted_on": "Submitted on",
        }
    )
    value_labels: dict[str, dict[float | int, str]] = {
        v.name: {float(code): text for code, text in v.value_labels.items()}
        for v in variables
        if v.value_labels
    }
    frame["complete"] = frame["complete"].astype(int)
    frame["submitted_on"] = pd.to_datetime(frame["submitted_on"])
    for v in variables:
        if v.kind == "numeric":
            frame[v.name] = pd.to_numeric(frame[v.name], errors="coerce").astype(float)
        elif v.kind == "date":
            frame[v.name] = pd.to_datetime(frame[v.name])
    pyreadstat.write_sav(frame, str(out), column_labels=labels, variable_value_labels=value_labels)


# ---- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerMapping:
    """Which file column holds which item, and how answer labels become values."""

    columns: dict[str, str]  # file column -> item id or a META column
    values: dict[str, Any]  # answer label -> value, for every column
    item_values: dict[str, dict[str, Any]]  # item id -> {label -> value}

    @classmethod
    def load(cls, path: Path | None, header: list[str], instrument: Instrument) -> AnswerMapping:
        if path is None:  # a file in orientir's own export layout maps itself
            known = set(META_COLUMNS) | {n for i in instrument.items for n in i.variables}
            return cls({h: h for h in header if h in known}, {}, {})
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InvalidInput(
                f"cannot read the mapping file {path}: {exc}",
                key="err.responses.cannot_read_mapping_file",
                params={"path": path, "exc": exc},
            ) from None
        if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
            raise InvalidInput(
                "the mapping file needs a 'columns' section: file column: item id",
                key="err.responses.mapping_file_needs_columns",
            )
        columns = {str(k): str(v) for k, v in raw["columns"].items()}
        values = {str(k).strip().lower(): v for k, v in (raw.get("values") or {}).items()}
        item_values = {
            str(item): {str(k).strip().lower(): v for k, v in labels.items()}
            for item, labels in (raw.get("item_values") or {}).items()
        }
        return cls(columns, values, item_values)


def _number(raw: str) -> float:
    try:
        value = float(raw.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        raise CellError.of("import.not_number", value=repr(raw)) from None
    if math.isnan(value):
        raise CellError.of("import.nan")
    return value


def decode_cell(item: Item, raw: str, mapping: AnswerMapping) -> Any:
    """A cell's text as the answer value the instrument expects."""
    key = raw.strip().lower()
    labelled = mapping.item_values.get(item.id, {}).get(key, mapping.values.get(key))
    if labelled is not None:
        return labelled
    if item.format in RANGES or item.format is Format.NUMBER:
        value = _number(raw)
        return int(value) if value.is_integer() else value
    if item.format is Format.YESNO:
        return parse_bool(raw)
    if item.format is Format.DATE:
        return parse_date(raw).isoformat()
    if item.format is Format.CHOICE:
        if raw.strip().isascii() and raw.strip().isdigit() and item.option(raw.strip()) is None:
            code = int(raw.strip())  # a codebook code, 1..n in listed order
            if 1 <= code <= len(item.options):
                return item.options[code - 1].value
        for option in item.options:
            if key in {option.value.lower(), option.label.ru.lower(), option.label.en.lower()}:
                return option.value
        return raw.strip()
    return raw


def _meta(name: str, raw: str) -> Any:
    if name == "complete":
        return parse_bool(raw)
    if name == "submitted_on":
        return parse_date(raw)
    return raw.strip()


@dataclass(frozen=True)
class ResponsesImport:
    total_rows: int
    stored: int
    already_present: int


def _parse_rows(
    table_header: list[str],
    rows: list[list[str]],
    mapping: AnswerMapping,
    instrument: Instrument,
) -> tuple[list[tuple[int, dict[str, Any], dict[str, Any]]], list[RowProblem]]:
    problems: list[RowProblem] = []
    for column, target in mapping.columns.items():
        if column not in table_header:
            problems.append(problem(1, column, "import.mapping_column_missing"))
        base = target.split("_")[0] if not instrument.has_item(target) else target
        if (
            target not in META_COLUMNS
            and not instrument.has_item(target)
            and not (instrument.has_item(base) and target in instrument.item(base).variables)
        ):
            problems.append(
                problem(
                    1, column, "import.not_item", target=repr(target), instrument=instrument.ref
                )
            )
    if problems:
        return [], problems
    position = {h: i for i, h in enumerate(table_header)}
    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    for index, row in enumerate(rows):
        number = index + 2
        answers: dict[str, Any] = {}
        meta: dict[str, Any] = {}
        chosen: dict[str, list[str]] = {}
        for column, target in mapping.columns.items():
            raw = row[position[column]].strip() if position[column] < len(row) else ""
            if not raw:
                continue
            try:
                if target in META_COLUMNS:
                    meta[target] = _meta(target, raw)
                elif instrument.has_item(target):
                    answers[target] = decode_cell(instrument.item(target), raw, mapping)
                else:  # a multichoice 0/1 column <item>_<option>
                    item_id, option = target.split("_", 1)
                    chosen.setdefault(item_id, [])
                    if parse_bool(raw):
                        chosen[item_id].append(option)
            except CellError as exc:
                params = tuple(exc.params.items())
                problems.append(RowProblem(number, column, str(exc), exc.key, params))
        answers.update({item_id: options for item_id, options in chosen.items() if options})
        complete = bool(meta.get("complete", True))
        inverse = {target: column for column, target in mapping.columns.items()}
        for wrong in validate_answers(instrument, answers, complete=complete):
            column = inverse.get(wrong.item, wrong.item)
            key = f"instruments.answer.{wrong.code}"
            problems.append(keyed(number, column, wrong.message(), key, wrong.params))
        parsed.append((number, answers, meta))
    return parsed, problems


def import_responses(
    db: Database,
    *,
    org: str,
    wave: str,
    path: Path,
    mapping_path: Path | None,
    limits: Limits,
) -> ResponsesImport:
    table = read_table(path, limits)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_wave(conn, org_id=organisation.id, reference=wave)
        instrument = thaw(repo.instrument_content(conn, wave_id=found.id))
        mapping = AnswerMapping.load(mapping_path, table.header, instrument)
        parsed, problems = _parse_rows(table.header, table.rows, mapping, instrument)
        departments = org_repo.department_ids(conn, org_id=organisation.id)
        respondents = repo.respondent_ids(
            conn,
            org_id=organisation.id,
            contacts_not_people=instrument.stakeholder in CONTACT_STAKEHOLDERS,
        )
        for number, _, meta in parsed:
            if meta.get("department") and meta["department"] not in departments:
                department = repr(meta["department"])
                problems.append(
                    problem(number, "department", "import.unknown_department", value=department)
                )
            who = meta.get("respondent")
            if who and found.mode is WaveMode.IDENTIFIED and who not in respondents:
                problems.append(
                    problem(number, "respondent", "import.unknown_respondent", value=repr(who))
                )
        if problems:
            raise ImportRejected(
                sorted(problems, key=lambda p: (p.row, p.column)), total_rows=len(table.rows)
            )
        stored = present = 0
        for number, answers, meta in parsed:
            key = f"import:{digest}:{number}"
            if repo.find_response(conn, wave_id=found.id, idempotency_key=key) is not None:
                present += 1
                continue
            who = meta.get("respondent")
            invitation_id = None
            if found.mode is WaveMode.IDENTIFIED and who:
                # Identified waves keep who answered: a used invitation stands for the link.
                invitation_id = repo.insert_used_invitation(
                    conn,
                    wave_id=found.id,
                    token_hash=token_hash(new_token()),
                    link=_link_column(instrument),
                    row_id=respondents[who],
                )
            complete = bool(meta.get("complete", True))
            repo.insert_response(
                conn,
                wave_id=found.id,
                invitation_id=invitation_id,
                department_id=departments.get(meta.get("department") or ""),
                complete=complete,
                answers=json.dumps(answers, ensure_ascii=False),
                submitted_on=meta.get("submitted_on") or (date.today() if complete else None),
                idempotency_key=key,
            )
            stored += 1
    return ResponsesImport(total_rows=len(table.rows), stored=stored, already_present=present)


def _link_column(instrument: Instrument) -> str:
    return "contact_id" if instrument.stakeholder in CONTACT_STAKEHOLDERS else "person_id"

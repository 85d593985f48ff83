"""``--json`` and ``--csv`` of a table with many rows (a customer base: a million rows and more).

``emit_json`` pretty-prints with ``indent=2``, for which Python's ``json`` module falls back
from its C encoder to the pure-Python one; and the rows' NaN and infinities were replaced value
by value beforehand: 14 of the 23 seconds of ``orientir customers rfm --json`` on a million
customers. Here the head of the document is printed as before, and the rows follow one per
line, built column by column: each column's values become JSON texts at once (Arrow's own
casts for integers, the ``json`` module's C string escaping, ``float.__repr__`` as the encoder
itself uses), and Arrow joins them into rows with the keys in between. NaN and infinities
become nulls. The document parses to exactly what ``json.dumps`` of the rows would give
(``tests/cli/test_table_output.py``); only the layout differs.

``--csv`` went through ``csv.writer`` a row at a time. Its rows are now built the same way,
column by column: the same text as ``csv.writer`` writes (``str`` of each value, an empty field
for a null, quotes only around a field that needs them), checked against it by the same tests.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from orientir.cli._common import json_default

# What json's string escaping changes, with ``ensure_ascii=False``: the quote, the backslash and
# the control characters (in RE2's syntax, which Arrow's regular expressions use).
_ESCAPED = r'[\x00-\x1f"\\]'
BATCH_ROWS = 65_536  # rows turned into text at a time: bounded memory
ROW_SEPARATOR = ",\n    "
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=json_default).encode


def finite_or_none(value: Any) -> Any:
    """``value`` with every NaN or infinity replaced by None (JSON has neither)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite_or_none(v) for v in value]
    return value


def _texts(values: list[Any], encode: Callable[[Any], str]) -> pa.Array:
    return pa.array([("null" if v is None else encode(v)) for v in values], pa.string())


def _float_text(value: float) -> str:
    return float.__repr__(value) if math.isfinite(value) else "null"


def _as_text(column: pa.Array, null: str) -> pa.Array:
    """Arrow's own text of each value (integers, strings), ``null`` for a null."""
    return pc.fill_null(pc.cast(column, pa.string()), null)


def _plain_strings(column: pa.Array, special: str) -> bool:
    """Whether ``column`` holds strings none of which match the RE2 class ``special``."""
    kind = column.type
    textual = pa.types.is_string(kind) or pa.types.is_large_string(kind)
    return textual and not pc.any(pc.match_substring_regex(column, special)).as_py()


def _column_json(column: pa.Array) -> pa.Array:
    """Each value of ``column`` as JSON text, as ``json.dumps`` writes it; null as ``null``."""
    kind = column.type
    if pa.types.is_integer(kind):
        return _as_text(column, "null")
    if pa.types.is_boolean(kind):
        return pc.fill_null(pc.if_else(column, "true", "false"), "null")
    if pa.types.is_floating(kind):
        return _texts(column.to_pylist(), _float_text)
    if _plain_strings(column, _ESCAPED):
        # Nothing to escape (the usual case: ids, names, segments): quotes around it is all.
        quoted = pc.binary_join_element_wise('"', pc.cast(column, pa.string()), '"', "")
        return pc.fill_null(quoted, "null")
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _texts(column.to_pylist(), encode_basestring)
    return _texts(column.to_pylist(), lambda v: _ENCODE(finite_or_none(v)))


def _rows_json(batch: pa.RecordBatch) -> list[str]:
    """The batch's rows as JSON objects, one text each."""
    parts: list[Any] = []
    for index, name in enumerate(batch.schema.names):
        parts.append(("{" if index == 0 else ", ") + encode_basestring(name) + ": ")
        parts.append(_column_json(batch.column(index)))
    parts.append("}")
    joined = pc.binary_join_element_wise(*parts, "")
    texts: list[str] = joined.to_pylist()
    return texts


def emit_json_table(head: Mapping[str, Any], table: pa.Table, *, key: str = "rows") -> None:
    """Print ``{**head, key: [the table's rows as objects]}`` as JSON on stdout."""
    out = sys.stdout
    opened = json.dumps(
        {**finite_or_none(dict(head)), key: []}, ensure_ascii=False, indent=2, default=json_default
    )
    # ``…, "rows": []\n}``: the rows go between the brackets.
    before, _, after = opened.rpartition("[]")
    out.write(before + "[")
    first = True
    if table.num_columns:
        for batch in table.to_batches(max_chunksize=BATCH_ROWS):
            if batch.num_rows == 0:
                continue
            out.write(
                ("\n    " if first else ROW_SEPARATOR) + ROW_SEPARATOR.join(_rows_json(batch))
            )
            first = False
    elif table.num_rows:  # rows without columns: empty objects
        out.write("\n    " + ROW_SEPARATOR.join(["{}"] * table.num_rows))
        first = False
    out.write(("]" if first else "\n  ]") + after + "\n")


# Characters that may make csv.writer quote a field (QUOTE_MINIMAL, the default): the
# delimiter, the quote character and line breaks. Whether a carriage return does depends on
# the Python version, so a field holding any of them is left to csv.writer itself.
_SPECIAL = ',"\r\n'
_MAY_QUOTE = r'[,"\r\n]'  # the same, in RE2's syntax


def _csv_fields(values: list[Any]) -> list[str]:
    """Each value as ``csv.writer`` writes it in a row of several fields; a null as ``""``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def field(value: Any) -> str:
        text = "" if value is None else str(value)
        if not any(char in text for char in _SPECIAL):
            return text
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([text, ""])  # two fields, so no rule about a lone empty one applies
        return buffer.getvalue()[: -len(",\n")]

    return [field(value) for value in values]


def _column_csv(column: pa.Array) -> pa.Array:
    """Each value of ``column`` as ``csv.writer`` writes it; a null as an empty field."""
    if pa.types.is_integer(column.type) or _plain_strings(column, _MAY_QUOTE):
        return _as_text(column, "")
    return pa.array(_csv_fields(column.to_pylist()), pa.string())


def emit_csv_table(table: pa.Table) -> None:
    """Print ``table`` as CSV on stdout: a header, then one line per row (``\n``)."""
    out = sys.stdout
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(table.column_names)
    out.write(header.getvalue())
    if table.num_columns == 0:
        out.write("\n" * table.num_rows)
        return
    if table.num_columns == 1:
        # csv.writer writes a lone empty field as "" (a blank line would be no row at all).
        for text in _csv_fields(table.column(0).to_pylist()):
            out.write((text or '""') + "\n")
        return
    for batch in table.to_batches(max_chunksize=BATCH_ROWS):
        if batch.num_rows == 0:
            continue
        columns = [_column_csv(column) for column in batch.columns]
        lines: list[str] = pc.binary_join_element_wise(*columns, ",").to_pylist()
        out.write("\n".join(lines) + "\n")

"""``--json`` of a big table (cli/table_output.py) parses to exactly what ``json.dumps`` of its
rows gives — the way it was printed before, value by value — for every column type a result
table can have, and whatever the strings hold."""

from __future__ import annotations

import csv
import io
import json
import math
from contextlib import redirect_stdout
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from orientir.cli._common import json_default
from orientir.cli.table_output import emit_csv_table, emit_json_table, finite_or_none

HEAD = {"analysis": "rfm", "meta": {"rows": 2, "share": math.nan, "when": date(2026, 11, 30)}}


def _printed(table: pa.Table, head: dict[str, Any] = HEAD) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        emit_json_table(head, table)
    return out.getvalue()


def _as_before(table: pa.Table, head: dict[str, Any] = HEAD) -> Any:
    """What the command printed before, parsed: every value through ``json.dumps``."""
    document = finite_or_none({**head, "rows": table.to_pylist()})
    return json.loads(json.dumps(document, ensure_ascii=False, indent=2, default=json_default))


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)  # UTF-8 has no surrogates
FLOATS = st.floats(allow_nan=True, allow_infinity=True)


@st.composite
def tables(draw: st.DrawFn) -> pa.Table:
    rows = draw(st.integers(0, 30))

    def column(values: st.SearchStrategy[Any]) -> list[Any]:
        return draw(st.lists(st.one_of(st.none(), values), min_size=rows, max_size=rows))

    return pa.table(
        {
            "customer_id": pa.array(column(TEXT), pa.string()),
            "ascii_id": pa.array(
                column(st.from_regex(r"C[0-9]{1,7}", fullmatch=True)), pa.string()
            ),
            "frequency": pa.array(column(st.integers(-(2**63), 2**63 - 1)), pa.int64()),
            "score": pa.array(column(st.integers(0, 255)), pa.uint8()),
            "monetary": pa.array(column(FLOATS), pa.float64()),
            "share": pa.array(column(st.floats(width=32)), pa.float32()),
            "active": pa.array(column(st.booleans()), pa.bool_()),
            "first": pa.array(column(st.dates()), pa.date32()),
            "label": pa.array(column(TEXT), pa.large_string()),
        }
    )


@settings(max_examples=150, deadline=None)
@given(tables())
def test_every_table_prints_what_json_dumps_of_its_rows_gives(table: pa.Table) -> None:
    assert json.loads(_printed(table)) == _as_before(table)


def test_nan_and_infinities_are_null_and_the_rows_are_one_per_line() -> None:
    table = pa.table(
        {
            "customer_id": ["C1", 'say "hi"\n'],
            "monetary": [math.nan, 2.5],
            "t": [math.inf, -0.0],
            "n": pa.array([None, 7], pa.int32()),
        }
    )
    printed = _printed(table, {"analysis": "x"})
    assert printed == (
        "{\n"
        '  "analysis": "x",\n'
        '  "rows": [\n'
        '    {"customer_id": "C1", "monetary": null, "t": null, "n": null},\n'
        '    {"customer_id": "say \\"hi\\"\\n", "monetary": 2.5, "t": -0.0, "n": 7}\n'
        "  ]\n"
        "}\n"
    )


def test_empty_tables_and_other_types() -> None:
    empty = pa.table({"customer_id": pa.array([], pa.string())})
    assert _printed(empty, {"analysis": "x"}) == '{\n  "analysis": "x",\n  "rows": []\n}\n'
    odd = pa.table(
        {
            "at": [datetime(2026, 11, 30, 17, 5), None],
            "amount": pa.array([Decimal("1.25"), None], pa.decimal128(10, 2)),
            "months": [[1.0, math.nan], None],  # a list: nested, with a NaN inside
        }
    )
    assert json.loads(_printed(odd)) == _as_before(odd)
    assert json.loads(_printed(odd))["rows"][0]["months"] == [1.0, None]
    assert json.loads(_printed(pa.table({}))) == _as_before(pa.table({}))


def _csv_printed(table: pa.Table) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        emit_csv_table(table)
    return out.getvalue()


def _csv_as_before(table: pa.Table) -> str:
    """What the command printed before: ``csv.writer``, a row at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow(["" if v is None else v for v in row.values()])
    return out.getvalue()


CSV_TEXT = st.text(st.sampled_from('ab,"\r\n \tЖ'), max_size=6) | TEXT  # what needs quoting


@st.composite
def csv_tables(draw: st.DrawFn) -> pa.Table:
    table = draw(tables())
    rows = table.num_rows
    extra = draw(st.lists(st.one_of(st.none(), CSV_TEXT), min_size=rows, max_size=rows))
    table = table.append_column("note", pa.array(extra, pa.string()))
    # Sometimes a single column: csv.writer writes a lone empty field as "".
    return (
        table.select([draw(st.integers(0, table.num_columns - 1))])
        if draw(st.booleans())
        else table
    )


@settings(max_examples=200, deadline=None)
@given(csv_tables())
def test_every_table_prints_the_csv_that_csv_writer_writes(table: pa.Table) -> None:
    assert _csv_printed(table) == _csv_as_before(table)


def test_csv_of_other_types_and_shapes() -> None:
    odd = pa.table(
        {
            "at": [datetime(2026, 11, 30, 17, 5), None],
            "amount": pa.array([Decimal("1.25"), None], pa.decimal128(10, 2)),
            "x": [math.nan, math.inf],
            "flag": [True, None],
        }
    )
    assert _csv_printed(odd) == _csv_as_before(odd)
    assert _csv_printed(odd).splitlines()[1] == "2026-11-30 17:05:00,1.25,nan,True"
    for shape in (pa.table({}), pa.table({"a": pa.array([], pa.int64())})):
        assert _csv_printed(shape) == _csv_as_before(shape)

"""Types of the compiled kernel (``_summary_c.c``); arguments are numpy arrays."""

from typing import Any

def scan(
    offsets: Any,
    wide: bool,
    data: Any,
    days: Any,
    amounts: Any,
    unit: int,
    end_period: int,
    table: Any,
    keys: Any,
    records: Any,
    customers: int,
    bits: int,
    first_row: int,
) -> tuple[int, int, int, int]: ...
def rehash(keys: Any, customers: int, bits: int, table: Any) -> None: ...
def collect_unordered(
    offsets: Any,
    wide: bool,
    data: Any,
    days: Any,
    amounts: Any,
    unit: int,
    end_period: int,
    table: Any,
    records: Any,
    bits: int,
    first_period: int,
    out: Any,
) -> int: ...

"""Survey instruments: the declarative format, its loader and the built-in library.

An instrument is a versioned questionnaire written in YAML (see ``docs`` and the files in
``orientir/instruments/library``), loaded into frozen dataclasses, fingerprinted, and
addressed as ``name@version``. Answers are checked by :func:`validate_answers`; the
:func:`codebook` names and labels every export column.

What callers may import is listed in ``__all__``; the modules starting with ``_`` are private.
"""

from orientir.instruments.answers import AnswerProblem, is_answered, validate_answers
from orientir.instruments.codebook import Variable, codebook, encode_answers, value_labels
from orientir.instruments.library import (
    InstrumentLibrary,
    builtin_instruments,
    builtin_library,
    load_directory,
    paired_items,
    parse_ref,
)
from orientir.instruments.loader import (
    check,
    inspect_data,
    inspect_file,
    inspect_text,
    load_file,
    load_text,
    parse,
)
from orientir.instruments.model import (
    AllocationBlock,
    Format,
    Instrument,
    Item,
    Option,
    Page,
    Privacy,
    Scale,
    Stakeholder,
    Text,
)
from orientir.instruments.problems import InstrumentProblem, InvalidInstrument

__all__ = [
    "AllocationBlock",
    "AnswerProblem",
    "Format",
    "Instrument",
    "InstrumentLibrary",
    "InstrumentProblem",
    "InvalidInstrument",
    "Item",
    "Option",
    "Page",
    "Privacy",
    "Scale",
    "Stakeholder",
    "Text",
    "Variable",
    "builtin_instruments",
    "builtin_library",
    "check",
    "codebook",
    "encode_answers",
    "inspect_data",
    "inspect_file",
    "inspect_text",
    "is_answered",
    "load_directory",
    "load_file",
    "load_text",
    "paired_items",
    "parse",
    "parse_ref",
    "validate_answers",
    "value_labels",
]

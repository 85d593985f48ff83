"""Every error orientir raises on purpose, so callers can catch one family.

::

    OrientirError                 anything orientir refuses, with a message meant for a person
    ├── ConfigError               a setting is missing or malformed
    ├── NotFound                  an object does not exist (or belongs to another organisation)
    ├── AlreadyExists             a unique name or id is taken
    ├── InvalidInput              a value given by a caller breaks a rule
    │   └── LimitExceeded         a size, length, count or rate limit was hit
    ├── ImportRejected            a file import found bad rows; carries the row-by-row report
    ├── SurveyUnavailable         a survey link is unknown, used, or its wave is not open
    ├── StorageError              the database cannot be used as it is
    │   └── SchemaOutOfDate       the database needs ``orientir db upgrade``
    └── InsufficientData          a statistic cannot be computed honestly from the data given

The web layer maps these to HTTP problem details and the CLI to exit codes; nothing
below those layers knows about either.

``str(error)`` is English, for logs and tests. An error may also name its message in
:mod:`orientir.i18n` (``key`` and ``params``); :func:`localized` then gives it in the reader's
language::

    raise InvalidInput(
        f"wave {label!r} is not open", key="err.waves.not_open", params={"label": label}
    )
    localized(exc, "ru")  # "волна 'w1' не открыта"

The module that raises an error imports the catalogue that holds its key, so a raised error's
key is always registered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orientir import i18n


class OrientirError(Exception):
    """Base of every deliberate orientir error; ``str(error)`` is fit to show a person.

    ``key`` and ``params`` (optional, keyword-only) name the same message in the catalogue of
    :mod:`orientir.i18n`, so that :meth:`text` can say it in Russian as well as in English.
    """

    def __init__(
        self,
        *args: object,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(*args)
        self.key = key
        self.params: dict[str, object] = dict(params or {})

    def text(self, lang: str) -> str:
        """The message in ``lang``: the catalogue's text when the error names one, else
        ``str(self)`` (English)."""
        texts = i18n.catalogue().get(self.key) if self.key else None
        if texts is None:
            return str(self)
        try:
            return (texts.get(lang) or texts[i18n.DEFAULT_LANG]).format(**self.params)
        except (KeyError, IndexError, ValueError):  # a placeholder without its parameter
            return str(self)


def localized(exc: BaseException, lang: str) -> str:
    """What to show a person for ``exc`` in ``lang`` (``"ru"`` or ``"en"``): the error's own
    text in that language when it has one, else ``str(exc)``."""
    if isinstance(exc, OrientirError):
        return exc.text(lang)
    return str(exc)


class ConfigError(OrientirError):
    """A setting (environment variable, option or file) is missing or malformed."""


class NotFound(OrientirError):
    """The requested object does not exist in the caller's organisation."""


class AlreadyExists(OrientirError):
    """A name or external id that must be unique is already taken."""


class InvalidInput(OrientirError):
    """A value supplied by the caller breaks a rule of the domain."""


class LimitExceeded(InvalidInput):
    """A configured limit (file size, row count, field length, request rate) was exceeded."""


class StorageError(OrientirError):
    """The database cannot be used as it is."""


class SchemaOutOfDate(StorageError):
    """The database schema is older than this version of orientir."""


class InsufficientData(OrientirError):
    """Too little data to compute a statistic honestly (for example a group under 30)."""


class SurveyUnavailable(OrientirError):
    """A respondent's link cannot be answered. ``reason`` is ``unknown``, ``used``, ``not_open``
    or ``closed``; pages show a polite text per reason and reveal nothing else."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"this survey link cannot be answered ({reason})")


@dataclass(frozen=True)
class RowProblem:
    """One reason one row of an imported file was rejected.

    ``row`` is the line as a spreadsheet shows it: the header is row 1, the first record row 2.
    """

    row: int
    column: str
    reason: str
    #: The reason as a message key and its parameters, for a reader in another language
    #: (``orientir.services.import_messages.reason_text``); ``reason`` is the English text.
    key: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.reason}"


class ImportRejected(OrientirError):
    """A file import was refused as a whole because some rows are bad; nothing was written."""

    def __init__(self, problems: Sequence[RowProblem], *, total_rows: int) -> None:
        self.problems = list(problems)
        self.total_rows = total_rows
        rows = len({p.row for p in self.problems})
        super().__init__(
            f"{rows} of {total_rows} rows rejected ({len(self.problems)} problems); "
            "nothing was written",
            key="err.import.rejected",
            params={"rows": rows, "total": total_rows, "problems": len(self.problems)},
        )

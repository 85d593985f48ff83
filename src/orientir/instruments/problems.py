"""What is wrong with an instrument file, said so that its author can find and fix it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from orientir.errors import InvalidInput
from orientir.i18n import t
from orientir.instruments import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.instruments import messages as _messages  # noqa: F401  (registers the texts)


@dataclass(frozen=True)
class InstrumentProblem:
    """One broken rule, at ``path`` (``items[3].format``; indices count from 0).

    ``line`` is the line of the YAML file where the offending value (or its nearest enclosing
    one, for a missing field) starts, when the instrument came from YAML.
    """

    path: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    line: int | None = None

    def message(self, lang: str = "en") -> str:
        where = self.path or "(document)"
        if self.line is not None:
            where += f" ({t('instruments.format.at_line', lang, line=self.line)})"
        return f"{where}: {t(f'instruments.format.{self.code}', lang, **self.params)}"

    def __str__(self) -> str:
        return self.message()


class InvalidInstrument(InvalidInput):
    """An instrument breaks the format; ``problems`` lists every broken rule, not just the first."""

    def __init__(self, source: str, problems: Sequence[InstrumentProblem]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        super().__init__(
            f"{source}: {count} problem{'s' if count != 1 else ''}\n{lines}",
            key="err.instruments.invalid",
            params={"source": source, "count": count},
        )

    def text(self, lang: str) -> str:
        """The summary line and every problem, in ``lang`` (English: ``str(self)``, which
        keeps the plural of "problem")."""
        if lang == "en":
            return str(self)
        head = t("err.instruments.invalid", lang, source=self.source, count=len(self.problems))
        return "\n".join([head, *(f"  {p.message(lang)}" for p in self.problems)])

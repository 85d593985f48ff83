"""What the orientation layer takes in: survey waves and an organisation's facts.

The service layer builds these from the database; nothing here reads storage.

``WaveData.responses`` holds one row per response:

===============  ===========================================================================
column           meaning
===============  ===========================================================================
``respondent``   an opaque id (str) of the person; ``None`` in every row of an anonymous wave
``department``   a department path such as ``"Продажи/Москва"`` or ``None`` (customers,
                 partners, people without a department)
``complete``     ``True`` for a submitted questionnaire, ``False`` for one saved on the way
``<item id>``    one column per item: numeric answers as float (NaN = not answered); text
                 and choice items as object columns
===============  ===========================================================================

Partial responses are kept: a measure uses every response that yields a value for it (a scale
score exists once the scale's ``min_answered`` items are answered, see
:func:`orientir.stats.scale_scores`). Callers wanting complete responses only filter first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from orientir.domain.organisations import normalise_department_path
from orientir.errors import InvalidInput
from orientir.instruments.model import Instrument, Privacy, Stakeholder
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)

MODES = tuple(p.value for p in Privacy)  # "anonymous", "confidential", "identified"
BASE_COLUMNS = ("respondent", "department", "complete")


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True, eq=False)  # eq=False: a data frame has no truth value to compare
class WaveData:
    """One closed survey wave of one organisation.

    ``closes_on`` places the wave on the time axis (trajectory, portfolio). ``audience`` is who
    answered when it differs from the instrument's own stakeholder group (a ``leadership``
    wave sent to employees); ``None`` means the instrument's group.
    """

    org: str
    wave: str
    instrument: Instrument
    closes_on: date
    mode: str
    responses: pd.DataFrame
    audience: Stakeholder | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.org, str) or not self.org.strip():
            raise InvalidInput(
                "a wave needs the short name of its organisation",
                key="err.orientation.wave_needs_short_name",
            )
        if not isinstance(self.wave, str) or not self.wave.strip():
            raise InvalidInput(
                f"a wave of {self.org!r} needs a label",
                key="err.orientation.wave_needs_label",
                params={"org": self.org},
            )
        if not isinstance(self.closes_on, date):
            raise InvalidInput(
                f"wave {self.wave!r}: closes_on must be a date",
                key="err.orientation.wave_closes_must_date",
                params={"wave": self.wave},
            )
        if self.mode not in MODES:
            raise InvalidInput(
                f"wave {self.wave!r}: mode must be one of {', '.join(MODES)}, not {self.mode!r}",
                key="err.orientation.wave_mode_must_not",
                params={"wave": self.wave, "modes": ", ".join(MODES), "mode": self.mode},
            )
        if not isinstance(self.responses, pd.DataFrame):
            raise InvalidInput(
                f"wave {self.wave!r}: responses must be a pandas DataFrame",
                key="err.orientation.wave_responses_must_pandas",
                params={"wave": self.wave},
            )
        missing = [c for c in BASE_COLUMNS if c not in self.responses.columns]
        if missing:
            raise InvalidInput(
                f"wave {self.wave!r}: responses lack the columns {missing}",
                key="err.orientation.wave_responses_lack_columns",
                params={"wave": self.wave, "missing": missing},
            )
        if self.mode == Privacy.ANONYMOUS and self.responses["respondent"].notna().any():
            # An anonymous wave promised no link to a person; refuse rather than carry one on.
            raise InvalidInput(
                f"wave {self.wave!r} is anonymous but its responses carry ids",
                key="err.orientation.wave_anonymous_but_responses",
                params={"wave": self.wave},
            )
        complete = self.responses["complete"]
        if not complete.map(lambda v: isinstance(v, bool) or v in (0, 1)).all():
            raise InvalidInput(
                f"wave {self.wave!r}: 'complete' must be true or false",
                key="err.orientation.wave_complete_must_true",
                params={"wave": self.wave},
            )

    @property
    def privacy(self) -> Privacy:
        return Privacy(self.mode)

    @property
    def stakeholder(self) -> Stakeholder:
        """The group that answered: ``audience`` or the instrument's stakeholder group."""
        return self.audience if self.audience is not None else self.instrument.stakeholder

    @property
    def n(self) -> int:
        return len(self.responses)

    def departments(self) -> list[str | None]:
        """The department of each row, normalised (``' a / b '`` → ``'a/b'``), or None."""
        out: list[str | None] = []
        for value in self.responses["department"].tolist():
            if _is_missing(value) or (isinstance(value, str) and not value.strip()):
                out.append(None)
            elif isinstance(value, str):
                out.append(normalise_department_path(value))
            else:
                raise InvalidInput(
                    f"wave {self.wave!r}: department {value!r} is not a path",
                    key="err.orientation.wave_department_not_path",
                    params={"wave": self.wave, "value": value},
                )
        return out


@dataclass(frozen=True)
class OrgFacts:
    """Facts about an organisation: its record, the readiness-13 fact sheet and the program.

    ``budget_per_year`` is the program's yearly budget in the organisation's currency
    (readiness-13 ``budget``); ``as_of`` is the date the facts describe (ages are counted to it).
    ``None`` means unknown; the readiness diagnostic then says what would settle the rule.
    """

    org: str
    as_of: date
    founded: int | None = None
    headcount: int | None = None
    departments: int | None = None
    driver_team: bool | None = None
    driver_team_size: int | None = None
    budget_per_year: float | None = None
    outside_help: bool | None = None
    program_start: date | None = None
    hiring_screen: bool | None = None

    def __post_init__(self) -> None:
        if not self.org.strip():
            raise InvalidInput(
                "facts need the short name of their organisation",
                key="err.orientation.facts_need_short_name",
            )
        if self.founded is not None and not 1000 <= self.founded <= self.as_of.year:
            raise InvalidInput(
                f"{self.org}: founded must be a year up to {self.as_of.year}",
                key="err.orientation.founded_must_year_up",
                params={"org": self.org, "year": self.as_of.year},
            )
        for name in ("headcount", "departments", "driver_team_size"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise InvalidInput(
                    f"{self.org}: {name} must be at least 1",
                    key="err.orientation.must_least",
                    params={"org": self.org, "name": name},
                )
        if self.budget_per_year is not None and not (
            math.isfinite(self.budget_per_year) and self.budget_per_year >= 0
        ):
            raise InvalidInput(
                f"{self.org}: budget_per_year must be zero or more",
                key="err.orientation.budget_per_year_must",
                params={"org": self.org},
            )

    @property
    def age(self) -> int | None:
        """Whole years on the market at ``as_of``."""
        return None if self.founded is None else self.as_of.year - self.founded

    @property
    def budget_per_employee(self) -> float | None:
        if self.budget_per_year is None or self.headcount is None:
            return None
        return self.budget_per_year / self.headcount


def check_same_org(waves: list[WaveData] | tuple[WaveData, ...]) -> str:
    """The one organisation all ``waves`` belong to; refuses a mix and duplicate labels."""
    if not waves:
        raise InvalidInput("no waves given", key="err.orientation.no_waves_given")
    orgs = sorted({w.org for w in waves})
    if len(orgs) > 1:
        raise InvalidInput(
            f"the waves belong to several organisations: {', '.join(orgs)}",
            key="err.orientation.waves_belong_several_organisations",
            params={"orgs": ", ".join(orgs)},
        )
    labels = [w.wave for w in waves]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise InvalidInput(
            f"wave labels repeat: {', '.join(repeated)}",
            key="err.orientation.wave_labels_repeat",
            params={"repeated": ", ".join(repeated)},
        )
    return orgs[0]

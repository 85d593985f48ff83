"""One organisation's culture: profile and web per culture wave, change, and the link.

:func:`culture_report` is what the service and the command line call. It picks the culture
waves out of the organisation's waves (any instrument laid out like the built-in ``culture``,
see :mod:`orientir.culture.layout`), and returns for each of them the competing-values profile
(:mod:`.profile`) and the cultural-web audit (:mod:`.web`), the changes between consecutive
culture waves (:mod:`.change`), and the link with the customer-orientation index and the
customers' view (:mod:`.link`), computed from all the organisation's waves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from orientir.culture import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.culture.change import ChangeRow, culture_change
from orientir.culture.link import LinkOptions, culture_link, is_culture
from orientir.culture.link_results import LinkResult
from orientir.culture.profile import By, CultureProfile, culture_profile
from orientir.culture.web import WebAudit, web_audit
from orientir.errors import InsufficientData, InvalidInput
from orientir.orientation import IndexModel, WaveData


@dataclass(frozen=True)
class CultureReport:
    org: str
    by: str | None
    profiles: tuple[CultureProfile, ...]  # oldest first
    web: tuple[WebAudit, ...]
    change: tuple[ChangeRow, ...]
    link: LinkResult | None
    model: str

    @property
    def latest(self) -> CultureProfile:
        return self.profiles[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "culture",
            "org": self.org,
            "by": self.by,
            "model": self.model,
            "waves": [
                {"profile": p.to_dict(), "web": w.to_dict()}
                for p, w in zip(self.profiles, self.web, strict=True)
            ],
            "change": [c.to_dict() for c in self.change],
            "link": None if self.link is None else self.link.to_dict(),
        }


def culture_report(
    waves: Sequence[WaveData],
    model: IndexModel,
    *,
    by: By | None = None,
    options: LinkOptions | None = None,
) -> CultureReport:
    """Profile, web audit, change and link of one organisation (see the module notes)."""
    options = options or LinkOptions()
    orgs = sorted({w.org for w in waves})
    if len(orgs) != 1:
        raise InvalidInput(
            "a culture report needs the waves of exactly one organisation",
            key="err.culture.culture_report_needs_waves",
        )
    org = orgs[0]
    cultures = sorted((w for w in waves if is_culture(w)), key=lambda w: (w.closes_on, w.wave))
    if not cultures:
        raise InsufficientData(
            f"{org} has no culture wave yet (instrument 'culture')",
            key="err.culture.no_culture_wave_yet",
            params={"org": org},
        )
    profiles = tuple(culture_profile(w, by=by, k=options.k, level=options.level) for w in cultures)
    audits = tuple(web_audit(w, by=by, k=options.k, level=options.level) for w in cultures)
    change = culture_change(cultures, by=by, k=options.k, level=options.level)
    link = culture_link(waves, model, options)
    return CultureReport(org, by, profiles, audits, change, link, model.id)

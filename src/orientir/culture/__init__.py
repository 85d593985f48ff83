"""Organisational culture and its link with customer orientation — the commentator's thesis.

Pure functions over survey waves (:class:`orientir.orientation.WaveData`); nothing here touches
storage. From ``culture`` waves: the competing-values profile now, preferred and the gap, the
dominant type and how consistent the six dimensions are (:func:`culture_profile`); the
cultural-web audit per element (:func:`web_audit`); change between waves
(:func:`culture_change`); and how culture goes with the customer-orientation index and the
customers' own view across departments, waves and organisations, including a lagged test
(:func:`culture_link`, :func:`portfolio_link`). :func:`culture_report` puts them together for
one organisation. Every figure about people goes through the anonymity guard of
:mod:`orientir.stats`; every result has ``to_dict()``.
"""

from orientir.culture.change import ChangeRow, culture_change
from orientir.culture.layout import STATES, TYPES, WEB_ELEMENTS, CultureLayout, culture_layout
from orientir.culture.link import (
    CUSTOMER_VIEW,
    LinkOptions,
    culture_link,
    is_culture,
    portfolio_link,
)
from orientir.culture.link_results import LaggedEffect, LinkEffect, LinkResult
from orientir.culture.messages import Message
from orientir.culture.profile import (
    Consistency,
    CultureProfile,
    Dominance,
    ProfileCell,
    TypeFigure,
    culture_profile,
    kendall_w,
)
from orientir.culture.report import CultureReport, culture_report
from orientir.culture.web import ElementFigure, WebAudit, WebCell, web_audit

__all__ = [
    "CUSTOMER_VIEW",
    "STATES",
    "TYPES",
    "WEB_ELEMENTS",
    "ChangeRow",
    "Consistency",
    "CultureLayout",
    "CultureProfile",
    "CultureReport",
    "Dominance",
    "ElementFigure",
    "LaggedEffect",
    "LinkEffect",
    "LinkOptions",
    "LinkResult",
    "Message",
    "ProfileCell",
    "TypeFigure",
    "WebAudit",
    "WebCell",
    "culture_change",
    "culture_layout",
    "culture_link",
    "culture_profile",
    "culture_report",
    "is_culture",
    "kendall_w",
    "portfolio_link",
    "web_audit",
]

"""Charts, HTML and PDF reports built from result objects.

The executive report: :class:`ReportData` (built by :mod:`orientir.services.report` with the
section builders here) goes in; :func:`render_html` and :func:`render_pdf` give the document in
Russian or English. Charts are inline SVG written by :mod:`orientir.reports.svg`; the HTML is
one file that fetches nothing; the PDF is the same HTML laid out by WeasyPrint. Every figure
is copied from results that already went through the anonymity guard.

This package imports domain, stats, customers, orientation, instruments, errors and i18n —
never services or storage.
"""

from orientir.reports.assemble import SurveyParts, survey_parts
from orientir.reports.build_customers import customer_base
from orientir.reports.build_index import IndexOptions
from orientir.reports.messages import SECTIONS
from orientir.reports.model import (
    Coverage,
    CustomerBase,
    Departments,
    Figure,
    Gap,
    Hidden,
    InitiativeRow,
    Meta,
    Method,
    Program,
    Readiness,
    ReliabilityRow,
    ReportData,
    Stakeholders,
    Summary,
    ThemeRow,
    Trend,
    Voice,
    WaveRow,
)
from orientir.reports.render import (
    LANGS,
    PdfUnavailable,
    html_to_pdf,
    render_html,
    render_pdf,
)
from orientir.reports.texts import report as report_text
from orientir.reports.verdict import verdict

__all__ = [
    "LANGS",
    "SECTIONS",
    "Coverage",
    "CustomerBase",
    "Departments",
    "Figure",
    "Gap",
    "Hidden",
    "IndexOptions",
    "InitiativeRow",
    "Meta",
    "Method",
    "PdfUnavailable",
    "Program",
    "Readiness",
    "ReliabilityRow",
    "ReportData",
    "Stakeholders",
    "Summary",
    "SurveyParts",
    "ThemeRow",
    "Trend",
    "Voice",
    "WaveRow",
    "customer_base",
    "html_to_pdf",
    "render_html",
    "render_pdf",
    "report_text",
    "survey_parts",
    "verdict",
]

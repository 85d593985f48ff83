"""HTML and PDF from a :class:`ReportData`: one Jinja2 template, two outputs.

The HTML is a single file: the stylesheet is written into it and every chart is inline SVG.
A Content-Security-Policy of ``default-src 'none'`` tells a browser to fetch nothing at all,
so opening the report offline, or from an e-mail, makes no network request. The PDF is the
same HTML laid out by WeasyPrint (Pango, with the DejaVu fonts that carry Cyrillic); its URL
fetcher refuses everything but ``data:`` URLs, for the same reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from orientir.errors import InvalidInput, OrientirError
from orientir.i18n import t
from orientir.instruments.model import Text
from orientir.reports import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.reports import fmt
from orientir.reports.messages import SECTIONS
from orientir.reports.model import MatrixCell, ReportData
from orientir.reports.views import customer_charts, hidden_words, survey_charts

LANGS = ("ru", "en")
# Sections that open a new page; the others follow on the page before.
PAGE_BREAKS = frozenset({"trend", "gap", "readiness", "customers", "voice", "method"})
STATUS_MARKS = {"supports": "✓", "at risk": "!", "unknown": "?"}
ABC_NAMES = {"A": "A", "B": "B", "C": "C"}


class PdfUnavailable(OrientirError):
    """WeasyPrint is not installed, or its system libraries (Pango) are missing."""


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("orientir.reports", "templates"),
        autoescape=select_autoescape(("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def stylesheet() -> str:
    return resources.files("orientir.reports").joinpath("templates/report.css").read_text("utf-8")


def heat(value: float | None) -> str:
    """Background of a 0–100 cell, diverging around the neutral 50: amber below, blue above.

    Light enough that dark text stays readable on every shade; the number is in the cell.
    """
    if value is None:
        return "transparent"
    d = max(-1.0, min(1.0, (value - 50.0) / 25.0))
    low, high = (244, 201, 140), (141, 182, 224)
    end = high if d > 0 else low
    mix = abs(d)
    r, g, b = (round(255 + (e - 255) * mix) for e in end)
    return f"rgb({r}, {g}, {b})"


def shade(value: float, top: float) -> str:
    """Background of a count or share cell: white to light blue with the value's size."""
    mix = 0.0 if top <= 0 else max(0.0, min(1.0, value / top))
    r, g, b = (round(255 + (e - 255) * mix * 0.85) for e in (120, 166, 214))
    return f"rgb({r}, {g}, {b})"


def _helpers(data: ReportData, lang: str) -> dict[str, Any]:
    def say(key: str, **params: object) -> str:
        return t(f"report.{key}", lang, **params)

    def tt(text: Text | None) -> str:
        return fmt.DASH if text is None else text.get(lang)

    def matrix(a: str, x: str | None) -> MatrixCell:
        for cell in data.customers.matrix:
            if cell.abc == a and cell.xyz == x:
                return cell
        return MatrixCell(a, x, 0, 0.0)

    rfm_counts = {(c.r, c.f): c.customers for c in data.customers.rfm}

    def rfm(r: int, f: int) -> int:
        return rfm_counts.get((r, f), 0)

    covered = ", ".join(
        f"{g.label.get(lang).lower()} {fmt.percent(g.weight_covered, lang)}"
        for g in data.stakeholders.groups
        if g.weight_covered is not None
    )
    return {
        "t": say,
        "tt": tt,
        "num": lambda v, d=1: fmt.number(v, lang, d),
        "signed": lambda v, d=1: fmt.signed(v, lang, d),
        "pct": lambda v, d=0: fmt.percent(v, lang, d),
        "ci": lambda v, d=1: fmt.interval(v, lang, d),
        "pct_ci": lambda v: fmt.percent_interval(v, lang),
        "count": lambda v: fmt.count(v, lang),
        "money": lambda v: fmt.money(v, lang),
        "day": lambda v: fmt.day(v, lang),
        "dash": fmt.DASH,
        "hidden": hidden_words(lang, data.meta.k),
        "stakeholder": lambda key: t(f"orientation.stakeholder.{key}", lang),
        "status_mark": lambda status: STATUS_MARKS.get(status, ""),
        "abc_name": lambda label: label,
        "heat": heat,
        "shade": shade,
        "matrix": matrix,
        "rfm": rfm,
        "rfm_max": max(rfm_counts.values(), default=0),
        "covered": covered,
        "dict": dict,
    }


def render_html(data: ReportData, lang: str = "ru") -> str:
    """The report as one self-contained HTML document in ``lang``."""
    if lang not in LANGS:
        raise InvalidInput(
            f"a report is written in ru or en, not {lang!r}",
            key="err.reports.report_written_ru_en",
            params={"lang": lang},
        )
    drawn = {**survey_charts(data, lang), **customer_charts(data.customers, lang, data.meta.k)}
    # A chart without data is absent: an empty string, so a template can test for it. Markup:
    # the SVG is ours, and svg.Svg escapes every text it writes.
    charts: defaultdict[str, Markup] = defaultdict(Markup)
    charts.update((k, Markup(v)) for k, v in drawn.items())
    template = _environment().get_template("report.html")
    return template.render(
        lang=lang,
        data=data,
        meta=data.meta,
        charts=charts,
        sections=SECTIONS,
        breaks=PAGE_BREAKS,
        css=Markup(stylesheet()),  # the package's own stylesheet
        **_helpers(data, lang),
    )


def html_to_pdf(html: str) -> bytes:
    """Lay ``html`` out as an A4 PDF with WeasyPrint."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: Pango or its fonts are missing
        raise PdfUnavailable(
            f"PDF output needs WeasyPrint 70 or later with Pango ({exc}); write .html instead",
            key="err.reports.pdf_unavailable",
            params={"reason": exc},
        ) from None
    # A report needs nothing from outside: only data: URLs may be read, nothing else fetched.
    fetcher = URLFetcher(allowed_protocols=("data",))
    render: Callable[..., bytes] = HTML(string=html, url_fetcher=fetcher).write_pdf
    return render()


def render_pdf(data: ReportData, lang: str = "ru") -> bytes:
    """The same report as a PDF."""
    return html_to_pdf(render_html(data, lang))

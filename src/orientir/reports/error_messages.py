"""The errors of the reports in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.reports.no_closed_wave": ("no closed wave", "нет закрытой волны"),
    "err.reports.pdf_unavailable": (
        "PDF output needs WeasyPrint 70 or later with Pango ({reason}); write .html instead",
        "для PDF нужен WeasyPrint 70 или новее с Pango ({reason}); сохраните отчёт в .html",
    ),
    "err.reports.report_written_ru_en": (
        "a report is written in ru or en, not {lang!r}",
        "отчёт пишется на ru или en, а не на {lang!r}",
    ),
}

register_pairs(ERRORS)

"""A minimal SVG writer for the report's charts: shapes, text, scales and tick marks.

Charts are written as inline SVG by this package rather than drawn by a plotting library, so a
report is one file that needs nothing at view time and prints crisply. Styling uses
presentation attributes (``fill``, ``stroke``, ``font-size``) on each element, because the SVG
renderer of WeasyPrint does not apply the page's CSS inside an ``<svg>``. Every chart carries a
``<title>`` (read by screen readers) and writes its figures as text next to the marks, so no
value is conveyed by position or colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

FONT = "DejaVu Sans, Verdana, sans-serif"

# One palette for every chart: dark ink, a blue for "the company", an amber for references.
INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#d9dee5"
BLUE = "#2563a6"
BLUE_LIGHT = "#c6d9ef"
NAVY = "#17324d"
AMBER = "#b7791f"
TEAL = "#1d7f74"


def _num(value: float) -> str:
    """Coordinates with two decimals at most: small files, no ``1e-05`` surprises."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Svg:
    """Collects elements and writes one ``<svg>`` of a fixed drawing size."""

    def __init__(self, width: float, height: float, *, title: str) -> None:
        self.width = width
        self.height = height
        self.title = title
        self._parts: list[str] = []

    def _add(self, tag: str, attrs: dict[str, object], body: str | None = None) -> None:
        written = " ".join(
            f'{k.replace("_", "-")}="{_num(v) if isinstance(v, float) else escape(str(v))}"'
            for k, v in attrs.items()
            if v is not None
        )
        if body is None:
            self._parts.append(f"<{tag} {written}/>")
        else:
            self._parts.append(f"<{tag} {written}>{body}</{tag}>")

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        stroke: str = GRID,
        width: float = 1.0,
        dash: str | None = None,
    ) -> None:
        self._add(
            "line",
            {
                "x1": float(x1),
                "y1": float(y1),
                "x2": float(x2),
                "y2": float(y2),
                "stroke": stroke,
                "stroke_width": float(width),
                "stroke_dasharray": dash,
            },
        )

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str,
        stroke: str | None = None,
        rx: float = 0.0,
        opacity: float | None = None,
    ) -> None:
        self._add(
            "rect",
            {
                "x": float(x),
                "y": float(y),
                "width": float(max(w, 0.0)),
                "height": float(max(h, 0.0)),
                "fill": fill,
                "stroke": stroke,
                "rx": float(rx) if rx else None,
                "fill_opacity": opacity,
            },
        )

    def circle(
        self, cx: float, cy: float, r: float, *, fill: str, stroke: str | None = None
    ) -> None:
        self._add(
            "circle",
            {
                "cx": float(cx),
                "cy": float(cy),
                "r": float(r),
                "fill": fill,
                "stroke": stroke,
                "stroke_width": 1.5 if stroke else None,
            },
        )

    def path(self, points: list[tuple[float, float]], *, stroke: str, width: float = 2.0) -> None:
        if len(points) < 2:
            return
        d = "M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in points)
        self._add(
            "path",
            {"d": d, "fill": "none", "stroke": stroke, "stroke_width": float(width)},
        )

    def area(self, points: list[tuple[float, float]], *, fill: str) -> None:
        d = "M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in points) + " Z"
        self._add("path", {"d": d, "fill": fill, "stroke": "none"})

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: float = 11.0,
        anchor: str = "start",
        fill: str = INK,
        bold: bool = False,
        italic: bool = False,
        rotate: float | None = None,
    ) -> None:
        self._add(
            "text",
            {
                "x": float(x),
                "y": float(y),
                "font_family": FONT,
                "font_size": float(size),
                "text_anchor": anchor,
                "fill": fill,
                "font_weight": "bold" if bold else None,
                "font_style": "italic" if italic else None,
                "transform": (
                    f"rotate({_num(rotate)} {_num(x)} {_num(y)})" if rotate is not None else None
                ),
            },
            escape(content),
        )

    def markup(self) -> str:
        w, h = _num(self.width), _num(self.height)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f"<title>{escape(self.title)}</title>" + "".join(self._parts) + "</svg>"
        )


def scale(domain: tuple[float, float], span: tuple[float, float]) -> Callable[[float], float]:
    """A linear map from ``domain`` to ``span`` (pixels); a flat domain maps to the middle."""
    d0, d1 = domain
    r0, r1 = span
    if d1 == d0:
        return lambda _v: (r0 + r1) / 2.0
    k = (r1 - r0) / (d1 - d0)
    return lambda v: r0 + (v - d0) * k


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low..high``, steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + 1e-9 * step:
        ticks.append(round(value, 10))
        value += step
    return ticks


def nice_domain(low: float, high: float, *, pad: float = 0.0) -> tuple[float, float]:
    """Widen ``low..high`` by ``pad`` and out to the nearest round ticks."""
    low, high = low - pad, high + pad
    if high <= low:
        high = low + 1.0
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return math.floor(low / step) * step, math.ceil(high / step) * step

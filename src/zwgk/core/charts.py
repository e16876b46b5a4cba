"""Charts for every module, drawn on the server as SVG (no script, nothing the CSP has to allow).

A module builds a chart spec here (`bars`, `columns`, `line`) from its figures and the page includes
`core/_chart.html` with it. Every chart has a title, a value axis (gridlines, tick labels and its title with the
unit), a category axis (the categories' labels and its title), the value of each point written on the chart, a text
description with all the figures (the SVG's accessible description) and a data table under it, which is there
without script or styles.

Horizontal positions are percentages of the chart's width and vertical ones pixels, so the SVG fills the column
at any screen width with its text at its real size (no viewBox scaling that shrinks text on a phone). The value
axis of a vertical chart is a separate narrow SVG beside the plot, of the same height.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from decimal import Decimal

# A tone's colour; what a tone means is always written too (the point's note), never told by colour alone.
TONES = {"": "#1f4e8c", "good": "#2e7d32", "warn": "#8a5a00", "bad": "#b3261e"}
LABEL_NARROW, LABEL_WIDE = 18, 40  # a bar's label, in characters, on a phone and on a wider screen (the table has it whole)


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    note: str = ""  # written after the value on the chart and in the table ("逾期", "不合格")
    tone: str = ""

    def __post_init__(self) -> None:
        if self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}")

    @property
    def figure(self) -> str:
        return number(self.value)

    @property
    def fill(self) -> str:
        return TONES[self.tone]


@dataclass(frozen=True)
class Tick:
    value: float
    label: str
    at: float  # percent across (horizontal axis) or pixels down (vertical axis)
    anchor: str = "middle"


@dataclass
class Chart:
    key: str  # unique on its page: the ids of the title, description and table derive from it
    kind: str  # "bars" (horizontal, a label above each bar), "columns" (vertical) or "line"
    title: str
    category_title: str
    value_title: str  # with the unit: "得分（分）"
    unit: str
    points: list[Point]
    maximum: float  # the value axis runs from 0 to this; a larger value is drawn to the end of the axis
    ticks: list[Tick]
    height: int
    marks: list[dict] = field(default_factory=list)  # reference lines: {"label", "value", "at"}
    items: list[dict] = field(default_factory=list)  # the drawn points' geometry, one per point
    segments: list[dict] = field(default_factory=list)  # a line chart's segments between consecutive points
    plot_top: int = 0
    plot_bottom: int = 0
    empty: str = ""  # said instead of the chart when there are no points

    @property
    def description(self) -> str:
        """Every figure in words: the SVG's accessible description."""
        if not self.points:
            return f"{self.title}：{self.empty or '没有数据。'}"
        parts = [f"{p.label} {number(p.value)}{self.unit}" + (f"（{p.note}）" if p.note else "") for p in self.points]
        return f"{self.title}（{self.category_title}，{self.value_title}）：" + "；".join(parts) + "。"

    @property
    def has_notes(self) -> bool:
        return any(p.note for p in self.points)


def number(value: float | int | Decimal) -> str:
    """12 → "12", 12.5 → "12.5", 12.345 → "12.35"; never an exponent."""
    value = round(float(value), 2)
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def axis_range(top: float, count: int = 5) -> tuple[float, float]:
    """The value axis for values up to ``top``: (maximum, step), the step 1, 2, 2.5 or 5 times a power of ten giving
    about ``count`` steps, at least 1 once the values reach 1 (counts and scores have no fractional ticks), the
    maximum the first step at or above ``top``. Nothing above zero: 0 to 5 in steps of 1."""
    if top <= 0:
        return 5.0, 1.0
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    # 2.5 only where it is a whole number (25, 250): counts never get a tick at 2.5 or 7.5
    multipliers = (1, 2, 2.5, 5, 10) if power >= 10 else (1, 2, 5, 10)
    step = next(m * power for m in multipliers if m * power >= raw - 1e-12)
    if step < 1 and top >= 1:
        step = 1.0
    return round(math.ceil(top / step - 1e-9) * step, 6), step


def _ticks(maximum: float, step: float, place) -> list[Tick]:  # noqa: ANN001
    """Multiples of ``step`` up to ``maximum``, and ``maximum`` itself when it is not one (a full score of 37.5):
    a multiple closer to it than 0.4 step is left out so that their labels do not collide."""
    values = [round(i * step, 6) for i in range(math.floor(maximum / step + 1e-9) + 1)]
    if maximum - values[-1] > 1e-9:
        if maximum - values[-1] < 0.4 * step and len(values) > 1:
            values.pop()
        values.append(round(maximum, 6))
    return [Tick(v, number(v), place(v)) for v in values]


def _scale(points: list[Point], maximum: float | None) -> tuple[float, float]:
    """(axis maximum, tick step): the caller's maximum (a full score, 100 %) or a round number above the values."""
    if maximum is not None and maximum > 0:
        _, step = axis_range(maximum)
        return float(maximum), step
    return axis_range(max((p.value for p in points), default=0))


def _pct(value: float, maximum: float) -> float:
    return round(100 * min(max(value, 0), maximum) / maximum, 2) if maximum else 0.0


def _value_text(p: Point, unit: str) -> str:
    return f"{number(p.value)}{unit}" + (f" {p.note}" if p.note else "")


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


ROW = 48  # a bar's row: its label (14 px text), the bar (16 px) and the gap to the next label
AXIS = 46  # the horizontal axis under a bar chart: tick labels and the axis title


def bars(key: str, title: str, points: list[Point], *, category_title: str, value_title: str, unit: str = "",
         maximum: float | None = None, marks: tuple[tuple[str, float], ...] = (),
         empty: str = "") -> Chart:
    """Horizontal bars, one per point in the given order, each with its label above and its value at its end; the
    value axis along the bottom from 0 to ``maximum`` (or a round number above the largest value)."""
    top, step = _scale(points, maximum)
    ticks = _ticks(top, step, lambda v: _pct(v, top))
    ticks = [Tick(t.value, t.label, t.at, "start" if t.at == 0 else "end" if t.at >= 100 else "middle") for t in ticks]
    items = []
    for i, p in enumerate(points):
        y = 18 + i * ROW
        width = _pct(p.value, top)
        inside = width >= 55  # the value fits inside a long bar; a short bar has it after its end
        items.append({"point": p, "label_y": y + 14, "label_narrow": _cut(p.label, LABEL_NARROW),
                      "label_wide": _cut(p.label, LABEL_WIDE), "bar_y": y + 20, "bar_h": 16, "width": width,
                      "value_text": _value_text(p, unit), "value_inside": inside, "value_y": y + 33})
    plot_bottom = 18 + len(points) * ROW
    return Chart(key, "bars", title, category_title, value_title, unit, list(points), top, ticks, plot_bottom + AXIS,
                 marks=[{"label": f"{label} {number(v)}{unit}", "value": v, "at": _pct(v, top)} for label, v in marks],
                 items=items, plot_top=18, plot_bottom=plot_bottom, empty=empty)


HEIGHT = 240  # a vertical chart's height: the plot from PLOT_TOP to PLOT_BOTTOM, the category labels under it
PLOT_TOP, PLOT_BOTTOM = 34, 190


def _y(value: float, maximum: float) -> float:
    return round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * min(max(value, 0), maximum) / maximum, 1) if maximum else PLOT_BOTTOM


def _shown_labels(n: int, most: int) -> set[int]:
    """Which category labels fit: the first, the last and evenly between, at most ``most``; the one before the last
    is left out when it would sit against the last."""
    if n <= most:
        return set(range(n))
    stride = math.ceil((n - 1) / (most - 1))
    shown = list(range(0, n, stride))
    if shown[-1] != n - 1:
        if n - 1 - shown[-1] < stride:
            shown.pop()
        shown.append(n - 1)
    return set(shown)


def _vertical(kind: str, key: str, title: str, points: list[Point], category_title: str, value_title: str, unit: str,
              maximum: float | None, marks, empty: str, xs: list[float]) -> Chart:  # noqa: ANN001
    top, step = _scale(points, maximum)
    ticks = _ticks(top, step, lambda v: _y(v, top))
    # a phone has room for 4 dates under a line or 7 months under columns; a column's value fits above it
    wide = sorted(_shown_labels(len(points), 12))
    narrow = {wide[i] for i in _shown_labels(len(wide), 4 if kind == "line" else 7)}  # among the wide screen's
    values_narrow = {wide[i] for i in _shown_labels(len(wide), 6 if kind == "line" else 12)}
    items = []
    for i, (p, x) in enumerate(zip(points, xs, strict=True)):
        y = _y(p.value, top)
        anchor = "middle"
        if len(points) > 1 and kind == "line":
            anchor = "start" if i == 0 else "end" if i == len(points) - 1 else "middle"
        items.append({"point": p, "x": x, "y": y, "height": round(PLOT_BOTTOM - y, 1), "value_text": _value_text(p, unit),
                      "value_y": round(y - 8, 1), "anchor": anchor,
                      "label_class": "" if i in narrow else "chart-wide" if i in wide else "chart-none",
                      "value_class": "" if i in values_narrow else "chart-wide" if i in wide else "chart-none"})
    return Chart(key, kind, title, category_title, value_title, unit, list(points), top, ticks, HEIGHT,
                 marks=[{"label": f"{label} {number(v)}{unit}", "value": v, "at": _y(v, top)} for label, v in marks],
                 items=items, plot_top=PLOT_TOP, plot_bottom=PLOT_BOTTOM, empty=empty)


def columns(key: str, title: str, points: list[Point], *, category_title: str, value_title: str, unit: str = "",
            maximum: float | None = None, marks: tuple[tuple[str, float], ...] = (),
            empty: str = "") -> Chart:
    """Vertical columns, one per point in the given order (months, periods), each with its value above it."""
    n = len(points)
    slot = 100 / n if n else 100
    xs = [round(slot * (i + 0.5), 2) for i in range(n)]
    chart = _vertical("columns", key, title, points, category_title, value_title, unit, maximum, marks, empty, xs)
    for item in chart.items:
        if not item["point"].value and any(p.value for p in points):
            item["value_class"] = "chart-none"  # a zero column is read off the axis (and the table), not labelled
        item["bar_x"] = round(item["x"] - slot * 0.3, 2)
        item["bar_w"] = round(slot * 0.6, 2)
    return chart


def line(key: str, title: str, points: list[Point], *, category_title: str, value_title: str, unit: str = "",
         maximum: float | None = None, marks: tuple[tuple[str, float], ...] = (),
         empty: str = "") -> Chart:
    """A line through the points in time order, a dot and (as room allows) the value at each."""
    n = len(points)
    left, right = 3.0, 97.0
    xs = [50.0] if n == 1 else [round(left + (right - left) * i / (n - 1), 2) for i in range(n)]
    chart = _vertical("line", key, title, points, category_title, value_title, unit, maximum, marks, empty, xs)
    chart.segments = [{"x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"]} for a, b in itertools.pairwise(chart.items)]
    return chart

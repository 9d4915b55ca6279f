"""Charts as SVG markup, written by hand: no plotting library, nothing loaded from elsewhere.

Four shapes cover every insight: ``line_chart`` (a line a day or a week, with shaded stretches
and a soft second line), ``bar_rows`` (labelled horizontal bars), ``column_panels`` (one or two
small column charts side by side) and ``interval_rows`` (a dot with its 95% interval, around a
zero line). Every chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` named by
``aria-labelledby``; the page adds a sentence and a table of the numbers beside it.

Colours come from CSS classes (``kv-line``, ``kv-bar``...) styled in app.css, so the dark theme
works; the presentation attributes (``currentColor`` and opacity) keep a chart readable when the
SVG is opened on its own. No ``style=`` attribute anywhere: the Content-Security-Policy forbids
them. Every text is escaped, numbers are written the same way every time (the same data gives
the same bytes), and empty, single-point and flat data never divide by zero.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 640
LEFT = 44
RIGHT = 16
TOP = 14
BOTTOM = 40
FONT = 13
SMALL = 11
ROW_LABEL_WIDTH = 200
MAX_LABEL_CHARS = 28
LABEL_ALL_UP_TO = 16
"""Up to this many columns or points, each carries its own number; beyond, only a few do."""

# Characters XML 1.0 can't hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str) -> str:
    """``text`` safe inside an element or a double-quoted attribute."""
    cleaned = _NOT_XML.sub("", str(text))
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def num(value: float) -> str:
    """A coordinate, the same way every time: one decimal at most, never ``-0`` or ``nan``."""
    if not math.isfinite(value):
        value = 0.0
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def short(text: str, most: int = MAX_LABEL_CHARS) -> str:
    """A label cut to ``most`` characters with an ellipsis (the table has it in full)."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


class Scale:
    """Maps ``low``–``high`` onto ``start``–``end``; an empty or flat range is widened by one
    on each side so nothing divides by zero."""

    def __init__(self, low: float, high: float, start: float, end: float) -> None:
        if not (math.isfinite(low) and math.isfinite(high)):
            low, high = 0.0, 1.0
        if high <= low:
            low, high = low - 1.0, high + 1.0
        self.low, self.high, self.start, self.end = low, high, start, end

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


@dataclass(frozen=True)
class Frame:
    """What names a chart: ``chart_id`` (the element id), the title and the description."""

    chart_id: str
    title: str
    desc: str


class Canvas:
    """Collects SVG elements and writes them out inside the accessible frame."""

    def __init__(self, frame: Frame, height: float, width: float = WIDTH) -> None:
        self.frame = frame
        self.width = width
        self.height = height
        self.parts: list[str] = []

    def element(self, tag: str, attrs: dict[str, str | float], text: str | None = None) -> None:
        written = "".join(
            f' {key.replace("_", "-")}="{esc(value) if isinstance(value, str) else num(value)}"'
            for key, value in attrs.items()
        )
        if text is None:
            self.parts.append(f"<{tag}{written}/>")
        else:
            self.parts.append(f"<{tag}{written}>{esc(text)}</{tag}>")

    def line(
        self, x1: float, y1: float, x2: float, y2: float, cls: str, opacity: float = 1
    ) -> None:
        attrs: dict[str, str | float] = {
            "class": cls,
            "x1": x1,
            "y1": y1,
            "x2": x2,
            "y2": y2,
            "stroke": "currentColor",
        }
        if opacity < 1:
            attrs["stroke-opacity"] = opacity
        self.element("line", attrs)

    def rect(self, x: float, y: float, w: float, h: float, cls: str, opacity: float = 1) -> None:
        attrs: dict[str, str | float] = {
            "class": cls,
            "x": x,
            "y": y,
            "width": max(w, 0.0),
            "height": max(h, 0.0),
            "fill": "currentColor",
        }
        if opacity < 1:
            attrs["fill-opacity"] = opacity
        self.element("rect", attrs)

    def circle(self, x: float, y: float, r: float, cls: str, filled: bool = True) -> None:
        paint: dict[str, str | float] = (
            {"fill": "currentColor"}
            if filled
            else {"fill": "none", "stroke": "currentColor", "stroke-width": 1.5}
        )
        self.element("circle", {"class": cls, "cx": x, "cy": y, "r": r, **paint})

    def polyline(
        self, points: Sequence[tuple[float, float]], cls: str, dashed: bool = False
    ) -> None:
        attrs: dict[str, str | float] = {
            "class": cls,
            "points": " ".join(f"{num(x)},{num(y)}" for x, y in points),
            "fill": "none",
            "stroke": "currentColor",
            "stroke-width": 2,
            "stroke-linejoin": "round",
            "stroke-linecap": "round",
        }
        if dashed:
            attrs["stroke-dasharray"] = "5 4"
        self.element("polyline", attrs)

    def text(
        self, x: float, y: float, words: str, cls: str = "kv-label", anchor: str = "start"
    ) -> None:
        size = SMALL if "small" in cls else FONT
        attrs: dict[str, str | float] = {
            "class": cls,
            "x": x,
            "y": y,
            "font-size": size,
            "fill": "currentColor",
        }
        if anchor != "start":
            attrs["text-anchor"] = anchor
        self.element("text", attrs, words)

    def markup(self) -> str:
        cid = esc(self.frame.chart_id)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{cid}" class="kv-chart" '
            f'viewBox="0 0 {num(self.width)} {num(self.height)}" '
            f'width="{num(self.width)}" height="{num(self.height)}" role="img" '
            f'aria-labelledby="{cid}-title {cid}-desc" focusable="false" '
            f'font-family="system-ui, sans-serif">'
            f'<title id="{cid}-title">{esc(self.frame.title)}</title>'
            f'<desc id="{cid}-desc">{esc(self.frame.desc)}</desc>'
        )
        return head + "".join(self.parts) + "</svg>"


def wrap(words: str, width: int = 80) -> list[str]:
    """``words`` folded into lines of at most ``width`` characters, between words."""
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def message_chart(frame: Frame, words: str) -> str:
    """A chart-sized picture holding only a sentence (when there isn't enough to draw)."""
    lines = wrap(words)
    canvas = Canvas(frame, 30 + 20 * len(lines))
    for index, line in enumerate(lines):
        canvas.text(LEFT / 2, 30 + 20 * index, line, "kv-label kv-muted")
    return canvas.markup()


# --- a line over time ------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Series:
    """One line: ``points`` (x, y), a None y breaking the line; ``gap`` breaks it too where
    two points lie further apart than that; ``soft`` draws it dashed and lighter."""

    points: Sequence[tuple[float, float | None]]
    soft: bool = False
    dots: bool = True
    gap: float | None = None
    labels: Sequence[tuple[float, float, str]] = ()  # (x, y, text) beside points


@dataclass(frozen=True)
class Band:
    """A shaded stretch from ``start`` to ``end`` (x), with an optional dotted level ``at`` (y)."""

    start: float
    end: float
    level: float | None = None


def _runs(series: Series) -> list[list[tuple[float, float]]]:
    runs: list[list[tuple[float, float]]] = [[]]
    previous: float | None = None
    for x, y in series.points:
        if y is None or not (math.isfinite(x) and math.isfinite(y)):
            runs.append([])
            previous = None
            continue
        if previous is not None and series.gap is not None and x - previous > series.gap:
            runs.append([])
        runs[-1].append((x, y))
        previous = x
    return [run for run in runs if run]


def line_chart(
    frame: Frame,
    series: Sequence[Series],
    *,
    y_range: tuple[float, float],
    y_ticks: Sequence[Tick] = (),
    x_ticks: Sequence[Tick] = (),
    x_range: tuple[float, float] | None = None,
    bands: Sequence[Band] = (),
    rings: Sequence[tuple[float, float]] = (),
    height: float = 240,
) -> str:
    """Lines over time on a quiet grid, labelled directly."""
    canvas = Canvas(frame, height)
    xs = [x for s in series for x, y in s.points if finite(y) and math.isfinite(x)]
    if x_range is None:
        x_range = (min(xs), max(xs)) if xs else (0.0, 1.0)
    pad = 10.0
    sx = Scale(x_range[0], x_range[1], LEFT + pad, WIDTH - RIGHT - pad)
    sy = Scale(y_range[0], y_range[1], height - BOTTOM, TOP + 6)
    for tick in y_ticks:
        y = sy(tick.at)
        canvas.line(LEFT, y, WIDTH - RIGHT, y, "kv-grid", 0.2)
        canvas.text(LEFT - 6, y + 4, tick.label, "kv-label kv-small kv-muted", "end")
    for band in bands:
        _band(canvas, band, sx, sy)
    for one in series:
        _series(canvas, one, sx, sy)
    for x, y in rings:
        if math.isfinite(x) and math.isfinite(y):
            canvas.circle(sx(x), sy(y), 7, "kv-ring", filled=False)
    for tick in x_ticks:
        canvas.text(
            sx(tick.at), height - BOTTOM + 20, tick.label, "kv-label kv-small kv-muted", "middle"
        )
    return canvas.markup()


def _band(canvas: Canvas, band: Band, sx: Scale, sy: Scale) -> None:
    left, right = sx(band.start), sx(band.end)
    canvas.rect(left, TOP, right - left, sy.start - TOP, "kv-band", 0.12)
    if band.level is not None and math.isfinite(band.level):
        level = sy(band.level)
        canvas.element(
            "line",
            {
                "class": "kv-level",
                "x1": left,
                "y1": level,
                "x2": right,
                "y2": level,
                "stroke": "currentColor",
                "stroke-dasharray": "2 3",
                "stroke-width": 1.5,
            },
        )


def _series(canvas: Canvas, one: Series, sx: Scale, sy: Scale) -> None:
    cls = "kv-line kv-soft" if one.soft else "kv-line"
    dot = "kv-dot kv-soft" if one.soft else "kv-dot"
    for run in _runs(one):
        scaled = [(sx(x), sy(y)) for x, y in run]
        if len(scaled) > 1:
            canvas.polyline(scaled, cls, dashed=one.soft)
        if one.dots or len(scaled) == 1:
            for x, y in scaled:
                canvas.circle(x, y, 3.5 if one.dots else 2.5, dot)
    for x, y, words in one.labels:
        if math.isfinite(x) and math.isfinite(y):
            canvas.text(sx(x), sy(y) - 9, words, "kv-label kv-small", "middle")


# --- horizontal bars -------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    value: float
    label: str  # the number written beside the bar
    soft: bool = False


@dataclass(frozen=True)
class BarRow:
    label: str
    bars: Sequence[Bar]


def bar_rows(frame: Frame, rows: Sequence[BarRow], *, top: float | None = None) -> str:
    """One row a thing, its name on the left and one or two bars, each with its number."""
    per_bar = 18
    gap = 12
    heights = [max(1, len(row.bars)) * per_bar + gap for row in rows]
    height = TOP + sum(heights) + 10.0
    canvas = Canvas(frame, max(height, 60))
    values = [bar.value for row in rows for bar in row.bars if finite(bar.value)]
    most = top if top is not None and top > 0 else max(values, default=0.0)
    scale = Scale(0.0, most if most > 0 else 1.0, ROW_LABEL_WIDTH, WIDTH - RIGHT - 70)
    y = TOP
    for row, row_height in zip(rows, heights, strict=True):
        middle = y + (row_height - gap) / 2
        canvas.text(ROW_LABEL_WIDTH - 10, middle + 4, short(row.label), "kv-label", "end")
        for index, bar in enumerate(row.bars):
            top_y = y + index * per_bar
            value = bar.value if finite(bar.value) else 0.0
            end = scale(max(value, 0.0))
            cls = "kv-bar kv-soft" if bar.soft else "kv-bar"
            canvas.rect(
                ROW_LABEL_WIDTH,
                top_y + 2,
                end - ROW_LABEL_WIDTH,
                per_bar - 4,
                cls,
                0.45 if bar.soft else 0.85,
            )
            canvas.text(end + 6, top_y + per_bar / 2 + 4, bar.label, "kv-label kv-small")
        y += row_height
    return canvas.markup()


# --- columns, in one or two panels -----------------------------------------------------------


@dataclass(frozen=True)
class Column:
    tick: str  # the label beneath the column
    value: float | None  # None: nothing to draw (the ``empty`` word shows instead)
    label: str = ""  # the number above it
    empty: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    columns: Sequence[Column]
    top: float | None = None  # the value at full height; the largest value when None
    track: bool = False  # a pale full-height track behind each column (shares out of 1)
    soft: bool = False


def column_panels(frame: Frame, panels: Sequence[Panel], *, height: float = 220) -> str:
    """Columns side by side, one panel or two; each column labelled with its number."""
    canvas = Canvas(frame, height)
    count = max(1, len(panels))
    space = 24.0
    width_each = (WIDTH - LEFT / 2 - RIGHT - space * (count - 1)) / count
    titled = any(panel.title for panel in panels)
    top_y = TOP + (22 if titled else 0) + 16
    bottom_y = height - BOTTOM
    for index, panel in enumerate(panels):
        left = LEFT / 2 + index * (width_each + space)
        if panel.title:
            canvas.text(left, TOP + 12, short(panel.title, 48), "kv-label kv-strong")
        values = [c.value for c in panel.columns if c.value is not None and finite(c.value)]
        most = panel.top if panel.top is not None and panel.top > 0 else max(values, default=0.0)
        sy = Scale(0.0, most if most > 0 else 1.0, bottom_y, top_y)
        n = max(1, len(panel.columns))
        slot = width_each / n
        bar_width = max(2.0, min(36.0, slot * 0.62))
        labelled = _labelled(panel.columns)
        tick_every = max(1, math.ceil(n / (8 if count > 1 else 13)))
        canvas.line(left, bottom_y, left + width_each, bottom_y, "kv-grid", 0.3)
        for position, column in enumerate(panel.columns):
            middle = left + slot * (position + 0.5)
            if panel.track:
                canvas.rect(
                    middle - bar_width / 2, top_y, bar_width, bottom_y - top_y, "kv-track", 0.12
                )
            if column.value is None or not finite(column.value):
                if column.empty and n <= LABEL_ALL_UP_TO:
                    canvas.text(
                        middle, bottom_y - 6, column.empty, "kv-label kv-small kv-muted", "middle"
                    )
            else:
                value = max(column.value, 0.0)
                y = sy(value)
                cls = "kv-bar kv-soft" if panel.soft else "kv-bar"
                canvas.rect(middle - bar_width / 2, y, bar_width, bottom_y - y, cls, 0.85)
                if column.label and position in labelled:
                    canvas.text(middle, y - 5, column.label, "kv-label kv-small", "middle")
            if position % tick_every == 0 or (position == n - 1 and n <= LABEL_ALL_UP_TO):
                canvas.text(
                    middle, bottom_y + 18, column.tick, "kv-label kv-small kv-muted", "middle"
                )
    return canvas.markup()


def _labelled(columns: Sequence[Column]) -> set[int]:
    """Which columns carry their number: all of a few; of many, the last and the largest."""
    shown = [i for i, c in enumerate(columns) if c.value is not None and finite(c.value)]
    if len(columns) <= LABEL_ALL_UP_TO:
        return set(shown)
    if not shown:
        return set()
    largest = max(shown, key=lambda i: columns[i].value or 0.0)
    return {shown[-1], largest}


# --- a dot with its interval ---------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float
    label: str  # the mean as written beside the dot


@dataclass(frozen=True)
class IntervalPanel:
    title: str
    values: Sequence[Estimate | None]  # one per row; None shows ``few`` instead
    few: Sequence[str] = ()


@dataclass(frozen=True)
class IntervalRows:
    labels: Sequence[str]
    panels: Sequence[IntervalPanel]
    strong: Sequence[bool] = field(default_factory=tuple)  # rows drawn stronger (kinds)


def interval_rows(frame: Frame, chart: IntervalRows) -> str:
    """For each row, in each panel: a dot at the mean and a line across its 95% interval,
    around a zero line shared by every row."""
    row_height = 30.0
    titled = any(panel.title for panel in chart.panels)
    first_y = TOP + (26 if titled else 6)
    height = first_y + row_height * max(1, len(chart.labels)) + 26
    canvas = Canvas(frame, height)
    reach = 1.0
    for panel in chart.panels:
        for value in panel.values:
            if value is not None:
                for part in (value.mean, value.low, value.high):
                    if math.isfinite(part):
                        reach = max(reach, abs(part))
    reach *= 1.25
    count = max(1, len(chart.panels))
    space = 16.0
    width_each = (WIDTH - ROW_LABEL_WIDTH - RIGHT - space * (count - 1)) / count
    for row, label in enumerate(chart.labels):
        strong = row < len(chart.strong) and chart.strong[row]
        y = first_y + row_height * (row + 0.5)
        cls = "kv-label" if strong else "kv-label kv-muted"
        canvas.text(ROW_LABEL_WIDTH - 10, y + 4, short(label), cls, "end")
    for index, panel in enumerate(chart.panels):
        left = ROW_LABEL_WIDTH + index * (width_each + space)
        sx = Scale(-reach, reach, left, left + width_each)
        if panel.title:
            canvas.text(left, TOP + 12, short(panel.title, 40), "kv-label kv-strong")
        zero = sx(0.0)
        canvas.line(zero, first_y, zero, first_y + row_height * len(chart.labels), "kv-zero", 0.5)
        canvas.text(zero, height - 8, "0", "kv-label kv-small kv-muted", "middle")
        for row, value in enumerate(panel.values):
            y = first_y + row_height * (row + 0.5)
            if value is None:
                few = panel.few[row] if row < len(panel.few) else ""
                if few:
                    canvas.text(zero, y + 4, short(few, 30), "kv-label kv-small kv-muted", "middle")
                continue
            canvas.line(sx(value.low), y, sx(value.high), y, "kv-whisker")
            canvas.circle(sx(value.mean), y, 5, "kv-dot")
            canvas.text(sx(value.mean), y - 9, value.label, "kv-label kv-small", "middle")
    return canvas.markup()

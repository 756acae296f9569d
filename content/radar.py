"""The radar chart of the twelve AIUC dimensions, as inline SVG built on the server.

Written by hand rather than with a charting library: it is a dozen lines of trigonometry, needs
no JavaScript, and stays readable when scripts or styles are off. Every piece of text goes
through Django's escaping, so the markup is safe to render as is."""

import math
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from content.scoring.dimensions import DIMENSIONS

SIZE = 440  # viewBox width; the chart scales with its container
HEIGHT = 400
CENTER_X, CENTER_Y = SIZE / 2, HEIGHT / 2
RADIUS = 130
LABEL_RADIUS = RADIUS + 16
RINGS = (25, 50, 75, 100)


@dataclass(frozen=True)
class RadarAxis:
    key: str
    label: str
    value: float  # 0–100
    end: tuple[float, float]  # where the axis meets the outer ring
    point: tuple[float, float]  # where the value lies on the axis
    label_at: tuple[float, float]
    anchor: str  # text-anchor of the label

    @property
    def shown(self) -> int:
        """The value as shown: whole points, halves up (as the table and the 值得买 index)."""
        return math.floor(self.value + 0.5)


def clamp_score(value: object) -> float:
    """A dimension score as 0–100; anything missing or not a number counts as 0."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return 0.0
    return max(0.0, min(100.0, float(value)))


def radar_axes(scores: Mapping[str, object]) -> list[RadarAxis]:
    """One axis per dimension, in the contract's order, clockwise from the top."""
    axes = []
    for index, (key, label) in enumerate(DIMENSIONS.items()):
        angle = -math.pi / 2 + 2 * math.pi * index / len(DIMENSIONS)
        cos, sin = math.cos(angle), math.sin(angle)
        value = clamp_score(scores.get(key))
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        axes.append(RadarAxis(
            key=key, label=label, value=value,
            end=_at(RADIUS, cos, sin), point=_at(RADIUS * value / 100, cos, sin),
            label_at=_at(LABEL_RADIUS, cos, sin), anchor=anchor,
        ))
    return axes


def _at(radius: float, cos: float, sin: float) -> tuple[float, float]:
    return round(CENTER_X + radius * cos, 1), round(CENTER_Y + radius * sin, 1)


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in points)


def radar_svg(scores: Mapping[str, object], *, chart_id: str = "radar") -> SafeString:
    """The chart as an accessible SVG: a title, a description listing every dimension with its
    value, and on each axis its Chinese name and value."""
    axes = radar_axes(scores)
    rings = format_html_join(
        "", '<polygon class="radar-ring" points="{}"/>',
        ((_points([_ring_point(a, ring) for a in axes]),) for ring in RINGS),
    )
    spokes = format_html_join(
        "", '<line class="radar-spoke" x1="{}" y1="{}" x2="{}" y2="{}"/>',
        ((CENTER_X, CENTER_Y, *a.end) for a in axes),
    )
    dots = format_html_join(
        "", '<circle class="radar-dot" cx="{}" cy="{}" r="3"/>', (a.point for a in axes),
    )
    labels = format_html_join(
        "",
        '<g class="radar-axis" data-key="{}"><text x="{}" y="{}" text-anchor="{}">'
        '<tspan class="radar-name">{}</tspan><tspan class="radar-value" x="{}" dy="1.2em">{}</tspan></text></g>',
        ((a.key, a.label_at[0], _label_y(a), a.anchor, a.label, a.label_at[0], a.shown) for a in axes),
    )
    description = "；".join(f"{a.label} {a.shown}" for a in axes)
    return format_html(
        '<svg class="radar" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">十二维评分雷达图（满分 100）</title><desc id="{}-desc">{}</desc>'
        '{}{}<polygon class="radar-area" points="{}"/>{}{}</svg>',
        SIZE, HEIGHT, chart_id, chart_id, chart_id, chart_id, description,
        rings, spokes, _points([a.point for a in axes]), dots, labels,
    )


def _ring_point(axis: RadarAxis, ring: int) -> tuple[float, float]:
    x, y = axis.end
    return round(CENTER_X + (x - CENTER_X) * ring / 100, 1), round(CENTER_Y + (y - CENTER_Y) * ring / 100, 1)


def _label_y(axis: RadarAxis) -> float:
    """Labels are two lines (name, value): above the chart they sit higher, below lower."""
    x, y = axis.label_at
    if y < CENTER_Y - 1:
        return round(y - 14, 1)
    if y > CENTER_Y + 1:
        return round(y + 4, 1)
    return round(y - 6, 1)

"""Charts of the brand dashboard as inline SVG built on the server (as content/radar.py draws the
radar): a line chart of daily or weekly figures, optionally with the previous period dashed
beside it, and horizontal bars. No script and no library: the numbers are in <title> tooltips
and in the tables beside every chart. All text goes through format_html (escaped)."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 16, 30
COLORS = ("#e4393c", "#2f6fd6", "#1f9d55", "#b7791f")
X_LABELS = 7


@dataclass(frozen=True)
class Line:
    label: str
    values: list[float | None]
    color: str = COLORS[0]
    dashed: bool = False


def nice_ceiling(value: float) -> float:
    """A round number at least `value` for the top of the axis (1, 2, 2.5, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def _n(value: float) -> str:
    return f"{value:.1f}"


def _label(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def line_chart(dates: list[str], lines: list[Line], *, title: str) -> SafeString:
    """Lines over the same dates (ISO strings); None values leave a gap."""
    top = nice_ceiling(max((v for line in lines for v in line.values if v is not None), default=0))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(1, len(dates) - 1)

    def x(n: int) -> float:
        return LEFT + (n * step if len(dates) > 1 else inner_w / 2)

    def y(v: float) -> float:
        return TOP + inner_h * (1 - v / top)

    grid = format_html_join("", '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>'
                                '<text x="{}" y="{}" class="axis" text-anchor="end">{}</text>',
                            ((LEFT, WIDTH - RIGHT, _n(y(top * k / 4)), _n(y(top * k / 4)), LEFT - 6,
                              _n(y(top * k / 4) + 4), _label(top * k / 4)) for k in range(5)))
    every = max(1, round(len(dates) / X_LABELS))
    ticks = format_html_join("", '<text x="{}" y="{}" class="axis" text-anchor="middle">{}</text>',
                             ((_n(x(n)), HEIGHT - 10, d[5:]) for n, d in enumerate(dates) if n % every == 0))
    paths = []
    for line in lines:
        points = [(x(n), y(v), d, v) for n, (d, v) in enumerate(zip(dates, line.values, strict=False)) if v is not None]
        if not points:
            continue
        coords = " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in points)
        paths.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}/>', coords, line.color,
                                 mark_safe(' stroke-dasharray="5 4"') if line.dashed else ""))
        if not line.dashed:
            paths.append(format_html_join("", '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{} {}：{}</title></circle>',
                                          ((_n(px), _n(py), line.color, d, line.label, _label(v)) for px, py, d, v in points)))
    legend = format_html_join("", '<span class="legend-item"><i style="background:{}"{}></i>{}</span>',
                              ((line.color, mark_safe(' class="dashed"') if line.dashed else "", line.label)
                               for line in lines))
    svg = format_html('<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">{}{}{}</svg>',
                      WIDTH, HEIGHT, title, grid, ticks, mark_safe("".join(paths)))
    return format_html('<figure class="chart-box"><figcaption>{}</figcaption>{}<div class="legend">{}</div></figure>',
                       title, svg, legend)


def bar_chart(rows: list[tuple[str, float | None, str]], *, title: str, unit: str = "") -> SafeString:
    """Horizontal bars: (label, value or None for a suppressed row, note shown after the value)."""
    top = max((v for _, v, _ in rows if v is not None), default=0) or 1
    height = 28 * len(rows) + 8
    bars = []
    for n, (label, value, note) in enumerate(rows):
        y = 8 + 28 * n
        if value is None:
            bars.append(format_html('<text x="150" y="{}" class="axis">{}</text>', y + 14, note or "人数不足，已隐藏"))
        else:
            width = max(1.0, 440 * value / top)
            bars.append(format_html('<rect x="150" y="{}" width="{}" height="18" rx="3" fill="{}"><title>{}：{}{}</title></rect>'
                                    '<text x="{}" y="{}" class="value">{}{} {}</text>',
                                    y, _n(width), COLORS[1], label, _label(value), unit, _n(156 + width), y + 14,
                                    _label(value), unit, note))
        bars.append(format_html('<text x="142" y="{}" class="axis" text-anchor="end">{}</text>', y + 14, label[:12]))
    svg = format_html('<svg class="chart bars" viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>',
                      WIDTH, height, title, mark_safe("".join(bars)))
    return format_html('<figure class="chart-box"><figcaption>{}</figcaption>{}</figure>', title, svg)

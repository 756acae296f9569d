"""Template filters of the brand dashboard."""

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """A rate (0.034) as a percentage ("3.4%"); "—" where there is none."""
    return "—" if value is None else f"{value * 100:.1f}%"

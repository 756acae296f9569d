"""Template filters of the item cards."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime

register = template.Library()


@register.filter
def ago(value: datetime | str | None) -> str:
    """A moment as a shopper reads it on a card: 刚刚, 12分钟前, 3小时前, 2天前, or the date."""
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return ""
    seconds = (timezone.now() - moment).total_seconds()
    if seconds < 60:
        return "刚刚"
    if seconds < 3600:
        return f"{int(seconds // 60)}分钟前"
    if seconds < 86400:
        return f"{int(seconds // 3600)}小时前"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)}天前"
    local = timezone.localtime(moment)
    if local.year == timezone.localtime().year:
        return f"{local.month}月{local.day}日"
    return f"{local.year}年{local.month}月{local.day}日"


@register.filter
def past(value: datetime | str | None) -> bool:
    """Whether a moment (an offer's end) has passed."""
    moment = parse_datetime(value) if isinstance(value, str) else value
    return moment is not None and moment <= timezone.now()

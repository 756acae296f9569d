"""{% unread_notifications as count %}: the signed-in shopper's unread count for the header, when
the cache holds it (None otherwise: static/js/notifications.js then asks the API, which fills
the cache). A page never spends a query on it."""

from django import template

from interests.alerts import unread_count_cached

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int | None:
    user = getattr(context.get("request"), "user", None)
    return unread_count_cached(user_id=user.pk) if user is not None and user.is_authenticated else 0

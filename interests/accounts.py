"""Visitors' anonymous ids, and signing in with earlier anonymous behaviour: that behaviour
becomes the account's."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase

from interests.events import valid_anonymous_id
from interests.models import Event

ANONYMOUS_COOKIE = "guide_aid"
ANONYMOUS_COOKIE_AGE = 365 * 24 * 3600


def known_visitor_id(request: HttpRequest, *given: object) -> str:
    """The visitor's anonymous id: the first valid of `given` (say, from a request body), else
    their cookie's; "" when they have none yet."""
    return next((c for c in (*given, request.COOKIES.get(ANONYMOUS_COOKIE)) if valid_anonymous_id(c)), "")


def visitor_id(request: HttpRequest, *given: object) -> str:
    """known_visitor_id, or a new id (remember_visitor sets its cookie on the response)."""
    return known_visitor_id(request, *given) or uuid.uuid4().hex


def remember_visitor(request: HttpRequest, response: HttpResponseBase, anonymous_id: str) -> None:
    """Set the visitor's id cookie on the response when the request did not carry it."""
    if anonymous_id and request.COOKIES.get(ANONYMOUS_COOKIE) != anonymous_id:
        response.set_cookie(ANONYMOUS_COOKIE, anonymous_id, max_age=ANONYMOUS_COOKIE_AGE, samesite="Lax",
                            secure=not settings.DEBUG and request.is_secure())


def anonymous_events_merge(*, user: AbstractBaseUser, anonymous_id: str) -> int:
    """Move the anonymous id's events to the user and rebuild their profile from the log (the
    merged events are older than the profile's cursor, so an incremental update would miss them)."""
    if not valid_anonymous_id(anonymous_id):
        return 0
    moved = Event.objects.filter(anonymous_id=anonymous_id, user__isnull=True).update(user=user, anonymous_id="")
    if moved:
        from interests.tasks import rebuild_profile

        transaction.on_commit(lambda: rebuild_profile.delay(user.pk))
    return moved

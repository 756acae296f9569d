"""Visitors' anonymous ids, and signing in with earlier anonymous behaviour: that behaviour
becomes the account's.

The server issues every anonymous id and hands it out only signed (cookie `guide_aid`,
HttpOnly; or, for API clients without cookies, the `anonymous_id` token in the events answer,
which they send back in the body). An id a client merely names (one it made up, or learnt from
someone else) is never taken: knowing a visitor's raw id is not enough to file events under it
or to sign in and take their history."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

from guide.queueing import task_named
from interests.events import valid_anonymous_id
from interests.models import Event

ANONYMOUS_COOKIE = "guide_aid"
ANONYMOUS_COOKIE_AGE = 365 * 24 * 3600
# Deterministic (no timestamp), so one id always has one token and the cookie need not change;
# the salt keeps these signatures useless anywhere else SECRET_KEY signs.
SIGNER = signing.Signer(salt="interests.accounts.anonymous-id")


def visitor_token(anonymous_id: str) -> str:
    """The signed form of an id we issued: what the cookie and API clients carry."""
    return SIGNER.sign(anonymous_id)


def unsigned_visitor_id(token: object) -> str:
    """The id inside a token we signed; "" for anything else (a bare id, a forged signature)."""
    if not isinstance(token, str) or len(token) > 200:
        return ""
    try:
        anonymous_id = SIGNER.unsign(token)
    except signing.BadSignature:
        return ""
    return anonymous_id if valid_anonymous_id(anonymous_id) else ""


def known_visitor_id(request: HttpRequest, *given: object) -> str:
    """The visitor's anonymous id: from the first of `given` tokens (say, from a request body)
    that we signed, else from their cookie; "" when they have none yet."""
    return next(filter(None, (unsigned_visitor_id(t) for t in (*given, request.COOKIES.get(ANONYMOUS_COOKIE)))), "")


def visitor_id(request: HttpRequest, *given: object) -> str:
    """known_visitor_id, or a new id (remember_visitor sets its cookie on the response)."""
    return known_visitor_id(request, *given) or uuid.uuid4().hex


def remember_visitor(request: HttpRequest, response: HttpResponseBase, anonymous_id: str) -> None:
    """Set the visitor's signed id cookie on the response when the request did not carry it. A
    response that sets it is private: no shared cache may hand one visitor's id to another."""
    if anonymous_id and unsigned_visitor_id(request.COOKIES.get(ANONYMOUS_COOKIE)) != anonymous_id:
        response.set_cookie(ANONYMOUS_COOKIE, visitor_token(anonymous_id), max_age=ANONYMOUS_COOKIE_AGE,
                            samesite="Lax", httponly=True,
                            secure=settings.SESSION_COOKIE_SECURE or (not settings.DEBUG and request.is_secure()))
        patch_cache_control(response, private=True)


class VisitorIdMiddleware:
    """A visitor's page answer carries their signed id cookie, so the page's scripts send events
    under one id from the first batch on (they cannot make one: the cookie is HttpOnly)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")
                and not (user and user.is_authenticated)):
            remember_visitor(request, response, visitor_id(request))
        return response


def anonymous_events_merge(*, user: AbstractBaseUser, anonymous_id: str) -> int:
    """Move the anonymous id's events to the user and rebuild their profile from the log (the
    merged events are older than the profile's cursor, so an incremental update would miss them)."""
    if not valid_anonymous_id(anonymous_id):
        return 0
    moved = Event.objects.filter(anonymous_id=anonymous_id, user__isnull=True).update(user=user, anonymous_id="")
    if moved:
        transaction.on_commit(lambda: _queue_rebuild(user.pk))
    return moved


def _queue_rebuild(user_id: int) -> None:
    """The rebuild in a task; in process when the broker does not answer (the sign-in stands)."""
    from guide.faults import BROKER_ERRORS
    from interests.profiles import profile_rebuild

    try:
        task_named("interests.tasks.rebuild_profile").delay(user_id)
    except BROKER_ERRORS:
        profile_rebuild(user_id=user_id)

"""What the platform answers when something it depends on fails: 503 with Retry-After (a JSON
error under /api/, a page elsewhere), never a 500, so that clients and the page script know to
come back. Services raise TemporarilyUnavailable for a refusal of their own (a batch that cannot
finish in time); database and broker failures are recognised here."""

import logging
import random
import time
from collections.abc import Callable

import redis.exceptions
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from kombu.exceptions import OperationalError as KombuOperationalError

from guide.errors import error_body

logger = logging.getLogger(__name__)

# Publishing a task to an unreachable broker raises one of these.
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    KombuOperationalError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, ConnectionError, TimeoutError,
)
# The database went away, was restarted, or the connection was terminated: try again shortly.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
# PostgreSQL codes of failures that a retry of the same transaction can succeed after.
RETRYABLE_PGCODES = {"40P01": "deadlock", "40001": "serialization failure"}
QUERY_CANCELED = "57014"  # statement_timeout reached

MESSAGES = {
    "database_unavailable": "数据库暂时不可用，请稍后重试。",
    "broker_unavailable": "任务队列暂时不可用，请稍后重试。",
}


class TemporarilyUnavailable(Exception):  # noqa: N818 (named for what the client sees)
    """A request refused for now, nothing written: answered 503 with Retry-After."""

    def __init__(self, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.code, self.message = code, message
        self.retry_after = retry_after or settings.RETRY_AFTER_SECONDS


def retryable_database_error(exc: BaseException) -> str:
    """'deadlock' or 'serialization failure' when retrying the transaction may succeed, else ''."""
    if not isinstance(exc, DatabaseError):
        return ""
    return RETRYABLE_PGCODES.get(getattr(exc.__cause__, "pgcode", None) or "", "")


class Deadline:
    """Work that must finish by a point in time or be refused whole: checked between steps,
    bounding every statement of the transaction (PostgreSQL's statement_timeout, so a lock wait
    cannot outlast it either), and never slept past by a retry's backoff."""

    def __init__(self, seconds: float, refusal: Callable[[], TemporarilyUnavailable]) -> None:
        self.at, self.refusal = time.monotonic() + seconds, refusal

    def check(self) -> None:
        if time.monotonic() >= self.at:
            raise self.refusal()

    def bound_statements(self) -> None:
        """Inside a transaction: none of its statements may run past the deadline."""
        self.check()
        if connection.vendor == "postgresql":
            remaining_ms = max(1, int((self.at - time.monotonic()) * 1000))
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {remaining_ms}")

    def back_off(self, attempt: int) -> None:
        """Jittered, growing pauses (about 50, 100, 200 ms), so contenders do not collide again."""
        pause = 0.05 * 2**attempt * random.uniform(0.5, 1.5)
        if time.monotonic() + pause >= self.at:
            raise self.refusal()
        time.sleep(pause)

    def reached_in(self, exc: BaseException) -> bool:
        """Was this database error the statement timeout the deadline set?"""
        return getattr(exc.__cause__, "pgcode", None) == QUERY_CANCELED


def unavailable_for(exc: BaseException) -> TemporarilyUnavailable | None:
    """The 503 answer for an exception caused by a failing dependency, or None for a real bug."""
    if isinstance(exc, TemporarilyUnavailable):
        return exc
    if isinstance(exc, DATABASE_ERRORS):
        return TemporarilyUnavailable("database_unavailable", MESSAGES["database_unavailable"])
    if isinstance(exc, BROKER_ERRORS):
        return TemporarilyUnavailable("broker_unavailable", MESSAGES["broker_unavailable"])
    return None


def unavailable_response(request: HttpRequest, refusal: TemporarilyUnavailable) -> HttpResponse:
    """503 with Retry-After: the JSON error shape under /api/, the 503 page elsewhere. Built
    without the database (no session, no user): it is what answers when the database is gone."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(error_body(refusal.code, refusal.message), status=503,
                                              json_dumps_params={"ensure_ascii": False})
    else:
        context = {"message": refusal.message, "retry_after": refusal.retry_after, "reload": request.method == "GET"}
        page = render_to_string("503.html", context)
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(refusal.retry_after)
    response["Cache-Control"] = "no-store"
    return response

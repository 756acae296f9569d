"""A failing dependency inside a view is answered 503 with Retry-After, not 500 (guide.faults).

Failures outside views (a session saved on the way out) reach handler500, which answers the
same way (guide.views.server_error)."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from guide.faults import unavailable_for, unavailable_response

logger = logging.getLogger(__name__)


class UnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        refusal = unavailable_for(exception)
        if refusal is None:
            return None  # a real bug: Django's 500 handling logs it
        logger.warning("503 for %s %s: %s: %s", request.method, request.path, type(exception).__name__,
                       str(exception).splitlines()[0][:200] if str(exception) else "")
        return unavailable_response(request, refusal)

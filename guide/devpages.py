"""Development (DEBUG=1, as `make run` serves): the designed 404 page and JSON answer instead of
Django's debug 404, which lists every URL pattern of the site. A server error keeps Django's
traceback page in development: that is what a developer needs (with DEBUG=0 the designed 500
page and JSON answer show)."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from guide.views import page_not_found

DEBUG_404_MARKER = b"<code>DEBUG = True</code>"  # in Django's technical_404.html


class DesignedNotFoundMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code == 404 and not getattr(response, "streaming", False)
                and DEBUG_404_MARKER in response.content):
            return page_not_found(request, Http404())
        return response

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from guide.errors import json_error
from guide.faults import unavailable_for, unavailable_response
from guide.health import health_report, may_see_health_detail
from recommender.views import feed_response


def home(request: HttpRequest) -> HttpResponse:
    """The feed: personal for a signed-in shopper with personalisation on, otherwise the
    non-personal one; `?scenario=`, `?cursor=` and `?fragment=1` as on every feed page."""
    return feed_response(request, "guide/home.html")


def ping(request: HttpRequest) -> HttpResponse:
    """Liveness only (no database, cache or broker): for load balancers and as the trivial
    baseline of the load benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Public: plain liveness ("ok"), nothing about hosts, ports or errors. Staff, or a caller
    with the HEALTHZ_TOKEN in X-Healthz-Token: the readiness report, 200 while the database,
    cache and broker answer (workers are reported, not required), else 503."""
    if not may_see_health_detail(request):
        return HttpResponse("ok", content_type="text/plain")
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == "down" else 200)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_error(404, "not_found", "接口或资源不存在。")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Called while the exception is being handled: a failing database or broker (also outside
    # a view, e.g. saving the session) is a 503 with Retry-After, not a 500.
    error = sys.exc_info()[1]
    refusal = unavailable_for(error) if error is not None else None
    if refusal is not None:
        return unavailable_response(request, refusal)
    if request.path.startswith("/api/"):
        return json_error(500, "server_error", "服务器内部错误，我们已记录，请稍后再试。")
    return render(request, "500.html", status=500)

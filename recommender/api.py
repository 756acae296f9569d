"""Feeds and 值得买 lists over the API."""

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from content.cards import item_cards
from guide.auth import token_user_with
from guide.errors import error_response
from interests.accounts import known_visitor_id
from interests.models import Interest
from recommender.context import known_scenario
from recommender.feed import (
    MODES,
    CursorError,
    RenderedPage,
    feed_circles,
    feed_page_keys,
    feed_rendered_page,
    render_entries,
)
from recommender.lists import current_entries, list_formula
from recommender.models import OVERALL, PERIODS, WorthList
from recommender.placements import placements_serve

MAX_LIMIT = 50


@dataclass(frozen=True)
class FeedQuery:
    """A feed request's valid parameters."""

    mode: str
    interest: str
    scenario: str
    cursor: str | None
    limit: int

    @property
    def page(self) -> dict[str, Any]:
        """As feed_page_keys and feed_rendered_page take it."""
        return {"mode": self.mode, "interest": self.interest, "scenario": self.scenario, "cursor": self.cursor,
                "limit": self.limit}

    def page_keys(self, user_id: int | None) -> list[str]:
        return feed_page_keys(user_id, **self.page)


def feed_query(params: QueryDict) -> FeedQuery | tuple[str, str, dict | None]:
    """The feed's parameters, or (code, message, fields) of the first invalid one."""
    raw_limit = params.get("limit", "20")
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
        return "invalid_limit", f"limit 应为 1 到 {MAX_LIMIT} 的整数。", {"limit": [raw_limit]}
    mode, scenario, interest = params.get("mode", "personal"), params.get("scenario", ""), params.get("interest", "")
    if mode not in MODES:
        return "invalid_mode", f"mode 应为：{'、'.join(MODES)}。", None
    if scenario and not known_scenario(scenario):
        return "unknown_scenario", f"未知的场景：{scenario}。", None
    if interest and interest not in feed_circles():
        return "unknown_interest", f"未知的兴趣：{interest}。", None
    return FeedQuery(mode, interest, scenario, params.get("cursor"), int(raw_limit))


class JSONFirstNegotiation(DefaultContentNegotiation):
    """JSON straight away for clients that accept anything or JSON, as API clients and scripts
    do (parsing their Accept header cost a tenth of a warm feed request); the browsable API for
    browsers as usual."""

    @staticmethod
    def json_straight_away(request: HttpRequest) -> bool:
        return (request.META.get("HTTP_ACCEPT", "*/*") in ("*/*", "application/json")
                and f"{api_settings.URL_FORMAT_OVERRIDE}=" not in request.META.get("QUERY_STRING", ""))

    def select_renderer(self, request: Request, renderers: list, format_suffix: str | None = None) -> tuple:
        if format_suffix is None and self.json_straight_away(request):
            return renderers[0], renderers[0].media_type
        return super().select_renderer(request, renderers, format_suffix)


class FeedView(APIView):
    """The feed: personal for a signed-in shopper with personalisation on, otherwise built from
    quality and popularity alone. `mode` personal | latest | hot; `interest` for a circle feed."""

    # A page is rendered to JSON once and kept (feed_rendered_page): serving it again to a
    # shopper with a user token is one cache read (token, switch, generation and page together)
    # and no query.
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    content_negotiation_class = JSONFirstNegotiation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.shoppers_json_page(request) or super().dispatch(request, *args, **kwargs)

    def shoppers_json_page(self, request: HttpRequest) -> HttpResponse | None:
        """The JSON page of a shopper with a user token, served without DRF's request wrapping,
        negotiation and finalising (a tenth of a warm request's time in the process); None, so
        that the usual way serves it, for anything else: other methods and formats, visitors,
        and every invalid parameter, token or cursor, which the usual way answers."""
        if request.method != "GET" or not JSONFirstNegotiation.json_straight_away(request):
            return None
        query = feed_query(request.GET)
        if not isinstance(query, FeedQuery):
            return None
        try:
            found = token_user_with(request, query.page_keys)
            if found is None:
                return None
            page = _rendered_page(request, found[0].pk, query, found[2])
        except (AuthenticationFailed, CursorError):
            return None
        response = _json_page(request, page)
        for header, value in self.default_response_headers.items():  # as DRF's finalize_response sets them
            response[header] = value
        return response

    def perform_authentication(self, request: Request) -> None:
        """Deferred to get(): a user token is checked in the same cache read as the feed's
        entries (shopper_and_cached); other requests authenticate as usual there."""

    @staticmethod
    def shopper_and_cached(request: Request, query: FeedQuery) -> tuple[int | None, dict[str, Any] | None]:
        """(the shopper's id or None, the feed's cache entries when read with the token)."""
        found = token_user_with(request, query.page_keys)
        if found is not None:
            request.user, request.auth, cached = found
            return request.user.pk, cached
        return (request.user.pk if request.user.is_authenticated else None), None

    @extend_schema(parameters=[
        OpenApiParameter("cursor", str), OpenApiParameter("limit", int), OpenApiParameter("scenario", str),
        OpenApiParameter("interest", str), OpenApiParameter("mode", str, enum=list(MODES)),
    ])
    def get(self, request: Request) -> HttpResponse:
        query = feed_query(request.query_params)
        if not isinstance(query, FeedQuery):
            return error_response(400, *query)
        try:
            user_id, cached = self.shopper_and_cached(request, query)
            page = _rendered_page(request, user_id, query, cached)
        except CursorError as exc:
            return error_response(400, exc.code, str(exc))
        if request.accepted_renderer.format != "json":  # the browsable API renders data, not bytes
            return Response({"personalized": page.personal, "results": json.loads(page.results),
                             "cursor": page.next_cursor, "next": _next_url(request, page)})
        return _json_page(request, page)


def _rendered_page(request: HttpRequest | Request, user_id: int | None, query: FeedQuery,
                   cached: dict[str, Any] | None) -> RenderedPage:
    """The page, with its campaign cards as this shopper or visitor may be served them
    (recommender.placements: caps, mutes, hides; recorded). A visitor without an id gets none."""
    page = feed_rendered_page(user_id, **query.page, cached=cached)
    served = placements_serve(entries=page.entries, user_id=user_id,
                              anonymous_id="" if user_id else known_visitor_id(request))
    if served is page.entries or len(served) == len(page.entries):
        return page
    return RenderedPage(page.personal, render_entries(served), page.next_cursor, served)


def _next_url(request: HttpRequest | Request, page: RenderedPage) -> str | None:
    if not page.next_cursor:
        return None
    # Signed cursors only hold URL-safe characters ([A-Za-z0-9_.:-]): no quoting needed.
    params = request.GET
    query = urlencode([(k, v) for k, values in params.lists() if k != "cursor" for v in values])
    return request.build_absolute_uri(f"{request.path}?{query}{'&' if query else ''}cursor={page.next_cursor}")


def _json_page(request: HttpRequest | Request, page: RenderedPage) -> HttpResponse:
    """The bytes JSONRenderer would give for the whole page (compact, keys in this order)."""
    body = b"".join((b'{"personalized":', b"true" if page.personal else b"false", b',"results":', page.results,
                     b',"cursor":', json.dumps(page.next_cursor).encode(), b',"next":',
                     json.dumps(_next_url(request, page)).encode(), b"}"))
    return HttpResponse(body, content_type="application/json")


def _list_name(slug: str) -> str:
    if slug == OVERALL:
        return "全站"
    interest = Interest.objects.filter(slug=slug, parent__isnull=True).first()
    if interest is None:
        raise Http404
    return interest.name


class ListsView(APIView):
    permission_classes = [AllowAny]

    def get(self, request: Request) -> Response:
        names = {OVERALL: "全站", **dict(Interest.objects.filter(parent__isnull=True).values_list("slug", "name"))}
        lists = WorthList.objects.filter(is_current=True).order_by("slug", "period")
        return Response({"results": [
            {"slug": w.slug, "name": names.get(w.slug, w.slug), "period": w.period, "updated_at": w.created_at,
             "url": request.build_absolute_uri(f"/api/v1/lists/{w.slug}/?period={w.period}")}
            for w in lists
        ]})


class ListView(APIView):
    """A current 值得买 list; `period` day (today) or week."""

    permission_classes = [AllowAny]

    def get(self, request: Request, slug: str) -> Response:
        period = request.query_params.get("period", "day")
        if period not in PERIODS:
            return error_response(400, "invalid_period", "period 应为 day 或 week。")
        name = _list_name(slug)
        entries = current_entries(slug, period)
        cards = item_cards([e.item_id for e in entries])
        return Response({
            "slug": slug, "name": name, "period": period,
            "updated_at": entries[0].worth_list.created_at if entries else None,
            "formula": list_formula(),
            "results": [{"rank": e.rank, "score": e.score, "pinned": e.pinned, "components": e.components,
                         "item": cards[e.item_id]} for e in entries if e.item_id in cards],
        })

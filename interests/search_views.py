"""Search: the API (`GET /api/v1/search/`) and the results page (`/search/`), thin doors onto
content.search.query. A search is the shopper's act, so it lives up here and is recorded through
the events path (type "search"), which already turns queries into interests."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.constants import ITEM_KINDS, PLATFORMS
from content.search.backends import Filters, SearchUnavailable
from content.search.query import MAX_LIMIT, SearchError, SearchPage, search
from guide.errors import error_response
from interests.accounts import remember_visitor, visitor_id
from interests.events import events_record
from interests.models import Interest

MAX_PRICE = Decimal("10000000")
TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class SearchRequest:
    query: str
    filters: Filters
    cursor: str | None
    limit: int
    interest: str


def search_request(params: QueryDict) -> SearchRequest:
    """The query's parameters, or SearchError naming the first bad one."""
    raw_limit = params.get("limit", "20")
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
        raise SearchError("invalid_limit", f"limit 应为 1 到 {MAX_LIMIT} 的整数。", "limit")
    interest_slug = params.get("interest", "")
    interest_id = None
    if interest_slug:
        interest_id = Interest.objects.filter(slug=interest_slug[:64], is_active=True).values_list("pk", flat=True).first()
        if interest_id is None:
            raise SearchError("unknown_interest", f"未知的兴趣：{interest_slug[:40]}。", "interest")
    prices = {name: _price(params.get(name, ""), name) for name in ("price_min", "price_max")}
    if prices["price_min"] is not None and prices["price_max"] is not None and prices["price_min"] > prices["price_max"]:
        raise SearchError("invalid_price_range", "最低价不能高于最高价。", "price_min")
    platform, kind = params.get("platform", ""), params.get("kind", "")
    if platform and platform not in PLATFORMS:
        raise SearchError("unknown_platform", f"未知的平台，可选：{'、'.join(PLATFORMS)}。", "platform")
    if kind and kind not in ITEM_KINDS:
        raise SearchError("unknown_kind", f"未知的内容类型，可选：{'、'.join(ITEM_KINDS)}。", "kind")
    filters = Filters(interest_id=interest_id, price_min=prices["price_min"], price_max=prices["price_max"],
                      platform=platform, kind=kind, deals_only=params.get("deals", "").lower() in TRUE,
                      include_expired=params.get("include_expired", "").lower() in TRUE)
    return SearchRequest(params.get("q", ""), filters, params.get("cursor") or None, int(raw_limit), interest_slug)


def _price(raw: str, name: str) -> Decimal | None:
    if raw == "":
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= MAX_PRICE:
        raise SearchError("invalid_price", f"{name} 应为 0 到 {MAX_PRICE:,} 之间的价格。", name)
    return value


def search_recorded(request: HttpRequest, query: str) -> str:
    """Record the search as a behaviour event of the shopper or visitor; returns the visitor's
    id ("" for a shopper) so the answer can carry its cookie."""
    user = request.user if request.user.is_authenticated else None
    anonymous_id = "" if user else visitor_id(request)
    events_record(user=user, anonymous_id=anonymous_id, raw_events=[{"type": "search", "query": query[:200]}])
    return anonymous_id


def hit_data(page: SearchPage) -> list[dict]:
    return [{"item": _card(hit.item), "score": hit.explanation["score"], "explanation": hit.explanation,
             "highlight": {"title": hit.title_html, "snippet": hit.snippet_html}} for hit in page.hits]


def _card(item: dict) -> dict:
    """A hit's item as JSON: prices as decimal strings and times in ISO 8601, as on cards."""
    return {**item, **{k: str(item[k]) if item[k] is not None else None for k in ("price", "original_price")},
            **{k: item[k].isoformat() if item[k] else None for k in ("published_at", "expires_at")}}


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, required=True, description="搜索词（最多 100 字）"),
    OpenApiParameter("interest", str, description="兴趣 slug（顶层或子兴趣）"),
    OpenApiParameter("price_min", float), OpenApiParameter("price_max", float),
    OpenApiParameter("platform", str, enum=list(PLATFORMS)), OpenApiParameter("kind", str, enum=list(ITEM_KINDS)),
    OpenApiParameter("deals", bool, description="只看优惠（好价或有折扣）"),
    OpenApiParameter("include_expired", bool, description="包括已过期的优惠（默认不包括）"),
    OpenApiParameter("cursor", str), OpenApiParameter("limit", int, description=f"1–{MAX_LIMIT}，默认 20"),
]


class SearchView(APIView):
    """Approved original items ranked by text relevance, 值得买指数 and freshness, each hit
    explained, with highlighted title and snippet; cursor paging."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=SEARCH_PARAMETERS, responses={200: inline_serializer("SearchOut", {
        "query": serializers.CharField(), "terms": serializers.ListField(child=serializers.CharField()),
        "count": serializers.IntegerField(), "partial": serializers.BooleanField(help_text="没有同时包含全部词语的内容时为 true"),
        "results": serializers.ListField(child=serializers.DictField()), "next": serializers.CharField(allow_null=True),
        "cursor": serializers.CharField(allow_null=True)}), 400: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        try:
            wanted = search_request(request.query_params)
            page = search(query=wanted.query, filters=wanted.filters, cursor=wanted.cursor, limit=wanted.limit)
        except SearchError as exc:
            return error_response(400, exc.code, exc.message, {exc.field: [exc.message]})
        except SearchUnavailable:
            return error_response(503, "search_unavailable", "当前数据库不支持全文搜索。")
        anonymous_id = search_recorded(request, page.query) if not wanted.cursor else ""
        next_url = None
        if page.next_cursor:
            next_url = request.build_absolute_uri(f"{request.path}?{_with_cursor(request.query_params, page.next_cursor)}")
        response = Response({"query": page.query, "terms": [g.label() for g in page.groups], "count": page.count,
                             "partial": page.partial, "results": hit_data(page), "next": next_url,
                             "cursor": page.next_cursor})
        remember_visitor(request, response, anonymous_id)
        return response


def _with_cursor(params: QueryDict, cursor: str) -> str:
    query = params.copy()
    query["cursor"] = cursor
    return query.urlencode()


def search_page(request: HttpRequest) -> HttpResponse:
    """/search/?q=…: the results with highlighting and each hit's reason; filters in the form.
    A query that cannot be searched gets the form back with a polite note (400)."""
    context: dict = {"q": request.GET.get("q", "")[:200], "page": None, "error": "", "params": request.GET,
                     "platforms": PLATFORMS, "kinds": ITEM_KINDS, "next_url": "",
                     "top_levels": list(Interest.objects.filter(parent__isnull=True, is_active=True)
                                        .values_list("slug", "name"))}
    if "q" not in request.GET:
        return render(request, "content/search.html", context)
    status, anonymous_id = 200, ""
    try:
        wanted = search_request(request.GET)
        page = search(query=wanted.query, filters=wanted.filters, cursor=wanted.cursor, limit=20)
        context.update(page=page, interest=wanted.interest)
        if page.next_cursor:
            context["next_url"] = f"{request.path}?{_with_cursor(request.GET, page.next_cursor)}"
        if not wanted.cursor:
            anonymous_id = search_recorded(request, page.query)
    except SearchError as exc:
        context["error"], status = exc.message, 400
    except SearchUnavailable:
        context["error"], status = "当前数据库不支持全文搜索。", 503
    response = render(request, "content/search.html", context, status=status)
    remember_visitor(request, response, anonymous_id)
    return response

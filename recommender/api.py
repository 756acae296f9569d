"""Feeds and 值得买 lists over the API."""

from django.core.cache import cache
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.api.serializers import ItemCardOut
from content.selectors import items_in_order
from guide.errors import error_response
from interests.models import Interest
from interests.selectors import personalization_enabled
from recommender.context import known_scenario
from recommender.feed import MODES, CursorError, FeedRequest, feed_page, page_key
from recommender.lists import __doc__ as LIST_FORMULA
from recommender.lists import current_entries
from recommender.models import OVERALL, PERIODS, WorthList

MAX_LIMIT = 50
CARD_TTL = 120  # seconds a rendered card may lag behind votes and scores


def item_cards(item_ids: list[int]) -> dict[int, dict]:
    """Rendered cards by item id: from the cache when fresh, else two queries for the rest."""
    keys = {f"card:{pk}": pk for pk in item_ids}
    cached = {keys[key]: card for key, card in cache.get_many(list(keys)).items()}
    missing = [pk for pk in item_ids if pk not in cached]
    if missing:
        fresh = {item.pk: ItemCardOut(item).data for item in items_in_order(missing)}
        cache.set_many({f"card:{pk}": card for pk, card in fresh.items()}, CARD_TTL)
        cached.update(fresh)
    return cached


def _limit(request: Request) -> int | Response:
    raw = request.query_params.get("limit", "20")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        return error_response(400, "invalid_limit", f"limit 应为 1 到 {MAX_LIMIT} 的整数。", {"limit": [raw]})
    return int(raw)


class FeedView(APIView):
    """The feed: personal for a signed-in shopper with personalisation on, otherwise built from
    quality and popularity alone. `mode` personal | latest | hot; `interest` for a circle feed."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[
        OpenApiParameter("cursor", str), OpenApiParameter("limit", int), OpenApiParameter("scenario", str),
        OpenApiParameter("interest", str), OpenApiParameter("mode", str, enum=list(MODES)),
    ])
    def get(self, request: Request) -> Response:
        limit = _limit(request)
        if isinstance(limit, Response):
            return limit
        params = request.query_params
        mode, scenario, interest = params.get("mode", "personal"), params.get("scenario", ""), params.get("interest", "")
        if mode not in MODES:
            return error_response(400, "invalid_mode", f"mode 应为：{'、'.join(MODES)}。")
        if scenario and not known_scenario(scenario):
            return error_response(400, "unknown_scenario", f"未知的场景：{scenario}。")
        if interest and not Interest.objects.filter(slug=interest, is_active=True).exists():
            return error_response(400, "unknown_interest", f"未知的兴趣：{interest}。")
        user = request.user if request.user.is_authenticated else None
        personal = bool(user) and personalization_enabled(user.pk)
        feed = FeedRequest(user_id=user.pk if user else None, personal=personal, mode=mode, interest=interest, scenario=scenario)
        try:
            feed_id, offset, page, next_cursor = feed_page(feed, cursor=params.get("cursor"), limit=limit)
        except CursorError as exc:
            return error_response(400, exc.code, str(exc))
        results = cache.get(page_key(feed_id, offset, limit))
        if results is None:
            cards = item_cards([entry["item"] for entry in page])
            results = [{"item": cards[e["item"]], "reason": e["reason"], "sponsored": e["sponsored"]}
                       for e in page if e["item"] in cards]
            cache.set(page_key(feed_id, offset, limit), results, CARD_TTL)
        next_url = None
        if next_cursor:
            query = params.copy()
            query["cursor"] = next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"personalized": personal, "results": results, "cursor": next_cursor, "next": next_url})


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
        entries = list(current_entries(slug, period))
        cards = item_cards([e.item_id for e in entries])
        return Response({
            "slug": slug, "name": name, "period": period,
            "updated_at": entries[0].worth_list.created_at if entries else None,
            "formula": LIST_FORMULA.split("\n\n")[1].strip(),
            "results": [{"rank": e.rank, "score": e.score, "pinned": e.pinned, "components": e.components,
                         "item": cards[e.item_id]} for e in entries if e.item_id in cards],
        })

"""Pages of the recommender: feeds (the home page and interest circles), the circles, the 值得买
lists and how recommendations work. Thin doors onto recommender.feed and recommender.lists —
the same code paths as the API — that validate the query and shape cards for the templates."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from content.cards import item_cards, item_links, present
from content.scoring.dimensions import DIMENSIONS
from content.scoring.profile import active_profile
from interests.accounts import ANONYMOUS_COOKIE, remember_visitor, visitor_id
from interests.models import Interest, ItemInterest, Scenario, UserInterest
from interests.selectors import personalization_enabled
from recommender import lists, ranking, sponsored
from recommender.candidates import SOURCES
from recommender.context import known_scenario
from recommender.feed import FEED_LENGTH, CursorError, FeedRequest, feed_page
from recommender.lists import current_entries
from recommender.models import OVERALL, PERIODS
from recommender.overrides_views import list_editing
from recommender.placements import placements_serve

PAGE_SIZE = 20
MAX_CURSOR_LENGTH = 300  # a signed cursor is under 100 characters; anything longer is not one
CIRCLE_LIST_LENGTH = 10
KEYWORDS_SHOWN = 16
TAXONOMY_TTL = 300  # seconds the scenario and circle menus may lag behind the admin
LIST_TERMS = {"worth": "值得买指数 / 100", "community": "社区「值」的 Wilson 下限", "engagement": "互动热度 / 100"}


# Cards ----------------------------------------------------------------------------------------

def feed_cards(page: list[dict], offset: int) -> list[dict]:
    """A feed page's cards, each with its reason and position."""
    cards = item_cards([entry["item"] for entry in page])
    links = item_links(list(cards))
    return [present(cards[e["item"]], links[e["item"]], reason=e["reason"], sponsored=e["sponsored"], position=offset + n)
            for n, e in enumerate(page) if e["item"] in cards]


def list_reason(score: float, components: dict) -> str:
    """The list formula's terms for one entry, in words."""
    if "pinned_by_editor" in components:
        return f"编辑置顶：{components['pinned_by_editor']}"
    worth_votes, not_worth_votes = (components.get("votes") or [0, 0])[:2]
    community = (f"社区认可 {components.get('community', 0) * 100:.0f}%（值 {worth_votes:g} / 不值 {not_worth_votes:g}）"
                 if worth_votes or not_worth_votes else "社区认可 暂无有效投票")
    return (f"{community} · 互动热度 {components.get('engagement', 0):.0f}"
            f" · 新鲜度 ×{components.get('decay', 1):.2f} → 榜单分 {score:.1f}")


def list_cards(entries: list) -> list[dict]:
    cards = item_cards([e.item_id for e in entries])
    links = item_links(list(cards))
    return [present(cards[e.item_id], links[e.item_id], rank=e.rank, pinned=e.pinned, position=e.rank - 1,
                    reason=list_reason(e.score, e.components or {}))
            for e in entries if e.item_id in cards]


# Menus ----------------------------------------------------------------------------------------

def scenario_choices() -> list[tuple[str, str]]:
    return cache.get_or_set("pages:scenarios", lambda: list(
        Scenario.objects.filter(is_active=True).values_list("slug", "name")), TAXONOMY_TTL)


def top_levels() -> list[tuple[str, str]]:
    return cache.get_or_set("pages:top-levels", lambda: list(
        Interest.objects.filter(parent__isnull=True, is_active=True).values_list("slug", "name")), TAXONOMY_TTL)


# Feeds ----------------------------------------------------------------------------------------

def feed_response(request: HttpRequest, template: str, *, interest: str = "",
                  extra: Callable[[], dict] | None = None) -> HttpResponse:
    """A feed page (home, a circle), or with `fragment=1` only its cards and the next-page link
    for infinite scroll. Personal for a signed-in shopper with personalisation on. A bad
    scenario or cursor is answered 400 with a readable notice, never an error page."""
    user = request.user if request.user.is_authenticated else None
    personal = user is not None and personalization_enabled(user.pk)
    scenario, notice, status = request.GET.get("scenario", ""), "", 200
    if scenario and not known_scenario(scenario):
        notice, scenario, status = f"没有「{scenario[:40]}」这个场景，下面是不限场景的推荐。", "", 400
    first_query = {"scenario": scenario} if scenario else {}
    feed = FeedRequest(user_id=user.pk if user else None, personal=personal, interest=interest, scenario=scenario)
    visitor = "" if user else visitor_id(request)
    context = {"personal": personal, "scenario": scenario, "notice": notice, "first_url": _url(request.path, first_query),
               **_feed_page(feed, request.GET.get("cursor") or None, request.path, first_query, visitor)}
    if context["error"]:
        status = 400
    if request.GET.get("fragment") == "1":
        response = render(request, "recommender/_feed_fragment.html", context, status=status)
    else:
        context["scenarios"] = scenario_choices()
        response = render(request, template, context | (extra() if extra else {}), status=status)
    if context["campaign_cards"] and visitor:
        _name_visitor(request, response, visitor)
    return response


def _name_visitor(request: HttpRequest, response: HttpResponse, visitor: str) -> None:
    """Give the visitor the id their campaign cards were recorded under (recommender.placements),
    and make it the id the rest of this request sees, so that nothing later issues another."""
    remember_visitor(request, response, visitor)
    if ANONYMOUS_COOKIE in response.cookies:
        request.COOKIES[ANONYMOUS_COOKIE] = response.cookies[ANONYMOUS_COOKIE].value


def _feed_page(feed: FeedRequest, cursor: str | None, path: str, query: dict, visitor: str) -> dict:
    """The cards of one page (campaign cards as this shopper or visitor may be served them),
    the link to the next, or why the cursor cannot be followed."""
    try:
        if cursor and len(cursor) > MAX_CURSOR_LENGTH:
            raise CursorError("invalid_cursor", "")
        _, offset, page, next_cursor = feed_page(feed, cursor=cursor, limit=PAGE_SIZE)
    except CursorError as exc:
        return {"entries": [], "next_url": "", "paged": False, "campaign_cards": 0,
                "error": str(exc) if exc.code == "stale_cursor" else "翻页链接无效或已损坏。"}
    page = placements_serve(entries=page, user_id=feed.user_id, anonymous_id=visitor)
    next_url = _url(path, {**query, "cursor": next_cursor}) if next_cursor else ""
    return {"entries": feed_cards(page, offset), "next_url": next_url, "paged": offset > 0, "error": "",
            "campaign_cards": sum(1 for e in page if e.get("campaign"))}


def _url(path: str, query: dict) -> str:
    return f"{path}?{urlencode(query)}" if query else path


# Circles --------------------------------------------------------------------------------------

def circles(request: HttpRequest) -> HttpResponse:
    nodes = list(Interest.objects.filter(is_active=True).only("slug", "name", "description", "parent_id", "sort_order"))
    children: dict[int, list[Interest]] = {}
    for node in nodes:
        if node.parent_id:
            children.setdefault(node.parent_id, []).append(node)
    groups = [(node, children.get(node.pk, [])) for node in nodes if node.parent_id is None]
    return render(request, "recommender/circles.html", {"groups": groups})


def circle(request: HttpRequest, slug: str) -> HttpResponse:
    interest = get_object_or_404(Interest.objects.select_related("parent"), slug=slug, is_active=True)

    def extra() -> dict:
        user = request.user
        state = (UserInterest.objects.filter(user=user, interest=interest).values_list("state", flat=True).first()
                 if user.is_authenticated else None)
        keywords = sorted(interest.keywords or [], key=lambda pair: -pair[1])[:KEYWORDS_SHOWN]
        related = Interest.objects.filter(parent=interest.parent or interest, is_active=True).exclude(pk=interest.pk)
        return {"circle": interest, "state": state, "keywords": [word for word, _ in keywords],
                "related": list(related.only("slug", "name")), "top_slug": (interest.parent or interest).slug,
                "worth_entries": circle_worth_list(interest)}

    return feed_response(request, "recommender/circle.html", interest=interest.slug, extra=extra)


def circle_worth_list(interest: Interest) -> list[dict]:
    """Today's 值得买 list of the circle: its own for a top level; for a child, the entries of
    its parent's list tagged with the child."""
    if interest.parent_id is None:
        return list_cards(current_entries(interest.slug, "day")[:CIRCLE_LIST_LENGTH])
    entries = current_entries(interest.parent.slug, "day")
    tagged = set(ItemInterest.objects.filter(item_id__in=[e.item_id for e in entries], interest=interest)
                 .values_list("item_id", flat=True))
    return list_cards([e for e in entries if e.item_id in tagged][:CIRCLE_LIST_LENGTH])


# Lists ----------------------------------------------------------------------------------------

def worth_list(request: HttpRequest, slug: str = OVERALL) -> HttpResponse:
    menu = top_levels()
    names = {OVERALL: "全站", **dict(menu)}
    if slug not in names:
        raise Http404
    requested = request.GET.get("period", "")
    period, notice, status = requested or "day", "", 200
    if period not in PERIODS:
        requested, period, notice, status = "", "day", f"没有「{period[:20]}」这个周期，下面是今日榜。", 400
    entries = current_entries(slug, period)
    if not entries and not requested:  # a quiet morning: the week's list rather than an empty page
        entries = current_entries(slug, "week")
        period, notice = ("week", "今日榜暂时还没有内容，先看看本周榜。") if entries else (period, notice)
    return render(request, "recommender/lists.html", {
        "slug": slug, "name": names[slug], "period": period, "period_name": PERIODS[period], "periods": list(PERIODS.items()),
        "period_query": f"?period={period}" if requested else "",
        "menu": menu, "notice": notice,
        "entries": list_cards(entries), "updated_at": entries[0].worth_list.created_at if entries else None,
        **list_editing(request, slug, period, entries),
    }, status=status)


# How it works ---------------------------------------------------------------------------------

def how_it_works(request: HttpRequest) -> HttpResponse:
    profile = active_profile()
    weights = {key: max(0.0, float(profile.weights.get(key, 0.0))) for key in DIMENSIONS}
    total = sum(weights.values()) or 1.0
    return render(request, "recommender/how_it_works.html", {
        "profile": profile,
        "dimensions": [{"key": key, "name": name, "weight": weights[key], "share": round(weights[key] / total * 100, 1)}
                       for key, name in DIMENSIONS.items()],
        "thresholds": [f"自动通过：值得买指数 ≥ {profile.approve_min_worth:g}，内容可靠性 ≥ {profile.approve_min_reliability:g}，"
                       f"客观度 ≥ {profile.approve_min_objectivity:g}，三项同时满足",
                       f"自动拒绝：消费相关性 < {profile.reject_max_relevance:g} 且客观度 < {profile.reject_max_objectivity:g}"
                       "（与消费无关的推销 / 垃圾内容），以及与已有内容完全相同的转载"],
        "ranking_terms": [(term.label, term.weight, term.penalty) for term in ranking.terms().values()],
        "candidate_sources": [source.description for source in SOURCES.values()],
        "list_terms": [(LIST_TERMS.get(key, key), weight) for key, weight in lists.WEIGHTS.items()],
        "circle_cap": ranking.CIRCLE_CAP, "circle_window": ranking.CIRCLE_WINDOW, "feed_length": FEED_LENGTH,
        "ad_slot": sponsored.SLOT + 1, "ad_every": sponsored.EVERY, "list_length": lists.LENGTH,
        "half_life_day": lists.HALF_LIFE["day"].total_seconds() / 3600,
        "half_life_week": lists.HALF_LIFE["week"].total_seconds() / 86400,
        "young_vote_weight": lists.YOUNG_VOTE_WEIGHT, "burst_size": lists.BURST_SIZE,
    })

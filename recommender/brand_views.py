"""The brand dashboard (`/brand/`) and the editors' page for items proposed to campaigns.

A member sees only the brands they belong to: any other brand's pages, campaigns and files are
the 404 page, exactly as a brand that does not exist. Thin doors onto the same selectors as the
brand API (recommender.brand_stats, recommender.mentions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from guide.roles import is_editor
from recommender.brand_stats import (
    BREAKDOWNS,
    INTERVALS,
    MIN_SHOPPERS,
    StatsQueryError,
    campaign_breakdown,
    campaign_stats,
    stats_csv,
    stats_query,
)
from recommender.brands import brand_for_member, brand_key_create, brand_key_revoke, brands_of
from recommender.campaigns import (
    STATUS_NAMES,
    CampaignError,
    campaign_default_range,
    campaign_item_decide,
    campaign_status,
    proposals_pending,
)
from recommender.charts import COLORS, Line, bar_chart, line_chart
from recommender.mentions import brand_mentions
from recommender.models import Brand, Campaign, CampaignItem

BREAKDOWN_NAMES = {"interest": "兴趣圈", "item": "内容", "platform": "平台"}
COMPARED = {"served": "展示", "impressions": "曝光", "clicks": "点击", "click_outs": "去购买", "engagements": "互动",
            "shoppers": "触达用户"}


def comparison_rows(body: dict) -> list[tuple[str, int, int, str, bool | None]]:
    """(metric, this period, the previous one, change in words, up?) for the compare table."""
    if "comparison" not in body:
        return []
    rows = []
    for metric, label in COMPARED.items():
        change = body["comparison"]["change"][metric]
        words = "—" if change is None else f"{change * 100:+.1f}%"
        rows.append((label, body["totals"][metric], body["comparison"]["totals"][metric], words,
                     None if not change else change > 0))
    return rows


def _brand(request: HttpRequest, slug: str) -> Brand:
    brand = brand_for_member(user=request.user, slug=slug)
    if brand is None:
        raise Http404
    return brand


@login_required
def brand_home(request: HttpRequest) -> HttpResponse:
    brands = list(brands_of(request.user))
    if not brands:
        raise Http404
    if len(brands) == 1:
        return redirect("brand-overview", slug=brands[0].slug)
    return render(request, "recommender/brand/home.html", {"brands": brands})


@login_required
def brand_overview(request: HttpRequest, slug: str) -> HttpResponse:
    brand = _brand(request, slug)
    rows = []
    for campaign in Campaign.objects.filter(brand=brand):
        start, end = campaign_default_range(campaign)
        totals = campaign_stats(campaign, stats_query({"start": start.isoformat(), "end": end.isoformat()}))["totals"]
        status = campaign_status(campaign)
        rows.append({"campaign": campaign, "status": STATUS_NAMES[status], "status_key": status, "totals": totals,
                     "start": start, "end": end})
    return render(request, "recommender/brand/overview.html", {"brand": brand, "rows": rows, "brands": brands_of(request.user)})


def _campaign_query(request: HttpRequest, campaign: Campaign):
    params = request.GET.copy()
    start, end = campaign_default_range(campaign)
    params.setdefault("start", start.isoformat())
    params.setdefault("end", end.isoformat())
    params.setdefault("compare", "previous_period")
    if params.get("compare") == "none":
        params.pop("compare")
    return params, stats_query(params)


@login_required
def brand_campaign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    brand = _brand(request, slug)
    campaign = get_object_or_404(Campaign.objects.prefetch_related("target_interests", "target_scenarios"), pk=pk, brand=brand)
    try:
        params, query = _campaign_query(request, campaign)
    except StatsQueryError as exc:
        return render(request, "recommender/brand/campaign.html", {"brand": brand, "campaign": campaign, "error": str(exc),
                                                                    "intervals": INTERVALS}, status=400)
    body = campaign_stats(campaign, query)
    dates = [row["date"] for row in body["timeseries"]]
    lines = [Line("曝光", [r["impressions"] for r in body["timeseries"]], COLORS[0]),
             Line("点击", [r["clicks"] for r in body["timeseries"]], COLORS[1]),
             Line("去购买", [r["click_outs"] for r in body["timeseries"]], COLORS[2])]
    if "comparison" in body and query.interval == "day":
        before = campaign_stats(campaign, stats_query({"start": body["comparison"]["start"],
                                                       "end": body["comparison"]["end"]}))["timeseries"]
        lines.append(Line("上一周期曝光", [r["impressions"] for r in before], COLORS[0], dashed=True))
    breakdowns = {by: campaign_breakdown(campaign, query.start, query.end, by) for by in BREAKDOWNS}
    circles = breakdowns["interest"]
    return render(request, "recommender/brand/campaign.html", {
        "brand": brand, "campaign": campaign, "status": STATUS_NAMES[campaign_status(campaign)], "body": body,
        "query": query, "intervals": INTERVALS, "compare": "comparison" in body, "min_shoppers": MIN_SHOPPERS,
        "comparison_rows": comparison_rows(body),
        "series_chart": line_chart(dates, lines,
                                   title="每日曝光、点击与去购买" if query.interval == "day" else "每周曝光、点击与去购买"),
        "circle_chart": bar_chart([(r["name"], r["impressions"], "" if not r["suppressed"] else f"不足 {MIN_SHOPPERS} 人，已隐藏")
                                   for r in circles], title="各兴趣圈曝光"),
        "breakdowns": [(BREAKDOWN_NAMES[by], rows) for by, rows in breakdowns.items()],
        "csv_query": params.urlencode(),
        "entries": campaign.items.select_related("item").order_by("state", "pk"),
    })


@login_required
def brand_campaign_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk, brand=_brand(request, slug))
    try:
        query = stats_query(request.GET)
    except StatsQueryError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse("\ufeff" + stats_csv(campaign_stats(campaign, query)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}-{query.start}-{query.end}.csv"'
    return response


@login_required
def brand_mentions_page(request: HttpRequest, slug: str) -> HttpResponse:
    brand = _brand(request, slug)
    try:
        query = stats_query(request.GET, time_only=True)
    except StatsQueryError as exc:
        return render(request, "recommender/brand/mentions.html", {"brand": brand, "error": str(exc)}, status=400)
    body = brand_mentions(brand, start=query.start, end=query.end, interval=query.interval)
    dates = [r["date"] for r in body["timeseries"]]
    return render(request, "recommender/brand/mentions.html", {
        "brand": brand, "body": body, "query": query, "intervals": INTERVALS,
        "series_chart": line_chart(dates, [Line("提及数", [r["count"] for r in body["timeseries"]], COLORS[1])],
                                   title="全网提及"),
        "sentiment_chart": line_chart(dates, [Line("平均口碑", [r["sentiment"] for r in body["timeseries"]], COLORS[2])],
                                      title="平均口碑（0–100，越高越正面）"),
        "voice_chart": bar_chart([(r["name"], round(r["share_of_voice"] * 100, 1), f"（{r['count']} / {r['branded_items']} 条）")
                                  for r in body["by_interest"]], title="各兴趣圈声量占比", unit="%"),
    })


@never_cache
@login_required
def brand_keys(request: HttpRequest, slug: str) -> HttpResponse:
    """The brand's API keys: create (the key is shown on this answer only), revoke."""
    brand = _brand(request, slug)
    new_key, status = "", 200
    if request.method == "POST":
        try:
            _, new_key = brand_key_create(brand=brand, name=request.POST.get("name", ""), created_by=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
            status = 400
    return render(request, "recommender/brand/keys.html", {"brand": brand, "keys": brand.keys.all(), "new_key": new_key},
                  status=status)


@require_POST
@login_required
def brand_key_revoke_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    key = get_object_or_404(_brand(request, slug).keys, pk=pk)
    if brand_key_revoke(key=key):
        messages.success(request, f"已吊销密钥「{key.name}」，使用它的请求从现在起会被拒绝。")
    return redirect("brand-keys", slug=slug)


# Editors -------------------------------------------------------------------------------------

@login_required
def campaign_proposals(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        raise Http404
    return render(request, "recommender/brand/proposals.html", {"entries": proposals_pending()[:200]})


@require_POST
@login_required
def campaign_proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_editor(request.user):
        raise Http404
    entry = get_object_or_404(CampaignItem.objects.select_related("campaign__brand", "item"), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        messages.error(request, "请选择「确认」或「拒绝」。")
    else:
        try:
            campaign_item_decide(entry=entry, editor=request.user, confirm=decision == "confirm")
            messages.success(request, f"已{'确认' if decision == 'confirm' else '拒绝'}：{entry.item.title}")
        except CampaignError as exc:
            messages.error(request, "；".join(m for ms in exc.fields.values() for m in ms))
    return redirect("campaign-proposals")

"""The brand API (`/api/v1/brand/…`, a brand's `gb_` key) and the editors' endpoints for
confirming the items proposed for campaigns.

A key sees only its own brand: another brand's campaign is answered exactly like one that does
not exist (404), on every endpoint and in every format."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.constants import MAX_ROW_ID
from content.models import Item
from guide.errors import error_response
from guide.roles import is_editor
from interests.models import Interest, Scenario
from recommender.brand_auth import BrandKeyAuthentication, BrandKeyThrottle, IsBrand
from recommender.brand_stats import (
    BREAKDOWNS,
    COMPARES,
    INTERVALS,
    StatsQueryError,
    campaign_stats,
    stats_csv,
    stats_query,
)
from recommender.campaigns import (
    STATUS_NAMES,
    CampaignError,
    campaign_create,
    campaign_item_decide,
    campaign_status,
    campaign_update,
    proposals_pending,
)
from recommender.mentions import brand_mentions
from recommender.models import Campaign, CampaignItem

STATS_PARAMETERS = [
    OpenApiParameter("start", str, description="YYYY-MM-DD，默认 end 前 29 天"),
    OpenApiParameter("end", str, description="YYYY-MM-DD，默认今天；范围最长 366 天"),
    OpenApiParameter("interval", str, enum=list(INTERVALS)),
]


class JSONWithoutFormatOverride(BaseContentNegotiation):
    """JSON always: `format=csv` is the endpoint's own parameter, not DRF's renderer switch
    (which would answer an unknown format with a bare 404)."""

    def select_parser(self, request: Request, parsers: list) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: list, format_suffix: str | None = None) -> tuple:
        return renderers[0], renderers[0].media_type


class BrandAPIView(APIView):
    authentication_classes = [BrandKeyAuthentication]
    permission_classes = [IsBrand]
    throttle_classes = [BrandKeyThrottle]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONWithoutFormatOverride

    def own_campaign(self, request: Request, pk: int, *, described: bool = True) -> Campaign | None:
        """The key's brand's campaign, or None (which is answered 404 like a missing one)."""
        campaigns = Campaign.objects.filter(pk=pk, brand_id=request.auth.brand_id)
        return (described_campaigns(campaigns) if described else campaigns).first()

    def written_campaign(self, request: Request, pk: int) -> Campaign:
        """The campaign this request has just created or changed, described for the answer."""
        campaign = self.own_campaign(request, pk)
        assert campaign is not None, "written in this request by the key's own brand"
        return campaign


def described_campaigns(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """With what campaign_out shows, in a fixed number of queries however many there are."""
    return campaigns.prefetch_related("target_interests", "target_scenarios",
                                      Prefetch("items", queryset=CampaignItem.objects.select_related("item")))


def not_found() -> Response:
    return error_response(404, "not_found", "活动不存在。")


def campaign_out(campaign: Campaign, request: Request | None = None) -> dict:
    status = campaign_status(campaign)
    entries = sorted(campaign.items.all(), key=lambda e: e.pk)  # prefetched with their items (described)
    stats = f"/api/v1/brand/campaigns/{campaign.pk}/stats/"
    return {
        "id": campaign.pk, "name": campaign.name, "status": status, "status_name": STATUS_NAMES[status],
        "starts_on": campaign.starts_on.isoformat(), "ends_on": campaign.ends_on.isoformat(),
        "daily_impression_cap": campaign.daily_impression_cap, "frequency_cap": campaign.frequency_cap,
        "paused": campaign.is_paused,
        "target_interests": [i.slug for i in campaign.target_interests.all()],
        "target_scenarios": [s.slug for s in campaign.target_scenarios.all()],
        "items": [{"id": e.item_id, "title": e.item.title, "state": e.state, "origin": e.origin} for e in entries],
        "stats_url": request.build_absolute_uri(stats) if request else stats,
    }


class CampaignIn(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    daily_impression_cap = serializers.IntegerField(required=False, default=1000)
    frequency_cap = serializers.IntegerField(required=False, default=3)
    target_interests = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=50)
    target_scenarios = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=50)
    items = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ROW_ID), required=False,
                                  default=list, max_length=200)


class CampaignChangeIn(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False)
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    daily_impression_cap = serializers.IntegerField(required=False)
    frequency_cap = serializers.IntegerField(required=False)
    paused = serializers.BooleanField(required=False)


def _known(model: Any, slugs: list[str], field: str) -> list:
    found = list(model.objects.filter(slug__in=slugs, is_active=True))
    missing = sorted(set(slugs) - {f.slug for f in found})
    if missing:
        raise CampaignError({field: [f"未知的标识：{'、'.join(missing)}。"]})
    return found


class BrandCampaignsView(BrandAPIView):
    """GET: the brand's campaigns. POST: a new campaign (items must be the brand's own deals or
    promotions; the brand's other eligible items are proposed to editors)."""

    @extend_schema(operation_id="brand_campaigns_list", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        campaigns = described_campaigns(Campaign.objects.filter(brand_id=request.auth.brand_id))
        return Response({"brand": request.auth.brand.name, "results": [campaign_out(c, request) for c in campaigns]})

    @extend_schema(operation_id="brand_campaigns_create", request=CampaignIn, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        given = CampaignIn(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            items = list(Item.objects.filter(pk__in=data["items"]))
            missing = sorted(set(data["items"]) - {i.pk for i in items})
            if missing:
                raise CampaignError({"items": [f"内容不存在：{'、'.join(map(str, missing))}。"]})
            created = campaign_create(
                brand=request.auth.brand, name=data["name"], starts_on=data["starts_on"], ends_on=data["ends_on"],
                daily_impression_cap=data["daily_impression_cap"], frequency_cap=data["frequency_cap"],
                interests=_known(Interest, data["target_interests"], "target_interests"),
                scenarios=_known(Scenario, data["target_scenarios"], "target_scenarios"), items=items)
        except CampaignError as exc:
            return error_response(400, "invalid_campaign", "活动设置有误。", exc.fields)
        return Response(campaign_out(self.written_campaign(request, created.pk), request), status=201)


class BrandCampaignView(BrandAPIView):
    """GET: one of the brand's campaigns. PATCH: change its name, dates, caps or pause it."""

    @extend_schema(operation_id="brand_campaign_retrieve", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        campaign = self.own_campaign(request, pk)
        return Response(campaign_out(campaign, request)) if campaign else not_found()

    @extend_schema(operation_id="brand_campaign_update", request=CampaignChangeIn, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request: Request, pk: int) -> Response:
        campaign = self.own_campaign(request, pk)
        if campaign is None:
            return not_found()
        given = CampaignChangeIn(data=request.data)
        given.is_valid(raise_exception=True)
        changes = dict(given.validated_data)
        if "paused" in changes:
            changes["is_paused"] = changes.pop("paused")
        try:
            campaign_update(campaign=campaign, **changes)
        except CampaignError as exc:
            return error_response(400, "invalid_campaign", "活动设置有误。", exc.fields)
        return Response(campaign_out(self.written_campaign(request, pk), request))


class BrandCampaignStatsView(BrandAPIView):
    """Totals, a zero-filled time series, an optional breakdown (cells under 5 shoppers
    suppressed), CTR and click-out rate, and the previous period; `format=csv` for a file."""

    @extend_schema(operation_id="brand_campaign_stats", responses={200: OpenApiTypes.OBJECT}, parameters=[
        *STATS_PARAMETERS, OpenApiParameter("breakdown", str, enum=list(BREAKDOWNS)),
        OpenApiParameter("compare", str, enum=list(COMPARES)), OpenApiParameter("format", str, enum=["json", "csv"]),
    ])
    def get(self, request: Request, pk: int) -> HttpResponse:
        campaign = self.own_campaign(request, pk, described=False)
        if campaign is None:
            return not_found()
        try:
            query = stats_query(request.query_params)
        except StatsQueryError as exc:
            return error_response(400, "invalid_query", str(exc), {exc.field: [str(exc)]})
        body = campaign_stats(campaign, query)
        if query.format == "csv":
            response = HttpResponse("\ufeff" + stats_csv(body), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}-{query.start}-{query.end}.csv"'
            return response
        return Response(body)


class BrandMentionsView(BrandAPIView):
    """Organic items naming the brand: count, sentiment, worth, share of voice by interest and
    platform, the most positive and negative."""

    @extend_schema(operation_id="brand_mentions", parameters=STATS_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        try:
            query = stats_query(request.query_params, time_only=True)
        except StatsQueryError as exc:
            return error_response(400, "invalid_query", str(exc), {exc.field: [str(exc)]})
        return Response(brand_mentions(request.auth.brand, start=query.start, end=query.end, interval=query.interval))


# Editors -------------------------------------------------------------------------------------

class IsEditor(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return is_editor(request.user)


def proposal_out(entry: CampaignItem) -> dict:
    item = entry.item
    return {"id": entry.pk, "state": entry.state, "origin": entry.origin,
            "campaign": {"id": entry.campaign_id, "name": entry.campaign.name, "brand": entry.campaign.brand.name},
            "item": {"id": item.pk, "title": item.title, "kind": item.kind, "brand": item.brand,
                     "platform": item.source.platform, "url": item.url}}


class CampaignProposalsView(APIView):
    """Items proposed for campaigns by brand / product match, waiting for an editor."""

    permission_classes = [IsAuthenticated, IsEditor]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response({"results": [proposal_out(e) for e in proposals_pending()[:200]]})


class CampaignProposalDecisionView(APIView):
    """`{"decision": "confirm" | "reject"}` on a proposed item."""

    permission_classes = [IsAuthenticated, IsEditor]

    @extend_schema(request=inline_serializer("ProposalDecisionIn", {"decision": serializers.ChoiceField(["confirm", "reject"])}),
                   responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int) -> Response:
        entry = CampaignItem.objects.select_related("campaign__brand", "item__source").filter(pk=pk).first()
        if entry is None:
            return error_response(404, "not_found", "推荐内容不存在。")
        decision = request.data.get("decision") if isinstance(request.data, dict) else None
        if decision not in ("confirm", "reject"):
            return error_response(400, "invalid", "decision 应为 confirm 或 reject。", {"decision": ["无效的取值。"]})
        try:
            campaign_item_decide(entry=entry, editor=request.user, confirm=decision == "confirm")
        except CampaignError as exc:
            return error_response(400, "ineligible_item", "这条内容不能参加活动。", exc.fields)
        return Response(proposal_out(entry))

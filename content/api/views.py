from datetime import UTC, datetime, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.api.serializers import ItemCardOut, ItemOut
from content.auth import IsSource, SourceKeyAuthentication
from content.constants import ITEM_KINDS, ITEM_STATUSES, PLATFORMS, choices
from content.ingest import items_ingest
from content.models import Item
from content.scoring.dimensions import DIMENSION_KEYS
from content.selectors import favorites_of, items_in_order, items_visible_to
from guide.errors import error_response

INGEST_RESULT_FIELDS = {
    "index": serializers.IntegerField(),
    "external_id": serializers.CharField(allow_null=True),
    "outcome": serializers.ChoiceField(["accepted", "duplicate", "rejected"]),
    "id": serializers.IntegerField(allow_null=True),
    "duplicate_of": serializers.IntegerField(allow_null=True),
    "errors": serializers.DictField(child=serializers.ListField(), allow_null=True),
    "created": serializers.BooleanField(),
    "changed": serializers.BooleanField(),
}


class IngestView(APIView):
    """Partner platforms push a batch of at most 500 items with their source key."""

    authentication_classes = [SourceKeyAuthentication]
    permission_classes = [IsSource]

    @extend_schema(
        request=inline_serializer(
            "IngestRequest", {"items": serializers.ListField(child=serializers.DictField())}
        ),
        responses={
            202: inline_serializer(
                "IngestResponse",
                {"results": inline_serializer("IngestResult", INGEST_RESULT_FIELDS, many=True)},
            ),
            400: OpenApiResponse(description='请求体不是 {"items": [...]}'),
            401: OpenApiResponse(description="缺少或未知的来源密钥"),
            413: OpenApiResponse(description="超过 500 项或请求体过大"),
        },
    )
    def post(self, request: Request) -> Response:
        too_large = error_response(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            "too_large",
            f"请求体过大：最多 {settings.INGEST_MAX_BODY_BYTES // (1024 * 1024)} MB。",
        )
        if int(request.META.get("CONTENT_LENGTH") or 0) > settings.INGEST_MAX_BODY_BYTES:
            return too_large
        try:
            payload = request.data
        except RequestDataTooBig:
            return too_large
        items = payload.get("items") if isinstance(payload, dict) else None
        if not isinstance(items, list):
            return error_response(400, "invalid_envelope", '请求体应为 {"items": [...]}。')
        if not items:
            return error_response(400, "empty_batch", "items 不能为空。")
        if len(items) > settings.INGEST_MAX_ITEMS:
            return error_response(
                status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                "batch_too_large",
                f"一批最多 {settings.INGEST_MAX_ITEMS} 项，收到 {len(items)} 项；请分批推送。",
            )
        outcomes = items_ingest(source=request.auth, raw_items=items)
        return Response({"results": [o.as_dict() for o in outcomes]}, status=status.HTTP_202_ACCEPTED)


# Times a filter may name: PostgreSQL refuses UTC offsets beyond ±15:59 (a 500 before this check),
# and no item is older than 1970 or younger than 2100.
FILTER_TIME_RANGE = (datetime(1970, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
MAX_UTC_OFFSET = timedelta(hours=14)  # the widest real offset (Kiribati, UTC+14:00)


class BoundedIsoDateTimeField(IsoDateTimeField):
    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        offset = moment.utcoffset() or timedelta(0)
        if abs(offset) > MAX_UTC_OFFSET or not FILTER_TIME_RANGE[0] <= moment < FILTER_TIME_RANGE[1]:
            raise forms.ValidationError("时间超出范围：应在 1970 到 2099 年之间，时区偏移不超过 ±14:00。",
                                        code="out_of_range")
        return moment


class BoundedIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class ItemFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=choices(ITEM_KINDS))
    status = filters.ChoiceFilter(choices=choices(ITEM_STATUSES))
    platform = filters.ChoiceFilter(field_name="source__platform", choices=choices(PLATFORMS))
    source = filters.CharFilter(field_name="source__name")
    brand = filters.CharFilter()
    sponsored = filters.BooleanFilter()
    published_after = BoundedIsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = BoundedIsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    originals_only = filters.BooleanFilter(field_name="duplicate_of", lookup_expr="isnull")

    ordering = filters.OrderingFilter(
        fields=[("published_at", "published_at"), ("fetched_at", "fetched_at"), ("price", "price"),
                ("score__worth_score", "worth_score"), ("score__scored_at", "scored_at"),
                *((f"score__{key}", key) for key in DIMENSION_KEYS)],
        help_text="worth_score、published_at、price 或任一维度；前加 - 为降序",
    )

    class Meta:
        model = Item
        fields: list[str] = []


# min_<key> / max_<key> for the 值得买 index and every dimension, derived from the one key list.
for _key in ("worth_score", *DIMENSION_KEYS):
    ItemFilter.base_filters[f"min_{_key}"] = filters.NumberFilter(field_name=f"score__{_key}", lookup_expr="gte")
    ItemFilter.base_filters[f"max_{_key}"] = filters.NumberFilter(field_name=f"score__{_key}", lookup_expr="lte")


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Items: anyone sees approved and featured items; editors see all, and can filter by status."""

    serializer_class = ItemOut
    filterset_class = ItemFilter

    def get_queryset(self):
        return items_visible_to(self.request.user)


class MyFavoritesView(APIView):
    """我的收藏: the shopper's saved items still shown, as cards, newest saved first (`?page=`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("page", int)], responses={200: inline_serializer("MyFavorites", {
        "count": serializers.IntegerField(), "removed": serializers.IntegerField(help_text="已下架、不再显示的收藏数"),
        "next": serializers.CharField(allow_null=True), "results": ItemCardOut(many=True)})})
    def get(self, request: Request) -> Response:
        shown, removed = favorites_of(user=request.user)
        paginator = PageNumberPagination()
        ids = paginator.paginate_queryset(shown, request, view=self)
        return Response({"count": len(shown), "removed": removed, "next": paginator.get_next_link(),
                         "results": ItemCardOut(items_in_order(ids), many=True).data})

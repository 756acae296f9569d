"""The editors' API: the risk-ranked queue, decisions (one and bulk), the audit trail, queue
health, scoring-profile drafts with preview and activation; and the public transparency log.
Thin doors onto content.moderation."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.api.serializers import ItemOut
from content.api.views import ItemFilter
from content.constants import MAX_ROW_ID, MAX_VERSION, REASON_CODES
from content.models import AuditRecord, Item, ScoringProfile
from content.moderation import audit, decisions, profiles, queue
from content.moderation.decisions import Decision, DecisionError
from content.scoring.dimensions import DIMENSION_KEYS
from guide.errors import error_response
from guide.roles import is_editor

ERRORS = {
    400: OpenApiResponse(description="参数有误：{error: {code, message, fields}}"),
    401: OpenApiResponse(description="未登录或密钥无效"),
    403: OpenApiResponse(description="不是编辑"),
}


class IsEditor(BasePermission):
    """Editors only: anonymous callers get 401, shoppers and brand members 403."""

    message = "只有编辑可以使用审核台。"

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_editor(request.user)


def decision_error(exc: DecisionError) -> Response:
    return error_response(exc.status, exc.code, exc.message, exc.fields)


# The queue ---------------------------------------------------------------------------------------

class QueuePagination(CursorPagination):
    ordering = ("-priority", "fetched_at", "pk")
    page_size = 20
    page_size_query_param = "limit"
    max_page_size = 100


class QueueItemOut(ItemOut):
    version = serializers.IntegerField()
    priority = serializers.FloatField(help_text="风险优先级：把关风险 + 各风险原因的加分")
    reasons = serializers.SerializerMethodField(help_text="[{code, label}]：为什么在队列里")
    reports = serializers.SerializerMethodField(help_text="待处理的用户举报与申诉（不含举报人）")

    class Meta(ItemOut.Meta):
        fields = [*ItemOut.Meta.fields, "version", "priority", "reasons", "reports"]

    def get_reasons(self, item: Item) -> list[dict[str, str]]:
        return [{"code": code, "label": queue.RISK_REASONS[code].label}
                for code in self.context.get("reasons", {}).get(item.pk, [])]

    def get_reports(self, item: Item) -> list[dict[str, Any]]:
        return [{"kind": f.kind, "category": f.category, "category_name": f.get_category_display(), "reason": f.reason,
                 "created_at": serializers.DateTimeField().to_representation(f.created_at)}
                for f in item.open_feedback]


QUEUE_PARAMETERS = [
    OpenApiParameter("reason", str, enum=list(queue.RISK_REASONS), description="只看带这个风险原因的"),
    OpenApiParameter("interest", str, description="兴趣 slug（含子兴趣）"),
    OpenApiParameter("min_age_hours", float, description="入库至少多少小时"),
    OpenApiParameter("max_age_hours", float, description="入库至多多少小时"),
    OpenApiParameter("limit", int),
]


class QueueView(ListAPIView):
    """Items waiting for an editor, highest risk first, with the twelve scores, explanations,
    why each is here and the open reports; `counts` gives the queue's size per reason."""

    permission_classes = [IsEditor]
    serializer_class = QueueItemOut
    pagination_class = QueuePagination
    filterset_class = ItemFilter

    def get_queryset(self) -> QuerySet[Item]:
        return queue.queue_items()

    @extend_schema(parameters=QUEUE_PARAMETERS, responses={200: QueueItemOut(many=True), **ERRORS})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        own = _queue_params(request)
        if isinstance(own, Response):
            return own
        items = queue.queue_filter(self.filter_queryset(self.get_queryset()), **own)
        page = list(self.paginate_queryset(items))
        ids = [item.pk for item in page]
        page = queue.queue_page(ids)
        serializer = self.get_serializer(page, many=True, context={"reasons": queue.reasons_of(page)})
        response = self.get_paginated_response(serializer.data)
        response.data["counts"] = queue.reason_counts(items)
        response.data["reason_names"] = {code: reason.label for code, reason in queue.RISK_REASONS.items()}
        return response


def _queue_params(request: Request) -> dict[str, Any] | Response:
    params = request.query_params
    own: dict[str, Any] = {"reason": params.get("reason", ""), "interest": params.get("interest", "")}
    if own["reason"] and own["reason"] not in queue.RISK_REASONS:
        return error_response(400, "unknown_reason", f"未知的风险原因：{own['reason'][:40]}。",
                              {"reason": [f"可选：{'、'.join(queue.RISK_REASONS)}"]})
    for name in ("min_age_hours", "max_age_hours"):
        raw = params.get(name)
        try:
            own[name] = float(raw) if raw not in (None, "") else None
        except ValueError:
            own[name] = -1.0
        if own[name] is not None and not 0 <= own[name] <= 24 * 366:
            return error_response(400, "invalid", f"{name} 应为 0 到 8784 之间的小时数。", {name: [str(raw)[:40]]})
    return own


# Decisions ---------------------------------------------------------------------------------------

def tag_list(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.SlugField(max_length=64), max_length=decisions.MAX_TAGS,
                                 required=False, help_text=help_text)


class DecisionFields(serializers.Serializer):
    action = serializers.ChoiceField(list(decisions.ACTIONS),
                                     help_text="、".join(f"{k}：{v}" for k, v in decisions.ACTIONS.items()))
    reason = serializers.ChoiceField(list(REASON_CODES), required=False, allow_blank=True,
                                     help_text="原因代码（拒绝时必填），与用户举报共用：" + "、".join(REASON_CODES))
    note = serializers.CharField(required=False, allow_blank=True, max_length=decisions.MAX_NOTE)
    duplicate_of = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ROW_ID, help_text="merge：原始内容的 id")
    interests = tag_list("retag：兴趣 slug，第一个为主兴趣")
    scenarios = tag_list("retag：场景 slug（可为空列表）")

    def decision(self) -> Decision:
        data = self.validated_data
        return Decision(action=data["action"], reason=data.get("reason", ""), note=data.get("note", ""),
                        duplicate_of=data.get("duplicate_of"), interests=data.get("interests"),
                        scenarios=data.get("scenarios"))


class DecisionIn(DecisionFields):
    version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION, help_text="你看到的内容版本；已被改动则 409")


class BulkItemIn(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=MAX_ROW_ID)
    version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION)


class BulkDecisionIn(DecisionFields):
    items = serializers.ListField(child=BulkItemIn(), min_length=1, max_length=decisions.MAX_BULK)


class DecidedOut(serializers.ModelSerializer):
    """The item as the decision left it (its new version for the next decision)."""

    moderation_reason = serializers.CharField(help_text="最近一次决定的原因代码；没有时为空字符串")

    class Meta:
        model = Item
        fields = ["id", "status", "version", "sponsored", "duplicate_of", "expires_at", "moderation_reason",
                  "moderated_at"]


class DecisionView(APIView):
    """One decision on one item, on the version the editor saw."""

    permission_classes = [IsEditor]

    @extend_schema(request=DecisionIn, responses={
        200: DecidedOut, **ERRORS, 404: OpenApiResponse(description="内容不存在"),
        409: OpenApiResponse(description="版本已过期（stale_version）或状态不允许该操作"),
    })
    def post(self, request: Request, pk: int) -> Response:
        form = DecisionIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            item = decisions.item_decide(item_id=pk, decision=form.decision(), version=form.validated_data["version"],
                                         editor=request.user)
        except DecisionError as exc:
            return decision_error(exc)
        return Response(DecidedOut(item).data)


class BulkDecisionView(APIView):
    """The same decision on up to 500 items, all or nothing."""

    permission_classes = [IsEditor]

    @extend_schema(request=BulkDecisionIn, responses={
        200: inline_serializer("BulkDecided", {"results": DecidedOut(many=True)}), **ERRORS,
        404: OpenApiResponse(description="有不存在的内容（全部不执行）"),
        409: OpenApiResponse(description="有版本过期或状态不允许的内容（全部不执行）"),
    })
    def post(self, request: Request) -> Response:
        form = BulkDecisionIn(data=request.data)
        form.is_valid(raise_exception=True)
        selection = [(entry["id"], entry["version"]) for entry in form.validated_data["items"]]
        try:
            items = decisions.items_decide(selection=selection, decision=form.decision(), editor=request.user)
        except DecisionError as exc:
            return decision_error(exc)
        return Response({"results": DecidedOut(items, many=True).data})


# Audit and health --------------------------------------------------------------------------------

class AuditOut(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name")
    reason = serializers.CharField(help_text="原因代码；没有时为空字符串")

    class Meta:
        model = AuditRecord
        fields = ["id", "at", "actor", "action", "target_type", "target_id", "item", "title", "reason", "note",
                  "before", "after"]


class NewestFirst(CursorPagination):
    ordering = ("-at", "-pk")
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200


class AuditView(ListAPIView):
    """Every editor change, newest first; filter by actor, action, target_type, item."""

    permission_classes = [IsEditor]
    serializer_class = AuditOut
    pagination_class = NewestFirst
    filterset_class = None

    @extend_schema(parameters=[OpenApiParameter("actor", str), OpenApiParameter("action", str),
                               OpenApiParameter("target_type", str, enum=list(AuditRecord.TARGETS)),
                               OpenApiParameter("item", int)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[AuditRecord]:
        params = self.request.query_params
        item = params.get("item", "")
        return audit.audit_records(actor=params.get("actor", "")[:150], action=params.get("action", "")[:20],
                                   target_type=params.get("target_type", "")[:20],
                                   item_id=int(item) if item.isdigit() and len(item) < 12 else None)


class HealthView(APIView):
    """Queue size, age of the oldest item, auto-approval and auto-rejection rates (last 7
    days), decisions per editor per day."""

    permission_classes = [IsEditor]

    @extend_schema(responses={200: inline_serializer("QueueHealth", {
        "size": serializers.IntegerField(), "oldest_at": serializers.DateTimeField(allow_null=True),
        "scored": serializers.IntegerField(), "auto_approved": serializers.FloatField(),
        "auto_rejected": serializers.FloatField(), "decisions_per_editor": serializers.DictField()}), **ERRORS})
    def get(self, request: Request) -> Response:
        return Response(queue.queue_health().__dict__)


# Scoring profiles --------------------------------------------------------------------------------

class ProfileOut(serializers.ModelSerializer):
    class Meta:
        model = ScoringProfile
        fields = ["id", "version", "name", "note", "weights", *profiles.THRESHOLDS, "is_active", "is_draft",
                  "created_at", "activated_at"]


ProfileIn = inline_serializer("ScoringProfileIn", {
    "name": serializers.CharField(), "note": serializers.CharField(required=False),
    "weights": serializers.DictField(child=serializers.FloatField(), help_text="每个维度 0–10：" + "、".join(DIMENSION_KEYS)),
    **{name: serializers.FloatField(help_text="0–100") for name in profiles.THRESHOLDS},
})


class ProfilesView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(operation_id="v1_moderation_profiles_list",
                   responses={200: inline_serializer("ScoringProfileList", {"results": ProfileOut(many=True)}), **ERRORS})
    def get(self, request: Request) -> Response:
        return Response({"results": ProfileOut(ScoringProfile.objects.order_by("-created_at", "-pk")[:100], many=True).data})

    @extend_schema(request=ProfileIn, responses={201: ProfileOut, **ERRORS})
    def post(self, request: Request) -> Response:
        """A new draft (never active until activated)."""
        try:
            draft = profiles.profile_draft_save(values=_dict(request.data), editor=request.user)
        except DecisionError as exc:
            return decision_error(exc)
        return Response(ProfileOut(draft).data, status=201)


def _dict(data: Any) -> dict:
    return data if isinstance(data, dict) else {}


class ProfileView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(responses={200: ProfileOut, **ERRORS, 404: OpenApiResponse(description="方案不存在")})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ProfileOut(get_object_or_404(ScoringProfile, pk=pk)).data)

    @extend_schema(request=ProfileIn,
                   responses={200: ProfileOut, **ERRORS, 409: OpenApiResponse(description="已启用的方案不能修改")})
    def put(self, request: Request, pk: int) -> Response:
        draft = get_object_or_404(ScoringProfile, pk=pk)
        try:
            draft = profiles.profile_draft_save(values=_dict(request.data), editor=request.user, draft=draft)
        except DecisionError as exc:
            return decision_error(exc)
        return Response(ProfileOut(draft).data)


class ProfilePreviewView(APIView):
    """How many pending / approved / rejected items the draft would move, with examples."""

    permission_classes = [IsEditor]

    @extend_schema(responses={200: inline_serializer("ProfilePreview", {
        "items": serializers.IntegerField(), "moves": serializers.ListField(child=serializers.DictField()),
        "gates": serializers.DictField(), "mean_worth_change": serializers.FloatField()}), **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        draft = get_object_or_404(ScoringProfile, pk=pk)
        return Response(profiles.profile_preview(draft=draft).as_dict())


class ProfileActivateView(APIView):
    """Activate a draft: audited, applied to every stored score (what its preview showed)."""

    permission_classes = [IsEditor]

    def has_activate_permission(self, request: Request) -> bool:
        return request.user.has_perm("content.activate_scoringprofile")

    @extend_schema(request=None, responses={200: ProfileOut, **ERRORS, 409: OpenApiResponse(description="不是草稿")})
    def post(self, request: Request, pk: int) -> Response:
        if not self.has_activate_permission(request):
            return error_response(403, "permission_denied", "没有启用评分方案的权限。")
        draft = get_object_or_404(ScoringProfile, pk=pk)
        try:
            profile = profiles.profile_activate(draft=draft, editor=request.user)
        except DecisionError as exc:
            return decision_error(exc)
        return Response(ProfileOut(profile).data)


# The public log ----------------------------------------------------------------------------------

class TransparencyView(ListAPIView):
    """Public: what editors removed, merged, featured, ended or changed on lists, and why (the
    reason code) — never who reported or who decided."""

    permission_classes = [AllowAny]
    pagination_class = NewestFirst
    filterset_class = None

    def get_queryset(self) -> QuerySet[AuditRecord]:
        return audit.transparency_log()

    @extend_schema(responses={200: inline_serializer("TransparencyEntry", {
        "id": serializers.IntegerField(), "at": serializers.DateTimeField(), "action": serializers.CharField(),
        "action_name": serializers.CharField(), "reason": serializers.CharField(allow_null=True),
        "reason_name": serializers.CharField(allow_null=True),
        "item": serializers.IntegerField(allow_null=True), "title": serializers.CharField(),
        "list": serializers.CharField(required=False), "list_name": serializers.CharField(required=False),
        "note": serializers.CharField(required=False),
        "merged_into": serializers.IntegerField(required=False, allow_null=True)},
        many=True)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([audit.public_entry(record) for record in page])

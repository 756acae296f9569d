"""Editors pin or remove list entries (recommender.overrides): the API under
/api/v1/moderation/lists/overrides/ and the forms of the list page."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.api.moderation import ERRORS, IsEditor, decision_error
from content.constants import MAX_ROW_ID, REASON_CODES
from content.desk import editor_required
from content.moderation.decisions import DecisionError
from guide.roles import is_editor
from recommender.models import PERIODS, ListOverride
from recommender.overrides import list_override_delete, list_override_set


class OverrideIn(serializers.Serializer):
    slug = serializers.SlugField(max_length=64, help_text="overall 或一级兴趣")
    period = serializers.ChoiceField(["", *PERIODS], required=False, default="", help_text="留空则两个周期都适用")
    item = serializers.IntegerField(min_value=1, max_value=MAX_ROW_ID)
    action = serializers.ChoiceField(list(ListOverride.ACTIONS))
    position = serializers.IntegerField(min_value=1, required=False, default=1)
    reason = serializers.CharField(max_length=200, help_text="公开在透明度日志里")
    reason_code = serializers.ChoiceField(list(REASON_CODES), required=False, allow_blank=True, default="")


class OverrideOut(serializers.ModelSerializer):
    class Meta:
        model = ListOverride
        fields = ["id", "slug", "period", "item", "action", "position", "reason", "created_at"]


class OverridesView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(responses={200: inline_serializer("ListOverrideList", {"results": OverrideOut(many=True)}), **ERRORS})
    def get(self, request: Request) -> Response:
        return Response({"results": OverrideOut(ListOverride.objects.order_by("slug", "period", "position"), many=True).data})

    @extend_schema(request=OverrideIn, responses={201: OverrideOut, **ERRORS,
                                                  404: OpenApiResponse(description="榜单或内容不存在"),
                                                  409: OpenApiResponse(description="内容不能上榜")})
    def post(self, request: Request) -> Response:
        form = OverrideIn(data=request.data)
        form.is_valid(raise_exception=True)
        data: dict[str, Any] = form.validated_data
        try:
            override = list_override_set(slug=data["slug"], period=data["period"], item_id=data["item"],
                                         action=data["action"], position=data["position"], reason=data["reason"],
                                         reason_code=data["reason_code"], editor=request.user)
        except DecisionError as exc:
            return decision_error(exc)
        return Response(OverrideOut(override).data, status=201)


class OverrideView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(responses={204: None, **ERRORS, 404: OpenApiResponse(description="不存在")})
    def delete(self, request: Request, pk: int) -> Response:
        try:
            list_override_delete(override_id=pk, editor=request.user)
        except DecisionError as exc:
            return decision_error(exc)
        return Response(status=204)


# The list page's forms ---------------------------------------------------------------------------

def list_editing(request: HttpRequest, slug: str, period: str, entries: list) -> dict[str, Any]:
    """What the list page adds for an editor: the entries to pin or remove, the overrides in force."""
    if not is_editor(request.user):
        return {}
    return {"editing": {
        "overrides": list(ListOverride.objects.filter(slug=slug, period__in=("", period)).select_related("item")
                          .order_by("action", "position")),
        "reason_codes": list(REASON_CODES.items()),
    }}


@require_POST
@editor_required
def list_override_form(request: HttpRequest, slug: str) -> HttpResponse:
    period = request.POST.get("period", "")
    back = reverse("list-page", args=[slug]) + (f"?period={period}" if period else "")
    try:
        item_id = int(request.POST.get("item", ""))
        position = int(request.POST.get("position") or 1)
    except ValueError:
        messages.error(request, "内容编号和位置应为数字。")
        return HttpResponseRedirect(back)
    try:
        list_override_set(slug=slug, period=request.POST.get("scope", period) if request.POST.get("scope") != "all" else "",
                          item_id=item_id, action=request.POST.get("action", ""), position=position,
                          reason=request.POST.get("reason", ""), reason_code=request.POST.get("reason_code", ""),
                          editor=request.user)
    except DecisionError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(back)
    messages.success(request, "已调整榜单，并记入审核记录和透明度日志。")
    return HttpResponseRedirect(back)


@require_POST
@editor_required
def list_override_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    override = ListOverride.objects.filter(pk=pk).first()
    if override is None:
        raise PermissionDenied("这条榜单调整不存在或已撤销。")
    back = reverse("list-page", args=[override.slug]) + (f"?period={override.period}" if override.period else "")
    try:
        list_override_delete(override_id=pk, editor=request.user)
    except DecisionError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(back)
    messages.success(request, "已撤销这条榜单调整。")
    return HttpResponseRedirect(back)

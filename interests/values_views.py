"""The shopper's say over which dimensions she weighs (interests.values): the API
(GET / PUT /api/v1/me/values/) and the form on 我的兴趣. Thin: validate, one service, answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.scoring.dimensions import DIMENSIONS
from guide.errors import error_response
from interests.models import ShopperValues
from interests.values import (
    parse_chosen,
    values_choose,
    values_for_shopper,
    values_switch_off,
    values_use_learned,
)
from interests.views import my_interests

VALUE_DIMENSION = inline_serializer(
    "ValueDimension",
    {
        "key": serializers.ChoiceField(list(DIMENSIONS)),
        "name": serializers.CharField(),
        "learned": serializers.FloatField(help_text="从行为学到的，−1..1"),
        "chosen": serializers.FloatField(help_text="自己设定的，−1..1"),
        "weight": serializers.FloatField(help_text="推荐流实际使用的，−1..1"),
        "reason": serializers.CharField(),
    },
    many=True,
)
MY_VALUES = inline_serializer(
    "MyValues",
    {
        "mode": serializers.ChoiceField(list(ShopperValues.MODES)),
        "mode_name": serializers.CharField(),
        "dimensions": VALUE_DIMENSION,
        "opened": serializers.IntegerField(),
        "skipped": serializers.IntegerField(),
        "learned_at": serializers.DateTimeField(allow_null=True),
        "needs": serializers.IntegerField(help_text="还需要多少条点开 / 略过的内容才能学习"),
    },
)
VALUES_IN = inline_serializer(
    "MyValuesIn",
    {
        "mode": serializers.ChoiceField(list(ShopperValues.MODES)),
        "weights": serializers.DictField(
            child=serializers.FloatField(), required=False, help_text="mode 为 chosen 时必填：{维度: −1..1}"
        ),
    },
)


class MyValuesView(APIView):
    """GET: the dimensions I weigh and why. PUT {"mode": "chosen", "weights": {…}} sets them
    myself, {"mode": "learned"} goes back to what my behaviour says, {"mode": "off"} stops the
    feed ranking by them."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MY_VALUES})
    def get(self, request: Request) -> Response:
        return Response(values_for_shopper(user=request.user))

    @extend_schema(request=VALUES_IN, responses={200: MY_VALUES})
    def put(self, request: Request) -> Response:
        body = request.data if isinstance(request.data, dict) else {}
        mode = body.get("mode")
        if not isinstance(mode, str) or mode not in ShopperValues.MODES:
            return error_response(
                400, "invalid", f"mode 应为：{'、'.join(ShopperValues.MODES)}。", {"mode": ["无效的取值。"]}
            )
        if mode == "chosen":
            weights, errors = parse_chosen(body.get("weights"))
            if weights is None:
                return error_response(400, "invalid", "weights 有误，没有改变。", errors)
            values_choose(user=request.user, weights=weights)
        elif "weights" in body:
            return error_response(
                400, "invalid", "只有 mode 为 chosen 时才能带 weights。", {"weights": ["不应出现。"]}
            )
        else:
            (values_use_learned if mode == "learned" else values_switch_off)(user=request.user)
        return Response(values_for_shopper(user=request.user))


@login_required
@require_POST
def my_values(request: HttpRequest) -> HttpResponse:
    """我的兴趣's form: action=choose with the ticked dimensions, action=learned, action=off."""
    action = request.POST.get("action", "")
    if action == "choose":
        weights, _ = parse_chosen(dict.fromkeys(request.POST.getlist("dimensions"), 1.0))
        if weights is None:
            messages.error(request, "没有改变：请至少勾选一个你看重的维度。")
            return my_interests(request, status=400)
        values_choose(user=request.user, weights=weights)
        messages.success(
            request, "已按你的选择排序：" + "、".join(f"「{DIMENSIONS[k]}」" for k in weights) + "。"
        )
    elif action == "learned":
        values_use_learned(user=request.user)
        messages.success(request, "已恢复为根据你的行为学习你看重的维度。")
    elif action == "off":
        values_switch_off(user=request.user)
        messages.success(request, "已关闭：推荐流不再按你看重的维度排序。")
    else:
        messages.error(request, "没有改变：未知的操作。")
        return my_interests(request, status=400)
    return redirect("my-interests-page")

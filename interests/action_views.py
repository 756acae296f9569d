"""The shopper's actions on an item over the API: 值 / 不值 and favourite. Thin: validate, call
one action of interests.actions, answer."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.constants import VISIBLE_STATUSES
from content.models import Item
from guide.errors import error_response
from interests.actions import VOTE_VALUES, item_favorite, item_vote, item_vote_retract, vote_counts

ITEM_ID = [OpenApiParameter("id", int, OpenApiParameter.PATH, description="内容 id")]


def _visible_item(pk: str) -> Item:
    """DRF's get_object_or_404: a pk that is not a number ("abc", "true") is a 404 too."""
    return get_object_or_404(Item.objects.filter(status__in=VISIBLE_STATUSES), pk=pk)


class ItemVoteView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=ITEM_ID, request=inline_serializer("VoteIn", {"value": serializers.ChoiceField(list(VOTE_VALUES))}),
                   responses={200: inline_serializer("VoteOut", {"value": serializers.CharField(allow_null=True),
                                                                 "worth": serializers.IntegerField(),
                                                                 "not_worth": serializers.IntegerField()})})
    def post(self, request: Request, pk: str) -> Response:
        """值 / 不值: one vote per shopper per item; voting again changes it."""
        item = _visible_item(pk)
        value = request.data.get("value") if isinstance(request.data, dict) else None
        if value not in VOTE_VALUES:
            return error_response(400, "invalid", "value 应为 worth（值）或 not_worth（不值）。", {"value": ["无效的取值。"]})
        item_vote(user=request.user, item=item, value=VOTE_VALUES[value])
        return Response({"value": value, **vote_counts(item)})

    @extend_schema(parameters=ITEM_ID, request=None, responses={200: inline_serializer("VoteRetracted", {
        "value": serializers.CharField(allow_null=True), "worth": serializers.IntegerField(),
        "not_worth": serializers.IntegerField()})})
    def delete(self, request: Request, pk: str) -> Response:
        """Retract the shopper's vote."""
        item = _visible_item(pk)
        item_vote_retract(user=request.user, item=item)
        return Response({"value": None, **vote_counts(item)})


class ItemFavoriteView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=ITEM_ID, request=inline_serializer("FavoriteIn", {"favorite": serializers.BooleanField()}),
                   responses={200: inline_serializer("FavoriteOut", {"favorite": serializers.BooleanField()})})
    def post(self, request: Request, pk: str) -> Response:
        """Save (`{"favorite": true}`, the default) or unsave an item."""
        item = _visible_item(pk)
        on = request.data.get("favorite", True) if isinstance(request.data, dict) else None
        if not isinstance(on, bool):
            return error_response(400, "invalid", "favorite 应为 true 或 false。", {"favorite": ["应为布尔值。"]})
        item_favorite(user=request.user, item=item, on=on)
        return Response({"favorite": on})

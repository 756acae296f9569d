from django.conf import settings
from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from guide import schema  # noqa: F401  (registers the OpenAPI extensions before any schema is made)
from guide.errors import error_response
from guide.lockout import client_address, locked_message, login_locked
from guide.services import user_token_create
from interests.accounts import anonymous_events_merge, known_visitor_id


class TokenIn(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    anonymous_id = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                         help_text="之前匿名浏览时服务器签发的 anonymous_id（事件接口的回答里给出）："
                                                   "这些行为会并入账号；未经签名的 ID 不会被采用")


class TokenView(APIView):
    """Username and password for a new user API token (shown once)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(
        request=TokenIn,
        responses={201: inline_serializer("TokenOut", {"token": serializers.CharField(), "username": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response:
        given = TokenIn(data=request.data)
        given.is_valid(raise_exception=True)
        user = authenticate(request, username=given.validated_data["username"], password=given.validated_data["password"])
        if user is None:
            if login_locked(username=given.validated_data["username"], address=client_address(request)):
                response = error_response(429, "locked_out", locked_message())
                response["Retry-After"] = str(settings.LOGIN_LOCKOUT_SECONDS)
                return response
            return error_response(400, "invalid_credentials", "用户名或密码错误。")
        raw = user_token_create(user=user, name=given.validated_data.get("name", ""))
        anonymous_id = known_visitor_id(request, given.validated_data.get("anonymous_id"))
        anonymous_events_merge(user=user, anonymous_id=anonymous_id)
        return Response({"token": raw, "username": user.get_username()}, status=status.HTTP_201_CREATED)

"""The 小值 assistant's doors: `POST /api/v1/assistant/` (DESIGN §6 shape) and the chat page
`/assistant/`. Thin: who is asking (shopper or visitor), whether their profile may be read, one
call to interests.assistant.conversation.assistant_turn."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from guide.errors import error_response
from interests.accounts import known_visitor_id, remember_visitor, visitor_id, visitor_token
from interests.assistant.conversation import AssistantError, assistant_turn, conversation_for
from interests.selectors import personalization_enabled
from interests.shopper import held_interests

PROFILE_INTERESTS = 3


def profile_interests(user: AbstractBaseUser | None) -> list[str] | None:
    """The shopper's strongest interests, read only when personalisation is on (None otherwise:
    a visitor, or a shopper who switched it off, whose profile the assistant never reads)."""
    if user is None or not personalization_enabled(user.pk):
        return None
    return [h.slug for h in held_interests(user=user) if h.state in ("auto", "followed")][:PROFILE_INTERESTS]


class AssistantThrottle(SimpleRateThrottle):
    """Per shopper, visitor or address: a conversation is a person typing, not a script."""

    def get_rate(self) -> str:
        return getattr(settings, "ASSISTANT_RATE", "60/min")

    def get_cache_key(self, request: Request, view) -> str:
        user = request.user
        ident = f"user:{user.pk}" if user and user.is_authenticated else f"anon:{self.get_ident(request)}"
        return f"throttle:assistant:{ident}"


class AssistantView(APIView):
    """One message to 小值: `{"conversation": id or null, "message"}` → `{"conversation", "reply",
    "intent": {"interests": [{slug, weight}], "scenario", "budget": {min, max}}, "solution"}`."""

    permission_classes = [AllowAny]
    throttle_classes = [AssistantThrottle]

    @extend_schema(
        request=inline_serializer("AssistantIn", {
            "conversation": serializers.CharField(allow_null=True, required=False,
                                                  help_text="之前回答里的 conversation；新对话为 null"),
            "message": serializers.CharField(help_text="想买什么、什么场景、预算多少（最多 10000 字）"),
            "anonymous_id": serializers.CharField(required=False, help_text="匿名访客：之前回答里的 anonymous_id")}),
        responses={200: inline_serializer("AssistantOut", {
            "conversation": serializers.CharField(), "reply": serializers.CharField(),
            "intent": serializers.DictField(), "solution": serializers.DictField(),
            "anonymous_id": serializers.CharField(required=False)})},
    )
    def post(self, request: Request) -> Response:
        body = request.data if isinstance(request.data, dict) else None
        if body is None:
            return error_response(400, "invalid", '请求体应为 {"conversation": null, "message": "…"}。')
        user = request.user if request.user.is_authenticated else None
        anonymous_id = "" if user else (known_visitor_id(request, body.get("anonymous_id")) or visitor_id(request))
        try:
            answer = assistant_turn(conversation_id=body.get("conversation"), message=body.get("message"), user=user,
                                    anonymous_id=anonymous_id, profile_interests=profile_interests(user))
        except AssistantError as exc:
            return error_response(exc.status, exc.code, exc.message,
                                  {"message": [exc.message]} if exc.status == 400 else None)
        if anonymous_id:
            answer["anonymous_id"] = visitor_token(anonymous_id)
        response = Response(answer)
        remember_visitor(request, response, anonymous_id)
        return response


def assistant_page(request: HttpRequest) -> HttpResponse:
    """/assistant/: the chat. Works without JavaScript: the form posts here, the answer is the
    conversation page (?c=…) with the solution laid out."""
    user = request.user if request.user.is_authenticated else None
    anonymous_id = "" if user else visitor_id(request)
    conversation, error, status = None, "", 200
    given = request.POST.get("conversation") or request.GET.get("c") or None
    if request.method == "POST":
        try:
            answer = assistant_turn(conversation_id=given, message=request.POST.get("message", ""), user=user,
                                    anonymous_id=anonymous_id, profile_interests=profile_interests(user))
            response = redirect(f"{request.path}?c={answer['conversation']}#latest")
            remember_visitor(request, response, anonymous_id)
            return response
        except AssistantError as exc:
            error, status = exc.message, exc.status
    if given:
        try:
            conversation = conversation_for(public_id=given, user=user, anonymous_id=anonymous_id)
        except AssistantError as exc:
            error, status = exc.message, exc.status
    turns = list(conversation.turns.all()) if conversation else []
    response = render(request, "interests/assistant.html", {
        "conversation": conversation, "turns": turns, "latest": turns[-1] if turns else None, "error": error,
        "message": request.POST.get("message", "")[:500] if error else ""}, status=status)
    remember_visitor(request, response, anonymous_id)
    return response

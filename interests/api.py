"""The interests API: the taxonomy, behaviour events, and the shopper's own interests and data."""

import re

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from guide.errors import error_response
from interests.accounts import known_visitor_id, remember_visitor, visitor_id, visitor_token
from interests.events import MAX_EVENTS, events_record
from interests.models import Interest, Scenario
from interests.profiles import profile_for
from interests.shopper import (
    held_interests,
    interest_delete,
    interest_follow,
    interest_mute,
    onboarding_complete,
    personalization_set,
    shopper_erase,
    shopper_export,
)

NAMED = {"slug": serializers.CharField(), "name": serializers.CharField()}
TAXONOMY = inline_serializer("Taxonomy", {
    "interests": inline_serializer("TopInterest", {**NAMED, "children": inline_serializer("ChildInterest", NAMED, many=True)},
                                   many=True),
    "scenarios": inline_serializer("ScenarioRef", NAMED, many=True),
})
HELD_FIELDS = {
    **NAMED, "parent": serializers.CharField(help_text="上级兴趣的 slug；顶层为空"),
    "state": serializers.ChoiceField(["auto", "followed", "muted"]), "score": serializers.FloatField(),
    "weight": serializers.FloatField(help_text="相对最强兴趣，0–1"), "reason": serializers.CharField(),
}
HELD = inline_serializer("HeldInterest", HELD_FIELDS)
HELD_LIST = inline_serializer("HeldInterests", {"results": inline_serializer("HeldInterest", HELD_FIELDS, many=True)})
SETTINGS = inline_serializer("MySettings", {"personalization": serializers.BooleanField()})


class InterestsView(APIView):
    """The taxonomy: top-level interests with their children, and the scenarios."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: TAXONOMY})
    def get(self, request: Request) -> Response:
        nodes = Interest.objects.filter(is_active=True).select_related("parent")
        children: dict[int, list] = {}
        for node in nodes:
            if node.parent_id:
                children.setdefault(node.parent_id, []).append({"slug": node.slug, "name": node.name})
        top = [{"slug": n.slug, "name": n.name, "children": children.get(n.pk, [])} for n in nodes if not n.parent_id]
        scenarios = [{"slug": s.slug, "name": s.name} for s in Scenario.objects.filter(is_active=True)]
        return Response({"interests": top, "scenarios": scenarios})


# 500 events with 200-character queries and full contexts stay under 1 MiB even with every
# character escaped as \uXXXX; twice that leaves room, and refuses megabytes of padding.
EVENTS_MAX_BODY_BYTES = 2 * 1024 * 1024


class EventsAddressThrottle(SimpleRateThrottle):
    """Per client address (behind NUM_PROXIES trusted proxies), whoever it claims to be: fresh
    anonymous ids or accounts per request do not get round it. Wider than the per-identity rate,
    since an office or a campus shares one address."""

    scope = "events_address"

    def get_cache_key(self, request: Request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class EventsThrottle(SimpleRateThrottle):
    """Per shopper or anonymous id (falling back to the address): a flood gets 429."""

    scope = "events"

    def get_cache_key(self, request: Request, view) -> str:
        if request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"anon:{view.anonymous_id(request) or self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class EventsView(APIView):
    """A batch of behaviour events from a signed-in shopper or an anonymous visitor. A visitor's
    id is issued here (or with the first page) and only ever taken back signed: the HttpOnly
    cookie `guide_aid`, or the `anonymous_id` token of an earlier answer in the body."""

    permission_classes = [AllowAny]
    throttle_classes = [EventsAddressThrottle, EventsThrottle]
    max_body_bytes = EVENTS_MAX_BODY_BYTES  # read by guide.parsers before anything is parsed

    @staticmethod
    def anonymous_id(request: Request) -> str:
        body = request.data if isinstance(request.data, dict) else {}
        return known_visitor_id(request, body.get("anonymous_id"))

    @extend_schema(
        request=inline_serializer("EventsIn", {"events": serializers.ListField(child=serializers.DictField()),
                                               "anonymous_id": serializers.CharField(required=False)}),
        responses={202: inline_serializer("EventsOut", {"accepted": serializers.IntegerField(),
                                                        "rejected": serializers.IntegerField(),
                                                        "results": serializers.ListField(child=serializers.DictField())})},
    )
    def post(self, request: Request) -> Response:
        events = request.data.get("events") if isinstance(request.data, dict) else None
        if not isinstance(events, list):
            return error_response(400, "invalid_envelope", '请求体应为 {"events": [...]}。')
        if not events:
            return error_response(400, "empty_batch", "events 不能为空。")
        if len(events) > MAX_EVENTS:
            return error_response(413, "batch_too_large", f"一批最多 {MAX_EVENTS} 个事件，收到 {len(events)} 个。")
        user = request.user if request.user.is_authenticated else None
        anonymous_id = "" if user else (self.anonymous_id(request) or visitor_id(request))
        outcomes = events_record(user=user, anonymous_id=anonymous_id, raw_events=events)
        accepted = sum(o.outcome == "accepted" for o in outcomes)
        body = {"accepted": accepted, "rejected": len(outcomes) - accepted, "results": [o.as_dict() for o in outcomes]}
        if not accepted:
            return Response({"error": {"code": "invalid", "message": "没有一个事件有效。", "fields": body["results"]}},
                            status=status.HTTP_400_BAD_REQUEST)
        token = {"anonymous_id": visitor_token(anonymous_id)} if anonymous_id else {}
        response = Response(body | token, status=status.HTTP_202_ACCEPTED)
        remember_visitor(request, response, anonymous_id)
        return response


MAX_FOLLOW = 100
INTEREST_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,64}\Z")  # as SlugField(max_length=64)


class MyInterestsView(APIView):
    """GET: every interest held about me, with its reason. POST {"follow": [slugs]}: follow
    interests (the onboarding step uses this)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: HELD_LIST})
    def get(self, request: Request) -> Response:
        return Response({"results": [h.as_dict() for h in held_interests(user=request.user)]})

    @extend_schema(request=inline_serializer("FollowIn", {"follow": serializers.ListField(
        child=serializers.CharField(max_length=64), min_length=1, max_length=MAX_FOLLOW)}), responses={201: HELD_LIST})
    def post(self, request: Request) -> Response:
        slugs = request.data.get("follow") if isinstance(request.data, dict) else None
        if not isinstance(slugs, list) or not slugs or not all(isinstance(s, str) for s in slugs):
            return error_response(400, "invalid", '请求体应为 {"follow": ["slug", ...]}。')
        if len(slugs) > MAX_FOLLOW or not all(INTEREST_SLUG.match(s) for s in slugs):
            return error_response(400, "invalid", f"follow 应为至多 {MAX_FOLLOW} 个兴趣 slug（字母、数字、连字符和下划线）。",
                                  {"follow": ["包含无效的 slug。"]})
        found = list(Interest.objects.filter(slug__in=slugs, is_active=True))
        unknown = sorted(set(slugs) - {i.slug for i in found})
        if unknown:
            return error_response(400, "unknown_interest", f"未知的兴趣：{'、'.join(unknown)}", {"follow": unknown})
        onboarding_complete(user=request.user, interests=found)
        return Response({"results": [h.as_dict() for h in held_interests(user=request.user)]}, status=201)


class MyInterestView(APIView):
    """DELETE: forget this interest (it stays deleted until I follow it again)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request: Request, slug: str) -> Response:
        interest_delete(user=request.user, interest=get_object_or_404(Interest, slug=slug))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyInterestActionView(APIView):
    """POST …/follow/ or …/mute/."""

    permission_classes = [IsAuthenticated]
    action = ""

    @extend_schema(request=None, responses={200: HELD})
    def post(self, request: Request, slug: str) -> Response:
        interest = get_object_or_404(Interest, slug=slug, is_active=True)
        (interest_follow if self.action == "follow" else interest_mute)(user=request.user, interest=interest)
        held = next(h for h in held_interests(user=request.user) if h.slug == slug)
        return Response(held.as_dict())


class MySettingsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: SETTINGS})
    def get(self, request: Request) -> Response:
        return Response({"personalization": profile_for(request.user).personalization_enabled})

    @extend_schema(request=SETTINGS, responses={200: SETTINGS})
    def put(self, request: Request) -> Response:
        value = request.data.get("personalization") if isinstance(request.data, dict) else None
        if not isinstance(value, bool):
            return error_response(400, "invalid", "personalization 应为 true 或 false。", {"personalization": ["应为布尔值。"]})
        return Response({"personalization": personalization_set(user=request.user, enabled=value).personalization_enabled})


class MyExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        response = Response(shopper_export(user=request.user))
        response["Content-Disposition"] = 'attachment; filename="guide-my-data.json"'
        return response


class MeView(APIView):
    """DELETE with {"confirm": true}: erase my account and everything tied to it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=inline_serializer("EraseIn", {"confirm": serializers.BooleanField()}), responses={204: None})
    def delete(self, request: Request) -> Response:
        if not (isinstance(request.data, dict) and request.data.get("confirm") is True):
            return error_response(400, "confirmation_required", '删除账号不可恢复；请在请求体中带上 {"confirm": true}。')
        shopper_erase(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

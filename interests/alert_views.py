"""Keyword alerts and notifications: the API (`/api/v1/me/alerts/…`, `/api/v1/me/notifications/…`)
and the pages (`/me/alerts/`, `/me/notifications/`). Thin doors onto interests.alerts."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guide.errors import error_response
from interests.alerts import AlertError, alert_create, alert_delete, notifications_mark_read, unread_count
from interests.models import KeywordAlert, Notification

NOTIFICATIONS_PAGE = 50


class AlertIn(serializers.Serializer):
    query = serializers.CharField(max_length=100, help_text="要关注的关键词，如「索尼 降噪耳机」")
    price_max = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True,
                                         min_value=Decimal("0.01"), help_text="只提醒不高于这个价格的内容")
    worth_min = serializers.FloatField(required=False, allow_null=True, min_value=0, max_value=100,
                                       help_text="只提醒值得买指数不低于这个数的内容")


class AlertOut(serializers.ModelSerializer):
    class Meta:
        model = KeywordAlert
        fields = ["id", "query", "price_max", "worth_min", "created_at"]


class NotificationOut(serializers.ModelSerializer):
    item = serializers.SerializerMethodField()
    alert = serializers.SerializerMethodField()
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "message", "item", "alert", "created_at", "read", "read_at"]

    def get_item(self, notification: Notification) -> dict:
        item = notification.item
        return {"id": item.pk, "title": item.title, "price": str(item.price) if item.price is not None else None,
                "link": f"/items/{item.pk}/"}

    def get_alert(self, notification: Notification) -> dict | None:
        alert = notification.alert
        return {"id": alert.pk, "query": alert.query} if alert else None

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


def my_notifications(user, *, before: int | None = None, unread_only: bool = False) -> list[Notification]:
    rows = Notification.objects.filter(user=user).select_related("item", "alert")
    if before is not None:
        rows = rows.filter(pk__lt=before)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return list(rows.order_by("-pk")[:NOTIFICATIONS_PAGE])


class MyAlertsView(APIView):
    """GET: my keyword alerts. POST {query, price_max?, worth_min?}: follow a query."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: inline_serializer("AlertsOut", {"results": AlertOut(many=True)})})
    def get(self, request: Request) -> Response:
        return Response({"results": AlertOut(KeywordAlert.objects.filter(user=request.user), many=True).data})

    @extend_schema(request=AlertIn, responses={201: AlertOut})
    def post(self, request: Request) -> Response:
        given = AlertIn(data=request.data if isinstance(request.data, dict) else {})
        given.is_valid(raise_exception=True)
        try:
            alert = alert_create(user=request.user, **given.validated_data)
        except AlertError as exc:
            return error_response(exc.status, exc.code, exc.message, {exc.field: [exc.message]} if exc.field else None)
        return Response(AlertOut(alert).data, status=status.HTTP_201_CREATED)


class MyAlertView(APIView):
    """DELETE: stop following (404 for an alert that is not mine)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        if not alert_delete(user=request.user, alert_id=pk):
            return error_response(404, "not_found", "没有这个关键词提醒。")
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyNotificationsView(APIView):
    """GET ?unread=1&before=<id>: my notifications, newest first (50 a page), and the unread count."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: inline_serializer("NotificationsOut", {
        "unread": serializers.IntegerField(), "results": NotificationOut(many=True),
        "next_before": serializers.IntegerField(allow_null=True)})})
    def get(self, request: Request) -> Response:
        before = request.query_params.get("before", "")
        if before and not (before.isdigit() and len(before) < 19):
            return error_response(400, "invalid_before", "before 应为通知 id（正整数）。", {"before": [before[:40]]})
        rows = my_notifications(request.user, before=int(before) if before else None,
                                unread_only=request.query_params.get("unread") in ("1", "true"))
        next_before = rows[-1].pk if len(rows) == NOTIFICATIONS_PAGE else None
        return Response({"unread": unread_count(user_id=request.user.pk),
                         "results": NotificationOut(rows, many=True).data, "next_before": next_before})


class MyUnreadView(APIView):
    """GET: how many of my notifications are unread (the header's count)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: inline_serializer("UnreadOut", {"unread": serializers.IntegerField()})})
    def get(self, request: Request) -> Response:
        return Response({"unread": unread_count(user_id=request.user.pk)})


class MyNotificationsReadView(APIView):
    """POST {"ids": [...]} or {"all": true}: mark notifications read."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=inline_serializer("ReadIn", {"ids": serializers.ListField(child=serializers.IntegerField(),
                                                                                      required=False),
                                                         "all": serializers.BooleanField(required=False)}),
                   responses={200: inline_serializer("ReadOut", {"marked": serializers.IntegerField(),
                                                                 "unread": serializers.IntegerField()})})
    def post(self, request: Request) -> Response:
        body = request.data if isinstance(request.data, dict) else {}
        ids = body.get("ids")
        if body.get("all") is True:
            ids = None
        elif not (isinstance(ids, list) and 0 < len(ids) <= 500
                  and all(isinstance(i, int) and not isinstance(i, bool) and 0 < i < 2**63 for i in ids)):
            return error_response(400, "invalid", '请求体应为 {"ids": [通知 id，至多 500 个]} 或 {"all": true}。')
        marked = notifications_mark_read(user=request.user, ids=ids)
        return Response({"marked": marked, "unread": unread_count(user_id=request.user.pk)})


# Pages -----------------------------------------------------------------------------------------

@login_required
def my_alerts(request: HttpRequest) -> HttpResponse:
    """/me/alerts/: my alerts and the form to follow a query (?q= fills it in from a search)."""
    form_errors: dict = {}
    if request.method == "POST":
        given = AlertIn(data={k: v for k, v in request.POST.items() if k in ("query", "price_max", "worth_min") and v})
        if given.is_valid():
            try:
                alert = alert_create(user=request.user, **given.validated_data)
                messages.success(request, f"已关注「{alert.query}」：有符合条件的新内容通过审核时，会在「通知」里提醒你。")
                return redirect("my-alerts-page")
            except AlertError as exc:
                form_errors = {exc.field or "query": [exc.message]}
        else:
            form_errors = {name: [str(e) for e in errs] for name, errs in given.errors.items()}
    context = {"alerts": KeywordAlert.objects.filter(user=request.user), "errors": form_errors,
               "q": (request.POST.get("query") or request.GET.get("q", ""))[:100],
               "price_max": request.POST.get("price_max", ""), "worth_min": request.POST.get("worth_min", "")}
    return render(request, "interests/alerts.html", context, status=400 if form_errors else 200)


@login_required
@require_POST
def my_alert_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if alert_delete(user=request.user, alert_id=pk):
        messages.success(request, "已取消关注。")
    return redirect("my-alerts-page")


@login_required
def my_notifications_page(request: HttpRequest) -> HttpResponse:
    """/me/notifications/: newest first; what was unread is marked, then counted as read."""
    rows = my_notifications(request.user)
    unread_ids = [n.pk for n in rows if n.read_at is None]
    if unread_ids:
        notifications_mark_read(user=request.user, ids=unread_ids)
    return render(request, "interests/notifications.html", {"notifications": rows, "unread_ids": set(unread_ids)})

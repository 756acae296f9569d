"""Server-rendered pages of search, keyword alerts, notifications and the 小值 assistant (the
other interests pages are routed in guide.urls)."""

from django.urls import path

from interests import alert_views, assistant_views, search_views, values_views

urlpatterns: list = [
    path("search/", search_views.search_page, name="search-page"),
    path("me/alerts/", alert_views.my_alerts, name="my-alerts-page"),
    path("me/alerts/<int:pk>/delete/", alert_views.my_alert_delete, name="my-alert-delete"),
    path("me/notifications/", alert_views.my_notifications_page, name="my-notifications-page"),
    path("assistant/", assistant_views.assistant_page, name="assistant-page"),
    path("me/values/", values_views.my_values, name="my-values-page"),
]

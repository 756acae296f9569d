from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from content.api.moderation import TransparencyView
from content.api.views import IngestView, ItemViewSet, MyFavoritesView
from guide import views
from guide.api import TokenView
from interests import action_views, alert_views, assistant_views, search_views
from interests import api as interests_api
from interests import views as interests_views
from interests.values_views import MyValuesView
from recommender import api as recommender_api
from recommender import brand_api, overrides_views

router = DefaultRouter()
router.register("items", ItemViewSet, basename="item")

api_v1 = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("interests/", interests_api.InterestsView.as_view(), name="interests"),
    path("events/", interests_api.EventsView.as_view(), name="events"),
    path("feed/", recommender_api.FeedView.as_view(), name="feed"),
    path("lists/", recommender_api.ListsView.as_view(), name="lists"),
    path("lists/<slug:slug>/", recommender_api.ListView.as_view(), name="list"),
    path("me/", interests_api.MeView.as_view(), name="me"),
    path("me/interests/", interests_api.MyInterestsView.as_view(), name="my-interests"),
    path("me/interests/<slug:slug>/", interests_api.MyInterestView.as_view(), name="my-interest"),
    path("me/interests/<slug:slug>/follow/", interests_api.MyInterestActionView.as_view(action="follow"),
         name="my-interest-follow"),
    path("me/interests/<slug:slug>/mute/", interests_api.MyInterestActionView.as_view(action="mute"), name="my-interest-mute"),
    path("me/settings/", interests_api.MySettingsView.as_view(), name="my-settings"),
    path("me/values/", MyValuesView.as_view(), name="my-values"),
    path("me/export/", interests_api.MyExportView.as_view(), name="my-export"),
    path("me/favorites/", MyFavoritesView.as_view(), name="my-favorites-api"),
    path("brand/campaigns/", brand_api.BrandCampaignsView.as_view(), name="brand-campaigns"),
    path("brand/campaigns/<int:pk>/", brand_api.BrandCampaignView.as_view(), name="brand-campaign-api"),
    path("brand/campaigns/<int:pk>/stats/", brand_api.BrandCampaignStatsView.as_view(), name="brand-campaign-stats"),
    path("brand/mentions/", brand_api.BrandMentionsView.as_view(), name="brand-mentions-api"),
    path("campaign-proposals/", brand_api.CampaignProposalsView.as_view(), name="campaign-proposals-api"),
    path("campaign-proposals/<int:pk>/decision/", brand_api.CampaignProposalDecisionView.as_view(),
         name="campaign-proposal-decision"),
    path("moderation/lists/overrides/", overrides_views.OverridesView.as_view(), name="moderation-list-overrides"),
    path("moderation/lists/overrides/<int:pk>/", overrides_views.OverrideView.as_view(), name="moderation-list-override"),
    path("moderation/", include("content.api.moderation_urls")),
    path("transparency/", TransparencyView.as_view(), name="transparency-api"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("me/alerts/", alert_views.MyAlertsView.as_view(), name="my-alerts"),
    path("me/alerts/<int:pk>/", alert_views.MyAlertView.as_view(), name="my-alert"),
    path("me/notifications/", alert_views.MyNotificationsView.as_view(), name="my-notifications"),
    path("me/notifications/read/", alert_views.MyNotificationsReadView.as_view(), name="my-notifications-read"),
    path("me/notifications/unread/", alert_views.MyUnreadView.as_view(), name="my-notifications-unread"),
    path("assistant/", assistant_views.AssistantView.as_view(), name="assistant"),
    # The shopper's actions on an item (interests), beside the items' read-only routes; any id
    # reaches the view, which answers one that is not a number with a 404, as the router did.
    re_path(r"^items/(?P<pk>[^/.]+)/vote/$", action_views.ItemVoteView.as_view(), name="item-vote"),
    re_path(r"^items/(?P<pk>[^/.]+)/favorite/$", action_views.ItemFavoriteView.as_view(), name="item-favorite"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("admin/", admin.site.urls),
    path("accounts/signup/", interests_views.signup, name="signup"),
    path("accounts/login/", interests_views.SignInView.as_view(), name="login"),  # the lockout's message
    path("accounts/", include("django.contrib.auth.urls")),
    path("me/onboarding/", interests_views.onboarding, name="onboarding"),
    path("me/interests/", interests_views.my_interests, name="my-interests-page"),
    re_path(r"^me/interests/(?P<slug>[-a-z0-9]+)/(?P<action>delete|follow|mute)/$", interests_views.my_interest_action,
            name="my-interest-page-action"),
    path("me/personalization/", interests_views.my_personalization, name="my-personalization"),
    path("me/delete/", interests_views.delete_account, name="delete-account"),
    path("api/v1/", include(api_v1)),  # first: the hot API paths resolve without trying the pages
    path("", include("content.urls")),
    path("", include("interests.urls")),  # search, alerts, notifications, the assistant
    path("", include("recommender.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

handler404 = "guide.views.page_not_found"
handler500 = "guide.views.server_error"

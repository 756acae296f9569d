"""Server-rendered pages of this app (the API lives under guide.urls' api/v1/)."""

from django.urls import path

from recommender import brand_views, overrides_views, views

urlpatterns = [
    path("circles/", views.circles, name="circles"),
    path("circles/<slug:slug>/", views.circle, name="circle"),
    path("lists/", views.worth_list, name="lists-page"),
    path("lists/<slug:slug>/", views.worth_list, name="list-page"),
    path("lists/<slug:slug>/overrides/", overrides_views.list_override_form, name="list-override-form"),
    path("lists/overrides/<int:pk>/withdraw/", overrides_views.list_override_withdraw, name="list-override-withdraw"),
    path("how-it-works/", views.how_it_works, name="how-it-works"),
    path("brand/", brand_views.brand_home, name="brand-home"),
    path("brand/<slug:slug>/", brand_views.brand_overview, name="brand-overview"),
    path("brand/<slug:slug>/campaigns/<int:pk>/", brand_views.brand_campaign, name="brand-campaign"),
    path("brand/<slug:slug>/campaigns/<int:pk>/stats.csv", brand_views.brand_campaign_csv, name="brand-campaign-csv"),
    path("brand/<slug:slug>/mentions/", brand_views.brand_mentions_page, name="brand-mentions"),
    path("brand/<slug:slug>/keys/", brand_views.brand_keys, name="brand-keys"),
    path("brand/<slug:slug>/keys/<int:pk>/revoke/", brand_views.brand_key_revoke_page, name="brand-key-revoke"),
    path("campaign-proposals/", brand_views.campaign_proposals, name="campaign-proposals"),
    path("campaign-proposals/<int:pk>/", brand_views.campaign_proposal_decide, name="campaign-proposal-decide"),
]

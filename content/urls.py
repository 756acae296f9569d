"""Server-rendered pages of this app (the API lives under guide.urls' api/v1/)."""

from django.urls import path

from content import desk, views

urlpatterns: list = [
    path("items/<int:pk>/", views.item_page, name="item-page"),
    path("items/<int:pk>/go/", views.item_go, name="item-go"),
    # No-JavaScript fallbacks of the API actions (item.js calls /api/v1/items/<id>/vote|favorite/).
    path("items/<int:pk>/vote/", views.item_vote_form, name="item-page-vote"),
    path("items/<int:pk>/favorite/", views.item_favorite_form, name="item-page-favorite"),
    path("items/<int:pk>/feedback/", views.item_feedback, name="item-feedback"),
    path("items/<int:pk>/report/", views.item_report, name="item-report"),
    path("items/<int:pk>/appeal/", views.item_appeal, name="item-appeal"),
    path("me/feedback/", views.my_feedback, name="my-feedback"),
    path("me/favorites/", views.my_favorites, name="my-favorites"),
    path("transparency/", views.transparency, name="transparency"),
    # The editors' desk.
    path("desk/", desk.desk, name="desk"),
    path("desk/items/<int:pk>/decide/", desk.desk_decide, name="desk-decide"),
    path("desk/bulk/", desk.desk_bulk, name="desk-bulk"),
    path("desk/audit/", desk.desk_audit, name="desk-audit"),
    path("desk/profiles/", desk.desk_profiles, name="desk-profiles"),
    path("desk/profiles/<int:pk>/", desk.desk_profile, name="desk-profile"),
    path("desk/profiles/<int:pk>/activate/", desk.desk_profile_activate, name="desk-profile-activate"),
]

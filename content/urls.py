"""Server-rendered pages of this app (the API lives under guide.urls' api/v1/)."""

from django.urls import path

from content import views

urlpatterns: list = [
    path("items/<int:pk>/", views.item_page, name="item-page"),
    path("items/<int:pk>/go/", views.item_go, name="item-go"),
    # No-JavaScript fallbacks of the API actions (item.js calls /api/v1/items/<id>/vote|favorite/).
    path("items/<int:pk>/vote/", views.item_vote_form, name="item-page-vote"),
    path("items/<int:pk>/favorite/", views.item_favorite_form, name="item-page-favorite"),
    path("items/<int:pk>/feedback/", views.item_feedback, name="item-feedback"),
    path("me/feedback/", views.my_feedback, name="my-feedback"),
]

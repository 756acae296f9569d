"""Server-rendered pages of this app (the API lives under guide.urls' api/v1/)."""

from django.urls import path

from recommender import views

urlpatterns = [
    path("circles/", views.circles, name="circles"),
    path("circles/<slug:slug>/", views.circle, name="circle"),
    path("lists/", views.worth_list, name="lists-page"),
    path("lists/<slug:slug>/", views.worth_list, name="list-page"),
    path("how-it-works/", views.how_it_works, name="how-it-works"),
]

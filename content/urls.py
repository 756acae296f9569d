"""Server-rendered pages of this app (the API lives under guide.urls' api/v1/)."""

from django.urls import path

urlpatterns: list = []

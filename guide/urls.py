from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from content.api.views import IngestView, ItemViewSet
from guide import views
from guide.api import TokenView

router = DefaultRouter()
router.register("items", ItemViewSet, basename="item")

api_v1 = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

handler404 = "guide.views.page_not_found"
handler500 = "guide.views.server_error"

"""/api/v1/moderation/…: the editors' API (content.api.moderation); list overrides are the
recommender's (guide.urls routes them)."""

from django.urls import path

from content.api import moderation

urlpatterns = [
    path("queue/", moderation.QueueView.as_view(), name="moderation-queue"),
    path("items/<int:pk>/decision/", moderation.DecisionView.as_view(), name="moderation-decision"),
    path("decisions/", moderation.BulkDecisionView.as_view(), name="moderation-bulk-decision"),
    path("audit/", moderation.AuditView.as_view(), name="moderation-audit"),
    path("health/", moderation.HealthView.as_view(), name="moderation-health"),
    path("profiles/", moderation.ProfilesView.as_view(), name="moderation-profiles"),
    path("profiles/<int:pk>/", moderation.ProfileView.as_view(), name="moderation-profile"),
    path("profiles/<int:pk>/preview/", moderation.ProfilePreviewView.as_view(), name="moderation-profile-preview"),
    path("profiles/<int:pk>/activate/", moderation.ProfileActivateView.as_view(), name="moderation-profile-activate"),
]

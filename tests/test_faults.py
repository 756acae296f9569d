"""What users see when a dependency fails: 503 with Retry-After (JSON under /api/, a page
elsewhere) instead of 500, pages served without the cache, and /healthz that tells operators
everything and the public nothing."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from guide.views import server_error
from tests.factories import UserFactory, scored_item


@pytest.fixture
def database_gone(db):
    """Every query fails as it does when PostgreSQL terminated the connection (until the
    test's own rollback, which needs the database back)."""

    def terminated(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", terminated)
        patch.setattr(CursorWrapper, "executemany", terminated)
        yield


@pytest.fixture
def cache_gone(settings):
    """The Redis cache, configured as in production, with nothing listening."""
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }}


def test_an_api_call_without_a_database_is_503_json_with_retry_after(api, db, database_gone, settings):
    response = api.get("/api/v1/items/")
    assert response.status_code == 503 and response["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    assert response.json()["error"]["code"] == "database_unavailable"


def test_a_page_without_a_database_is_the_503_page_that_reloads_itself(client, db, database_gone):
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "服务暂时繁忙" in page and 'http-equiv="refresh"' in page


def test_a_form_posted_without_a_database_is_told_to_try_again_not_reloaded(client, db, database_gone):
    response = client.post("/accounts/login/", {"username": "alice", "password": "x"})
    assert response.status_code == 503
    assert "refresh" not in response.content.decode() and "再试一次" in response.content.decode()


def test_a_database_failure_outside_a_view_is_503_too(rf):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/api/v1/feed/"))
    assert response.status_code == 503 and response["Retry-After"]


def test_a_real_bug_is_still_a_500(rf):
    try:
        raise KeyError("bug")
    except KeyError:
        response = server_error(rf.get("/api/v1/feed/"))
    assert response.status_code == 500


def test_pages_and_the_api_are_served_from_the_database_while_the_cache_is_down(client, api, db, cache_gone):
    scored_item("coffee", "food", title="手冲咖啡壶实测")
    assert "手冲咖啡壶实测" in client.get("/").content.decode()
    assert client.get("/lists/").status_code == 200
    assert api.get("/api/v1/feed/").status_code == 200
    assert api.get("/api/v1/items/").json()["count"] == 1


def test_a_signed_in_shopper_with_a_token_is_served_while_the_cache_is_down(api, db, cache_gone):
    from guide.services import user_token_create

    key = user_token_create(user=UserFactory(username="alice"))
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/feed/").json()["personalized"] is True
    assert api.get("/api/v1/me/interests/").status_code == 200


def test_events_are_stored_while_the_cache_is_down(api, db, cache_gone):
    from interests.models import Event

    item = scored_item("coffee", "food")
    response = api.post("/api/v1/events/", {"events": [{"type": "click", "item": item.pk}]}, format="json")
    assert response.status_code == 202 and Event.objects.count() == 1


def test_the_public_healthz_is_a_plain_ok_without_hosts_or_errors(client, db, monkeypatch):
    monkeypatch.setattr("guide.health.check_database", lambda: {"ok": False, "error": "could not connect to 10.0.0.5:5432"})
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_healthz_detail_needs_the_operators_token_or_staff(client, db, settings):
    settings.HEALTHZ_TOKEN = "operators-only"
    assert client.get("/healthz", HTTP_X_HEALTHZ_TOKEN="guess").content == b"ok"
    client.force_login(UserFactory(username="bob"))
    assert client.get("/healthz").content == b"ok"
    client.force_login(UserFactory(username="olga", is_staff=True))
    assert client.get("/healthz").json()["checks"]["database"]["ok"]


def test_an_empty_token_setting_lets_nobody_in_by_token(client, db, settings):
    settings.HEALTHZ_TOKEN = ""
    assert client.get("/healthz", HTTP_X_HEALTHZ_TOKEN="").content == b"ok"


def test_healthz_calls_a_missing_cache_degraded_not_down(client, db, settings, cache_gone):
    settings.HEALTHZ_TOKEN = "operators-only"
    response = client.get("/healthz", HTTP_X_HEALTHZ_TOKEN="operators-only")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["checks"]["cache"] == {"ok": False, "error": "no answer"}


def test_a_shoppers_events_are_stored_and_answered_202_while_the_broker_is_down(
        client, db, monkeypatch, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError as BrokerDown

    from interests.models import Event
    from interests.tasks import update_profile

    def refuse(*args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(update_profile, "apply_async", refuse)
    client.force_login(UserFactory(username="alice"))
    item = scored_item("coffee", "food")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/events/", {"events": [{"type": "click", "item": item.pk}]},
                               content_type="application/json")
    assert response.status_code == 202 and Event.objects.filter(user__username="alice").count() == 1

"""The API shell: tokens, the error shape, item visibility, schema and docs, /healthz."""

import pytest

from content.models import Item
from tests.factories import ItemFactory, UserFactory, scored_item


def test_a_shopper_exchanges_username_and_password_for_a_token_and_uses_it(api, alice):
    response = api.post("/api/v1/auth/token/", {"username": "alice", "password": "correct-horse-battery"}, format="json")
    assert response.status_code == 201
    token = response.json()["token"]
    assert token.startswith("gu_")
    assert token not in str(list(alice.api_tokens.values()))  # only the hash is stored
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/items/").status_code == 200


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"username": "alice", "password": "wrong"}, "invalid_credentials"),
        ({"username": "nobody", "password": "correct-horse-battery"}, "invalid_credentials"),
        ({"username": "alice"}, "invalid"),
        ({}, "invalid"),
    ],
)
def test_bad_credentials_get_400_with_the_error_shape(api, alice, payload, code):
    response = api.post("/api/v1/auth/token/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_an_unknown_user_token_gets_401(api, db):
    api.credentials(HTTP_AUTHORIZATION="Token gu_forged")
    response = api.get("/api/v1/items/")
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "authentication_failed", "message": "API 令牌无效或已停用。"}}


def test_visitors_see_only_approved_and_featured_items(api, db):
    shown = [ItemFactory(status="approved"), ItemFactory(status="featured")]
    ItemFactory(status="pending")
    ItemFactory(status="rejected")
    ids = {row["id"] for row in api.get("/api/v1/items/").json()["results"]}
    assert ids == {item.pk for item in shown}


def test_a_pending_item_is_a_404_for_visitors_and_visible_to_editors(api, erin):
    pending = ItemFactory(status="pending")
    assert api.get(f"/api/v1/items/{pending.pk}/").status_code == 404
    api.force_authenticate(erin)
    assert api.get(f"/api/v1/items/{pending.pk}/").json()["status"] == "pending"


def test_an_item_says_how_many_sources_carry_it(api, db):
    original = ItemFactory()
    ItemFactory(duplicate_of=original)
    ItemFactory(duplicate_of=original, source=original.source)  # same source: not corroboration
    body = api.get(f"/api/v1/items/{original.pk}/").json()
    assert body["source_count"] == 2
    assert set(body) >= {"id", "title", "body", "url", "status", "duplicate_of", "sponsored", "source", "author"}


def test_the_item_list_filters_by_kind_and_rejects_unknown_values(api, db):
    ItemFactory(kind="deal")
    ItemFactory(kind="review")
    assert [r["kind"] for r in api.get("/api/v1/items/?kind=deal").json()["results"]] == ["deal"]
    response = api.get("/api/v1/items/?kind=podcast")
    assert response.status_code == 400 and "kind" in response.json()["error"]["fields"]


def test_the_item_list_costs_the_same_queries_for_3_or_30_items(api, db, django_assert_max_num_queries):
    for _ in range(30):
        ItemFactory()
    # count, page, interest tags, scenario tags
    with django_assert_max_num_queries(4):
        assert len(api.get("/api/v1/items/?page_size=30").json()["results"]) == 20


def test_unknown_api_paths_get_a_json_404(api, db):
    response = api.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_openapi_schema_and_docs_are_served_without_a_cdn(api, db):
    schema = api.get("/api/schema/?format=json")
    assert schema.status_code == 200 and "/api/v1/ingest/" in schema.json()["paths"]
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/" in html


def test_healthz_reports_each_dependency_to_the_operators_token(client, db, settings):
    settings.HEALTHZ_TOKEN = "operators-only"
    response = client.get("/healthz", HTTP_X_HEALTHZ_TOKEN="operators-only")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"]["ok"] and checks["cache"]["ok"] and checks["broker"]["ok"]


def test_healthz_says_down_when_the_database_is_unreachable(client, db, monkeypatch, settings):
    settings.HEALTHZ_TOKEN = "operators-only"
    monkeypatch.setattr("guide.health.check_database", lambda: {"ok": False, "error": "connection refused"})
    response = client.get("/healthz", HTTP_X_HEALTHZ_TOKEN="operators-only")
    assert response.status_code == 503 and response.json()["status"] == "down"


def test_the_home_page_lists_approved_items_and_escapes_their_text(client, db):
    scored_item("coffee", "food", title="<script>alert(1)</script>露营灯")
    scored_item("coffee", "food", title="待审核的内容", status="pending")
    page = client.get("/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;露营灯" in page
    assert "待审核的内容" not in page


def test_a_missing_page_is_a_readable_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_role_groups_exist_after_migrating(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"editors", "brand_members"}
    assert UserFactory().groups.count() == 0
    assert Item.objects.count() == 0

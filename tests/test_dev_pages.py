"""Under `make run` (DEBUG=1) a path outside the URL map gets the designed 404 page (or the
JSON error under /api/), never Django's debug page listing the site's URL patterns."""

import pytest
from django.test import Client, override_settings


@pytest.fixture
def debug_client(settings):
    settings.DEBUG = True
    middleware = ["guide.devpages.DesignedNotFoundMiddleware", *settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        yield Client()


@pytest.mark.parametrize("path", ["/no/such/page/", "/items/987654/"])
def test_a_missing_page_in_development_is_the_designed_404(debug_client, db, path):
    response = debug_client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "URLconf" not in html and "DEBUG = True" not in html
    assert "兴趣消费指南" in html


def test_a_missing_api_path_in_development_is_the_json_error(debug_client, db):
    response = debug_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"

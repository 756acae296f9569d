"""The schema tells the truth (issue 16, item 6): schemathesis generates requests for every
operation of our OpenAPI schema and sends each one as a shopper, an editor, a partner source and
a visitor. Any 5xx answer, or any answer the schema does not describe (status code, content type
or body), fails the test, naming the operation and a request that reproduces it.

Requests go to the Django application in process (WSGI), inside the test's transaction, on the
embedded default or on PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (CI).
Each operation first gets schemathesis' coverage phase (boundary and invalid values for every
parameter), then FUZZ_EXAMPLES generated requests (default 6; derandomised, so a run is
repeatable). FUZZ_COVERAGE=0 skips the coverage phase for a quick run."""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from guide.services import user_token_create
from tests.factories import ItemFactory, scored_item

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PERSONAS = ("shopper", "editor", "source", "visitor")

CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": os.environ.get("FUZZ_COVERAGE", "1") == "1"}}})
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(), config=CONFIG)


@pytest.fixture
def connections_kept():
    """Called straight through WSGI, each request would close the database connection at its
    end, and with it the test's transaction; Django's test client keeps it open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def credentials(alice, erin, partner, connections_kept) -> dict[str, dict[str, str]]:
    """Authorization headers per persona, and some items for the operations to find."""
    scored_item("camping")
    ItemFactory(status="pending")
    return {
        "shopper": {"Authorization": f"Token {user_token_create(user=alice)}"},
        "editor": {"Authorization": f"Token {user_token_create(user=erin)}"},
        "source": {"Authorization": f"Token {partner[1]}"},
        "visitor": {},
    }


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_its_schema_says_and_never_with_a_5xx(case, credentials):
    for persona in PERSONAS:
        case.call_and_validate(headers=credentials[persona], checks=CHECKS)


def test_the_schema_is_generated_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        generated = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(generated)
    complaints = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    assert complaints == []
    schemes = generated["components"]["securitySchemes"]
    assert {"userToken", "sourceKey", "brandKey"} <= set(schemes)
    for path in generated["paths"].values():
        for operation in path.values():
            assert operation["responses"]["4XX"]["content"]["application/json"]["schema"] == \
                {"$ref": "#/components/schemas/Error"}

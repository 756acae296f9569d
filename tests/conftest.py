"""Personas and clients. The suite runs on the embedded default (SQLite, in-process tasks)
unless DATABASE_URL / REDIS_URL point it at PostgreSQL and Redis."""


import pytest
from rest_framework.test import APIClient

from content.services import source_create
from tests.factories import UserFactory
from tests.httpserver import local_http_server  # noqa: F401
from tests.worker import celery_worker, worker_process  # noqa: F401


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def partner(db):
    """A partner platform (小红书 feed partner) with its push key: (source, raw_key)."""
    return source_create(name="xhs-partner", platform="xiaohongshu", title="小红书合作方", trust_level=60)


@pytest.fixture
def partner_api(partner) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {partner[1]}")
    return client


@pytest.fixture
def stored(partner, django_capture_on_commit_callbacks):
    """Ingest and let the on-commit hand-off score in process, as the embedded default does."""
    from content.ingest import items_ingest
    from content.models import Item

    def store(*items):
        with django_capture_on_commit_callbacks(execute=True):
            outcomes = items_ingest(source=partner[0], raw_items=list(items))
        return [Item.objects.get(pk=o.id) for o in outcomes]

    return store


@pytest.fixture
def alice(db):
    """Alice is a shopper."""
    return UserFactory(username="alice")


@pytest.fixture
def erin(db):
    """Erin is an editor."""
    from django.contrib.auth.models import Group

    user = UserFactory(username="erin")
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow on purpose; tests create many accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """The database rolls back after each test; the cache must not remember it either."""
    from django.core.cache import cache

    from recommender.candidate_facts import forget_candidate_facts

    cache.clear()
    forget_candidate_facts()  # the feed's facts kept in the process
    yield


@pytest.fixture(autouse=True)
def tasks_run_in_process():
    """Unit tests run Celery tasks in process, even where REDIS_URL is set (CI); the
    `celery_worker` fixture switches a test over to a real worker."""
    from guide.celery import app

    app.conf.task_always_eager = True
    yield

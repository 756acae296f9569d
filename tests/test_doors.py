"""Doors (issue 16, item 5): demo accounts, proxies, login lockout, anonymous ids, deploy checks."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from content.management.commands.seed_demo import CORPUS, DEMO_PASSWORD
from tests.factories import UserFactory


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    """Two lines of the committed demo corpus: enough for seed_demo to run its whole path."""
    path = tmp_path / "demo.jsonl"
    path.write_text("\n".join(CORPUS.read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    return path


def seed_demo(*args: str, corpus: Path) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, corpus=str(corpus), stdout=out)
    return out.getvalue()


def test_seed_demo_with_debug_off_creates_no_account_with_the_published_password(db, settings, tiny_corpus):
    settings.DEBUG = False
    output = seed_demo(corpus=tiny_corpus)
    assert not get_user_model().objects.filter(username__in=["alice", "erin"]).exists()
    assert "未创建演示账号" in output and DEMO_PASSWORD not in output


@pytest.mark.parametrize("debug, args", [(True, ()), (False, ("--demo-accounts",))])
def test_seed_demo_creates_the_demo_accounts_with_debug_on_or_when_asked(db, settings, tiny_corpus, debug, args):
    settings.DEBUG = debug
    seed_demo(*args, corpus=tiny_corpus)
    users = get_user_model().objects
    alice, erin = users.get(username="alice"), users.get(username="erin")
    assert alice.check_password(DEMO_PASSWORD) and not alice.is_staff and not alice.groups.exists()
    assert erin.check_password(DEMO_PASSWORD) and erin.is_staff
    assert list(erin.groups.values_list("name", flat=True)) == ["editors"]


def test_seed_demo_never_promotes_or_resets_an_existing_account(db, settings, tiny_corpus):
    settings.DEBUG = True
    existing = UserFactory(username="erin")
    seed_demo("--demo-accounts", corpus=tiny_corpus)
    existing.refresh_from_db()
    assert not existing.is_staff and not existing.groups.exists()
    assert existing.check_password("correct-horse-battery") and not existing.check_password(DEMO_PASSWORD)
    assert get_user_model().objects.get(username="alice").check_password(DEMO_PASSWORD)


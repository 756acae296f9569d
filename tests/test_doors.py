"""Doors (issue 16, item 5): demo accounts, proxies, login lockout, anonymous ids, deploy checks."""

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from content.management.commands.seed_demo import CORPUS, DEMO_PASSWORD
from interests.accounts import ANONYMOUS_COOKIE, unsigned_visitor_id, visitor_token
from interests.events import valid_anonymous_id
from interests.models import Event
from tests.factories import ItemFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent


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



# Client addresses and throttles ---------------------------------------------------------------------

TOKEN = "/api/v1/auth/token/"


def test_rotating_x_forwarded_for_does_not_reset_the_token_endpoints_throttle(api, db):
    statuses = [api.post(TOKEN, {}, format="json", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(21)]
    assert statuses == [400] * 20 + [429]
    assert api.post(TOKEN, {}, format="json").json()["error"]["code"] == "throttled"


def test_behind_one_trusted_proxy_the_client_is_the_address_it_appended(api, db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    forged_then_real = [f"6.6.6.{n}, 203.0.113.7" for n in range(21)]
    statuses = [api.post(TOKEN, {}, format="json", HTTP_X_FORWARDED_FOR=xff).status_code for xff in forged_then_real]
    assert statuses[-1] == 429
    assert api.post(TOKEN, {}, format="json", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 400


# Sign-in lockout --------------------------------------------------------------------------------------

LOGIN = "/accounts/login/"


def sign_in(client, username: str, password: str, address: str = "198.51.100.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in_during_the_lockout(client, alice, settings):
    settings.LOGIN_LOCKOUT_SECONDS = 3  # real seconds: in CI the counters live in Redis, which keeps its own time
    for _ in range(30):
        sign_in(client, "alice", "wrong-password")
    response = sign_in(client, "alice", "correct-horse-battery")
    assert response.status_code == 429 and not signed_in(client)
    assert "登录失败次数过多" in response.content.decode()
    time.sleep(3.2)
    assert sign_in(client, "alice", "correct-horse-battery").status_code == 302 and signed_in(client)


def test_an_account_is_locked_from_every_address(client, alice):
    for n in range(5):
        sign_in(client, "alice", "wrong-password", address=f"198.51.100.{n}")
    assert sign_in(client, "alice", "correct-horse-battery", address="192.0.2.99").status_code == 429
    assert not signed_in(client)


def test_an_address_trying_many_accounts_is_locked_for_all_of_them(client, alice):
    for n in range(20):
        sign_in(client, f"guess{n}", "password123")
    assert sign_in(client, "alice", "correct-horse-battery").status_code == 429 and not signed_in(client)
    assert sign_in(client, "alice", "correct-horse-battery", address="192.0.2.50").status_code == 302


def test_a_few_wrong_passwords_then_the_right_one_signs_in_and_starts_the_count_again(client, alice):
    for _ in range(4):
        assert sign_in(client, "alice", "wrong-password").status_code == 200
    assert sign_in(client, "alice", "correct-horse-battery").status_code == 302 and signed_in(client)
    client.logout()
    for _ in range(4):
        sign_in(client, "alice", "wrong-password")
    assert sign_in(client, "alice", "correct-horse-battery").status_code == 302


def test_the_token_endpoint_shares_the_lockout_and_says_when_to_retry(api, alice, settings):
    statuses = [api.post(TOKEN, {"username": "alice", "password": "nope"}, format="json").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]  # the fifth wrong password locks the account
    response = api.post(TOKEN, {"username": "alice", "password": "correct-horse-battery"}, format="json")
    assert response.status_code == 429 and response.json()["error"]["code"] == "locked_out"
    assert response["Retry-After"] == str(settings.LOGIN_LOCKOUT_SECONDS)


# Anonymous ids ----------------------------------------------------------------------------------------

EVENTS = "/api/v1/events/"


@pytest.fixture
def victim_history(db) -> str:
    """A visitor's anonymous behaviour, filed under the raw id the server issued them."""
    item = ItemFactory()
    Event.objects.create(anonymous_id="victim-visitor-0001", type="favorite", item=item, ts=timezone.now(),
                         received_at=timezone.now())
    return "victim-visitor-0001"


def test_a_visitors_page_carries_a_signed_http_only_id_cookie(client, db):
    cookie = client.get("/").cookies[ANONYMOUS_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert valid_anonymous_id(unsigned_visitor_id(cookie.value)) and not valid_anonymous_id(cookie.value)
    assert client.get("/").cookies.get(ANONYMOUS_COOKIE) is None  # kept, not issued again


def test_a_shoppers_page_carries_no_visitor_cookie(client, alice):
    client.force_login(alice)
    assert ANONYMOUS_COOKIE not in client.get("/").cookies


def test_events_under_an_id_the_client_made_up_are_filed_under_a_new_one(api, victim_history):
    item = ItemFactory()
    api.cookies[ANONYMOUS_COOKIE] = victim_history
    response = api.post(EVENTS, {"events": [{"type": "click", "item": item.pk}], "anonymous_id": victim_history},
                        format="json")
    assert response.status_code == 202
    issued = unsigned_visitor_id(response.json()["anonymous_id"])
    assert issued and issued != victim_history
    assert Event.objects.filter(anonymous_id=victim_history).count() == 1


def test_signing_in_with_a_guessed_id_cookie_takes_nobodys_history(client, alice, victim_history):
    client.cookies[ANONYMOUS_COOKIE] = victim_history
    sign_in(client, "alice", "correct-horse-battery")
    assert signed_in(client)
    assert not Event.objects.filter(user=alice).exists()
    assert Event.objects.filter(anonymous_id=victim_history, user__isnull=True).count() == 1


def test_signing_in_with_the_signed_cookie_brings_the_visitors_own_history(client, alice, victim_history):
    client.cookies[ANONYMOUS_COOKIE] = visitor_token(victim_history)
    sign_in(client, "alice", "correct-horse-battery")
    assert Event.objects.filter(user=alice).count() == 1 and not Event.objects.filter(anonymous_id=victim_history)


@pytest.mark.parametrize("given, merged", [("victim-visitor-0001", 0), ("SIGNED", 1), ("victim-visitor-0001:forged", 0)])
def test_the_token_endpoint_merges_only_an_id_we_signed(api, alice, victim_history, given, merged):
    anonymous_id = visitor_token(victim_history) if given == "SIGNED" else given
    response = api.post(TOKEN, {"username": "alice", "password": "correct-horse-battery", "anonymous_id": anonymous_id},
                        format="json")
    assert response.status_code == 201
    assert Event.objects.filter(user=alice).count() == merged


def test_fresh_anonymous_ids_from_one_address_are_still_throttled(api, db, monkeypatch):
    from interests.api import EventsAddressThrottle

    monkeypatch.setattr(EventsAddressThrottle, "THROTTLE_RATES", {"events_address": "3/min"})
    item = ItemFactory()
    statuses = []
    for n in range(5):  # a script rotating ids it collected, each one validly signed
        api.cookies[ANONYMOUS_COOKIE] = visitor_token(f"rotating-visitor-{n:04d}")
        statuses.append(api.post(EVENTS, {"events": [{"type": "click", "item": item.pk}]}, format="json").status_code)
    assert statuses == [202, 202, 202, 429, 429]
    assert api.post(EVENTS, {"events": [{"type": "click", "item": item.pk}]}, format="json",
                    REMOTE_ADDR="192.0.2.77").status_code == 202


# Deployment -------------------------------------------------------------------------------------------

PRODUCTION_ENV = {
    "DEBUG": "0", "SECRET_KEY": "k" * 20 + "7Qv3-ZpX9_rL2mWc8TnY4bHs6JdFgKe1", "ALLOWED_HOSTS": "guide.example.com",
    "TRUST_X_FORWARDED_PROTO": "1", "SECURE_SSL_REDIRECT": "1", "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1", "SECURE_COOKIES": "1", "NUM_PROXIES": "1",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "PYTEST_VERSION"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_production_switches_on():
    done = manage("check", "--deploy", "--tag", "security", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_warns_without_them():
    done = manage("check", "--deploy", "--tag", "security", env={"DEBUG": "0", "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]})
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


@pytest.mark.parametrize("key", ["change-me-in-production", "insecure-development-key-do-not-deploy"])
def test_a_published_secret_key_is_refused_outside_debug(key):
    done = manage("check", env={"DEBUG": "0", "SECRET_KEY": key})
    assert done.returncode != 0 and "published placeholder" in done.stderr


def test_compose_needs_a_secret_key_and_its_production_web_turns_every_switch_on():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    for name in ("migrate", "web", "web-production", "worker", "beat"):
        assert services[name]["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
        assert services[name]["environment"]["DEBUG"] == "0"
    production = services["web-production"]
    assert production["profiles"] == ["production"] and services["web"]["profiles"] == ["local"]
    assert {k: production["environment"][k] for k in PRODUCTION_ENV if k in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES")} \
        == {"SECURE_SSL_REDIRECT": "1", "SECURE_COOKIES": "1"}
    assert production["environment"]["NUM_PROXIES"] == "${NUM_PROXIES:-1}"
    assert "check --deploy --tag security --fail-level WARNING &&" in production["command"]
    assert "--demo-accounts" not in services["migrate"]["command"]


def test_compose_brings_back_what_exits_when_redis_vanishes_but_migrates_once():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    for name in ("db", "redis", "web", "web-production", "worker", "beat"):
        assert services[name]["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"

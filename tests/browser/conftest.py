"""Browser tests: Debian's chromium (never a browser build downloaded by Playwright) driven by
Playwright's sync API, against the pages served by pytest-django's live server.

- Skipped, with the reason, when Playwright or /usr/bin/chromium is missing, so `make test` on
  a laptop without chromium still passes; REQUIRE_BROWSER=1 (set by .ci/run) makes that a
  failure instead, so CI cannot silently stop running them.
- The live server is a thread of this process. It shares the settings (so the fast password
  hasher of tests/conftest.py), the local-memory cache (cleared before each test) and eager
  Celery with the test. Its requests see only committed rows, which is why `live_server` pulls in
  `transactional_db`: every test seeds its own data and the database is flushed after it. The
  flush would also wipe what migrations seed (taxonomy, scenarios, groups, scoring profile), so
  every browser test takes `django_db_serialized_rollback`, which puts those rows back.
- The data is a slice of the demo corpus (75 first-hand reviews and deals, 5 per top-level
  interest) loaded by the real `seed_demo` command: ingest, eager scoring, gatekeeping and
  tagging leave ~35 approved items, some in every top-level circle; then the 值得买 lists are
  materialised as beat would. The whole corpus takes ~5 s per test; this slice about a second.
- Nothing leaves the machine: names other than the live server's do not resolve in chromium;
  pictures from anywhere else fail as an unreachable host does (the pages must show their own
  placeholder, never a broken image), and pages elsewhere (click-outs) get a stub page.
- Screenshots go to tests/browser/screenshots/ (git ignores the PNGs; see the README there).
"""

import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

try:  # the test modules take `expect` from here, so that they import without Playwright (and skip)
    from playwright.sync_api import expect
except ImportError:
    expect = None

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync",
                 # No name but the live server's resolves: nothing a page links to leaves this machine.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
# What a page gets instead of a page outside the live server (a click-out).
STUB_PAGE = "<!doctype html><meta charset=utf-8><title>站外页面</title><p>站外页面（浏览器测试不访问外网）</p>"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PER_INTEREST = 5  # demo items per top-level interest in the slice
PASSWORD = "Guide-browser-2026"  # passes the password validators


def browser_missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements.txt)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-microhei)"
    return ""


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture (no database flush or seeding for a test that cannot run)."""
    missing = browser_missing()
    if missing and os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser test needs a browser: {missing}", pytrace=False)
    if missing:
        pytest.skip(f"browser test skipped: {missing}")


def page_built(url_name: str, *args) -> str:
    """The path of a page, or skip the test while that page has not been built yet."""
    try:
        return reverse(url_name, args=args)
    except NoReverseMatch:
        pytest.skip(f"page not built yet (no URL named {url_name!r})")


# Browser ---------------------------------------------------------------------------------------

@pytest.fixture(scope="package")
def browser() -> Iterator:
    """One chromium for all browser tests.

    While Playwright's sync API runs, the main thread has a *running* asyncio loop (parked in a
    greenlet between calls). Django sees it and (1) refuses ORM calls from that thread
    (SynchronousOnlyOperation), and (2) keeps its database connections in context-variable
    storage instead of the thread's, i.e. hands out new connection objects: the test would no
    longer share the live server's in-memory SQLite connection, and the serialized migration
    data pytest-django hangs on the original connection would be lost, so the taxonomy would
    not come back after a flush. Hence: DJANGO_ALLOW_ASYNC_UNSAFE while Playwright runs (the
    tests and fixtures use the ORM in the main thread, and nothing async touches it), and the
    thread's original connections put into the loop's storage. Package scope, not session, so
    that both end before the tests outside tests/browser/ run."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    originals = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    for alias, connection in originals.items():
        connections[alias] = connection
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server, django_db_serialized_rollback) -> Iterator[Callable]:
    """Open a page in a fresh context (own cookies), optionally signed in as `user`. A page
    that opens a dialog (alert, confirm: injected script running) or throws an uncaught
    JavaScript error fails the test."""
    contexts, dialogs, errors = [], [], []

    def open_page(*, user=None, viewport: dict | None = None):
        context = browser.new_context(base_url=live_server.url, viewport=viewport or DESKTOP, locale="zh-CN",
                                      timezone_id="Asia/Shanghai", accept_downloads=True)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            context.add_cookies([session_cookie(user, live_server.url)])
        page = context.new_page()
        context.route("**/*", lambda route: stub_outside(route, live_server.url))

        def on_dialog(dialog) -> None:
            dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not dialogs, f"a page opened a dialog (script ran?): {dialogs}"
    assert not errors, f"uncaught JavaScript errors: {errors}"


@pytest.fixture
def page(new_page):
    """A visitor's page (not signed in), desktop viewport."""
    return new_page()


def stub_outside(route, base_url: str) -> None:
    """The live server answers its own requests; a picture from elsewhere fails like an
    unreachable host; a page elsewhere gets a stub. (Redirect targets bypass routes: those
    stop at the host resolver rule.)"""
    request = route.request
    if request.url.startswith(base_url + "/"):
        route.continue_()
    elif request.resource_type == "image":
        route.abort("addressunreachable")
    else:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=STUB_PAGE)


def session_cookie(user, base_url: str) -> dict:
    """A signed-in session for `user`, made the way Django's test client does it."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": base_url}


@pytest.fixture
def screenshot() -> Callable:
    """Save full-page screenshots of a page as <name>.desktop.png and <name>.phone.png (390×844
    layout, then back to the page's own viewport). Evidence for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:
        viewport = page.viewport_size
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=SCREENSHOTS / f"{name}.{label}.png", full_page=True)
        page.set_viewport_size(viewport)

    return take


# Data ------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def demo_slice(tmp_path_factory) -> Path:
    """A JSON Lines slice of the committed demo corpus: first-hand reviews and deals, a few per
    top-level interest (they are approved often enough for every circle to have some)."""
    from content.management.commands.seed_demo import CORPUS

    taken: dict[str, int] = {}
    lines = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line else {}
        if row.get("demo_role") in ("first_hand_review", "deal") and taken.get(row["interest"], 0) < PER_INTEREST:
            taken[row["interest"]] = taken.get(row["interest"], 0) + 1
            lines.append(line)
    path = tmp_path_factory.mktemp("demo") / "demo_slice.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Demo:
    """What a test needs to know about the seeded data."""

    def approved(self):
        """Approved, scored originals, best 值得买 index first."""
        from content.models import Item

        return (Item.objects.filter(status="approved", duplicate_of__isnull=True, score__isnull=False)
                .select_related("score").order_by("-score__worth_score"))

    def tagged(self, slug: str):
        """Approved originals tagged with the interest `slug` (a top level or a child)."""
        return self.approved().filter(interest_tags__interest__slug=slug).distinct()


@pytest.fixture
def demo(live_server, django_db_serialized_rollback, demo_slice) -> Demo:
    """The demo slice ingested, scored and listed, committed where the live server sees it."""
    from django.core.management import call_command

    from recommender.lists import lists_refresh

    call_command("seed_demo", corpus=str(demo_slice), stdout=io.StringIO())
    lists_refresh()
    return Demo()


@pytest.fixture
def shopper(demo):
    """Xiaomei, a shopper who picked 数码 and 图书 when she signed up."""
    from interests.models import Interest
    from interests.shopper import onboarding_complete
    from tests.factories import UserFactory

    user = UserFactory(username="xiaomei", password=PASSWORD)
    onboarding_complete(user=user, interests=list(Interest.objects.filter(slug__in=["digital", "books"])))
    return user


# Helpers for the tests -------------------------------------------------------------------------

def csrf_headers(page) -> dict[str, str]:
    """Headers for a same-origin API call from the page's session (DRF checks CSRF for sessions)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return {"X-CSRFToken": token, "Referer": page.url}


def count_in(text: str) -> int:
    """The first whole number in a piece of text ("值 12" → 12)."""
    match = re.search(r"\d+", text)
    assert match, f"no number in {text!r}"
    return int(match.group())

"""Server time of the main pages on the demo data (after `manage.py seed_demo`).

Each page is requested once (the first request of this run: caches may be cold) and then
--repeat times through Django's test client in this process: URL routing, middleware, view,
queries and template, without network or a WSGI server, so the figure is the server's own time.
Printed per page: median and p95 in ms, and the SQL queries of the first and of a later request,
next to the trivial endpoint /ping measured in the same run. Pages whose URL name is not
registered are skipped with a note. The goal: every page's p95 under 200 ms.

The signed-in pages are requested as `bench-shopper`, a shopper made on the first run (three
followed interests and twenty clicks, so her feed is personal); later runs reuse her."""

import json
import time
import warnings
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from content.models import Item
from guide.commands import DatabaseCommand
from recommender.lists import lists_refresh
from recommender.models import WorthList
from tooling.loadgen import LoadResult

GOAL_MS = 200.0
SHOPPER = "bench-shopper"
SHOPPER_INTERESTS = ("digital", "outdoor", "food")
SHOPPER_CLICKS = 20
CIRCLE = "digital"
# (label, URL name, arguments, signed in); "{item}" stands for the benchmarked item's id.
PAGES: tuple[tuple[str, str, tuple, bool], ...] = (
    ("/ping (baseline)", "ping", (), False),
    ("home, visitor", "home", (), False),
    ("home, shopper", "home", (), True),
    ("item", "item-page", ("{item}",), False),
    ("circles", "circles", (), False),
    (f"circle {CIRCLE}", "circle", (CIRCLE,), False),
    ("lists", "lists-page", (), False),
    (f"list {CIRCLE}", "list-page", (CIRCLE,), False),
    ("how it works", "how-it-works", (), False),
    ("my interests", "my-interests-page", (), True),
)


@dataclass
class Figures:
    page: str
    path: str
    status: int
    first_ms: float
    median_ms: float
    p95_ms: float
    queries_first: int
    queries_then: int


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="timed requests per page after the first")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        if options["repeat"] < 1:
            raise CommandError("--repeat 至少为 1")
        # WhiteNoise warns when collectstatic has not run; the pages do not need it here.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        item = benchmark_item()
        notes = []
        if not current_lists_exist():
            lists_refresh()
            notes.append("no current 值得买 lists (beat makes them every 15 minutes): made them first")
        visitor, shopper = Client(HTTP_HOST=host()), Client(HTTP_HOST=host())
        shopper.force_login(bench_shopper())
        figures, skipped = [], notes
        for label, name, arguments, signed_in in PAGES:
            try:
                path = reverse(name, args=[item.pk if a == "{item}" else a for a in arguments])
            except NoReverseMatch:
                skipped.append(f"{label} skipped: no URL named {name!r} yet")
                continue
            figures.append(measure(shopper if signed_in else visitor, label, path, options["repeat"]))
        shopper.logout()
        if options["json"]:
            self.stdout.write(json.dumps({"repeat": options["repeat"], "goal_p95_ms": GOAL_MS,
                                          "pages": [asdict(f) for f in figures], "skipped": skipped},
                                         ensure_ascii=False, indent=2))
        else:
            self.print_table(figures, skipped, options["repeat"])

    def print_table(self, figures: list[Figures], skipped: list[str], repeat: int) -> None:
        self.stdout.write(f"{repeat} requests per page after a first one, Django test client in this process "
                          f"({connection.vendor}, cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, "
                          f"DEBUG {'on' if settings.DEBUG else 'off'})")
        self.stdout.write(f"{'page':<18} {'path':<22} {'status':>6} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} "
                          f"{'queries':>9}  goal")
        for f in figures:
            baseline = f.path == reverse("ping")
            verdict = "" if baseline else ("ok" if f.p95_ms < GOAL_MS and f.status == 200 else "MISSED")
            self.stdout.write(f"{f.page:<18} {f.path:<22} {f.status:>6} {f.first_ms:>9.1f} {f.median_ms:>10.1f} "
                              f"{f.p95_ms:>8.1f} {f'{f.queries_first}/{f.queries_then}':>9}  {verdict}")
        for note in skipped:
            self.stdout.write(f"note: {note}")
        missed = [f.page for f in figures if f.path != reverse("ping") and (f.p95_ms >= GOAL_MS or f.status != 200)]
        self.stdout.write(f"goal (p95 under {GOAL_MS:.0f} ms on every page): "
                          + (f"MISSED by {', '.join(missed)}" if missed else "met"))


def measure(client: Client, label: str, path: str, repeat: int) -> Figures:
    with CaptureQueriesContext(connection) as first_queries:
        started = time.perf_counter()
        response = client.get(path)
        first_ms = (time.perf_counter() - started) * 1000
    queries_first = len(first_queries)  # now: the capture reads the query log, which the next request clears
    timings = LoadResult()
    for _ in range(repeat):  # no query capture here: it would add its own time
        started = time.perf_counter()
        client.get(path)
        timings.latencies_ms.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as later_queries:
        client.get(path)
    return Figures(page=label, path=path, status=response.status_code, first_ms=round(first_ms, 1),
                   median_ms=round(timings.percentile(50), 1), p95_ms=round(timings.percentile(95), 1),
                   queries_first=queries_first, queries_then=len(later_queries))


def current_lists_exist() -> bool:
    return WorthList.objects.filter(is_current=True).exists()


def host() -> str:
    """A host name the site answers to (the test client's default, testserver, is not one)."""
    return next((h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "127.0.0.1")


def benchmark_item() -> Item:
    """The approved original with the most copies (its page lists them all), then the best one."""
    item = (Item.objects.filter(status="approved", duplicate_of__isnull=True, score__isnull=False)
            .annotate(copy_count=Count("copies")).order_by("-copy_count", "-score__worth_score").first())
    if item is None:
        raise CommandError("没有已通过审核的内容：先运行 manage.py seed_demo")
    return item


def bench_shopper():
    """A shopper with followed interests and some clicks, made once and reused."""
    from interests.events import events_record
    from interests.models import Interest
    from interests.profiles import profile_update
    from interests.shopper import onboarding_complete

    user, created = get_user_model().objects.get_or_create(username=SHOPPER)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        onboarding_complete(user=user, interests=list(Interest.objects.filter(slug__in=SHOPPER_INTERESTS)))
        clicked = (Item.objects.filter(status="approved", interest_tags__interest__slug__in=SHOPPER_INTERESTS)
                   .values_list("pk", flat=True).distinct()[:SHOPPER_CLICKS])
        events_record(user=user, anonymous_id="", raw_events=[{"type": "click", "item": pk} for pk in clicked])
        profile_update(user_id=user.pk)  # now, not when a worker gets to it
    return user

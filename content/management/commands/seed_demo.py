"""Load the committed demo corpus (content/demo/demo_items.jsonl) and demo accounts.

Items go through the same ingest path as every source. Their times are shifted so that the
demo always looks fresh: an item that was `age_hours` old at the corpus's base time is that old
now, and deal expiries move with it. Safe to run twice: a loaded demo is left alone unless
--refresh is given.

Demo accounts (alice, and erin the editor, both with the published DEMO_PASSWORD) are created only
with DEBUG=1 or --demo-accounts, and only where no account of that name exists: an existing user
is never given the demo password, a group or staff rights.
"""

import json
import re
from datetime import datetime, timedelta
from itertools import groupby
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.templatetags.static import static
from django.utils import timezone

from content.constants import PLATFORMS
from content.demo.editor_history import editor_history_play
from content.ingest import items_ingest
from content.models import Item, Source
from guide.commands import DatabaseCommand
from guide.roles import EDITORS_GROUP
from interests.demo import shopper_history_play
from recommender.demo_brands import demo_brands_seed
from recommender.lists import lists_refresh
from recommender.models import OVERALL
from recommender.overrides import list_override_set
from recommender.pools import pools_refresh

CORPUS = Path(__file__).resolve().parents[2] / "demo" / "demo_items.jsonl"
CORPUS_BASE = datetime.fromisoformat("2026-11-22T12:00:00+08:00")
# Demo-only keys the ingest path does not need (ground truth for evaluation, loader hints).
LOADER_KEYS = ("source", "demo_role", "interest", "scenario", "copy_of", "age_hours")
TRUST = {"jd": 70, "smzdm": 65, "zhihu": 60, "taobao": 60, "dianping": 55, "bilibili": 55,
         "xiaohongshu": 50, "pinduoduo": 50, "douyin": 45, "weibo": 40}
DEMO_PASSWORD = "guide-demo-2026"
ESTABLISHED = timedelta(days=180)
ACCOUNTS = (("alice", "shopper"), ("erin", EDITORS_GROUP))


TEXT_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")


def shift_text_dates(text: str, shift: timedelta) -> str:
    """Every 「M月D日」 of the corpus's year, moved by `shift` (a date that is no date stays)."""
    def moved(match: re.Match) -> str:
        try:
            day = datetime(CORPUS_BASE.year, int(match.group(1)), int(match.group(2)), 12, tzinfo=CORPUS_BASE.tzinfo)
        except ValueError:
            return match.group(0)
        day += shift
        return f"{day.month}月{day.day}日"

    return TEXT_DATE.sub(moved, text)


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(CORPUS), help="JSON Lines of demo items")
        parser.add_argument("--refresh", action="store_true", help="re-ingest even if the demo is loaded")
        parser.add_argument("--demo-accounts", action="store_true",
                            help="create the demo accounts alice and erin (editor) with the published "
                                 "password even with DEBUG off; never on a public deployment")

    def handle(self, *args, **options):
        if settings.DEBUG or options["demo_accounts"]:
            self.create_accounts()
        else:
            self.stdout.write("未创建演示账号（需要 DEBUG=1 或 --demo-accounts）")
        loaded = Item.objects.filter(source__name__startswith="demo-").count()
        if loaded and not options["refresh"]:
            self.stdout.write(f"演示数据已存在（{loaded} 条），跳过；要重新载入请加 --refresh")
            self.refresh_derived()
            return
        rows = [json.loads(line) for line in Path(options["corpus"]).read_text(encoding="utf-8").splitlines() if line]
        shift = timezone.now() - CORPUS_BASE
        # Originals first, then the copies, so that every copy finds its original; oldest first.
        rows.sort(key=lambda row: (bool(row.get("copy_of")), row["source"], -row.get("age_hours", 0)))
        counts = {"accepted": 0, "duplicate": 0, "rejected": 0}
        for (_, platform), group in groupby(rows, key=lambda row: (bool(row.get("copy_of")), row["source"])):
            source = self.demo_source(platform)
            raw_items = [self.shifted(row, shift) for row in group]
            with transaction.atomic():
                for outcome in items_ingest(source=source, raw_items=raw_items):
                    counts[outcome.outcome] += 1
                    if outcome.errors:
                        self.stderr.write(f"{platform}:{outcome.external_id} 被拒：{outcome.errors}")
        self.stdout.write("演示数据：" + " ".join(f"{k}={v}" for k, v in counts.items()))
        # The demo platforms are established partners, not sources that appeared today.
        Source.objects.filter(name__startswith="demo-").update(created_at=timezone.now() - ESTABLISHED)
        self.draw_images(rows)
        roles = {(f"demo-{row['source']}", row["external_id"]): row.get("demo_role", "") for row in rows}
        editor_history_play(roles=roles, editor_name="erin", shopper_name="alice", write=self.stdout.write)
        self.pin_demo_entry()
        shopper_history_play(username="alice", write=self.stdout.write)
        demo_brands_seed(accounts=settings.DEBUG or options["demo_accounts"], password=DEMO_PASSWORD, write=self.stdout.write)
        self.refresh_derived()

    def refresh_derived(self) -> None:
        """What beat keeps fresh, built now: the 值得买 lists and the feeds' candidate pools (the
        demo's times are shifted to now, so yesterday's lists would be stale)."""
        self.stdout.write(f"已生成 {lists_refresh()} 个值得买榜单，{pools_refresh()} 个兴趣的候选池")

    @staticmethod
    def draw_images(rows: list[dict]) -> None:
        """The corpus's pictures live on a host that does not exist: demo items show the project's
        own drawing of their product kind instead (static/img/demo/, content/demo/build_demo_images.py).
        Items pushed without pictures keep none (their cards show the interest's placeholder)."""
        pictured: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for row in rows:
            if row.get("images"):  # as many as were sent: the count is evidence scoring reads
                key = (row["interest"], len(row["images"]))
                pictured.setdefault(key, []).append((f"demo-{row['source']}", row["external_id"]))
        for (interest, count), keys in pictured.items():
            match = Q()
            for source, external_id in keys:
                match |= Q(source__name=source, external_id=external_id)
            Item.objects.filter(match).update(images=[static(f"img/demo/{interest}.svg")] * count)

    def pin_demo_entry(self) -> None:
        """The demo editor's pin on today's overall list (what an editor's list intervention looks like)."""
        editor = get_user_model().objects.filter(username="erin").first()
        featured = (Item.objects.filter(status="featured", source__name__startswith="demo-")
                    .order_by("-score__worth_score").first())
        if editor is None or featured is None:
            return
        list_override_set(slug=OVERALL, period="day", item_id=featured.pk, action="pin", position=1,
                          reason="编辑精选：实测详细，缺点写得清楚", editor=editor)

    def demo_source(self, platform: str) -> Source:
        source, _ = Source.objects.get_or_create(
            name=f"demo-{platform}",
            defaults={"title": f"{PLATFORMS[platform]}（演示）", "platform": platform, "adapter": "push",
                      "trust_level": TRUST.get(platform, 50)},
        )
        return source

    @staticmethod
    def shifted(row: dict, shift: timedelta) -> dict:
        """The row as if the corpus were written today: its times, and the dates its text names
        (活动截至 11月23日), moved by the same amount, so the text agrees with the price box."""
        item = {key: value for key, value in row.items() if key not in LOADER_KEYS}
        for key in ("published_at", "expires_at"):
            if item.get(key):
                item[key] = (datetime.fromisoformat(item[key]) + shift).isoformat()
        for key in ("title", "body"):
            if item.get(key):
                item[key] = shift_text_dates(item[key], shift)
        return item

    def create_accounts(self) -> None:
        """Each demo account that does not exist yet; an existing one is left exactly as it is."""
        users = get_user_model()
        for username, role in ACCOUNTS:
            if users.objects.filter(username=username).exists():
                self.stdout.write(f"账号 {username} 已存在，保持原样（不改密码、不加权限）")
                continue
            user = users(username=username, is_staff=role != "shopper")
            user.set_password(DEMO_PASSWORD)
            user.save()
            if role != "shopper":
                user.groups.add(Group.objects.get(name=role))
            self.stdout.write(f"演示账号 {username}（{'购物者' if role == 'shopper' else '编辑'}），密码 {DEMO_PASSWORD}")

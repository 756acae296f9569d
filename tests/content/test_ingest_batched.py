"""The batched store path gives exactly the outcomes and rows of storing the same items one at a
time, in order: a realistic batch with new items, copies of stored items and of items earlier
in the batch, copies of copies, updates (text, metrics, the same item twice), rejects, exact
short copies and items with nothing to compare."""

import random

import pytest
from django.core.cache import cache
from django.db import transaction

from content.ingest import items_ingest
from content.models import Author, Item, ItemBand
from content.services import source_create
from tests.factories import raw_item

IGNORED = {"id", "fetched_at", "updated_at"}
CHARS = "露营帐篷天幕睡袋防潮垫炉头咖啡折叠椅营地灯降噪耳机音质续航通勤充电屏幕拍照清晰电池耐用物流很快价格"


def text(seed: int, length: int = 60) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(CHARS) for _ in range(length))


def edited(base: str, start: int, count: int, seed: int) -> str:
    """`base` with `count` characters from `start` replaced: 1 - count/len similar to it."""
    rng = random.Random(seed)
    return base[:start] + "".join(rng.choice("甲乙丙丁戊己庚辛壬癸") for _ in range(count)) + base[start + count :]


def post(n: int, body: str, **overrides) -> dict:
    return raw_item(n, **{"external_id": f"wb-{n}", "url": f"https://weibo.com/7/{n}", "body": body, **overrides})


DRIFT = text(30)  # an original; its copy drifts 20%, a copy of that copy another 20%
CHANGED = text(40)  # a stored original whose text the batch changes


@pytest.fixture
def stored(partner):
    """What is in the database before the batch: originals from one partner, one copy, and
    items of the batch's own source that the batch updates."""
    weibo = source_create(name="weibo-reposts", platform="weibo")[0]
    items_ingest(source=partner[0], raw_items=[raw_item(n) for n in range(1, 6)])
    items_ingest(source=weibo, raw_items=[
        raw_item(1, external_id="wb-old-copy", url="https://weibo.com/7/old", title="转发：" + raw_item(1)["title"]),
        post(200, CHANGED), post(201, text(41)),
        raw_item(7, external_id="wb-short", url="https://weibo.com/7/short", title="好价！", body="<p>限时9.9</p>"),
    ])
    return weibo


def the_batch() -> list:
    new = text(10)
    return [
        post(100, new),  # a new original
        post(101, "转发：" + new + " #露营装备[话题]# 🏕️"),  # a copy of it, in the same batch
        post(102, "//@路人: 说得对 转发：" + new),  # a copy of that copy: points to 100
        raw_item(2, external_id="wb-2", url="https://weibo.com/7/2", title="【转】" + raw_item(2)["title"]),  # of a stored one
        raw_item(1, external_id="wb-3", url="https://weibo.com/7/3", title="转：" + raw_item(1)["title"]),  # copy of copy, stored
        post(103, DRIFT),
        post(104, edited(DRIFT, 0, 12, 1)),  # 80% of 103: a copy
        post(105, edited(edited(DRIFT, 0, 12, 1), 30, 12, 2)),  # 80% of 104, 60% of 103: copies are not indexed
        post(200, edited(CHANGED, 0, 30, 3)),  # a stored original's text changes: indexed anew
        post(106, CHANGED),  # its old text: no longer there to copy
        post(107, "转发：" + edited(CHANGED, 0, 30, 3)),  # its new text, found within the batch
        post(201, text(41), metrics={"likes": 1}),  # an update that leaves the text alone
        post(100, new, metrics={"likes": 99}),  # the same item again: one row, updated
        post(108, text(50), url="https://weibo.com/7/100?utm_source=x"),  # item 100's URL under another id
        raw_item(9, external_id="wb-9", url="https://weibo.com/7/9", title="好价!!", body="限时 9.9 🔥"),  # short, exact
        post(109, "🔥🔥🔥 https://t.cn/abc", title="👍👍"),  # nothing comparable
        post(110, "👍", title="🔥🔥"),
        post(111, text(60), title=""),  # rejected: no title
        post(112, text(61), url="ftp://weibo.com/7/112"),  # rejected: not a web address
        post(113, text(62), price=900, original_price=100),  # rejected: below the price
        "not an item",  # rejected
        post(114, text(63), author={"external_id": "new-author", "name": "新作者", "followers": 5}),
        post(115, text(63)[:50] + text(64)[:10]),  # shares five sixths of 114: a copy
    ]


def run(weibo, items, *, one_at_a_time: bool) -> tuple[list, list, set, list]:
    """Outcomes and the rows written, with the ids of new rows named by the item that made them."""
    cache.clear()
    if one_at_a_time:
        outcomes = []
        for index, raw in enumerate(items):
            [outcome] = items_ingest(source=weibo, raw_items=[raw])
            outcome.index = index
            outcomes.append(outcome)
    else:
        outcomes = items_ingest(source=weibo, raw_items=items)
    names = {o.id: f"made by #{o.index}" for o in reversed(outcomes) if o.created}

    def name(pk):
        return names.get(pk, pk)

    shown = [{**o.as_dict(), "id": name(o.id), "duplicate_of": name(o.duplicate_of)} for o in outcomes]
    # Authors by their natural key: PostgreSQL does not give back the ids a rolled-back run took.
    author_keys = dict(Author.objects.values_list("pk", "external_id"))
    rows = [
        {**{k: v for k, v in row.items() if k not in IGNORED}, "name": name(row["id"]),
         "duplicate_of_id": name(row["duplicate_of_id"]), "fingerprint": bytes(row["fingerprint"]),
         "author_id": author_keys.get(row["author_id"])}
        for row in Item.objects.order_by("pk").values()
    ]
    bands = {(name(item_id), key) for item_id, key in ItemBand.objects.values_list("item_id", "key")}
    authors = sorted(Author.objects.values_list("platform", "external_id", "name", "followers", "verified"))
    return shown, sorted(rows, key=lambda row: str(row["name"])), bands, authors


class Rollback(Exception):
    pass


def test_a_batch_gives_the_outcomes_and_rows_of_storing_its_items_one_at_a_time(stored):
    items = the_batch()
    try:
        with transaction.atomic():
            one_by_one = run(stored, items, one_at_a_time=True)
            raise Rollback
    except Rollback:
        pass
    batched = run(stored, items, one_at_a_time=False)

    assert batched[0] == one_by_one[0]
    assert batched[1] == one_by_one[1]
    assert batched[2] == one_by_one[2]
    assert batched[3] == one_by_one[3]


def test_the_realistic_batch_holds_every_case_it_is_meant_to(stored, partner):
    outcomes = items_ingest(source=stored, raw_items=the_batch())
    kinds = [o.outcome for o in outcomes]
    originals = {n: Item.objects.get(source=partner[0], external_id=f"note-{n}").pk for n in (1, 2)}
    assert kinds[:3] == ["accepted", "duplicate", "duplicate"] and outcomes[2].duplicate_of == outcomes[0].id
    assert (outcomes[3].duplicate_of, outcomes[4].duplicate_of) == (originals[2], originals[1])
    assert kinds[5:8] == ["accepted", "duplicate", "accepted"]  # the copy of a copy drifted too far
    assert outcomes[8].changed and kinds[9] == "accepted" and outcomes[10].duplicate_of == outcomes[8].id
    assert outcomes[11].changed and outcomes[12].id == outcomes[0].id and outcomes[13].id == outcomes[0].id
    assert kinds[14] == "duplicate" and kinds[15:17] == ["accepted", "accepted"]
    assert kinds[17:21] == ["rejected"] * 4 and kinds[21:] == ["accepted", "duplicate"]

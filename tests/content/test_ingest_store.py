"""The store path shared by every source: idempotency, near-duplicates, authors, hand-off."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.ingest import items_ingest
from content.models import Author, Item, ItemBand
from content.scoring.service import items_score
from content.services import source_create
from tests.factories import raw_item


@pytest.fixture
def weibo(db):
    return source_create(name="weibo-reposts", platform="weibo")[0]


def ingest(source, items):
    return items_ingest(source=source, raw_items=items)


def snapshot():
    return list(Item.objects.order_by("pk").values()), list(ItemBand.objects.order_by("pk").values_list())


def test_importing_the_same_batch_twice_changes_nothing_the_second_time(partner):
    source = partner[0]
    first = ingest(source, [raw_item(n) for n in range(5)])
    before = snapshot()
    second = ingest(source, [raw_item(n) for n in range(5)])
    assert [o.id for o in second] == [o.id for o in first]
    assert not any(o.created or o.changed for o in second)
    assert snapshot() == before


def test_new_metrics_and_price_update_the_stored_item_instead_of_adding_one(partner):
    source = partner[0]
    [first] = ingest(source, [raw_item(1)])
    [again] = ingest(source, [raw_item(1, price=799, metrics={"likes": 999, "comments": 50})])
    assert again.id == first.id and again.changed and not again.created
    item = Item.objects.get()
    assert str(item.price) == "799.00" and item.metrics["likes"] == 999


def test_the_same_canonical_url_under_another_id_is_the_same_item(partner):
    source = partner[0]
    [first] = ingest(source, [raw_item(1)])
    tracked_url = raw_item(1)["url"].split("?")[0] + "?utm_campaign=x&spm=1.2.3"
    [again] = ingest(source, [raw_item(1, external_id="another-id", url=tracked_url)])
    assert again.id == first.id
    assert Item.objects.count() == 1


def test_the_same_item_twice_in_one_batch_is_stored_once(partner):
    outcomes = ingest(partner[0], [raw_item(1), raw_item(1, metrics={"likes": 5})])
    assert outcomes[0].id == outcomes[1].id
    assert Item.objects.count() == 1 and Item.objects.get().metrics == {"likes": 5}


REPOSTS = [
    lambda t: "转发：" + t,
    lambda t: "【好物分享】" + t + " #露营装备[话题]# 🏕️",
    lambda t: t.replace("，", " ").replace("。", "!!"),
    lambda t: "//@露营达人小王: 说得对 " + t,
]


@pytest.mark.parametrize("rewrite", REPOSTS)
def test_a_lightly_edited_repost_elsewhere_points_to_the_original(partner, weibo, rewrite):
    [original] = ingest(partner[0], [raw_item(1)])
    copy = raw_item(1, external_id="wb-1", url="https://weibo.com/123/Nabc", title=rewrite(raw_item(1)["title"]),
                    body=rewrite(raw_item(1)["body"]))
    [outcome] = ingest(weibo, [copy])
    assert outcome.outcome == "duplicate"
    assert outcome.duplicate_of == original.id
    assert outcome.id != original.id  # stored too: it is evidence of corroboration


def test_a_copy_of_a_copy_points_to_the_first_original(partner, weibo):
    [original] = ingest(partner[0], [raw_item(1)])
    [copy] = ingest(weibo, [raw_item(1, external_id="wb-1", url="https://weibo.com/1/A", title="转发：" + raw_item(1)["title"])])
    [copy_of_copy] = ingest(weibo, [raw_item(1, external_id="wb-2", url="https://weibo.com/1/B",
                                             title="转：" + raw_item(1)["title"])])
    assert copy.duplicate_of == original.id and copy_of_copy.duplicate_of == original.id


def test_copies_inside_one_batch_point_to_the_first_of_them(weibo):
    outcomes = ingest(weibo, [
        raw_item(1),
        raw_item(1, external_id="c1", url="https://weibo.com/1/C1", title="转发：" + raw_item(1)["title"]),
        raw_item(2),
    ])
    assert [o.outcome for o in outcomes] == ["accepted", "duplicate", "accepted"]
    assert outcomes[1].duplicate_of == outcomes[0].id


def test_two_different_reviews_of_the_same_product_are_not_merged(partner):
    a = raw_item(1, title="索尼 WH-1000XM5 用了半年", body="降噪非常强，地铁上几乎听不到报站，音质偏暖，续航实测 28 小时。")
    b = raw_item(2, title="索尼 WH-1000XM5 用了半年", body="头梁夹得太紧，戴一小时耳朵疼，触控经常误触，打算出了换 Bose。")
    outcomes = ingest(partner[0], [a, b])
    assert [o.outcome for o in outcomes] == ["accepted", "accepted"]


def test_authors_are_shared_across_items_and_updated(partner):
    ingest(partner[0], [raw_item(1), raw_item(2)])
    ingest(partner[0], [raw_item(3, author={"external_id": "may-camping", "name": "露营的阿May", "followers": 20000,
                                            "verified": True})])
    author = Author.objects.get()
    assert author.followers == 20000 and author.items.count() == 3


def test_a_batch_costs_a_handful_of_queries_not_one_per_item(partner):
    def queries_for(items):
        with CaptureQueriesContext(connection) as ctx:
            ingest(partner[0], items)
        return len(ctx.captured_queries)

    queries_for([raw_item(n) for n in range(3)])  # authors and some bands exist from now on
    small = queries_for([raw_item(n) for n in range(10, 15)])
    large = queries_for([raw_item(n) for n in range(40, 100)])
    # Bulk inserts may be split by SQLite's parameter limit; a query per item would add 55.
    assert large - small <= 6


def test_new_and_changed_items_are_queued_for_scoring_after_commit(partner, monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr("content.ingest.queue_scoring", lambda ids: queued.append(ids))
    with django_capture_on_commit_callbacks(execute=True):
        first = ingest(partner[0], [raw_item(1), raw_item(2)])
    with django_capture_on_commit_callbacks(execute=True):
        ingest(partner[0], [raw_item(1), raw_item(2, metrics={"likes": 1})])
    items_score(item_ids=[first[0].id])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ingest(partner[0], [raw_item(1)])
    assert queued == [[first[0].id, first[1].id], [first[1].id]]
    assert callbacks == []  # nothing changed and already scored: nothing queued


def test_a_short_exact_copy_is_found_by_its_text_hash(partner, weibo):
    [original] = ingest(partner[0], [raw_item(1, title="好价！", body="<p>限时9.9</p>")])
    [copy] = ingest(weibo, [raw_item(2, external_id="w9", url="https://weibo.com/9/x", title="好价!!", body="限时 9.9 🔥")])
    assert copy.duplicate_of == original.id


def test_items_with_nothing_comparable_are_never_merged(partner):
    outcomes = ingest(partner[0], [
        raw_item(1, title="🔥🔥🔥", body="👍👍"),
        raw_item(2, title="🔥🔥", body="https://t.cn/abc 👍"),
    ])
    assert [o.outcome for o in outcomes] == ["accepted", "accepted"]


def test_a_200_kb_article_is_stored_and_its_repost_found(partner, weibo):
    import random

    rng = random.Random(3)
    long_text = "".join(rng.choice("露营帐篷天幕睡袋防潮垫炉头咖啡折叠椅营地灯") for _ in range(200_000))
    [original] = ingest(partner[0], [raw_item(1, body=long_text)])
    [copy] = ingest(weibo, [raw_item(1, external_id="w1", url="https://weibo.com/1/long", body="转发：" + long_text)])
    assert copy.duplicate_of == original.id


def test_text_with_backslashes_tabs_and_line_breaks_is_stored_exactly_as_validated(partner):
    """PostgreSQL gets a batch's rows by COPY, whose text format gives \\, tab, line breaks and
    \\N meanings of their own: every field is stored exactly as validation made it all the same."""
    from dataclasses import asdict

    from django.utils import timezone

    from content.pipeline.validate import validate_item

    tricky = "C:\\new\\table \\N \\. tab\there\r\nline\nend 「引号」\"' 😀"
    raw = raw_item(1, title="反斜杠\\N 与\t制表符", body=f"<p>{tricky}</p><pre>a\tb\\c</pre>", brand="A\\B",
                   merchant="\\.", product="\\N", images=["https://img.example.com/a%5Cb.jpg?x=\\y"])
    draft, errors = validate_item(raw, now=timezone.now())
    assert not errors
    [outcome] = ingest(partner[0], [raw])
    stored = Item.objects.get(pk=outcome.id)
    for name, value in asdict(draft).items():
        if name != "author":
            assert getattr(stored, name) == value, name
    assert "\\N" in stored.product and "\\" in stored.body_text and "\t" in stored.body_html
    assert bytes(stored.fingerprint) and stored.content_hash  # the bytes field beside them


def test_a_database_error_while_writing_band_rows_is_djangos_own(db):
    """Band rows go by COPY on PostgreSQL, outside Django's execute(): its errors must still be
    Django's, which the fault handling answers with a 503 (a dropped connection) or a retry."""
    from django.db import DataError

    from content.ingest_rows import bands_insert

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    with pytest.raises(DataError):
        bands_insert(item_ids=[1], keys=[2**70])  # out of bigint's range: refused by PostgreSQL


def test_a_band_key_shared_by_many_items_gives_only_its_earliest_candidates(db):
    from content.ingest_rows import band_matches, bands_insert

    bands_insert(item_ids=[5, 3, 9, 4, 7, 8], keys=[11, 11, 11, 22, 11, -2**63])
    assert sorted(band_matches(keys=[11, 22, 33, 11, -2**63], per_key=2)) == [(-2**63, 8), (11, 3), (11, 5), (22, 4)]
    assert band_matches(keys=[], per_key=2) == []

"""Management commands that operators and outside tooling rely on."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.models import Item, Source
from guide.keys import hash_key
from tests.factories import raw_item


def run(*args) -> str:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_create_source_prints_a_key_that_is_stored_only_hashed(db):
    key = run("create_source", "partner-x", "--platform", "douyin", "--trust", "55").strip()
    source = Source.objects.get(name="partner-x")
    assert key.startswith("gs_") and source.key_hash == hash_key(key) and key not in source.key_hash
    assert source.platform == "douyin" and source.trust_level == 55


@pytest.mark.parametrize(
    "args, message",
    [
        (["create_source", "rss-without-url", "--adapter", "rss"], "--url"),
        (["create_source", "bad-trust", "--trust", "101"], "trust_level"),
        (["create_source", "not a slug!"], "name"),
    ],
)
def test_create_source_refuses_bad_options_clearly(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_rotating_a_source_key_invalidates_the_old_one(db, api):
    old = run("create_source", "partner-y").strip()
    new = run("create_source", "partner-y", "--rotate-key").strip()
    api.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert api.post("/api/v1/ingest/", {"items": [raw_item(1)]}, format="json").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert api.post("/api/v1/ingest/", {"items": [raw_item(1)]}, format="json").status_code == 202


@pytest.fixture
def file_source(db):
    run("create_source", "bulk")
    return Source.objects.get(name="bulk")


def test_a_jsonl_file_is_ingested_with_bad_lines_reported_and_twice_changes_nothing(file_source, tmp_path):
    path = tmp_path / "items.jsonl"
    lines = [json.dumps(raw_item(n), ensure_ascii=False) for n in range(5)]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps(raw_item(99, price=-1), ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = run("ingest_file", str(path), "--source", "bulk", "--no-progress")
    assert "created=5" in first and "rejected=2" in first
    assert "第 3 行" in first and "第 5 行" in first and "price" in first
    second = run("ingest_file", str(path), "--source", "bulk", "--no-progress")
    assert "created=0" in second and "changed=0" in second and "unchanged=5" in second
    assert Item.objects.count() == 5


def test_a_csv_file_with_flattened_author_and_metrics_is_ingested(file_source, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(
        "external_id,url,title,body,price,author_name,author_followers,author_verified,metrics_likes,images\n"
        'd1,https://www.smzdm.com/p/1,索尼耳机好价,"<p>到手价 1999</p>",¥1999,值友小张,300,是,12,https://i.cn/a.jpg|https://i.cn/b.jpg\n'
        "d2,not-a-url,坏行,正文,,,,,,\n",
        encoding="utf-8",
    )
    output = run("ingest_file", str(path), "--source", "bulk", "--no-progress")
    assert "created=1" in output and "rejected=1" in output and "url" in output
    item = Item.objects.get()
    assert str(item.price) == "1999.00" and item.author.verified and item.metrics == {"likes": 12}
    assert item.images == ["https://i.cn/a.jpg", "https://i.cn/b.jpg"]


def test_a_file_that_is_not_utf8_is_reported_not_crashed_on(file_source, tmp_path):
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(json.dumps(raw_item(1), ensure_ascii=False).encode("gbk") + b"\n")
    assert "UTF-8" in run("ingest_file", str(path), "--source", "bulk", "--no-progress")
    assert Item.objects.count() == 0


@pytest.mark.parametrize(
    "args, message",
    [(["ingest_file", "/no/such/file.jsonl", "--source", "bulk"], "找不到"),
     (["ingest_file", __file__, "--source", "nobody"], "没有名为")],
)
def test_ingest_file_refuses_a_missing_file_or_source(file_source, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_seed_demo_loads_every_platform_with_its_copies_and_is_safe_to_rerun(db):
    output = run("seed_demo")
    assert "rejected=0" in output
    assert Item.objects.count() > 400
    assert Source.objects.filter(name__startswith="demo-").count() == 10
    assert Item.objects.filter(duplicate_of__isnull=False).count() >= 30
    assert "跳过" in run("seed_demo")
    assert Item.objects.filter(published_at__isnull=False).latest("published_at").published_at is not None


def test_ingest_files_formats_come_from_one_registry(tmp_path):
    from content.files import FORMATS, detect_format
    from content.management.commands.ingest_file import Command

    choices = next(a.choices for a in Command().create_parser("manage.py", "ingest_file")._actions
                   if a.dest == "format")
    assert list(choices) == list(FORMATS)
    assert [detect_format(tmp_path / f"x{suffix}") for suffix in (".ndjson", ".tsv")] == ["jsonl", "csv"]
    with pytest.raises(ValueError, match="jsonl|csv"):
        detect_format(tmp_path / "x.xlsx")

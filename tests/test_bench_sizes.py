"""Load benchmarks answer absurd sizes (zero clients, zero rounds, minus five requests, a zero
batch) by the option's name and its bounds, before any work (tooling.sizes)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.parametrize("option, value", [
    ("--concurrency", "0"), ("--rounds", "0"), ("--requests", "-5"), ("--shoppers", "0"), ("--workers", "0"),
    ("--warmup", "-1"), ("--threads", "1000"),
])
def test_bench_feed_refuses_absurd_sizes_by_name_before_any_work(db, option, value):
    with pytest.raises(CommandError, match=f"{option} 应在"):
        call_command("bench_feed", option, value)


def test_bench_feed_wants_at_least_one_request_per_round(db):
    with pytest.raises(CommandError, match="--requests 不能少于 --rounds"):
        call_command("bench_feed", "--requests", "3", "--rounds", "4")


@pytest.mark.parametrize("command, option, value", [
    ("bench_scoring", "--batch", "0"), ("bench_scoring", "--limit", "-3"), ("bench_scoring", "--workers", "0"),
    ("bench_events", "--batch", "0"), ("bench_events", "--concurrency", "0"), ("bench_events", "--events", "0"),
    ("bench_ingest", "--items", "0"), ("bench_ingest", "--index-size", "-1"), ("bench_ingest", "--sample", "0"),
])
def test_the_other_load_benchmarks_refuse_absurd_sizes_by_name(db, command, option, value):
    extra = ["--corpus", "nowhere.jsonl"] if command == "bench_scoring" else []
    with pytest.raises(CommandError, match=f"{option} 应在"):
        call_command(command, option, value, *extra)

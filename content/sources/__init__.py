"""Fetching adapters, by Source.adapter. Each module has `accepts(source)` and `fetch(url, ...)`
(see base.py). Bulk files (content.files) and the push API feed content.ingest directly."""

from types import ModuleType

from content.sources import page, rss

SOURCES: dict[str, ModuleType] = {"rss": rss, "page": page}

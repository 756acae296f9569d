"""The shape every fetching adapter has (RSS / Atom feeds, product and article pages).

An adapter is a module with two plain functions:

    accepts(source) -> bool
    fetch(source_url, *, etag="", last_modified="") -> FetchResult

`fetch` returns raw item dicts in the push-API item format of DESIGN.md §6 (external_id, url,
title, body, kind, published_at, author, price, original_price, currency, merchant, brand,
product, expires_at, images, metrics). Values may still be messy (price as "¥1,299", dates as
strings): one normalise-and-store path (content.ingest) validates and cleans them all.
Any failure to get usable data raises FetchError with a short message for the source's
last_error.
"""

from dataclasses import dataclass, field
from typing import Any


class FetchError(Exception):
    """The source could not be fetched or did not contain usable data."""


@dataclass
class FetchResult:
    entries: list[dict[str, Any]] = field(default_factory=list)
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""

    @classmethod
    def unchanged(cls, *, etag: str, last_modified: str) -> "FetchResult":
        """A 304: nothing new; keep the validators (the server's if it sent new ones)."""
        return cls(not_modified=True, etag=etag, last_modified=last_modified)

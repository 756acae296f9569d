"""Writes on sources. Items are written by content.ingest; polling lives in content.polling."""

from django.db import transaction

from content.models import Source
from guide.keys import new_key


@transaction.atomic
def source_create(
    *,
    name: str,
    platform: str = "other",
    adapter: str = "push",
    url: str = "",
    title: str = "",
    trust_level: int = 50,
    poll_interval_minutes: int = 30,
) -> tuple[Source, str]:
    """A new source and its raw API key (shown once; only the hash is stored)."""
    raw_key, key_hash = new_key("source")
    source = Source(
        name=name,
        title=title or name,
        platform=platform,
        adapter=adapter,
        url=url,
        trust_level=trust_level,
        poll_interval_minutes=poll_interval_minutes,
        key_hash=key_hash,
    )
    source.full_clean()
    source.save()
    return source, raw_key


def source_rotate_key(*, source: Source) -> str:
    """Replace a source's key; the old one stops working at once."""
    raw_key, key_hash = new_key("source")
    source.key_hash = key_hash
    source.save(update_fields=["key_hash"])
    return raw_key

"""Authors are upserted per batch: one query to find them, one insert for the new ones.

Rows are updated and inserted in order of external id, so two batches sharing authors take
their row and unique-index locks in the same order and cannot deadlock on each other."""

from django.utils import timezone

from content.models import Author
from content.pipeline.validate import AuthorDraft
from guide.db import rows_update


def authors_upsert(*, platform: str, drafts: list[AuthorDraft]) -> dict[str, Author]:
    """The Author row for each draft's external id on this platform, created or updated."""
    latest = {draft.external_id: draft for draft in drafts}  # the last word in a batch wins
    latest = dict(sorted(latest.items()))
    if not latest:
        return {}
    found = {a.external_id: a for a in Author.objects.filter(platform=platform, external_id__in=latest)}
    changed = []
    for external_id, draft in latest.items():
        author = found.get(external_id)
        if author is None:
            continue
        values = {"name": draft.name or author.name, "followers": draft.followers or author.followers,
                  "verified": draft.verified}
        if any(getattr(author, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(author, name, value)
            author.updated_at = timezone.now()
            changed.append(author)
    rows_update(Author, changed, ["name", "followers", "verified", "updated_at"])
    new = [
        Author(platform=platform, external_id=d.external_id, name=d.name, followers=d.followers, verified=d.verified)
        for external_id, d in latest.items()
        if external_id not in found
    ]
    Author.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        found.update(
            (a.external_id, a)
            for a in Author.objects.filter(platform=platform, external_id__in=[a.external_id for a in new])
        )
    return found

"""Writes of search documents. The scoring pass stores each item's document next to its scores
(content.scoring.service.items_score) from the tokens it already made; `search_documents_build`
analyses items that have none yet (scored before search existed), the one other place text is
segmented for search."""

from collections.abc import Iterable

from django.utils import timezone

from content.models import Item, ItemSearch
from content.search.terms import document_terms
from guide.db import rows_upsert

BUILD_BATCH = 500


def search_documents_store(*, tokens: dict[int, tuple[list[str], int]]) -> int:
    """Upsert the documents of these items from (tokens, title token count) of their analysis."""
    now = timezone.now()
    rows = []
    for item_id, (item_tokens, title_count) in tokens.items():
        document = document_terms(item_tokens, title_count)
        rows.append(ItemSearch(item_id=item_id, title_terms=document.title_terms, body_terms=document.body_terms,
                               subword_terms=document.subword_terms, indexed_at=now))
    rows_upsert(ItemSearch, rows, unique_fields=["item"],
                update_fields=["title_terms", "body_terms", "subword_terms", "indexed_at"])
    return len(rows)


def search_documents_build(*, item_ids: Iterable[int] | None = None) -> int:
    """Documents for items that have none (all such items, or these); returns how many."""
    from content.scoring.analysis import analyze
    from interests.tagging import title_token_count  # the scoring pass's own title boundary

    items = Item.objects.filter(search_document__isnull=True)
    if item_ids is not None:
        items = items.filter(pk__in=list(item_ids))
    built, last = 0, 0
    while True:
        batch = list(items.filter(pk__gt=last).order_by("pk").values_list("pk", "title", "body_text")[:BUILD_BATCH])
        if not batch:
            return built
        analyses = {pk: analyze(title, body) for pk, title, body in batch}
        built += search_documents_store(tokens={pk: (a.tokens, title_token_count(a)) for pk, a in analyses.items()})
        last = batch[-1][0]

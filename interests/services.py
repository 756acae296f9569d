"""Writes of item tags."""

from django.core.cache import cache

from interests.lexicon import VERSION_KEY
from interests.models import Interest, ItemInterest, ItemScenario, Scenario
from interests.tagging import Tag


def _ids_by_slug(model) -> dict[str, int]:
    """slug -> id, cached until the taxonomy changes (the lexicon's version stamp)."""
    key = f"interests:ids:{model.__name__}:{cache.get(VERSION_KEY)}"
    ids = cache.get(key)
    if ids is None:
        ids = dict(model.objects.values_list("slug", "id"))
        cache.set(key, ids, 300)
    return ids


def item_tags_replace(*, tags: dict[int, tuple[list[Tag], list[Tag]]]) -> None:
    """Replace the automatic interest and scenario tags of these items (editors' tags stay)."""
    if not tags:
        return
    interest_ids, scenario_ids = _ids_by_slug(Interest), _ids_by_slug(Scenario)
    item_ids = list(tags)
    editor_tagged = set(
        ItemInterest.objects.filter(item__in=item_ids, origin="editor").values_list("item_id", "interest_id")
    )
    ItemInterest.objects.filter(item__in=item_ids).exclude(origin="editor").delete()
    ItemScenario.objects.filter(item__in=item_ids).delete()
    ItemInterest.objects.bulk_create(
        ItemInterest(item_id=item_id, interest_id=interest_ids[t.slug], weight=round(t.weight, 4),
                     matched=list(t.matched), origin="lexicon" if t.matched else "classifier")
        for item_id, (interests, _) in tags.items()
        for t in interests
        if t.slug in interest_ids and (item_id, interest_ids[t.slug]) not in editor_tagged
    )
    ItemScenario.objects.bulk_create(
        ItemScenario(item_id=item_id, scenario_id=scenario_ids[t.slug], weight=round(t.weight, 4), matched=list(t.matched))
        for item_id, (_, scenarios) in tags.items()
        for t in scenarios
        if t.slug in scenario_ids
    )


def interest_ids_by_slug() -> dict[str, int]:
    return _ids_by_slug(Interest)

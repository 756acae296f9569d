"""Writes of item tags."""

from django.core.cache import cache

from content.models import Item
from guide.db import rows_insert
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
    """Replace the automatic interest and scenario tags of these items. Editors' tags stay, and
    a vocabulary an editor has set for an item (Item.editor_tagged) is left as the editor set
    it: an automatic tag the editor removed does not come back."""
    if not tags:
        return
    interest_ids, scenario_ids = _ids_by_slug(Interest), _ids_by_slug(Scenario)
    locked = {pk: set(kinds) for pk, kinds in Item.objects.filter(pk__in=list(tags)).exclude(editor_tagged=[])
              .values_list("pk", "editor_tagged")}
    interest_items = [pk for pk in tags if "interests" not in locked.get(pk, ())]
    scenario_items = [pk for pk in tags if "scenarios" not in locked.get(pk, ())]
    editor_tagged = set(
        ItemInterest.objects.filter(item__in=interest_items, origin="editor").values_list("item_id", "interest_id")
    )
    ItemInterest.objects.filter(item__in=interest_items).exclude(origin="editor").delete()
    ItemScenario.objects.filter(item__in=scenario_items).exclude(origin="editor").delete()
    rows_insert(ItemInterest, [
        ItemInterest(item_id=item_id, interest_id=interest_ids[t.slug], weight=round(t.weight, 4),
                     matched=list(t.matched), origin="lexicon" if t.matched else "classifier")
        for item_id in interest_items
        for t in tags[item_id][0]
        if t.slug in interest_ids and (item_id, interest_ids[t.slug]) not in editor_tagged
    ])
    rows_insert(ItemScenario, [
        ItemScenario(item_id=item_id, scenario_id=scenario_ids[t.slug], weight=round(t.weight, 4), matched=list(t.matched))
        for item_id in scenario_items
        for t in tags[item_id][1]
        if t.slug in scenario_ids
    ])


# An editor's tags, strongest first in the order given; the first is the item's main interest.
EDITOR_WEIGHTS = (0.95, 0.9, 0.85, 0.8, 0.75)


def unknown_tag_slugs(*, interests: list[str] | None, scenarios: list[str] | None) -> dict[str, list[str]]:
    """The slugs that name no active interest or scenario, by field ("interests", "scenarios")."""
    unknown = {}
    for field, model, slugs in (("interests", Interest, interests), ("scenarios", Scenario, scenarios)):
        if slugs:
            known = set(model.objects.filter(slug__in=slugs, is_active=True).values_list("slug", flat=True))
            missing = [slug for slug in slugs if slug not in known]
            if missing:
                unknown[field] = missing
    return unknown


def item_tags_set_by_editor(*, item_id: int, interests: list[str] | None,
                            scenarios: list[str] | None) -> tuple[dict, dict]:
    """Replace an item's interest tags and / or scenario tags (None leaves that vocabulary as
    it is) with an editor's. A child interest brings its top level along, as the tagger does.
    Returns (before, after) as {"interests": [slugs], "scenarios": [slugs]} for the audit."""
    before = item_tag_slugs(item_id=item_id)
    if interests is not None:
        chosen = list(Interest.objects.filter(slug__in=interests).select_related("parent"))
        order = {slug: n for n, slug in enumerate(interests)}
        chosen.sort(key=lambda node: order[node.slug])
        rows: dict[int, float] = {}
        for n, node in enumerate(chosen):
            weight = EDITOR_WEIGHTS[min(n, len(EDITOR_WEIGHTS) - 1)]
            rows.setdefault(node.pk, weight)
            if node.parent_id:
                rows.setdefault(node.parent_id, weight)
        ItemInterest.objects.filter(item_id=item_id).delete()
        ItemInterest.objects.bulk_create(ItemInterest(item_id=item_id, interest_id=pk, weight=weight, origin="editor")
                                         for pk, weight in rows.items())
    if scenarios is not None:
        ids = dict(Scenario.objects.filter(slug__in=scenarios).values_list("slug", "pk"))
        ItemScenario.objects.filter(item_id=item_id).delete()
        ItemScenario.objects.bulk_create(
            ItemScenario(item_id=item_id, scenario_id=ids[slug], origin="editor",
                         weight=EDITOR_WEIGHTS[min(n, len(EDITOR_WEIGHTS) - 1)])
            for n, slug in enumerate(dict.fromkeys(scenarios)) if slug in ids
        )
    return before, item_tag_slugs(item_id=item_id)


def item_tag_slugs(*, item_id: int) -> dict[str, list[str]]:
    return {
        "interests": list(ItemInterest.objects.filter(item_id=item_id).order_by("-weight", "interest__slug")
                          .values_list("interest__slug", flat=True)),
        "scenarios": list(ItemScenario.objects.filter(item_id=item_id).order_by("-weight", "scenario__slug")
                          .values_list("scenario__slug", flat=True)),
    }


def interest_ids_by_slug() -> dict[str, int]:
    return _ids_by_slug(Interest)

"""What a card or an item page shows where there is no picture, or the picture does not load:
a tidy block in the item's interest colour with the interest's name, never a broken image."""

from functools import cache

from interests.taxonomy import INTERESTS, TOP_LEVEL_COLOURS

NEUTRAL = {"colour": "#8c96a0", "label": "好物"}


@cache
def _nodes() -> dict[str, tuple[str, str]]:
    """slug → (top-level slug, own name), from the seeded taxonomy (no query)."""
    return {node["slug"]: (node["parent"] or node["slug"], node["name"]) for node in INTERESTS}


def placeholder_for(*, interest_slugs: list[str]) -> dict[str, str]:
    """{"colour", "label"} of the strongest tag we know (its top level's colour, its own name)."""
    for slug in interest_slugs:
        if slug in _nodes():
            top, name = _nodes()[slug]
            return {"colour": TOP_LEVEL_COLOURS[top], "label": name}
    return NEUTRAL

"""Reads of items. Selectors own select_related / prefetch and the visibility rules."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from content.constants import VISIBLE_STATUSES
from content.models import Favorite, Item, Vote
from guide.roles import is_editor
from interests.models import ItemInterest, ItemScenario

# How many distinct sources carry this content: itself plus copies from other sources.
SOURCE_COUNT = Count("copies__source", filter=~Q(copies__source=F("source")), distinct=True) + 1


def interest_tags() -> QuerySet[ItemInterest]:
    """Tag rows with their interest's name and slug, without its keyword lexicon (a large JSON
    list per interest: decoding it for every tag of every card cost more than the rest)."""
    return ItemInterest.objects.select_related("interest__parent").defer(
        "interest__keywords", "interest__description", "interest__parent__keywords", "interest__parent__description")


def scenario_tags() -> QuerySet[ItemScenario]:
    return ItemScenario.objects.select_related("scenario").defer("scenario__keywords", "scenario__context_hints",
                                                                   "scenario__description")


def items_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Item]:
    """Items a viewer may see: editors see everything, everyone else approved and featured."""
    items = Item.objects.select_related("source", "author", "score").prefetch_related(
        Prefetch("interest_tags", queryset=interest_tags()),
        Prefetch("scenario_tags", queryset=scenario_tags()),
    ).annotate(source_count=SOURCE_COUNT)
    if not is_editor(user):
        items = items.filter(status__in=VISIBLE_STATUSES)
    return items.order_by("-published_at", "-pk")


def _vote_count(value: int) -> Coalesce:
    votes = Vote.objects.filter(item=OuterRef("pk"), value=value).order_by().values("item").annotate(n=Count("pk"))
    return Coalesce(Subquery(votes.values("n")), 0)


def items_in_order(item_ids: list[int]) -> list[Item]:
    """Items by id, in the given order, with what a feed or list card shows: two queries
    whatever the count. Feeds and lists choose their items themselves, so no visibility filter."""
    found = (
        Item.objects.select_related("source", "score")
        .prefetch_related(Prefetch("interest_tags", queryset=interest_tags()))
        .annotate(source_count=SOURCE_COUNT, votes_worth=_vote_count(Vote.WORTH), votes_not_worth=_vote_count(Vote.NOT_WORTH))
        .in_bulk(item_ids)
    )
    return [found[pk] for pk in item_ids if pk in found]


def favorites_of(*, user: AbstractBaseUser) -> tuple[list[int], int]:
    """(ids of the shopper's saved items still shown, newest saved first; how many saved items
    were taken down since)."""
    saved = list(Favorite.objects.filter(user=user).order_by("-created_at", "-pk")
                 .values_list("item_id", "item__status"))
    shown = [item_id for item_id, status in saved if status in VISIBLE_STATUSES]
    return shown, len(saved) - len(shown)

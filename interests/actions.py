"""Shoppers' verdicts on items: 值 / 不值 votes (one per shopper per item, changeable) and
favourites. Shopper actions live here, on the floor of shoppers' behaviour, and write content's
rows downward; each also counts as behaviour for the shopper's profile and moves their feed on
(interests.events.action_record)."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from content.models import Favorite, Item, Vote
from guide.roles import is_brand_member
from interests.events import action_record

VOTE_VALUES = {"worth": Vote.WORTH, "not_worth": Vote.NOT_WORTH}


@transaction.atomic
def item_vote(*, user: AbstractBaseUser, item: Item, value: int) -> tuple[Vote, bool]:
    """Set the shopper's vote; returns (vote, changed). Voting the same way twice changes nothing.
    A brand member's vote is refused (PermissionDenied): 值 / 不值 is the shoppers' verdict."""
    if is_brand_member(user):
        raise PermissionDenied("品牌成员不能投「值 / 不值」。")
    vote, created = Vote.objects.get_or_create(user=user, item=item, defaults={"value": value})
    if not created and vote.value == value:
        return vote, False
    if not created:
        vote.value = value
        vote.save(update_fields=["value"])
    action_record(user=user, kind="vote_worth" if value == Vote.WORTH else "vote_not_worth", item_id=item.pk)
    return vote, True


def item_vote_retract(*, user: AbstractBaseUser, item: Item) -> bool:
    return Vote.objects.filter(user=user, item=item).delete()[0] > 0


@transaction.atomic
def item_favorite(*, user: AbstractBaseUser, item: Item, on: bool) -> bool:
    """Save or unsave; returns whether anything changed."""
    if not on:
        return Favorite.objects.filter(user=user, item=item).delete()[0] > 0
    _, created = Favorite.objects.get_or_create(user=user, item=item)
    if created:
        action_record(user=user, kind="favorite", item_id=item.pk)
    return created


def vote_counts(item: Item) -> dict[str, int]:
    votes = list(Vote.objects.filter(item=item).values_list("value", flat=True))
    return {"worth": votes.count(Vote.WORTH), "not_worth": votes.count(Vote.NOT_WORTH)}

"""The shopper's feed generation (interests.feed_generation): moved on by an action only once it
commits, and again when the profile update has taken the action in."""

import pytest
from django.db import transaction

from interests.actions import item_favorite, item_vote
from interests.feed_generation import feed_generation, profile_applied
from interests.models import UserInterest
from interests.tasks import update_profile
from tests.factories import scored_item


@pytest.fixture
def tent(db):
    return scored_item("camping", "outdoor", worth=70)


def test_a_vote_moves_the_feed_on_only_once_it_commits(alice, tent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            item_vote(user=alice, item=tent, value=1)
            assert feed_generation(alice.pk) == 0  # a feed computed now reads the state before the vote
    assert feed_generation(alice.pk) == 0
    callbacks[0]()  # the bump (the profile update is queued after it)
    assert feed_generation(alice.pk) == 1


def test_a_profile_update_that_applied_events_moves_the_feed_on_again_and_says_so(alice, tent,
                                                                                  django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, *, user_id, **kwargs):
        heard.append((user_id, feed_generation(user_id)))

    profile_applied.connect(listener, dispatch_uid="test-listener")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            item_favorite(user=alice, item=tent, on=True)  # in process: the profile update runs at once
    finally:
        profile_applied.disconnect(dispatch_uid="test-listener")
    assert UserInterest.objects.filter(user=alice, interest__slug="camping").exists()
    assert heard == [(alice.pk, 2)]  # after the action's bump and the profile's, in that order
    assert feed_generation(alice.pk) == 2


def test_a_profile_update_with_nothing_new_leaves_the_feed_where_it_was(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert update_profile(alice.pk) == 0
    assert feed_generation(alice.pk) == 0


def test_a_visitor_has_no_generation(db):
    assert feed_generation(None) == 0

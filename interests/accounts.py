"""Signing in with earlier anonymous behaviour: that behaviour becomes the account's."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from interests.events import valid_anonymous_id
from interests.models import Event


def anonymous_events_merge(*, user: AbstractBaseUser, anonymous_id: str) -> int:
    """Move the anonymous id's events to the user and rebuild their profile from the log (the
    merged events are older than the profile's cursor, so an incremental update would miss them)."""
    if not valid_anonymous_id(anonymous_id):
        return 0
    moved = Event.objects.filter(anonymous_id=anonymous_id, user__isnull=True).update(user=user, anonymous_id="")
    if moved:
        from interests.tasks import rebuild_profile

        transaction.on_commit(lambda: rebuild_profile.delay(user.pk))
    return moved

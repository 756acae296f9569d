"""Any saved or deleted Interest or Scenario makes every process rebuild its lexicon; and a
visitor who signs in brings their anonymous behaviour into their account.

The stamp is bumped after the transaction commits: a process that reloaded before the commit
would otherwise keep the old rows under the new stamp. Bulk `QuerySet.update()` sends no
signals; call `interests.lexicon.bump_lexicon_version()` after one.
"""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from interests.lexicon import bump_lexicon_version
from interests.models import Interest, Scenario


def lexicon_changed(**kwargs) -> None:
    transaction.on_commit(bump_lexicon_version)


def merge_anonymous_events(sender, request, user, **kwargs) -> None:
    from interests.accounts import anonymous_events_merge, known_visitor_id

    anonymous_id = known_visitor_id(request) if request is not None else ""  # only an id we signed
    if anonymous_id:
        anonymous_events_merge(user=user, anonymous_id=anonymous_id)


def connect() -> None:
    user_logged_in.connect(merge_anonymous_events, dispatch_uid="merge-anonymous-events")
    for model in (Interest, Scenario):
        for event, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(lexicon_changed, sender=model, dispatch_uid=f"lexicon-on-{event}-{model.__name__}")

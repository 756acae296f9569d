"""Any saved or deleted Interest or Scenario makes every process rebuild its lexicon.

The stamp is bumped after the transaction commits: a process that reloaded before the commit
would otherwise keep the old rows under the new stamp. Bulk `QuerySet.update()` sends no
signals; call `interests.lexicon.bump_lexicon_version()` after one.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from interests.lexicon import bump_lexicon_version
from interests.models import Interest, Scenario


def lexicon_changed(**kwargs) -> None:
    transaction.on_commit(bump_lexicon_version)


def connect() -> None:
    for model in (Interest, Scenario):
        for event, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(lexicon_changed, sender=model, dispatch_uid=f"lexicon-on-{event}-{model.__name__}")

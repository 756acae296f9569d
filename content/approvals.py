"""Automatic gatekeeping tells the upper floors which items it has just approved.

Editors' decisions announce themselves through content.moderation.visibility.visibility_changed;
the scoring pass (and a scoring profile's activation) approve items without an editor, and send
`items_approved` instead: a signal, so content never imports the floors that listen (keyword
alerts in interests.alerts). Sent after the approving transaction commits, so a listener reads
the items as approved."""

from django.db import transaction
from django.dispatch import Signal

# Sent after commit with item_ids: items automatic gatekeeping moved to approved.
items_approved = Signal()


def items_approved_after_commit(item_ids: list[int]) -> None:
    if item_ids:
        ids = list(item_ids)
        transaction.on_commit(lambda: items_approved.send(sender="content", item_ids=ids))

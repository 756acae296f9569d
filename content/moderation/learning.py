"""What editors' decisions teach the models. Retags are the tagger's labels (interests.training
reads the editor-origin tags); here, the objectivity (advertorial) model's: an item an editor
rejected as `advertorial` or `spam` is an advertorial example, one an editor approved or
featured without a sponsorship label is a genuine one."""

from content.models import Item

ADVERTORIAL_REASONS = ("advertorial", "spam")


def editor_objectivity_labels() -> list[tuple[str, int]]:
    """(title + body text, 1 if advertorial else 0) for every item an editor decided on."""
    decided = Item.objects.filter(moderated_at__isnull=False).exclude(body_text="", title="")
    advertorial = decided.filter(status="rejected", moderation_reason__in=ADVERTORIAL_REASONS)
    genuine = decided.filter(status__in=("approved", "featured"), sponsored=False, duplicate_of__isnull=True)
    return ([(f"{title}\n{body}", 1) for title, body in advertorial.values_list("title", "body_text")]
            + [(f"{title}\n{body}", 0) for title, body in genuine.values_list("title", "body_text")])

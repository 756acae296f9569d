"""Complaints about items and appeals against decisions (DESIGN §8: trust), and editors'
answers. Writes go through here; the page views and the admin are thin doors onto it."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from content.models import Feedback, Item


def feedback_open_exists(*, user: AbstractBaseUser, item: Item) -> bool:
    return Feedback.objects.filter(user=user, item=item, status="open").exists()


def feedback_submit(*, user: AbstractBaseUser, item: Item, kind: str, category: str, reason: str) -> tuple[Feedback, bool]:
    """File a complaint or appeal; returns (feedback, created). While the shopper already has
    one open about this item, that one is returned and nothing is written (a constraint backs
    this up against two requests racing)."""
    existing = Feedback.objects.filter(user=user, item=item, status="open").first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Feedback.objects.create(user=user, item=item, kind=kind, category=category, reason=reason), True
    except IntegrityError:
        return Feedback.objects.get(user=user, item=item, status="open"), False


def feedback_answer(*, feedback: Feedback, answer: str, editor: AbstractBaseUser) -> Feedback:
    """An editor's answer: the shopper sees it on their feedback page; the case is closed."""
    feedback.answer = answer.strip()
    feedback.status = "answered"
    feedback.answered_at = timezone.now()
    feedback.answered_by = editor
    feedback.save(update_fields=["answer", "status", "answered_at", "answered_by"])
    return feedback


def feedback_of(*, user: AbstractBaseUser) -> QuerySet[Feedback]:
    """The shopper's own complaints and appeals, newest first."""
    return Feedback.objects.filter(user=user).select_related("item").order_by("-created_at", "-pk")

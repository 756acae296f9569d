"""The shopper's control over what the platform holds about them (DESIGN.md §8): see every
interest with its reason, delete (sticky), follow, mute, switch personalisation off, export,
erase. Every write here is the shopper's own decision."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from interests.events import feed_changed
from interests.models import Event, Interest, ShopperProfile, UserInterest
from interests.profiles import affinity, current_score, profile_for, strongest_behaviour
from interests.reasons import interest_reason
from interests.values import values_for_shopper


@dataclass
class HeldInterest:
    slug: str
    name: str
    parent: str
    state: str
    score: float
    weight: float  # relative to the shopper's strongest interest, 0–1
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()



def personalization_key(user_id: int) -> str:
    """The cache entry of the shopper's personalisation switch (filled by
    interests.selectors.personalization_enabled, cleared here when it changes; the feed reads it
    in the same round trip as its own entries)."""
    return f"personalization:{user_id}"

def held_interests(*, user: AbstractBaseUser, include_deleted: bool = False) -> list[HeldInterest]:
    """Every interest held about the shopper, strongest first, each with its reason."""
    now = timezone.now()
    rows = UserInterest.objects.filter(user=user).select_related("interest__parent")
    if not include_deleted:
        rows = rows.exclude(state="deleted")
    held = [(row, current_score(row, now)) for row in rows]
    strongest = strongest_behaviour(held)
    result = [
        HeldInterest(
            slug=row.interest.slug, name=row.interest.name,
            parent=row.interest.parent.slug if row.interest.parent_id else "",
            state=row.state, score=round(score, 3),
            # What the feed ranks by (a followed interest full, behaviour below it).
            weight=round(max(0.0, affinity(row.state, score, strongest)), 3) if row.state in ("auto", "followed") else 0.0,
            reason=interest_reason(name=row.interest.name, state=row.state, origin=row.origin, evidence=row.evidence),
        )
        for row, score in held
    ]
    return sorted(result, key=lambda h: (h.state == "muted", -h.weight, -h.score))


def _set_state(user: AbstractBaseUser, interest: Interest, state: str, origin: str = "") -> UserInterest:
    feed_changed(user.pk)
    row, created = UserInterest.objects.get_or_create(
        user=user, interest=interest, defaults={"scored_at": timezone.now(), "state": state, "origin": origin}
    )
    if not created:
        # A new decision carries its own origin: following later is not "picked at sign-up".
        row.origin = origin if row.state != state else origin or row.origin
        row.state = state
        row.save(update_fields=["state", "origin"])
    return row


def interest_follow(*, user: AbstractBaseUser, interest: Interest, origin: str = "") -> UserInterest:
    return _set_state(user, interest, "followed", origin)


def interest_mute(*, user: AbstractBaseUser, interest: Interest) -> UserInterest:
    return _set_state(user, interest, "muted")


def interest_delete(*, user: AbstractBaseUser, interest: Interest) -> None:
    """Forget an interest: its score and evidence go, and it stays gone until followed again."""
    row = _set_state(user, interest, "deleted")
    row.score, row.evidence = 0.0, {}
    row.save(update_fields=["score", "evidence"])


@transaction.atomic
def onboarding_complete(*, user: AbstractBaseUser, interests: list[Interest]) -> None:
    for interest in interests:
        interest_follow(user=user, interest=interest, origin="onboarding")
    profile = profile_for(user)
    profile.onboarded_at = timezone.now()
    profile.save(update_fields=["onboarded_at", "updated_at"])


def personalization_set(*, user: AbstractBaseUser, enabled: bool) -> ShopperProfile:
    feed_changed(user.pk)
    profile = profile_for(user)
    profile.personalization_enabled = enabled
    profile.save(update_fields=["personalization_enabled", "updated_at"])
    cache.delete(personalization_key(user.pk))
    return profile


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def shopper_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    """Everything we hold about the shopper, as plain JSON-ready data."""
    from content.models import Favorite, Feedback, Vote

    profile = profile_for(user)
    return {
        "account": {"username": user.get_username(), "email": getattr(user, "email", ""),
                    "date_joined": user.date_joined.isoformat(), "last_login": _iso(user.last_login)},
        "settings": {"personalization_enabled": profile.personalization_enabled,
                     "onboarded_at": _iso(profile.onboarded_at)},
        "interests": [h.as_dict() for h in held_interests(user=user, include_deleted=True)],
        "values": _values_export(user),
        "votes": [{"item": v.item_id, "value": "值" if v.value > 0 else "不值", "at": v.created_at.isoformat()}
                  for v in Vote.objects.filter(user=user).order_by("created_at")],
        "favorites": [{"item": f.item_id, "at": f.created_at.isoformat()}
                      for f in Favorite.objects.filter(user=user).order_by("created_at")],
        # Complaints and appeals with the editors' answers; who answered is the platform's, not the shopper's.
        "feedback": [{"item": f.item_id, "kind": f.get_kind_display(), "category": f.get_category_display(),
                      "reason": f.reason, "status": f.get_status_display(), "created_at": f.created_at.isoformat(),
                      "answer": f.answer, "answered_at": _iso(f.answered_at)}
                     for f in Feedback.objects.filter(user=user).order_by("created_at", "pk")],
        "events": [{"type": e.type, "item": e.item_id, "ts": e.ts.isoformat(), "dwell_ms": e.dwell_ms,
                    "query": e.query, "context": e.context}
                   for e in Event.objects.filter(user=user).order_by("id").iterator(chunk_size=2000)],
        "api_tokens": [{"name": t.name, "created_at": t.created_at.isoformat()} for t in user.api_tokens.all()],
        **_alerts_and_conversations(user),
        "exported_at": timezone.now().isoformat(),
    }


def _values_export(user: AbstractBaseUser) -> dict[str, Any]:
    """The dimensions she weighs, as 我的兴趣 shows them (interests.values)."""
    values = values_for_shopper(user=user)
    return values | {"learned_at": _iso(values["learned_at"])}


def _alerts_and_conversations(user: AbstractBaseUser) -> dict[str, Any]:
    """Keyword alerts, their notifications and conversations with the 小值 assistant."""
    from interests.models import Conversation, KeywordAlert, Notification

    return {
        "keyword_alerts": [{"query": a.query, "price_max": str(a.price_max) if a.price_max is not None else None,
                            "worth_min": a.worth_min, "created_at": a.created_at.isoformat()}
                           for a in KeywordAlert.objects.filter(user=user).order_by("created_at", "pk")],
        "notifications": [{"message": n.message, "item": n.item_id, "created_at": n.created_at.isoformat(),
                           "read_at": _iso(n.read_at)}
                          for n in Notification.objects.filter(user=user).order_by("created_at", "pk")],
        "assistant_conversations": [
            {"id": str(c.public_id), "created_at": c.created_at.isoformat(),
             "turns": [{"message": t.message, "reply": t.reply, "intent": t.intent, "at": t.created_at.isoformat()}
                       for t in c.turns.all()]}
            for c in Conversation.objects.filter(user=user).prefetch_related("turns").order_by("created_at", "pk")],
    }


@transaction.atomic
def shopper_erase(*, user: AbstractBaseUser) -> None:
    """Delete the account and everything tied to it: events, votes, favourites, complaints and
    appeals, interests, tokens, settings, keyword alerts and notifications, conversations with
    the assistant."""
    Event.objects.filter(user=user).delete()
    user.delete()  # cascades to votes, favourites, feedback, interest rows, profile, API tokens, alerts,
    # notifications and conversations

"""What the dimensions know about an item besides its text: plain data, built per batch by
content.scoring.context from a fixed number of queries, so the scorers need no database."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from interests.tagging import Tag


@dataclass(slots=True)
class AuthorFacts:
    followers: int = 0
    verified: bool = False
    items: int = 0  # items by this author we hold
    rejected: int = 0  # of those, rejected by editors or gatekeeping
    follower_scale: float = 100_000  # followers that count as "large" on this platform


@dataclass(slots=True)
class PriceFacts:
    historical_low: Decimal | None = None  # lowest price seen for this product before
    best_elsewhere: Decimal | None = None  # lowest current price at another merchant
    best_elsewhere_merchant: str = ""


@dataclass(slots=True)
class ItemFacts:
    kind: str
    platform: str
    source_trust: int
    now: datetime
    published_at: datetime | None = None
    expires_at: datetime | None = None
    price: Decimal | None = None
    original_price: Decimal | None = None
    currency: str = "CNY"
    brand: str = ""
    product: str = ""
    images: int = 0
    metrics: dict[str, int] = field(default_factory=dict)
    engagement_scale: float = 1_000  # platform engagement that counts as "hot"
    sponsored: bool = False
    author: AuthorFacts | None = None
    duplicate_of: int | None = None
    duplicate_similarity: float | None = None
    exact_copy: bool = False
    corroborating_sources: int = 0  # other sources carrying copies of this item
    votes_worth: int = 0
    votes_not_worth: int = 0
    price_facts: PriceFacts = field(default_factory=PriceFacts)


@dataclass(slots=True)
class Signals:
    """Per-item outputs of the batch steps (learned models, tagger) that several dimensions read."""

    positive_probability: float = 0.5
    advertorial_probability: float = 0.0
    hard_sell: list[str] = field(default_factory=list)
    interests: list[Tag] = field(default_factory=list)
    scenarios: list[Tag] = field(default_factory=list)


class Score(NamedTuple):
    """A dimension's value (clamped to 0–100 and rounded by the engine) and why."""

    value: float
    explanation: str

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from content.models import Author, Item, Source
from content.pipeline.sanitize import html_to_text
from content.scoring.dimensions import DIMENSION_KEYS, DIMENSIONS


class SourceOut(serializers.ModelSerializer):
    platform_name = serializers.CharField(source="get_platform_display")

    class Meta:
        model = Source
        fields = ["name", "title", "platform", "platform_name", "trust_level"]


class AuthorOut(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["external_id", "name", "platform", "followers", "verified"]


class ItemOut(serializers.ModelSerializer):
    source = SourceOut()
    author = AuthorOut(allow_null=True)
    body = serializers.CharField(source="body_html")
    source_count = serializers.IntegerField(read_only=True, help_text="全网转载 / 佐证的来源数（含自身）")
    scores = serializers.SerializerMethodField(help_text="十二个维度，0–100；未评分时为 null")
    explanations = serializers.SerializerMethodField(help_text="每个维度的中文解释")
    worth_score = serializers.SerializerMethodField(help_text="值得买指数 0–100")
    scored_at = serializers.SerializerMethodField()
    interests = serializers.SerializerMethodField(help_text="[{slug, name, weight}]")
    scenarios = serializers.SerializerMethodField(help_text="[{slug, name, weight}]")

    class Meta:
        model = Item
        fields = [
            "id", "kind", "title", "body", "url", "canonical_url", "source", "author",
            "published_at", "fetched_at", "updated_at", "price", "original_price", "currency",
            "merchant", "brand", "product", "expires_at", "images", "metrics", "status",
            "duplicate_of", "duplicate_similarity", "source_count", "sponsored",
            "scores", "explanations", "worth_score", "scored_at", "interests", "scenarios",
        ]

    @staticmethod
    def _score(item: Item):
        return getattr(item, "score", None)  # an unscored item has no score row

    def get_scores(self, item: Item) -> dict[str, float] | None:
        score = self._score(item)
        return {key: getattr(score, key) for key in DIMENSION_KEYS} if score else None

    def get_explanations(self, item: Item) -> dict[str, str] | None:
        score = self._score(item)
        return score.explanations if score else None

    def get_worth_score(self, item: Item) -> float | None:
        score = self._score(item)
        return score.worth_score if score else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_scored_at(self, item: Item) -> str | None:
        score = self._score(item)
        return serializers.DateTimeField().to_representation(score.scored_at) if score else None

    def get_interests(self, item: Item) -> list[dict]:
        return [{"slug": t.interest.slug, "name": t.interest.name, "weight": t.weight} for t in item.interest_tags.all()]

    def get_scenarios(self, item: Item) -> list[dict]:
        return [{"slug": t.scenario.slug, "name": t.scenario.name, "weight": t.weight} for t in item.scenario_tags.all()]


EXCERPT_SOURCE = 2000  # characters of HTML read for an excerpt: far more than 120 characters of text

DIMENSION_HELP = "；".join(f"{key}：{label}" for key, label in DIMENSIONS.items())


class ItemCardOut(serializers.ModelSerializer):
    """An item as a feed or list card: what a shopper needs to decide to open it."""

    platform = serializers.CharField(source="source.platform")
    platform_name = serializers.CharField(source="source.get_platform_display")
    source_count = serializers.IntegerField(read_only=True)
    worth_score = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()
    excerpt = serializers.SerializerMethodField()
    interests = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField(help_text="社区「值 / 不值」票数 {worth, not_worth}")

    class Meta:
        model = Item
        fields = ["id", "kind", "title", "url", "image", "excerpt", "price", "original_price", "currency",
                  "merchant", "platform", "platform_name", "source_count", "published_at", "expires_at",
                  "worth_score", "interests", "sponsored", "votes"]

    def get_worth_score(self, item: Item) -> float | None:
        score = getattr(item, "score", None)
        return score.worth_score if score else None

    def get_votes(self, item: Item) -> dict[str, int]:
        return {"worth": getattr(item, "votes_worth", 0), "not_worth": getattr(item, "votes_not_worth", 0)}

    def get_image(self, item: Item) -> str | None:
        return item.images[0] if item.images else None

    def get_excerpt(self, item: Item) -> str:
        """The body's opening as the author wrote it (body_text is normalised for analysis)."""
        return html_to_text(item.body_html[:EXCERPT_SOURCE], shown=True)[:120]

    def get_interests(self, item: Item) -> list[dict]:
        """The three strongest tags, each with its top level (`top`)."""
        return [{"slug": t.interest.slug, "name": t.interest.name, "weight": t.weight,
                 "top": t.interest.parent.slug if t.interest.parent_id else t.interest.slug}
                for t in item.interest_tags.all()[:3]]

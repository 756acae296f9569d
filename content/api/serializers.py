from rest_framework import serializers

from content.models import Author, Item, Source


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

    class Meta:
        model = Item
        fields = [
            "id", "kind", "title", "body", "url", "canonical_url", "source", "author",
            "published_at", "fetched_at", "updated_at", "price", "original_price", "currency",
            "merchant", "brand", "product", "expires_at", "images", "metrics", "status",
            "duplicate_of", "duplicate_similarity", "source_count", "sponsored",
        ]

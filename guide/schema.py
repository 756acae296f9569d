"""The OpenAPI schema tells the truth: our three kinds of key as security schemes, the one
error shape on every 4xx answer, and the shapes of the feed and list views, which render their
own JSON and so give drf-spectacular nothing to read.

Imported by guide.api (which the URLconf imports), so the extensions are registered before any
schema is generated. The feed and list shapes are described here, by dotted path, rather than
in recommender/api.py: one place for the schema's corrections, and the hot feed path stays as
it is.
"""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiViewExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

ERROR_SCHEMA = {
    "type": "object",
    "description": "每个 4xx 回答的形状",
    "properties": {"error": {
        "type": "object",
        "properties": {
            "code": {"type": "string", "description": "机器可读的错误码，如 invalid、not_found、throttled"},
            "message": {"type": "string", "description": "给人看的说明（中文）"},
            "fields": {"description": "逐字段（或逐项）的错误"},
        },
        "required": ["code", "message"],
    }},
    "required": ["error"],
}
ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


class KeyScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <key>`; the prefix says which kind of key (guide.keys)."""

    description = ""

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": self.description}


class UserTokenScheme(KeyScheme):
    target_class = "guide.auth.UserTokenAuthentication"
    name = "userToken"
    description = "购物者或编辑的 API 令牌：`Token gu_…`，由 POST /api/v1/auth/token/ 签发。"


class SourceKeyScheme(KeyScheme):
    target_class = "content.auth.SourceKeyAuthentication"
    name = "sourceKey"
    description = "来源推送密钥：`Token gs_…`，由 manage.py create_source 签发。"


class BrandKeyScheme(KeyScheme):
    target_class = "recommender.brand_auth.BrandKeyAuthentication"
    name = "brandKey"
    description = "品牌密钥：`Token gb_…`，由 manage.py create_brand_key 签发。"


def error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Postprocessing hook: every operation may answer 4XX with the error shape, and every 4xx an
    operation names without a body gets that shape too."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                if str(status).startswith("4") and "content" not in response:
                    response["content"] = ERROR_CONTENT
            responses.setdefault("4XX", {"description": "请求有误（见 error.code 与 error.message）",
                                         "content": ERROR_CONTENT})
    return result


def card() -> serializers.Serializer:
    from content.api.serializers import ItemCardOut

    return ItemCardOut()


FEED_PAGE = inline_serializer("FeedPage", {
    "personalized": serializers.BooleanField(),
    "results": inline_serializer("FeedEntry", {
        "item": card(), "reason": serializers.CharField(), "sponsored": serializers.BooleanField(),
    }, many=True),
    "cursor": serializers.CharField(allow_null=True, help_text="下一页的游标；没有下一页时为 null"),
    "next": serializers.URLField(allow_null=True),
})
LISTS = inline_serializer("WorthLists", {"results": inline_serializer("WorthListRef", {
    "slug": serializers.CharField(), "name": serializers.CharField(),
    "period": serializers.ChoiceField(["day", "week"]), "updated_at": serializers.DateTimeField(),
    "url": serializers.URLField(),
}, many=True)})
LIST = inline_serializer("WorthList", {
    "slug": serializers.CharField(), "name": serializers.CharField(), "period": serializers.ChoiceField(["day", "week"]),
    "updated_at": serializers.DateTimeField(allow_null=True), "formula": serializers.CharField(),
    "results": inline_serializer("WorthListEntry", {
        "rank": serializers.IntegerField(), "score": serializers.FloatField(), "pinned": serializers.BooleanField(),
        "components": serializers.DictField(child=serializers.FloatField()), "item": card(),
    }, many=True),
})


def documented(view: Any, **schema) -> type:
    """A subclass of `view` whose GET the schema describes as `schema` says (the views build
    their JSON by hand, so drf-spectacular cannot read it off a serializer)."""
    return extend_schema_view(get=extend_schema(**schema))(type(f"Documented{view.__name__}", (view,), {}))


class FeedViewSchema(OpenApiViewExtension):
    target_class = "recommender.api.FeedView"

    def view_replacement(self) -> type:
        return documented(self.target_class, operation_id="feed", responses={200: FEED_PAGE})


class ListsViewSchema(OpenApiViewExtension):
    target_class = "recommender.api.ListsView"

    def view_replacement(self) -> type:
        return documented(self.target_class, operation_id="lists", responses={200: LISTS})


class ListViewSchema(OpenApiViewExtension):
    target_class = "recommender.api.ListView"

    def view_replacement(self) -> type:
        period = OpenApiParameter("period", OpenApiTypes.STR, enum=["day", "week"], default="day")
        return documented(self.target_class, operation_id="list", parameters=[period], responses={200: LIST})

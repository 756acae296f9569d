from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from content.models import Source
from guide.auth import PrefixedKeyAuthentication


class SourceKeyAuthentication(PrefixedKeyAuthentication):
    """A partner platform pushing items: `Authorization: Token gs_…`. request.auth is the Source."""

    kind = "source"

    def authenticate_key_hash(self, key_hash: str) -> tuple[Any, Any]:
        source = Source.objects.filter(key_hash=key_hash).first()
        if source is None:
            raise AuthenticationFailed("来源密钥无效。")
        if not source.is_active:
            raise AuthenticationFailed("该来源已停用。")
        return AnonymousUser(), source


class IsSource(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, Source)

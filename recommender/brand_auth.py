"""Brand API keys: `Authorization: Token gb_…`. request.auth is the BrandKey, request.user an
anonymous user (a key belongs to a brand, not to a person). Throttled per key."""

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from guide.auth import PrefixedKeyAuthentication
from recommender.models import BrandKey

LAST_USED_PRECISION = timedelta(minutes=1)
BRAND_API_RATE = "120/min"


class BrandKeyAuthentication(PrefixedKeyAuthentication):
    kind = "brand"

    def authenticate_key_hash(self, key_hash: str) -> tuple[Any, Any]:
        key = BrandKey.objects.select_related("brand").filter(key_hash=key_hash).first()
        if key is None or key.revoked_at is not None:
            raise AuthenticationFailed("品牌 API 密钥无效或已吊销。")
        if not key.brand.is_active:
            raise AuthenticationFailed("该品牌已停用。")
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_PRECISION:
            BrandKey.objects.filter(pk=key.pk).update(last_used_at=now)
        return AnonymousUser(), key


class IsBrand(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, BrandKey)


class BrandKeyThrottle(SimpleRateThrottle):
    """Per key: a brand's systems polling too fast get 429 with Retry-After."""

    scope = "brand"
    rate = BRAND_API_RATE

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not isinstance(request.auth, BrandKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


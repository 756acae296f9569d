"""`Authorization: Token <key>` authentication; the key's prefix says which kind of key it is."""

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from guide.keys import KEY_PREFIXES, hash_key
from guide.models import UserToken

LAST_USED_PRECISION = timedelta(minutes=5)


def token_from_request(request: Request) -> str | None:
    parts = get_authorization_header(request).split()
    if len(parts) != 2 or parts[0].lower() != b"token":
        return None
    try:
        return parts[1].decode("ascii")
    except UnicodeDecodeError as exc:
        raise AuthenticationFailed("API 密钥格式无效。") from exc


class PrefixedKeyAuthentication(BaseAuthentication):
    """Base for the user, source and brand keys: each class only claims keys with its prefix."""

    kind = ""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        raw = token_from_request(request)
        if raw is None or not raw.startswith(KEY_PREFIXES[self.kind]):
            return None
        return self.authenticate_key_hash(hash_key(raw))

    def authenticate_key_hash(self, key_hash: str) -> tuple[Any, Any]:
        raise NotImplementedError

    def authenticate_header(self, request: Request) -> str:
        return "Token"


class UserTokenAuthentication(PrefixedKeyAuthentication):
    kind = "user"

    def authenticate_key_hash(self, key_hash: str) -> tuple[Any, Any]:
        token = UserToken.objects.select_related("user").filter(key_hash=key_hash).first()
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("API 令牌无效或已停用。")
        now = timezone.now()
        # A write per API call would cost more than the call; minutes are precise enough here.
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            UserToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

"""`Authorization: Token <key>` authentication; the key's prefix says which kind of key it is.

A verified user token is remembered in the cache for a few minutes, so an API call costs one
cache read rather than a query. What is cached never includes the password hash, and it is
forgotten at once when the token is deleted or changed or its user is saved (deactivated, made
staff…) or deleted; changes that bypass signals (QuerySet.update) take effect within
TOKEN_CACHE_TTL. Hot read paths can check the token in the same cache read as their own
entries (token_user_with)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from guide.keys import KEY_PREFIXES, hash_key
from guide.models import UserToken

LAST_USED_PRECISION = timedelta(minutes=5)
TOKEN_CACHE_TTL = 300  # seconds; so last_used_at lags real use by at most this plus LAST_USED_PRECISION
TOKEN_OWNERS_MAX = 50_000  # tokens whose owner a process remembers (token_user_with)

ISSUED_PREFIXES = tuple(KEY_PREFIXES.values())

_token_owners: dict[str, int] = {}  # key hash → user id, learnt from verified tokens


def token_from_request(request: Request) -> str | None:
    """The key of an `Authorization: Token <key>` header; None without one (other schemes are
    not ours to judge). A Token header that is malformed or names no kind of key we issue is
    refused (401), never read as a visitor: a client whose key is wrong must be told."""
    parts = get_authorization_header(request).split()
    if not parts or parts[0].lower() != b"token":
        return None
    if len(parts) != 2:
        raise AuthenticationFailed("Authorization 头的格式应为 Token <密钥>。")
    try:
        raw = parts[1].decode("ascii")
    except UnicodeDecodeError as exc:
        raise AuthenticationFailed("API 密钥格式无效。") from exc
    if not raw.startswith(ISSUED_PREFIXES):
        raise AuthenticationFailed("API 密钥无效：不是本站签发的密钥。")
    return raw


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
        token = cache.get(token_cache_key(key_hash)) or _verified_token(key_hash)
        return token.user, token


def token_user_with(request: Request, keys_for: Callable[[int], list[str]]) -> tuple[Any, Any, dict[str, Any]] | None:
    """For hot read paths: (user, token) as UserTokenAuthentication finds them, and the cache
    entries `keys_for(user id)` names, read in the same round trip. Which user a token belongs
    to does not change, so a process remembers it after the first check (and rereads the
    entries should a token's user differ); whether the token is still valid is read every
    time. None without a user token; AuthenticationFailed for a bad one."""
    raw = token_from_request(request)
    if raw is None or not raw.startswith(KEY_PREFIXES["user"]):
        return None
    key_hash = hash_key(raw)
    owner = _token_owners.get(key_hash)
    found = cache.get_many([token_cache_key(key_hash), *(keys_for(owner) if owner is not None else [])])
    token = found.pop(token_cache_key(key_hash), None) or _verified_token(key_hash)
    if token.user_id != owner:
        if len(_token_owners) >= TOKEN_OWNERS_MAX:
            _token_owners.clear()
        _token_owners[key_hash] = token.user_id
        found = cache.get_many(keys_for(token.user_id))
    return token.user, token, found


def token_cache_key(key_hash: str) -> str:
    return f"user-token:{key_hash}"


def _verified_token(key_hash: str) -> UserToken:
    """The token from the database, checked, and remembered in the cache."""
    token = UserToken.objects.select_related("user").defer("user__password").filter(key_hash=key_hash).first()
    if token is None or not token.user.is_active:
        raise AuthenticationFailed("API 令牌无效或已停用。")
    now = timezone.now()
    # A write per API call would cost more than the call; minutes are precise enough here.
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        UserToken.objects.filter(pk=token.pk).update(last_used_at=now)
    cache.set(token_cache_key(key_hash), token, TOKEN_CACHE_TTL)
    return token


@receiver(post_delete, sender=UserToken, dispatch_uid="guide.auth.forget_deleted_token")
@receiver(post_save, sender=UserToken, dispatch_uid="guide.auth.forget_changed_token")
def forget_token(sender: type, instance: UserToken, **kwargs: Any) -> None:
    cache.delete(token_cache_key(instance.key_hash))


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="guide.auth.forget_saved_users_tokens")
def forget_saved_users_tokens(sender: type, instance: Any, update_fields: frozenset[str] | None = None, **kwargs: Any) -> None:
    """The cached user must not outlive a change to it; signing in (last_login) changes nothing
    a token check depends on."""
    if kwargs.get("created") or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    hashes = UserToken.objects.filter(user_id=instance.pk).values_list("key_hash", flat=True)
    cache.delete_many([token_cache_key(key_hash) for key_hash in hashes])

"""Sign-in lockout: wrong passwords are counted per account and per client address, and once
either reaches its limit no password is checked for that account or from that address until
the lockout has passed, the right one included.

Every door that checks a password goes through Django's authenticate(), so the one backend
below covers the sign-in page, the admin's and the token endpoint. Counters live in the cache
(Redis in the full stack), with the lockout as their lifetime. We count here rather than with
django-axes: two cache entries per attempt and no tables, where axes adds models, a
middleware and a request-only backend that Django's test client and shell cannot use.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle

LOCKED_MESSAGE = "登录失败次数过多，已暂停登录 {minutes} 分钟，请稍后再试。"


def client_address(request: HttpRequest) -> str:
    """The client's address as the API throttles see it (REMOTE_ADDR, or the address the
    NUM_PROXIES trusted proxies put in X-Forwarded-For)."""
    return BaseThrottle().get_ident(request)


def _counter_keys(username: str, address: str) -> dict[str, str]:
    # Hashed: a username may be any text, and a cache key must be short and plain.
    account = hashlib.sha256(username.casefold().encode("utf-8", "surrogatepass")).hexdigest()
    return {"account": f"login-failures:account:{account}", "address": f"login-failures:address:{address}"}


def _limits() -> dict[str, int]:
    return {"account": settings.LOGIN_FAILURE_LIMIT, "address": settings.LOGIN_ADDRESS_FAILURE_LIMIT}


def login_locked(*, username: str, address: str) -> bool:
    keys, limits = _counter_keys(username, address), _limits()
    counts = cache.get_many(list(keys.values()))
    return any(counts.get(keys[kind], 0) >= limits[kind] for kind in keys)


def login_failed(*, username: str, address: str) -> None:
    """One more wrong password for the account and the address. The window is fixed from the
    first failure, so a locked account opens LOGIN_LOCKOUT_SECONDS after that at the latest."""
    for key in _counter_keys(username, address).values():
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def login_succeeded(*, username: str) -> None:
    """The account's count starts again; the address's does not (it may be trying many accounts)."""
    cache.delete(_counter_keys(username, "")["account"])


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=max(1, settings.LOGIN_LOCKOUT_SECONDS // 60))


class LockoutModelBackend(ModelBackend):
    """ModelBackend behind the lockout. Without a request (the test client's login(), the shell)
    there is no address to count, and the password is checked as usual."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> Any:
        username = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None or not isinstance(username, str):
            return super().authenticate(request, username=username, password=password, **kwargs)
        address = client_address(request)
        if login_locked(username=username, address=address):
            raise PermissionDenied(locked_message())  # stops authenticate(): no other backend tries
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_failed(username=username, address=address)
        else:
            login_succeeded(username=username)
        return user

from django.contrib.auth.models import AbstractBaseUser

from guide.keys import new_key
from guide.models import UserToken


def user_token_create(*, user: AbstractBaseUser, name: str = "") -> str:
    """A new API token for the user; returns the raw token, which is never stored."""
    raw, key_hash = new_key("user")
    UserToken.objects.create(user=user, key_hash=key_hash, name=name)
    return raw

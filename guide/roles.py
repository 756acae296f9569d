"""Roles: every account is a shopper; editors and brand members are Django groups."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

EDITORS_GROUP = "editors"
BRAND_MEMBERS_GROUP = "brand_members"
ROLE_GROUPS = (EDITORS_GROUP, BRAND_MEMBERS_GROUP)


def is_editor(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


def is_brand_member(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated and user.groups.filter(name=BRAND_MEMBERS_GROUP).exists()

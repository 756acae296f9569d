"""Roles: every account is a shopper; editors and brand members are Django groups.

What an editor may do is a permission the editors group holds (granted by a data migration),
so an editor needs neither superuser nor per-user grants."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

EDITORS_GROUP = "editors"
BRAND_MEMBERS_GROUP = "brand_members"
ROLE_GROUPS = (EDITORS_GROUP, BRAND_MEMBERS_GROUP)
MODERATE_PERMISSION = "content.moderate_item"


def is_editor(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(MODERATE_PERMISSION)


def is_brand_member(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated and user.groups.filter(name=BRAND_MEMBERS_GROUP).exists()

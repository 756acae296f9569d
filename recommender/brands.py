"""Brands, their members and their API keys: the writes (services) and the reads (selectors).

Membership is the source of truth for the `brand_members` group: adding a user to a brand puts
them in the group, removing their last membership takes them out (recommender.models'
brand_membership_changed, however the membership row changes), so guide.roles.is_brand_member
(which lists and votes read) follows the brands."""

from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from guide.keys import new_key
from guide.roles import BRAND_MEMBERS_GROUP
from recommender.models import Brand, BrandKey, BrandMember

MAX_KEY_NAME = 100


def brand_create(*, name: str, slug: str, aliases: list[str] | None = None) -> Brand:
    return Brand.objects.create(name=name.strip(), slug=slug, aliases=[a.strip() for a in aliases or [] if a.strip()])


@transaction.atomic
def brand_member_add(*, brand: Brand, user: AbstractBaseUser) -> BrandMember:
    return BrandMember.objects.get_or_create(brand=brand, user=user)[0]


@transaction.atomic
def brand_member_remove(*, brand: Brand, user: AbstractBaseUser) -> bool:
    return BrandMember.objects.filter(brand=brand, user=user).delete()[0] > 0


def brand_group_sync(*, user: AbstractBaseUser) -> None:
    """In the brand_members group exactly when a member of some brand."""
    group = Group.objects.get(name=BRAND_MEMBERS_GROUP)
    if BrandMember.objects.filter(user=user).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)


def brand_membership_changed(sender: type, instance: BrandMember, **kwargs: object) -> None:
    """Receiver of BrandMember's post_save and post_delete (connected in apps.py): however a
    membership begins or ends (the services, the admin, a brand deleted), the brand_members group
    follows it."""
    brand_group_sync(user=instance.user)


def brand_key_create(*, brand: Brand, name: str, created_by: AbstractBaseUser | None = None) -> tuple[BrandKey, str]:
    """A new named key; returns (key, raw key). The raw key is shown once and never stored."""
    name = name.strip()
    if not name or len(name) > MAX_KEY_NAME:
        raise ValueError(f"密钥名称不能为空，最多 {MAX_KEY_NAME} 个字符。")
    raw, key_hash = new_key("brand")
    key = BrandKey.objects.create(brand=brand, name=name, key_hash=key_hash, created_by=created_by)
    return key, raw


def brand_key_revoke(*, key: BrandKey) -> bool:
    """Revoke a key (at once, for every later request); False when it already was."""
    return BrandKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()) > 0


def brands_of(user: AbstractBaseUser) -> QuerySet[Brand]:
    """The active brands a user is a member of."""
    if not user.is_authenticated:
        return Brand.objects.none()
    return Brand.objects.filter(memberships__user=user, is_active=True).order_by("name")


def brand_for_member(*, user: AbstractBaseUser, slug: str) -> Brand | None:
    """The brand, if the user is a member of it; None otherwise (which callers answer 404)."""
    return brands_of(user).filter(slug=slug).first()


def brand_names_q(brand: Brand, field: str = "brand") -> Q:
    """Items whose `field` names the brand (any of its names, case-insensitively)."""
    q = Q()
    for name in brand.names:
        q |= Q(**{f"{field}__iexact": name})
    return q

"""Validation stage: one raw item dict (push API, feed, page or file) to a clean ItemDraft,
or field errors in Chinese. Plain data in, plain data out; nothing here touches the database."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator

from content.constants import CURRENCIES, ITEM_KINDS, METRIC_KEYS
from content.pipeline.normalize import (
    CONTROL_CHARS,
    canonical_url,
    normalize_line,
    parse_datetime_utc,
    parse_price,
    text_refusal,
    tidy_line,
)
from content.pipeline.sanitize import body_to_safe_html, html_to_text

MAX_TITLE = 300
MAX_BODY = 1_000_000
MAX_URL = 2000
MAX_IMAGES = 20
MAX_PRICE = Decimal("10000000")
MAX_COUNT = 10**12
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
STRING_LIMITS = {"external_id": 255, "merchant": 100, "brand": 100, "product": 200}

Errors = dict[str, list[str]]


@dataclass
class AuthorDraft:
    external_id: str
    name: str = ""
    followers: int = 0
    verified: bool = False


@dataclass
class ItemDraft:
    external_id: str
    url: str
    canonical_url: str
    canonical_url_hash: str
    title: str
    body_html: str
    body_text: str
    kind: str = "note"
    published_at: datetime | None = None
    author: AuthorDraft | None = None
    price: Decimal | None = None
    original_price: Decimal | None = None
    currency: str = "CNY"
    merchant: str = ""
    brand: str = ""
    product: str = ""
    product_key: str = ""
    expires_at: datetime | None = None
    images: list[str] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)
    sponsored: bool = False


class FieldError(Exception):
    pass


def validate_item(raw: Any, *, now: datetime) -> tuple[ItemDraft | None, Errors]:
    """Clean one raw item. Returns (draft, {}) or (None, {field: [messages]})."""
    if not isinstance(raw, dict):
        return None, {"non_field_errors": ["每一项都应是一个 JSON 对象。"]}
    errors: Errors = {}
    values: dict[str, Any] = {}
    for name, clean in FIELD_CLEANERS.items():
        try:
            values[name] = clean(raw.get(name), now)
        except FieldError as exc:
            errors[name] = [str(exc)]
    errors = errors or _cross_field_errors(values)
    if errors:
        return None, errors
    return _draft(values), {}


def _cross_field_errors(values: dict[str, Any]) -> Errors:
    price, original = values["price"], values["original_price"]
    if price and original and original[0] < price[0]:
        return {"original_price": [f"原价（{original[0]}）不能低于现价（{price[0]}）。"]}
    return {}


def _draft(values: dict[str, Any]) -> ItemDraft:
    url = values["url"]
    canonical = canonical_url(url)
    price, price_currency = values["price"] or (None, None)
    original_price = values["original_price"][0] if values["original_price"] else None
    currency = values["currency"] or price_currency or "CNY"
    body = values["body"]
    return ItemDraft(
        external_id=values["external_id"],
        url=url,
        canonical_url=canonical,
        canonical_url_hash=hashlib.sha1(canonical.encode()).hexdigest(),
        title=values["title"],
        body_html=body_to_safe_html(body),
        body_text=html_to_text(body),
        kind=values["kind"] or ("deal" if price is not None else "note"),
        published_at=values["published_at"],
        author=values["author"],
        price=price,
        original_price=original_price,
        currency=currency,
        merchant=values["merchant"],
        brand=values["brand"],
        product=values["product"],
        product_key=product_key(values["brand"], values["product"]),
        expires_at=values["expires_at"],
        images=values["images"],
        metrics=values["metrics"],
        sponsored=values["sponsored"],
    )


def product_key(brand: str, product: str) -> str:
    """Offers of one product share this key: brand and product, lower-case, without spaces or
    punctuation ("Apple AirPods Pro 2" and "apple airpods pro2" match). Empty without a product."""
    if not product:
        return ""
    folded = "".join(ch for ch in f"{brand}{product}".lower() if ch.isalnum())
    return folded[:300]


def _text(value: Any, *, required: bool, limit: int, identifier: bool = False, shown: bool = False) -> str:
    """One-line text, normalised (or, for text pages show as the author wrote it, only tidied:
    tidy_line). An identifier is refused rather than changed where normalising would drop
    characters from it (control, zero-width or bidi characters): two different ids must never
    become one."""
    if value is None or value == "":
        if required:
            raise FieldError("必填。")
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise FieldError("应为字符串。")
    _require_storable(value)
    if identifier and CONTROL_CHARS.search(value):
        raise FieldError("标识不能包含控制字符、零宽字符或双向控制字符。")
    if len(value) > limit * 4:  # do not normalise megabytes just to reject them
        raise FieldError(f"过长（最多 {limit} 个字符）。")
    cleaned = tidy_line(value) if shown else normalize_line(value)
    if required and not cleaned:
        raise FieldError("必填。")
    if len(cleaned) > limit:
        raise FieldError(f"过长（最多 {limit} 个字符）。")
    return cleaned


def _require_storable(value: str) -> None:
    refusal = text_refusal(value)
    if refusal:
        raise FieldError(refusal)


# One validator for the process: a new URLValidator builds its patterns again (about half a
# millisecond per item of a push batch, profiled).
_WEB_URL = URLValidator(schemes=["http", "https"])
# Most URLs are plain: http(s), an ASCII host name, maybe a port, a path without whitespace.
# Each part of this pattern is a narrower form of URLValidator's own, so whatever it accepts
# URLValidator accepts too (tests/content/test_normalize.py holds that on tricky URLs); it takes
# a fifth of the time, and anything else goes to URLValidator. Not re.ASCII: like URLValidator's,
# the path refuses Unicode whitespace.
_PLAIN_WEB_URL = re.compile(r"https?://((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})"
                            r"(?::[0-9]{1,5})?(?:[/?#][^\s]*)?\Z", re.IGNORECASE)


def plain_web_url(value: str) -> bool:
    plain = _PLAIN_WEB_URL.match(value)
    return plain is not None and len(plain.group(1)) <= 253  # URLValidator's longest host name


def web_url_valid(value: str) -> bool:
    """URLValidator(schemes=["http", "https"]) as a yes or no, plain URLs first."""
    if plain_web_url(value):
        return True
    try:
        _WEB_URL(value)
    except DjangoValidationError:
        return False
    return True


def _web_url(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError("应为 http(s) 网址。")
    value = value.strip()
    _require_storable(value)
    if len(value) > MAX_URL:
        raise FieldError(f"网址过长（最多 {MAX_URL} 个字符）。")
    if not web_url_valid(value):
        raise FieldError("不是有效的 http(s) 网址。")
    return value


def clean_url(value: Any, now: datetime) -> str:
    if value is None or value == "":
        raise FieldError("必填。")
    return _web_url(value)


def clean_title(value: Any, now: datetime) -> str:
    return _text(value, required=True, limit=MAX_TITLE, shown=True)


def clean_body(value: Any, now: datetime) -> str:
    if value is None:
        raise FieldError("必填（可以为空字符串）。")
    if not isinstance(value, str):
        raise FieldError("应为字符串（HTML 或纯文本）。")
    _require_storable(value)
    if len(value) > MAX_BODY:
        raise FieldError(f"正文过长（最多 {MAX_BODY} 个字符）。")
    return value


def clean_kind(value: Any, now: datetime) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or value not in ITEM_KINDS:
        raise FieldError(f"应为以下之一：{'、'.join(ITEM_KINDS)}。")
    return str(value)


def _time(value: Any, *, latest: datetime) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = parse_datetime_utc(value)
    except ValueError as exc:
        raise FieldError("不是有效的时间（请用 ISO 8601）。") from exc
    if moment < EARLIEST:
        raise FieldError("时间早于 2000 年。")
    if moment > latest:
        raise FieldError("时间在太远的将来。")
    return moment


def clean_published_at(value: Any, now: datetime) -> datetime | None:
    return _time(value, latest=now + timedelta(days=1))


def clean_expires_at(value: Any, now: datetime) -> datetime | None:
    return _time(value, latest=now + timedelta(days=3 * 365))


def _price(value: Any, now: datetime) -> tuple[Decimal, str | None] | None:
    if value in (None, ""):
        return None
    try:
        amount, currency = parse_price(value)
    except ValueError as exc:
        raise FieldError("不是有效的价格。") from exc
    if amount < 0 or amount > MAX_PRICE:
        raise FieldError(f"价格超出合理范围（0 到 {MAX_PRICE}）。")
    return amount.quantize(Decimal("0.01")), currency


def clean_currency(value: Any, now: datetime) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or value.upper() not in CURRENCIES:
        raise FieldError(f"应为以下之一：{'、'.join(CURRENCIES)}。")
    return value.upper()


def clean_author(value: Any, now: datetime) -> AuthorDraft | None:
    if value in (None, "", {}):
        return None
    if not isinstance(value, dict):
        raise FieldError("应为对象：external_id、name、followers、verified。")
    name = _text(value.get("name"), required=False, limit=200)
    external_id = _text(value.get("external_id"), required=False, limit=255, identifier=True) or name
    if not external_id:
        raise FieldError("需要 external_id 或 name。")
    followers = _count(value.get("followers"), "followers")
    verified = value.get("verified", False)
    if not isinstance(verified, bool):
        raise FieldError("verified 应为 true 或 false。")
    return AuthorDraft(external_id=external_id, name=name, followers=followers, verified=verified)


def _count(value: Any, name: str) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise FieldError(f"{name} 应为非负整数。")
    return value


def clean_images(value: Any, now: datetime) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise FieldError("应为网址列表。")
    if len(value) > MAX_IMAGES:
        raise FieldError(f"最多 {MAX_IMAGES} 张图片。")
    images = []
    for position, image in enumerate(value):
        try:
            images.append(_web_url(image))
        except FieldError as exc:
            raise FieldError(f"第 {position + 1} 张：{exc}") from exc
    return list(dict.fromkeys(images))


def clean_metrics(value: Any, now: datetime) -> dict[str, int]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise FieldError(f"应为对象：{'、'.join(METRIC_KEYS)}。")
    return {key: _count(value[key], key) for key in METRIC_KEYS if key in value}


def clean_sponsored(value: Any, now: datetime) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FieldError("应为 true 或 false。")
    return value


def _limited_text(name: str, *, required: bool = False, identifier: bool = False):
    def clean(value: Any, now: datetime) -> str:
        return _text(value, required=required, limit=STRING_LIMITS[name], identifier=identifier)

    return clean


FIELD_CLEANERS = {
    "external_id": _limited_text("external_id", required=True, identifier=True),
    "url": clean_url,
    "title": clean_title,
    "body": clean_body,
    "kind": clean_kind,
    "published_at": clean_published_at,
    "author": clean_author,
    "price": _price,
    "original_price": _price,
    "currency": clean_currency,
    "merchant": _limited_text("merchant"),
    "brand": _limited_text("brand"),
    "product": _limited_text("product"),
    "expires_at": clean_expires_at,
    "images": clean_images,
    "metrics": clean_metrics,
    "sponsored": clean_sponsored,
}

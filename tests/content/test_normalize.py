from datetime import UTC, datetime
from decimal import Decimal

import pytest

from content.pipeline.normalize import canonical_url, normalize_text, parse_datetime_utc, parse_price


@pytest.mark.parametrize(
    "given, expected",
    [
        ("https://WWW.Example.COM/p/1?utm_source=wx&b=2&a=1#comments", "https://www.example.com/p/1?a=1&b=2"),
        ("https://item.jd.com/100012043978.html?spm=a1z10.1&from=singlemessage", "https://item.jd.com/100012043978.html"),
        (
            "https://www.xiaohongshu.com/explore/64f1c2?xsec_token=AB1&xsec_source=pc_share&share_from_user_hidden=1",
            "https://www.xiaohongshu.com/explore/64f1c2",
        ),
        ("https://www.bilibili.com/video/BV1xx411c7mD/?vd_source=abc&p=2", "https://www.bilibili.com/video/BV1xx411c7mD/?p=2"),
        ("https://detail.tmall.com/item.htm?id=6123&ali_trackid=2:mm&sku_properties=1627207:28320", "https://detail.tmall.com/item.htm?id=6123&sku_properties=1627207%3A28320"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
    ],
)
def test_canonical_urls_drop_tracking_and_keep_identity(given, expected):
    assert canonical_url(given) == expected


def test_canonical_url_is_the_same_whatever_the_parameter_order():
    assert canonical_url("https://a.cn/x?b=1&a=2") == canonical_url("https://a.cn/x?a=2&b=1&spm=9")


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("¥199", "199", "CNY"),
        ("￥１９９", "199", "CNY"),
        ("199元", "199", "CNY"),
        ("到手价89.9", "89.9", None),
        ("券后 ¥1,299", "1299", "CNY"),
        ("3期免息 到手价1399 原价1599", "1399", None),
        ("HK$299", "299", "HKD"),
        ("US$ 49.99", "49.99", "USD"),
        ("1.2万", "12000", None),
        ("指导价15.98万", "159800", None),
        ("仅需 9.9 包邮", "9.9", None),
        (59, "59", None),
        (12.5, "12.5", None),
    ],
)
def test_prices_are_read_from_chinese_shop_text(text, amount, currency):
    assert parse_price(text) == (Decimal(amount), currency)


@pytest.mark.parametrize("text", ["免费", "abc", "", None, True, [1], "NaN"])
def test_text_without_a_price_is_not_a_price(text):
    with pytest.raises(ValueError):
        parse_price(text)


def test_full_width_text_becomes_half_width_and_control_characters_go():
    assert normalize_text("\ufeffＡｉｒＰｏｄｓ　Ｐｒｏ２，到手价１３９９！\x00\u200b") == "AirPods Pro2,到手价1399!"


def test_blank_lines_and_spaces_collapse():
    assert normalize_text("第一段  \n\n\n\n  第二段\t\t结束") == "第一段\n\n第二段 结束"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-11-20T10:00:00+08:00", datetime(2026, 11, 20, 2, 0, tzinfo=UTC)),
        ("2026-11-20 10:00", datetime(2026, 11, 20, 2, 0, tzinfo=UTC)),  # naive: China time
        ("2026年11月20日 10:00", datetime(2026, 11, 20, 2, 0, tzinfo=UTC)),
        ("Fri, 20 Nov 2026 02:00:00 GMT", datetime(2026, 11, 20, 2, 0, tzinfo=UTC)),
        (1763604000, datetime(2025, 11, 20, 2, 0, tzinfo=UTC)),
        (1763604000000, datetime(2025, 11, 20, 2, 0, tzinfo=UTC)),  # milliseconds
    ],
)
def test_times_become_utc(value, expected):
    assert parse_datetime_utc(value) == expected


@pytest.mark.parametrize("value", ["昨天", "2026-13-45", "", 10**20, False])
def test_unreadable_times_raise(value):
    with pytest.raises(ValueError):
        parse_datetime_utc(value)


def test_the_fast_nfkc_equals_unicodedata_on_every_code_point():
    import unicodedata

    from content.pipeline.normalize import nfkc

    every = "".join(chr(code) for code in range(0x20, 0x30000) if not 0xD800 <= code < 0xE000)
    assert nfkc(every) == unicodedata.normalize("NFKC", every)
    for text in ("ＡＢＣ１２３，！　好价…", "①②℃￥", "e\u0301", "ｶﾀｶﾅ", "已经是半角"):
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


TRICKY_URLS = [
    "https://item.jd.com/100012043978.html?utm_source=x#top", "http://a.io", "https://A.B.COM/Path",
    "https://xn--fiqs8s.cn/x", "https://中国.cn/商品", "https://a.b.c.d.example.com:8443/x?y=1",
    "https://localhost/x", "https://127.0.0.1/x", "https://[::1]/x", "https://[::1/x", "https://user:pw@a.com/x",
    "https://a.com/x y", "https://a.com/x\u3000y", "https://a.com/x\xa0y", "https://a.com/x\ty", "https://a.com\n",
    "https://-a.com/", "https://a-.com/", "https://a..com/", "https://a.c/", "https://a.com:123456/", "https://a.com:/",
    "https://" + "a" * 64 + ".com/", "https://" + ".".join(["a" * 63] * 4) + ".com/", "ftp://a.com/",
    "javascript:alert(1)", "https://", "https:///x", "HTTPS://A.COM", "https://a.com./x", "https://a.k\u212a/",
    "https://a.com/" + "x" * 1990, "https://a.com?x", "https://a.com#x", "https://a_b.com/", "https://1.2.3.999/",
]


@pytest.mark.parametrize("url", TRICKY_URLS)
def test_the_plain_url_fast_path_accepts_only_what_django_accepts(url):
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from content.pipeline.validate import plain_web_url, web_url_valid

    try:
        URLValidator(schemes=["http", "https"])(url)
        django_says = True
    except ValidationError:
        django_says = False
    assert web_url_valid(url) is django_says
    if plain_web_url(url):
        assert django_says


@pytest.mark.parametrize("value", [
    "2026-12-07T10:00:00Z", "2026-12-07T10:00:00+08:00", "2026-12-07 10:00:00", "2026-12-07", "20261207T100000",
    "2026-12-07T10:00:00.123456+00:00", "2026-12-07T10:00:00,5Z", "2026-W49-1", "2026-341", "2026-12-07T24:00:00",
    "2026-12-07T10:00:00.123456789Z", "2026-12-07T10", "2026-12-07T10:00Z",
])
def test_iso_times_read_by_the_standard_library_equal_dateutil(value):
    from dateutil import parser as date_parser

    from content.pipeline.normalize import DEFAULT_SOURCE_TZ

    expected = date_parser.isoparse(value)
    expected = (expected if expected.tzinfo else expected.replace(tzinfo=DEFAULT_SOURCE_TZ)).astimezone(UTC)
    assert parse_datetime_utc(value) == expected


def test_the_plain_url_fast_path_never_accepts_what_django_refuses_on_random_urls():
    import random

    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from content.pipeline.validate import plain_web_url

    django = URLValidator(schemes=["http", "https"])
    rng = random.Random(7)
    label = ["a", "b0", "x-y", "-a", "a-", "", "A", "中", "\u212a", "a_b", "9", "a" * 63, "a" * 64]
    tld = ["com", "cn", "c", "-x", "x-", "k\u212a", "中国", "xn--p1ai", "1", "com."]
    path = ["/", "?", "#", "=", "&", " ", "\u3000", "\xa0", "\t", "%20", "x", "中", "[", "@", ":"]
    accepted = 0
    for _ in range(20000):
        host = ".".join(rng.choices(label, k=rng.randint(1, 4))) + "." + rng.choice(tld)
        url = (rng.choice(["http://", "https://", "HTTPS://", "ftp://", "http:/"]) + rng.choice(["", "u@"]) + host
               + rng.choice(["", ":80", ":", ":123456"]) + "".join(rng.choices(path, k=rng.randint(0, 5))))
        if plain_web_url(url):
            accepted += 1
            try:
                django(url)
            except ValidationError:
                pytest.fail(f"the fast path accepted {url!r}, which URLValidator refuses")
    assert accepted > 50  # the check above ran on a fair number of accepted URLs

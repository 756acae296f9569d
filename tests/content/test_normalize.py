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

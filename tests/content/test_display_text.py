"""Pages and the API show the author's text as written (sanitised, tidied); normalised text is
for analysis, dedup and search only."""

from content.models import Item
from content.pipeline.normalize import tidy_line, tidy_text
from content.scoring.analysis import analyze
from tests.factories import raw_item

TITLE = "双12预热好价！手慢无：索尼 WH-1000XM5 到手１９９９元"
BODY = "自费入手三个月，通勤每天用２小时。降噪很强！缺点是不能折叠。"


def test_a_pushed_title_and_plain_body_keep_their_chinese_punctuation_on_the_page_and_in_the_api(stored, api, client):
    [item] = stored(raw_item(3, title=TITLE, body=BODY))
    Item.objects.filter(pk=item.pk).update(status="approved")
    body = api.get(f"/api/v1/items/{item.pk}/").json()
    assert body["title"] == TITLE
    assert "降噪很强！" in body["body"] and "２小时" in body["body"]
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert "双12预热好价！手慢无：" in page and "降噪很强！" in page


def test_the_card_excerpt_is_the_text_as_written(stored, api):
    [item] = stored(raw_item(4, title=TITLE, body=f"<p>{BODY}</p>"))
    Item.objects.filter(pk=item.pk).update(status="approved")
    excerpt = next(e["item"]["excerpt"] for e in api.get("/api/v1/feed/?mode=latest").json()["results"]
                   if e["item"]["id"] == item.pk)
    assert excerpt.startswith("自费入手三个月，通勤每天用２小时。降噪很强！")


def test_analysis_reads_the_normalised_text_whatever_the_title_looks_like():
    shown, halfwidth = analyze(TITLE, "正文"), analyze("双12预热好价!手慢无:索尼 WH-1000XM5 到手1999元", "正文")
    assert shown.text == halfwidth.text and shown.tokens == halfwidth.tokens


def test_a_copy_whose_title_differs_only_in_width_is_still_found(stored):
    deal = {"title": TITLE, "body": "", "kind": "deal"}
    copied = {**deal, "title": "双12预热好价!手慢无:索尼 WH-1000XM5 到手1999元"}
    original, copy = stored(raw_item(5, **deal), raw_item(6, **copied))
    assert copy.duplicate_of_id == original.pk


def test_tidying_removes_invisible_characters_and_extra_spaces_but_keeps_every_other_character():
    assert tidy_line(" 好价\u200b！\u202e  手慢无： ") == "好价！ 手慢无："
    assert tidy_text("第一段！\n\n\n\n第二段　　结束") == "第一段！\n\n第二段 结束"

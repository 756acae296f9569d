"""The tagger as shoppers get it (issue 19, item 1): a review pushed as an item, with whatever
title the platform cut from it, is read once and tagged as the review alone would be; the
evaluation's product path builds items as ingest stores them and reads tags as the API serves
them."""

import numpy as np
import pytest
from django.utils import timezone

from content.scoring import learned
from content.scoring.analysis import analyze
from interests import product_path
from interests.classifier import interest_tags_batch
from interests.lexicon import Lexicon
from interests.tagging import Tag, interest_tags, title_token_count

REVIEWS = [
    "洗发水味道很好闻，洗完头发很顺滑，京东物流也快，下次还会回购的。",
    "热水器安装师傅很专业，加热很快，出水温度稳定，就是价格有点贵。",
    "平板屏幕清晰，看视频很爽，电池能用一整天，送货也准时。",
    "酒店位置很方便，离地铁近，房间干净，早餐一般。",
]
TITLE_LENGTHS = [length for _, length in product_path.TITLE_LENGTHS]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_taxonomy()


def pushed(review: str, length: int | None):
    item = product_path.arrivals("", review, length, now=timezone.now())
    return analyze(item.title, item.body)


@pytest.mark.parametrize("review", REVIEWS)
@pytest.mark.parametrize("length", TITLE_LENGTHS)
def test_a_title_cut_from_the_review_is_read_once(review, length):
    alone, item = analyze("", review), pushed(review, length)
    assert item.text == alone.text and item.tokens == alone.tokens
    assert (learned.features([item]) != learned.features([alone])).nnz == 0
    assert item.title_echo is (length != 0)  # None: the whole text


@pytest.mark.parametrize("title", ["洗发水味道很好闻，洗完头发很顺滑…", "洗发水味道很好闻，洗完头发很顺滑...",
                                   "洗发水味道 很好闻"])
def test_a_cut_title_with_an_ellipsis_or_other_spacing_is_still_an_echo(title):
    item = analyze(title, REVIEWS[0])
    assert item.title_echo and item.text == analyze("", REVIEWS[0]).text
    assert "".join(item.tokens[:title_token_count(item)]).startswith("洗发水味道很好闻")


def test_a_title_of_its_own_is_read_as_a_title():
    item = analyze("戴森吹风机好价", REVIEWS[0])
    assert not item.title_echo and item.text.startswith("戴森吹风机好价\n洗发水")
    assert "".join(item.tokens[:title_token_count(item)]) == "戴森吹风机好价"


@pytest.mark.parametrize("review", REVIEWS)
def test_the_tags_do_not_depend_on_the_title_a_platform_cut(review, lexicon):
    items = [pushed(review, length) for length in TITLE_LENGTHS]
    tags = interest_tags_batch(items, learned.features(items), lexicon)
    assert all(t == tags[0] for t in tags)
    assert [interest_tags(item, lexicon) for item in items] == [interest_tags(analyze("", review), lexicon)] * len(items)


def test_an_item_is_built_as_ingest_stores_it():
    now = timezone.now()
    cut = product_path.arrivals("", "质量很好\u200b，物流很快！ ", 5, now=now)
    assert cut.title == "质量很好" and cut.body == "质量很好,物流很快!"  # titles tidied, bodies normalised
    assert product_path.arrivals("", "质量很好", 0, now=now).title == ""
    assert product_path.arrivals("", "质量很好", None, now=now).title == "质量很好"
    assert product_path.arrivals("自带标题", "正文", 12, now=now) == product_path.Arrival("自带标题", "正文")


def tag(slug: str, weight: float, level: int = 1, parent: str = "") -> Tag:
    return Tag(slug, slug, weight, level, parent, ())


def test_the_served_interest_is_the_first_by_stored_weight_and_a_child_counts_for_its_top_level():
    assert product_path.served_top_level([]) == ""
    assert product_path.served_top_level([tag("digital", 0.4), tag("appliances", 0.41)]) == "appliances"
    assert product_path.served_top_level([tag("haircare", 0.9, 2, "beauty"), tag("beauty", 0.8)]) == "beauty"
    # equal once stored (4 decimals): the tagger's order stands, as the rows are inserted in it
    assert product_path.served_top_level([tag("food", 0.50001), tag("travel", 0.50004)]) == "food"


def test_the_product_path_scores_items_through_the_scoring_pass(lexicon):
    rows = [("", review) for review in REVIEWS]
    served = product_path.served_top_levels(rows, 28, lexicon)
    assert len(served) == len(REVIEWS) and all(isinstance(s, str) for s in served)
    assert served == product_path.served_top_levels(rows, 0, lexicon)
    assert served[3] == "travel" and np.mean([bool(s) for s in served]) == 1.0

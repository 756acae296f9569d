"""The seeded taxonomy, the per-process lexicon and its refresh, the admin, the user dictionary."""

import re

import pytest
from django.core.management import call_command

from content.scoring.analysis import analyze, tokenize
from interests import lexicon
from interests.models import Interest, Scenario
from interests.tagging import interest_tags
from interests.taxonomy import INTERESTS, SCENARIOS, TOP_LEVEL

REQUIRED_CHILDREN = {
    "digital": ["phones", "computers", "tablets", "wearables", "cameras", "audio"],
    "outdoor": ["camping", "fishing", "running", "cycling"],
    "food": ["coffee", "tea", "wine", "snacks", "fresh-fruit", "dairy"],
    "beauty": ["skincare", "makeup", "haircare"],
    "toys": ["blind-boxes", "figures"],
    "entertainment": ["concerts"],
    "games": ["otome-games"],
}
FIXED_SCENARIOS = ["commute", "camping-trip", "gifting", "home-office", "festival", "travel", "fitness", "new-season"]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def fresh_lexicon(monkeypatch):
    """Each test loads the lexicon from its own database and checks the stamp on every call;
    the process's previous lexicon is put back afterwards."""
    monkeypatch.setattr(lexicon, "_loaded", None)
    monkeypatch.setattr(lexicon, "STAMP_CHECK_SECONDS", 0.0)


def slugs(tags) -> set[str]:
    return {tag.slug for tag in tags}


@pytest.mark.django_db
def test_the_seed_created_the_fifteen_fixed_top_levels():
    top_levels = dict(Interest.objects.filter(parent=None).values_list("slug", "name"))

    assert top_levels == TOP_LEVEL
    assert all(len(Interest.objects.get(slug=slug).keywords) >= 10 for slug in TOP_LEVEL)


@pytest.mark.django_db
@pytest.mark.parametrize("top_level, children", REQUIRED_CHILDREN.items())
def test_the_seed_created_the_required_children_with_names_and_keywords(top_level, children):
    for slug in children:
        child = Interest.objects.select_related("parent").get(slug=slug)
        assert child.parent.slug == top_level and child.top_level_slug == top_level
        assert not child.is_top_level
        assert CJK.search(child.name)
        assert len(child.keywords) >= 20
        assert all(isinstance(word, str) and 0 < weight <= 1 for word, weight in child.keywords)


@pytest.mark.django_db
def test_the_scenarios_are_seeded_with_keywords_and_context_hints():
    scenarios = {scenario.slug: scenario for scenario in Scenario.objects.all()}

    assert set(FIXED_SCENARIOS) <= set(scenarios)
    assert scenarios["commute"].context_hints["weekdays"] == [0, 1, 2, 3, 4]
    assert any(start <= "06-18" <= end for start, end in scenarios["festival"].context_hints["date_windows"])
    assert any(start <= "11-11" <= end for start, end in scenarios["festival"].context_hints["date_windows"])
    for scenario in scenarios.values():
        assert scenario.keywords and CJK.search(scenario.name)
        assert set(scenario.context_hints) == {"months", "weekdays", "hours", "date_windows"}


def test_child_slugs_are_lowercase_ascii_and_unique_and_every_node_has_a_chinese_name():
    all_slugs = [node["slug"] for node in INTERESTS]

    assert len(all_slugs) == len(set(all_slugs))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", slug) for slug in all_slugs)
    assert all(CJK.search(node["name"]) for node in (*INTERESTS, *SCENARIOS))
    assert all(4 <= sum(node["parent"] == top for node in INTERESTS) <= 8 for top in TOP_LEVEL)


@pytest.mark.django_db
def test_editing_a_keyword_changes_tagging_once_the_stamp_is_bumped(fresh_lexicon, django_capture_on_commit_callbacks):
    note = analyze("新入手一顶山野舱", "")
    assert "camping" not in slugs(interest_tags(note))

    camping = Interest.objects.get(slug="camping")
    camping.keywords = [*camping.keywords, ["山野舱", 1.0]]
    with django_capture_on_commit_callbacks(execute=True):
        camping.save()

    assert "camping" in slugs(interest_tags(note))


@pytest.mark.django_db
def test_a_change_that_sends_no_signal_is_seen_only_after_a_manual_bump(fresh_lexicon):
    note = analyze("新入手一顶山野舱", "")
    interest_tags(note)  # loads the lexicon

    Interest.objects.filter(slug="camping").update(keywords=[["山野舱", 1.0]])
    assert "camping" not in slugs(interest_tags(note))

    lexicon.bump_lexicon_version()
    assert "camping" in slugs(interest_tags(note))


@pytest.mark.django_db
def test_a_deactivated_interest_stops_tagging(fresh_lexicon, django_capture_on_commit_callbacks):
    note = analyze("泡泡玛特端盒", "抽到隐藏款")
    assert "blind-boxes" in slugs(interest_tags(note))

    blind_boxes = Interest.objects.get(slug="blind-boxes")
    blind_boxes.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        blind_boxes.save()

    assert "blind-boxes" not in slugs(interest_tags(note))


@pytest.mark.django_db
def test_the_stamp_is_read_at_most_once_per_check_interval(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(lexicon, "_loaded", None)
    monkeypatch.setattr(lexicon, "STAMP_CHECK_SECONDS", 3600.0)
    reads = []
    real_get = lexicon.cache.get
    monkeypatch.setattr(lexicon.cache, "get", lambda *args, **kwargs: reads.append(args) or real_get(*args, **kwargs))
    note = analyze("露营", "")

    interest_tags(note)
    with django_assert_num_queries(0):
        for _ in range(5):
            interest_tags(note)

    assert len(reads) == 1


@pytest.mark.django_db
def test_editors_filter_by_top_level_and_search_keywords_in_the_admin(admin_client):
    outdoor = admin_client.get("/admin/interests/interest/", {"top": "outdoor"}).content.decode()
    found = admin_client.get("/admin/interests/interest/", {"q": "蛋卷桌"}).content.decode()

    assert "露营" in outdoor and "钓鱼" in outdoor and "智能手机" not in outdoor
    assert "/admin/interests/interest/" in found and ">露营<" in found and ">钓鱼<" not in found


@pytest.mark.django_db
def test_editors_edit_keywords_one_per_line_with_optional_weights(admin_client):
    camping = Interest.objects.get(slug="camping")
    form = {
        "name": "露营", "slug": "camping", "parent": camping.parent_id, "description": "露营装备",
        "keywords": "帐篷\n天幕 = 0.5\nSnow Peak = 0.8\n", "is_active": "on", "sort_order": 3,
    }

    response = admin_client.post(f"/admin/interests/interest/{camping.pk}/change/", form)

    assert response.status_code == 302
    camping.refresh_from_db()
    assert camping.keywords == [["帐篷", 1.0], ["天幕", 0.5], ["Snow Peak", 0.8]]


@pytest.mark.django_db
def test_the_admin_refuses_a_keyword_weight_outside_zero_to_one(admin_client):
    camping = Interest.objects.get(slug="camping")
    form = {"name": "露营", "slug": "camping", "parent": camping.parent_id, "keywords": "帐篷 = 3", "sort_order": 3}

    response = admin_client.post(f"/admin/interests/interest/{camping.pk}/change/", form)

    assert response.status_code == 200 and "权重须在 0 到 1 之间" in response.content.decode()


def test_the_committed_user_dictionary_is_up_to_date():
    call_command("build_userdict", "--check")


@pytest.mark.parametrize(
    "text, word",
    [("牧高笛冷山2帐篷", "牧高笛"), ("泡泡玛特隐藏款", "泡泡玛特"), ("三顿半咖啡", "三顿半"), ("恋与深空抽卡", "恋与深空")],
)
def test_the_user_dictionary_keeps_brand_names_whole(text, word):
    assert word in tokenize(text)


def keyword_audit():
    import importlib

    return importlib.import_module("interests.migrations.0006_second_keyword_audit")


@pytest.mark.django_db
def test_the_keyword_audit_leaves_a_fresh_database_as_the_seed_wrote_it():
    audit, seed = keyword_audit(), {node["slug"]: node["keywords"] for node in INTERESTS}

    for slug in audit.INTERESTS:
        assert Interest.objects.get(slug=slug).keywords == seed[slug]


@pytest.mark.django_db
def test_the_keyword_audit_edits_an_older_database_but_never_an_editors_own_entries():
    from django.apps import apps

    audit = keyword_audit()
    audit.backward(apps, None)  # the database as it was before 0006
    diapers = Interest.objects.get(slug="diapers")
    assert ["超薄", 1.0] in diapers.keywords and ["M码", 1.0] in diapers.keywords
    # an editor re-weighed 超薄 and added a word of their own
    diapers.keywords = [["超薄", 0.3] if word == "超薄" else [word, weight]
                        for word, weight in diapers.keywords] + [["尿裤", 0.6]]
    diapers.save()

    audit.forward(apps, None)

    words = dict(map(tuple, Interest.objects.get(slug="diapers").keywords))
    assert "M码" not in words and "试用装" not in words  # still as the seed wrote them: removed
    assert words["超薄"] == 0.3 and words["尿裤"] == 0.6  # the editor's: kept
    assert dict(map(tuple, Interest.objects.get(slug="car-care").keywords))["洗车打蜡"] == 1.0
    assert "打蜡" not in dict(map(tuple, Interest.objects.get(slug="car-care").keywords))

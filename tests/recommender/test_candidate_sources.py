"""Candidate sources live in one registry (recommender.candidates.SOURCES): the feed proposes
from every entry, ranking weighs each entry's term, the card gives its reason, and the
how-it-works page lists it — so a new source is one entry (plus its generator and tests)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from recommender import candidates
from recommender.candidate_facts import CandidateFacts
from recommender.candidates import CandidateRequest, CandidateSignal, CandidateSource
from recommender.ranking import rank, terms
from tests.factories import scored_item


@pytest.fixture
def gift_source(monkeypatch):
    """A 13th-hour source, added the way the registry says: one entry, its generator, its reason."""
    proposed: list[int] = []
    source = CandidateSource(
        "适合送礼的好物",
        "送礼季里适合送人的内容",
        lambda request: {pk: CandidateSignal(strength={"gifts": 1.0}) for pk in proposed},
        0.5,
        lambda signal, item, now: signal.strength.get("gifts", 0.0),
        lambda signal, item, titles, now: "送礼之选",
    )
    monkeypatch.setitem(candidates.SOURCES, "gifts", source)
    return proposed


def test_every_source_is_weighed_explained_and_listed():
    listed = terms()
    for key, source in candidates.SOURCES.items():
        assert listed[key].label == source.label and listed[key].weight == source.weight
    assert list(listed)[-3:] == ["worth", "values", "seen"] and listed["seen"].penalty


def test_a_new_source_proposes_ranks_and_explains_through_its_registry_entry_alone(client, db, gift_source):
    gift = scored_item("coffee", "food", worth=40, hours_old=30)
    gift_source.append(gift.pk)
    now = timezone.now()
    found = candidates.candidates(
        CandidateRequest(user_id=None, personal=False, circle="", scenario="", now=now, affinities={})
    )
    assert "gifts" in found[gift.pk].sources
    facts = {gift.pk: CandidateFacts(40.0, now - timedelta(hours=30), "food", "食品饮料")}
    [ranked] = rank(
        {gift.pk: CandidateSignal(strength={"gifts": 1.0})}, facts, now=now, seen={}, titles={}, personal=False
    )
    assert ranked.reason == "送礼之选 · 值得买指数 40" and ranked.score == pytest.approx(
        0.5 + 0.3 * 0.4 + 0.1 * 0.5 ** (30 / 72)
    )
    page = client.get("/how-it-works/").content.decode()
    assert "适合送礼的好物" in page and "送礼季里适合送人的内容" in page


def test_merging_keeps_each_sources_strongest_word_and_what_it_names():
    near = {1: CandidateSignal(strength={"scenario": 0.4}, about={"scenario": "通勤"})}
    far = {1: CandidateSignal(strength={"scenario": 0.9, "trending": 0.2}, about={"scenario": "露营出行"})}
    merged = candidates.merge(near, far)[1]
    assert merged.strength == {"scenario": 0.9, "trending": 0.2} and merged.about == {"scenario": "露营出行"}

"""Candidate sources for feeds, in one registry (SOURCES): each source's generator (a plain
function returning {item_id: CandidateSignal}: which items to consider and how strongly the source speaks
for each), the weight of its term in the ranking score, the term itself, the reason a card gives
when that term leads, and the label the how-it-works page shows. Ranking, reasons and the page
all read SOURCES: a new source is an entry here plus its generator and tests.

Generators read the shared pools (recommender.pools), so only visible, organic originals are
ever proposed; sponsored items are placed separately. The shopper's affinity to every candidate
is applied afterwards from its tags (apply_affinities), whatever source proposed it."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from interests.selectors import engaged_items
from recommender import pools
from recommender.candidate_facts import CandidateFacts, candidate_facts
from recommender.context import active_scenarios
from recommender.models import ItemNeighbor

TOP_INTERESTS = 8  # a shopper's strongest interests that bring in their own candidates
PER_INTEREST = 120


FRESHNESS_HALF_LIFE = timedelta(days=3)


@dataclass
class CandidateSignal:
    """What the sources say about one candidate: each proposing source's strength (0..1) and what
    its reason names (the item it is like, the scenario it fits); and the shopper's affinity to
    its topics (−1..1, from its tags, whichever source proposed it)."""

    strength: dict[str, float] = field(default_factory=dict)  # source key -> 0..1
    about: dict[str, Any] = field(default_factory=dict)  # source key -> what its reason names
    affinity: float = 0.0
    affinity_interest: str = ""  # the interest behind it, for the reason
    affinity_followed: bool = False

    @property
    def sources(self) -> set[str]:
        return set(self.strength)


@dataclass(frozen=True)
class CandidateRequest:
    user_id: int | None
    personal: bool  # the shopper's personalisation is on
    circle: str  # an interest slug, "" for the whole site
    scenario: str  # an explicit scenario slug, "" to infer from the time
    now: datetime
    affinities: dict[int, tuple[float, str, bool, bool]]  # interests.selectors.interest_affinities


def interest_matches(affinities: dict[int, tuple[float, str, bool, bool]]) -> dict[int, CandidateSignal]:
    """The newest items of the shopper's strongest interests."""
    strongest = sorted((i for i, a in affinities.items() if a[0] > 0), key=lambda i: -affinities[i][0])[
        :TOP_INTERESTS
    ]
    by_interest = pools.interest_pools(strongest)
    return {
        item_id: CandidateSignal(strength={"interest": 1.0})
        for i in strongest
        for item_id, _ in by_interest[i][:PER_INTEREST]
    }


def cooccurring(engaged: dict[int, float], limit: int = 300) -> dict[int, CandidateSignal]:
    """Neighbours (learned from everyone's behaviour) of the items this shopper engaged with."""
    totals: dict[int, float] = defaultdict(float)
    best_source: dict[int, tuple[float, int]] = {}
    for item_id, neighbor_id, score in ItemNeighbor.objects.filter(item__any=engaged).values_list(
        "item_id", "neighbor_id", "score"
    ):
        contribution = score * engaged[item_id]
        totals[neighbor_id] += contribution
        if contribution > best_source.get(neighbor_id, (0.0, 0))[0]:
            best_source[neighbor_id] = (contribution, item_id)
    # The model's weights may be negative (an item that goes badly with the history): never a candidate.
    ranked = sorted((i for i in set(totals) - set(engaged) if totals[i] > 0), key=lambda i: (-totals[i], i))[
        : limit * 2
    ]
    # Those that may still be shown, by the facts ranking reads next anyway (kept once read): the
    # strongest `limit` first, the next ones only when some of those are no longer shown.
    shown, _ = candidate_facts(ranked[:limit])
    if len(shown) < min(limit, len(ranked)):
        shown |= candidate_facts(ranked[limit:])[0]
    ranked = [i for i in ranked if i in shown][:limit]
    top = totals[ranked[0]] if ranked else 1.0
    return {
        i: CandidateSignal(strength={"cooccurrence": totals[i] / top}, about={"cooccurrence": best_source[i][1]})
        for i in ranked
    }


def trending(circle: str = "", limit: int = 100) -> dict[int, CandidateSignal]:
    return {
        pk: CandidateSignal(strength={"trending": (engagement or 0) / 100})
        for pk, engagement in pools.trending_pool(circle)[:limit]
    }


def fresh(circle: str = "", limit: int = 100) -> dict[int, CandidateSignal]:
    return {pk: CandidateSignal(strength={"fresh": 1.0}) for pk in pools.fresh_pool(circle)[:limit]}


def featured(circle: str = "") -> dict[int, CandidateSignal]:
    return {pk: CandidateSignal(strength={"featured": 1.0}) for pk in pools.featured_pool(circle)}


def scenario_matches(scenarios: dict[int, tuple[float, str]], limit: int = 150) -> dict[int, CandidateSignal]:
    """Items fit for the request's scenarios; scenarios maps scenario id to (strength, name)."""
    found: dict[int, CandidateSignal] = {}
    for scenario_id, (strength, name) in scenarios.items():
        for item_id, weight in pools.scenario_pool(scenario_id)[:limit]:
            signal = found.setdefault(item_id, CandidateSignal(strength={"scenario": 0.0}))
            if strength * weight > signal.strength["scenario"]:
                signal.strength["scenario"], signal.about["scenario"] = strength * weight, name
    return found


def apply_affinities(
    signals: dict[int, CandidateSignal],
    tags: dict[int, list[tuple[int, float]]],
    affinities: dict[int, tuple[float, str, bool, bool]],
) -> None:
    """Each candidate's affinity: its strongest tag, weighted, by the shopper's interest in it
    (negative for interests pushed away, −1 for muted ones). On a tie the child names the
    reason: 露营 says more than 运动户外."""
    for item_id, signal in signals.items():
        for interest_id, weight in tags.get(item_id, ()):
            if interest_id not in affinities:
                continue
            affinity, name, followed, child = affinities[interest_id]
            value = affinity * weight
            stronger = abs(value) > abs(signal.affinity) + 1e-9
            if affinity <= -1:  # muted: the shopper said never, whatever the tag's weight
                signal.affinity, signal.affinity_interest, signal.affinity_followed = -1.0, name, False
                break
            if stronger or (child and abs(value) > abs(signal.affinity) - 1e-9):
                signal.affinity, signal.affinity_interest, signal.affinity_followed = value, name, followed


def merge(*groups: dict[int, CandidateSignal]) -> dict[int, CandidateSignal]:
    """One signal per item: each source's strongest word on it, with what that word names."""
    merged: dict[int, CandidateSignal] = {}
    for group in groups:
        for item_id, signal in group.items():
            current = merged.setdefault(item_id, signal)
            if current is signal:
                continue
            for key, strength in signal.strength.items():
                if strength > current.strength.get(key, -1.0):
                    current.strength[key] = strength
                    if key in signal.about:
                        current.about[key] = signal.about[key]
    return merged


def freshness(published_at: datetime, now: datetime) -> float:
    return 0.5 ** (max(timedelta(0), now - published_at) / FRESHNESS_HALF_LIFE)


def fresh_since(published_at: datetime, now: datetime) -> str:
    """How new an item is, in words: 刚刚发布 only within the hour."""
    hours = (now - published_at).total_seconds() / 3600
    if hours < 1:
        return "刚刚发布"
    return f"{int(hours)}小时前发布" if hours < 48 else f"{int(hours // 24)}天前发布"


@dataclass(frozen=True)
class CandidateSource:
    label: str  # the how-it-works page's name for its ranking term
    description: str  # the how-it-works page's line on what it proposes
    generate: Callable[[CandidateRequest], dict[int, CandidateSignal]]
    weight: float  # of its term in the ranking score
    term: Callable[[CandidateSignal, CandidateFacts, datetime], float]  # 0..1 (affinity −1..1), for every candidate
    reason: Callable[[CandidateSignal, CandidateFacts, dict[int, str], datetime], str]  # when its term leads; titles by id
    personal: bool = False  # only for a shopper with personalisation on (ranked 0 otherwise)
    whole_site: bool = False  # proposes only outside a circle


def _strength(key: str) -> Callable[[CandidateSignal, CandidateFacts, datetime], float]:
    return lambda signal, item, now: signal.strength.get(key, 0.0)


SOURCES: dict[str, CandidateSource] = {
    "interest": CandidateSource(
        "与你兴趣的匹配",
        "你关注或常看的兴趣圈里的新内容（仅在你开启个性化推荐时）",
        lambda r: interest_matches(r.affinities),
        0.35,
        lambda signal, item, now: signal.affinity,
        lambda s, item, titles, now: (
            f"你关注了「{s.affinity_interest}」"
            if s.affinity_followed
            else f"你常看「{s.affinity_interest}」"
        ),
        personal=True,
        whole_site=True,
    ),
    "cooccurrence": CandidateSource(
        "和你互动过的内容相似",
        "和你收藏、投「值」、点击过的内容经常被同一批用户一起喜欢的内容（仅在开启个性化时）",
        lambda r: cooccurring(engaged_items(r.user_id, r.now)) if r.user_id else {},
        0.15,
        _strength("cooccurrence"),
        lambda s, item, titles, now: (
            f"和你看过的「{titles.get(s.about.get('cooccurrence') or 0, '')[:14]}」相似"
        ),
        personal=True,
        whole_site=True,
    ),
    "scenario": CandidateSource(
        "适合当前场景",
        "适合当下的内容——根据时段、工作日 / 周末、季节和购物节推断，"
        "或者你在页面上选择的场景（通勤、露营出行、送礼……）",
        lambda r: scenario_matches(active_scenarios(r.now, r.scenario)),
        0.10,
        _strength("scenario"),
        lambda s, item, titles, now: f"适合{s.about.get('scenario', '')}",
    ),
    "trending": CandidateSource(
        "圈内热度",
        "圈内热门：对所有人都一样",
        lambda r: trending(r.circle),
        0.05,
        _strength("trending"),
        lambda s, item, titles, now: f"{item.circle_name or '全站'}热门",
    ),
    "fresh": CandidateSource(
        "新鲜度（3 天减半）",
        "最新发布：对所有人都一样",
        lambda r: fresh(r.circle),
        0.10,
        lambda signal, item, now: freshness(item.published_at, now),
        lambda s, item, titles, now: fresh_since(item.published_at, now),
    ),
    "featured": CandidateSource(
        "编辑精选",
        "编辑精选：对所有人都一样",
        lambda r: featured(r.circle),
        0.05,
        _strength("featured"),
        lambda s, item, titles, now: "编辑精选",
    ),
}


def candidates(request: CandidateRequest) -> dict[int, CandidateSignal]:
    """Every source's candidates for this request, merged."""
    return merge(
        *(
            source.generate(request)
            for source in SOURCES.values()
            if (request.personal or not source.personal) and not (request.circle and source.whole_site)
        )
    )

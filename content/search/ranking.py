"""How search hits are ordered, as one small policy both SQL dialects and the explanations read:

    score = 0.55 · text + 0.30 · worth / 100 + 0.15 · freshness

(worth counts 0 for a sponsored item: labelled and findable, but never lifted by its 值得买指数)

text = r / (r + R) squashes the engine's relevance r (FTS5's BM25 or PostgreSQL's ts_rank, title
counted above body, body above sub-words) into 0–1, R being the relevance that counts as half a
match on that engine; freshness = 1 / (1 + age in days / 14) (half after two weeks). Ties go to
the newer id, so the order is total and cursor pages never repeat or skip a hit."""

from dataclasses import dataclass

WEIGHTS = {"text": 0.55, "worth": 0.30, "freshness": 0.15}
FRESHNESS_HALF_DAYS = 14.0
# The relevance that counts as half a text match, per engine (measured on bench_search's
# 100,000 items: about the median relevance of a title hit of a two-word query).
RELEVANCE_HALF = {"sqlite": 8.0, "postgresql": 0.25}
TERMS = {"text": "文本相关度", "worth": "值得买指数 / 100", "freshness": "新鲜度（14 天减半）"}


@dataclass(frozen=True)
class Ranked:
    item_id: int
    relevance: float  # the engine's own figure
    worth: float
    age_days: float
    vendor: str
    sponsored: bool = False  # then `worth` is 0 here (see the module doc)

    @property
    def text(self) -> float:
        r = max(0.0, self.relevance)
        return r / (r + RELEVANCE_HALF[self.vendor])

    @property
    def freshness(self) -> float:
        return 1.0 / (1.0 + max(0.0, self.age_days) / FRESHNESS_HALF_DAYS)

    @property
    def score(self) -> float:
        return WEIGHTS["text"] * self.text + WEIGHTS["worth"] * self.worth / 100 + WEIGHTS["freshness"] * self.freshness

    def explanation(self, matched_title: list[str], matched_body: list[str]) -> dict:
        where = []
        if matched_title:
            where.append("标题命中" + "".join(f"「{w}」" for w in matched_title))
        if matched_body:
            where.append("正文命中" + "".join(f"「{w}」" for w in matched_body))
        age = f"{self.age_days:.0f} 天前" if self.age_days >= 1 else "今天"
        formula = (f"{WEIGHTS['text']}×{self.text:.2f} + {WEIGHTS['worth']}×{self.worth:.0f}/100 + "
                   f"{WEIGHTS['freshness']}×{self.freshness:.2f} = {self.score:.3f}")
        return {
            "score": round(self.score, 4), "text": round(self.text, 3), "worth": round(self.worth, 1),
            "freshness": round(self.freshness, 3), "matched": {"title": matched_title, "body": matched_body},
            "summary": " · ".join([*where, "推广内容：值得买指数不参与排序" if self.sponsored else f"值得买指数 {self.worth:.0f}",
                                   f"发布于{age}"]), "formula": formula,
        }


def score_sql(vendor: str, relevance: str, worth: str, age_days: str) -> str:
    """The same formula as Ranked.score, as SQL over the given column expressions."""
    greatest = "GREATEST" if vendor == "postgresql" else "MAX"
    half = RELEVANCE_HALF[vendor]
    return (f"({WEIGHTS['text']} * {greatest}({relevance}, 0) / ({greatest}({relevance}, 0) + {half})"
            f" + {WEIGHTS['worth']} * {worth} / 100.0"
            f" + {WEIGHTS['freshness']} / (1.0 + {greatest}({age_days}, 0) / {FRESHNESS_HALF_DAYS}))")

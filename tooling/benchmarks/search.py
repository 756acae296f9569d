"""A search corpus for the benchmark: items written straight as rows, with titles and bodies made
from the taxonomy's own words (a child interest's product words and brands, numbers with units,
prices), and search documents written from `analyze()` tokens exactly as the scoring pass writes
them (content.search.index). Scores and tags are drawn, not computed: this measures serving
search and the assistant, not scoring (bench_scoring does that)."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from content.models import Item, ItemScore, Source
from content.scoring.analysis import analyze
from content.scoring.dimensions import DIMENSION_KEYS
from content.search.index import search_documents_store
from guide.db import insert_rows
from interests.models import Interest, ItemInterest
from interests.tagging import title_token_count

PREFIX = "searchbench"
BATCH = 2000
PLATFORMS = ("xiaohongshu", "smzdm", "jd", "zhihu", "bilibili", "taobao", "weibo")
KINDS = ("review", "review", "note", "note", "deal", "deal", "article", "video")
OPENERS = ("实测", "真实体验", "好价", "开箱", "用了三个月", "值不值", "横评", "入手一周", "避坑", "到手价")
SENTENCES = (
    "{word}用了{n}个月，{other}表现比预期好，唯一的缺点是{flaw}。",
    "对比了{n}家店的价格，{brand}官方旗舰店到手{price}元，比首发便宜{saving}元。",
    "{other}和{word}一起用很方便，重量{weight}g，收纳也不占地方。",
    "朋友推荐的{brand}，{word}做工扎实，{other}续航实测{hours}小时。",
    "如果预算有限，{word}选这款就够了；追求{other}可以再加点钱。",
)
FLAWS = ("价格偏贵", "颜色有色差", "包装简陋", "说明书太简单", "噪音有点大", "配件要另买", "发货慢")


def vocabulary() -> list[tuple[int, int, list[str], list[str]]]:
    """(child id, top-level id, product words, brands) per active child interest."""
    rows = []
    for child in Interest.objects.filter(parent__isnull=False, is_active=True).select_related("parent"):
        words = [w for w, weight in child.keywords if weight == 1.0 and len(w) >= 2][:12]
        brands = [w for w, weight in child.keywords if weight == 0.8][:8] or [child.parent.name]
        if words:
            rows.append((child.pk, child.parent_id, words, brands))
    return rows


def _text(rng: random.Random, words: list[str], brands: list[str], price: int) -> tuple[str, str, str]:
    word, brand = rng.choice(words), rng.choice(brands)
    title = f"{brand} {word} {rng.choice(('Pro', 'Max', 'Air', '二代', '2025款', '旗舰款', 'mini', ''))} {rng.choice(OPENERS)}"
    body = "".join(rng.choice(SENTENCES).format(word=word, other=rng.choice(words), brand=brand, flaw=rng.choice(FLAWS),
                                                n=rng.randint(2, 9), price=price, saving=rng.randint(20, 300),
                                                weight=rng.randint(80, 3000), hours=rng.randint(5, 60))
                   for _ in range(rng.randint(2, 5)))
    return " ".join(title.split()), body, brand


def corpus_build(*, count: int, seed: int = 7) -> int:
    """Add generated items until `count` exist; returns how many were added."""
    sources = {p: Source.objects.get_or_create(name=f"{PREFIX}-{p}", defaults={"platform": p})[0] for p in PLATFORMS}
    existing = Item.objects.filter(source__in=sources.values()).count()
    rng, words, now = random.Random(seed + existing), vocabulary(), timezone.now()
    for start in tqdm(range(existing, count, BATCH), desc="items", unit="批"):
        with transaction.atomic():
            _batch(rng, range(start, min(start + BATCH, count)), words, sources, now)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return max(0, count - existing)


def _batch(rng, numbers, words, sources, now) -> None:
    items, tags, texts = [], [], {}
    for n in numbers:
        child, top, product_words, brands = rng.choice(words)
        price = int(rng.lognormvariate(5.5, 1.2)) + 9
        title, body, brand = _text(rng, product_words, brands, price)
        kind = rng.choice(KINDS)
        items.append(Item(
            source=sources[rng.choice(PLATFORMS)], external_id=f"{PREFIX}-{n}", kind=kind, title=title, body_text=body,
            url=f"https://bench.example.com/{n}", canonical_url=f"https://bench.example.com/{n}",
            canonical_url_hash=f"{PREFIX}-{n}", brand=brand, price=Decimal(price) if rng.random() < 0.8 else None,
            original_price=Decimal(int(price * rng.uniform(1.0, 1.6))),
            published_at=now - timedelta(hours=rng.uniform(0, 24 * 60)),
            expires_at=now + timedelta(days=rng.uniform(-5, 20)) if kind == "deal" else None,
            status=rng.choices(("approved", "featured", "pending", "rejected"), (85, 3, 8, 4))[0],
            sponsored=rng.random() < 0.01))
        tags.append((child, top))
        texts[n] = (title, body)
    Item.objects.bulk_create(items)
    ItemScore.objects.bulk_create(
        ItemScore(item=item, worth_score=round(rng.betavariate(5, 3) * 100, 1), scorer_version="bench", profile_version=1,
                  scored_at=now, gate="approve", **{key: round(rng.uniform(20, 95), 1) for key in DIMENSION_KEYS})
        for item in items)
    insert_rows(ItemInterest, ("item_id", "interest_id", "weight", "origin", "matched"),
                [(item.pk, interest, round(rng.uniform(0.5, 1.0), 3), "lexicon", [])
                 for item, (child, top) in zip(items, tags, strict=True) for interest in (child, top)])
    analyses = {item.pk: analyze(item.title, item.body_text) for item in items}
    search_documents_store(tokens={pk: (a.tokens, title_token_count(a)) for pk, a in analyses.items()})


def bench_queries(rng: random.Random, size: int = 60) -> list[str]:
    """Realistic queries: product words, brand + product, two words, some with no hit."""
    words = vocabulary()
    queries = []
    for _ in range(size):
        _, _, product_words, brands = rng.choice(words)
        shape = rng.random()
        if shape < 0.4:
            queries.append(rng.choice(product_words))
        elif shape < 0.75:
            queries.append(f"{rng.choice(brands)} {rng.choice(product_words)}")
        elif shape < 0.95:
            queries.append(f"{rng.choice(product_words)} {rng.choice(('续航', '好价', '实测', '推荐', '便宜', '轻量'))}")
        else:
            queries.append(f"{rng.choice(product_words)} 量子纠缠")
    return queries


ASSISTANT_MESSAGES = (
    "周末想去露营，帮我配一套装备，两千以内，带娃", "通勤用的降噪耳机，1500左右", "送女朋友生日礼物，五百以内",
    "居家办公想换把人体工学椅，两千左右", "出差用的行李箱和充电宝，一千以内", "想买个扫地机器人，家里有猫，预算3k",
    "跑步用的运动手表 两千以内", "宿舍需要床帘和台灯", "给爸妈买个按摩仪，两千以内", "预算一千块 随便推荐点",
)
ASSISTANT_REFINEMENTS = ("换个便宜点的", "预算提高到三千", "不要这个", "再加一个炉子")

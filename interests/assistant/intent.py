"""What a message asks for: interests (the platform's tagger on the message, through the same
analysis path items take), a scenario (the project's Scenario slugs), a budget, who it is for,
preferences and exclusions, and the refinements of a later turn. Plain data, no writes.

Scenario: gifting when the message gives a gift (送, 礼物, 给爸妈买 …); otherwise the strongest
activity scenario (露营, 通勤, 居家办公, 旅行, 健身, 宿舍, 聚会, 约会), then a context one (带娃,
节日大促, 换季, 雨天, 深夜). Evidence comes from the scenario lexicon and from kit slots whose
words name a scenario by themselves (睡袋 → 露营)."""

import re
from dataclasses import dataclass, field

from content.scoring import learned
from content.scoring.analysis import analyze
from interests.assistant.budget import Budget, BudgetChange, budget_change, normalize, parse_budget
from interests.classifier import interest_tags_batch
from interests.lexicon import Lexicon, current_lexicon
from interests.tagging import interest_tags, scenario_tags

MAX_CHARS = 500  # a wish fits in this; the rest of a 10,000-character message is not read
MIN_INTEREST = 0.3
MIN_SCENARIO = 0.6  # one strong scenario word (露营, 通勤; a request is all title); 户外 or 夏天 alone are not
CLASSIFIER_SURE = 0.99
ACTIVITY = ("camping-trip", "commute", "home-office", "travel", "fitness", "dorm", "party", "date")
CONTEXT = ("parenting", "festival", "new-season", "rainy-day", "late-night")

# Who a gift or a trip is for: word → recipient (the KitTemplate.recipient vocabulary).
PEOPLE = {
    "partner_female": "女朋友 女友 老婆 媳妇 妻子 爱人 对象 她 girlfriend wife",
    "partner_male": "男朋友 男友 老公 丈夫 boyfriend husband",
    "parents": "爸妈 父母 爸爸 妈妈 老爸 老妈 我妈 我爸 母亲 父亲 长辈 爷爷 奶奶 外公 外婆 姥姥 姥爷 公婆 岳父 岳母 老人",
    "kids": "带娃 遛娃 孩子 小孩 宝宝 娃 儿子 女儿 侄子 侄女 外甥 小朋友 男孩 女孩 kid kids",
    "friend": "闺蜜 朋友 同事 兄弟 室友 同学 客户 领导 老师",
}
PERSON_WORDS = sorted(((w, r) for r, words in PEOPLE.items() for w in words.split()), key=lambda p: -len(p[0]))
PERSON_PATTERN = re.compile("|".join(re.escape(w) for w, _ in PERSON_WORDS))
RECIPIENT_OF = dict(PERSON_WORDS)
GIFT_CUE = re.compile(r"送|礼物|礼品|伴手礼|心意|gift|present|大寿|纪念日礼")
GIFT_RECIPIENTS = [w for w, r in PERSON_WORDS if r != "kids" or w in ("侄子", "侄女", "外甥")]
GIFT_FOR = re.compile(rf"给(?:我)?(?:{'|'.join(map(re.escape, GIFT_RECIPIENTS))})" r"\S{0,6}?(?:买|挑|选|带|准备)")
# English shopping words the lexicon does not hold, read as their Chinese: a shopper writing in
# English gets the same tagger.
ENGLISH = {
    "camping": "露营", "camp": "露营", "tent": "帐篷", "sleeping bag": "睡袋", "headphones": "耳机", "headphone": "耳机",
    "earphones": "耳机", "earbuds": "耳机", "anc": "降噪", "noise cancelling": "降噪", "commute": "通勤",
    "commuting": "通勤", "phone": "手机", "laptop": "笔记本电脑", "office chair": "人体工学椅", "chair": "椅子",
    "wfh": "居家办公", "work from home": "居家办公", "perfume": "香水", "lipstick": "口红", "gift": "礼物",
    "girlfriend": "女朋友", "boyfriend": "男朋友", "camera": "相机", "coffee": "咖啡", "vacuum": "吸尘器",
    "running shoes": "跑鞋", "travel": "旅行", "suitcase": "行李箱", "budget": "预算", "watch": "手表",
}
ENGLISH_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ENGLISH), key=len, reverse=True)) + r")\b", re.I)
# Everyday misspellings of shopping words (homophones typed by pinyin input).
TYPOS = {"帐蓬": "帐篷", "帐棚": "帐篷", "睡带": "睡袋", "降躁": "降噪", "蓝芽": "蓝牙", "耳麦": "耳机", "吹风鸡": "吹风机",
         "扫地机器仁": "扫地机器人", "防朝垫": "防潮垫", "行礼箱": "行李箱", "笔计本": "笔记本", "键休": "键盘"}
TYPO_PATTERN = re.compile("|".join(map(re.escape, TYPOS)))
PREFERENCES = ("轻量化 轻量 轻便 便携 小巧 大容量 静音 防水 防风 保暖 耐用 高颜值 好看 性价比 国货 降噪 续航 护眼 "
               "速开 自动 大空间 家庭 双人 多人 亲子 透气 百搭 简约").split()
# 不要迪卡侬, 别要 X, 除了 X, 排除 X, 不考虑 X, X 就算了 — but not 不要太贵 (a price wish).
EXCLUDE = re.compile(r"(?:不要|不想要|别要|别买|别推荐?|除了|排除|不考虑|不买|拉黑)(?!太|那么|这么|超过|超)\s*"
                     r"(?P<what>[A-Za-z][A-Za-z0-9 .&-]{1,20}|[\u4e00-\u9fff]{2,8}?)(?=的|[，,。.!！?？\s]|$|了|家|牌)")
EXCLUDE_THIS = re.compile(r"不要这个|不要这款|这个不要|这个不行|换一个|换一款|换个别的|不喜欢这个")
CHEAPER = re.compile(r"便宜(?:一?点|些|一些)|更便宜|太贵了?|贵了|省点钱|降点预算|低一点的价")
PRICIER = re.compile(r"(?:好|贵)(?:一?点|些|一些)的|更好的|升级|档次高")
ADD = re.compile(r"(?:再|还|另外)?(?:加|添|买|要|配)(?:一?个|一?套|一?把|一?盏|一?张|一?顶|上|点)?")
INJECTION = re.compile(r"忽略(?:之前|以上|上面|前面)|ignore (?:all |the )?(?:previous|above)|system prompt|系统提示|"
                       r"你现在是|扮演|越狱|jailbreak|developer mode|开发者模式|prompt", re.I)


@dataclass
class Intent:
    text: str
    interests: list[tuple[str, float]] = field(default_factory=list)  # (slug, weight), strongest first
    top_interest: str | None = None
    product_words: list[str] = field(default_factory=list)  # the strongest child interest's matched keywords
    product_interest: str | None = None  # that child's slug
    scenario: str | None = None
    recipient: str = ""
    people: list[str] = field(default_factory=list)
    budget: Budget | None = None
    budget_problem: str = ""
    budget_change: BudgetChange | None = None
    preferences: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_this: bool = False
    cheaper: bool = False
    pricier: bool = False
    slots_named: list[str] = field(default_factory=list)  # "scenario/slot" keys named in the message
    slots_added: list[str] = field(default_factory=list)
    slots_removed: list[str] = field(default_factory=list)
    injection: bool = False
    truncated: bool = False

    @property
    def understood(self) -> bool:
        return bool(self.top_interest or self.scenario or self.budget or self.slots_named or self.budget_change
                    or self.exclude or self.exclude_this or self.cheaper or self.pricier or self.preferences)

    def as_dict(self) -> dict:
        """The DESIGN §6 shape (interests, scenario, budget), with the rest beside it."""
        budget = self.budget.as_dict() if self.budget else {"min": None, "max": None}
        return {"interests": [{"slug": s, "weight": round(w, 3)} for s, w in self.interests], "scenario": self.scenario,
                "budget": budget, "recipient": self.recipient or None, "people": self.people,
                "preferences": self.preferences, "exclude": self.exclude}


def prepared(text: str) -> str:
    """The message as the tagger reads it: NFKC, lower case, English shopping words and common
    misspellings in their Chinese form, at most MAX_CHARS."""
    text = normalize(text[: MAX_CHARS * 2])[:MAX_CHARS]
    text = TYPO_PATTERN.sub(lambda m: TYPOS[m.group()], text)
    return ENGLISH_PATTERN.sub(lambda m: ENGLISH[m.group().lower()], text)


def intent_of(text: str, *, kit_words: dict[str, tuple[str, bool]] | None = None, lexicon: Lexicon | None = None) -> Intent:
    """Read one message. `kit_words` maps a slot keyword to ("scenario/slot", implies scenario)."""
    lexicon = lexicon or current_lexicon()
    clean = prepared(text)
    intent = Intent(text=clean, truncated=len(text) > MAX_CHARS)
    analysis = analyze(clean, "")
    tags = interest_tags_batch([analysis], learned.features([analysis]), lexicon)[0]
    _interests(intent, interest_tags(analysis, lexicon), tags, clean)
    reading = parse_budget(clean)
    intent.budget, intent.budget_problem = reading.budget, reading.problem
    intent.budget_change = budget_change(clean)
    if intent.budget_change and intent.budget and intent.budget.max == intent.budget_change.amount:
        intent.budget = None  # 预算提高到三千 changes the budget; it does not state a new one
    intent.people = list(dict.fromkeys(RECIPIENT_OF[m.group()] for m in PERSON_PATTERN.finditer(clean)))
    _slots(intent, clean, kit_words or {})
    _scenario(intent, clean, scenario_tags(analysis, lexicon), kit_words or {})
    wished = [word for word in PREFERENCES if word in clean and f"不{word}" not in clean]
    intent.preferences = [w for w in wished if not any(w != longer and w in longer for longer in wished)]
    intent.exclude = list(dict.fromkeys(m.group("what").strip() for m in EXCLUDE.finditer(clean)
                                        if not EXCLUDE_THIS.match(m.group())))
    intent.exclude_this = bool(EXCLUDE_THIS.search(clean))
    intent.cheaper, intent.pricier = bool(CHEAPER.search(clean)), bool(PRICIER.search(clean))
    intent.injection = bool(INJECTION.search(clean))
    return intent


def _interests(intent: Intent, lexicon_tags: list, tags: list, text: str) -> None:
    """Interests strongest first. A request is short, and the product it names decides: the
    lexicon's tags lead, at equal strength the one named first; the combined tagger's guess
    (its classifier is trained on reviews) counts only when nothing is named and it is sure."""
    named = [t for t in lexicon_tags if t.weight >= MIN_INTEREST]
    chosen = named or [t for t in tags if t.weight >= CLASSIFIER_SURE]

    def order(tag) -> tuple:
        positions = [text.find(w.lower()) for w in tag.matched if w.lower() in text]
        return (-round(tag.weight, 2), min(positions) if positions else len(text), tag.level)

    chosen.sort(key=order)
    intent.interests = [(t.slug, t.weight) for t in chosen[:6]]
    tops = [t for t in chosen if t.level == 1]
    intent.top_interest = tops[0].slug if tops else None
    children = [t for t in chosen if t.level == 2 and t.matched and (not tops or t.parent == tops[0].slug)]
    if children:
        intent.product_interest, intent.product_words = children[0].slug, list(children[0].matched)


def _slots(intent: Intent, text: str, kit_words: dict[str, tuple[str, bool]]) -> None:
    for word in sorted(kit_words, key=len, reverse=True):
        start = text.find(word.lower())
        if start < 0:
            continue
        key = kit_words[word][0]
        if key in intent.slots_named:
            continue
        intent.slots_named.append(key)
        before, after = text[max(0, start - 6): start], text[start + len(word): start + len(word) + 6]
        if (re.search(r"(?:不要|不用|不需要|去掉|删掉|拿掉|别要)\S{0,2}$", before)
                or re.match(r"\S{0,2}(?:不要了|不用了|已经有|有了|就不要)", after)):
            intent.slots_removed.append(key)
        elif re.search(ADD.pattern + r"$", before) and re.search(r"(?:再|还|另外|加|添)", before):
            intent.slots_added.append(key)


def _scenario(intent: Intent, text: str, tags: list, kit_words: dict[str, tuple[str, bool]]) -> None:
    weights = {t.slug: t.weight for t in tags if t.weight >= MIN_SCENARIO}
    for key in intent.slots_named:
        scenario = key.split("/")[0]
        if any(k == key and implies for k, implies in kit_words.values()):
            weights[scenario] = max(weights.get(scenario, 0.0), 0.7)
    gift = bool(GIFT_CUE.search(text) or GIFT_FOR.search(text))
    if gift:
        intent.scenario = "gifting"
        intent.recipient = next((p for p in intent.people if p != "kids"), "kids" if "kids" in intent.people else "")
        return
    weights.pop("gifting", None)
    for group in (ACTIVITY, CONTEXT):
        found = sorted((slug for slug in weights if slug in group), key=lambda s: (-weights[s], group.index(s)))
        if found:
            intent.scenario = found[0]
            return

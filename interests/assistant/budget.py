"""Budgets in a shopper's words: digits and Chinese numerals, `k` / `w` / 千 / 万, and what the
words around an amount make of it. Plain functions, no database.

    两千以内, 不超过三百, 预算2k, ¥599, 5百以内      → {min: None, max: X}
    1500元左右, 一万左右, 大概七千, 3000块钱上下     → {min: 0.8·X, max: 1.2·X}
    800-1200, 三百到五百, 两三百, 四五千, 6k-8k      → {min: A, max: B}
    至少四千, 1500以上                              → {min: X, max: None}
    一千多, 两百多                                  → {min: X, max: X + its magnitude}
    一千出头                                        → {min: X, max: 1.2·X}

A number counts as money only with a money unit (元 块 ¥ rmb yuan dollars), a qualifier
(以内 左右 预算 不超过 under …), or a Chinese magnitude (五百 两千 一万): 4人帐篷, 24寸, 618,
iPhone15, 65w 充电器 and 3岁 are not budgets. `k` and `w` need a qualifier or money word
(4K 显示器, 65W 快充 are not). Refinements (预算提高到三千, 再加五百) are read by `budget_change`."""

import re
import unicodedata
from dataclasses import dataclass

MAX_BUDGET = 10_000_000
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
MIN_AMOUNT = 5  # below this an amount is a count (一块手表, 两个人), not a budget
AROUND_LOW, AROUND_HIGH = 0.8, 1.2

DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
          "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000, "萬": 10_000, "亿": 10**8}
CN = "".join(DIGITS) + "".join(UNITS)
SUFFIX = {"k": 1000, "千": 1000, "w": 10_000, "万": 10_000, "百": 100}

# One amount: digits (with k / w / 千 / 万 / 百, and 1k5 = 1500), or Chinese numerals.
AMOUNT = (rf"(?:(?P<neg>(?<![0-9a-z.])-|负)\s*)?(?:(?P<num>\d+(?:\.\d+)?)\s*(?P<suffix>[kw千万百](?![a-z]))?(?P<tail>\d(?!\d))?"
          rf"|(?P<cn>[{CN}]*[{''.join(DIGITS)}][{CN}]*))")
AMOUNT_RE = re.compile(AMOUNT, re.IGNORECASE)
PAIR_RE = re.compile(r"(?P<a>[一二两三四五六七八九])(?P<b>[一二两三四五六七八九])(?P<unit>[十百千万])")
RANGE_RE = re.compile(rf"(?P<first>{AMOUNT.replace('?P<', '?P<a_')})\s*(?:元|块钱?|rmb)?\s*(?:到|至|-|~|～|—|–|to)\s*"
                      rf"(?P<second>{AMOUNT.replace('?P<', '?P<b_')})", re.IGNORECASE)

MEASURE_AFTER = re.compile(r"^\s*(?:寸|英寸|人|岁|度|mm|cm|kg|g\b|天|个|瓦|升|l\b|ml|匹|小时|分钟|年|月|号|码|克|斤|p\b|hz|"
                           r"公里|km|米|mah|毫安|倍|层|核|代|款|件|套|斤|周)", re.IGNORECASE)
MONEY_AFTER = re.compile(r"^\s*(?:元|块钱?|块|rmb|yuan|刀|dollars?|美元|usd|cny)", re.IGNORECASE)
MONEY_BEFORE = re.compile(r"(?:¥|￥|\$|rmb|cny)\s*$", re.IGNORECASE)
CEILING_AFTER = re.compile(r"^\s*(?:元|块钱?|块|rmb|yuan)?\s*(?:以内|以下|之内|内(?![场衣裤])|封顶|为上限|以里|左右以内|max)")
AROUND_AFTER = re.compile(r"^\s*(?:元|块钱?|块|rmb|yuan)?\s*(?:左右|上下|附近|前后|的样子)")
FLOOR_AFTER = re.compile(r"^\s*(?:元|块钱?|块|rmb|yuan)?\s*(?:以上|起步|起|往上|打底|\+)")
MORE_AFTER = re.compile(r"^\s*多(?![少久])")
ABOVE_A_BIT_AFTER = re.compile(r"^\s*(?:元|块钱?|块)?\s*出头")
CEILING_BEFORE = re.compile(r"(?:不超过|不要超过|别超过|不能超过|不超|不到|最多花?|顶多|最高|低于|少于|控制在|不高于|上限|"
                            r"under|below|less than|within|max|no more than|up to)\s*(?:¥|￥|\$)?\s*$", re.IGNORECASE)
AROUND_BEFORE = re.compile(r"(?:大概|大约|约|差不多|around|about|roughly|approximately)\s*(?:是|就是|在)?\s*(?:¥|￥|\$)?\s*$",
                           re.IGNORECASE)
FLOOR_BEFORE = re.compile(r"(?:至少|不低于|最少|起码|over|above|more than|at least)\s*(?:¥|￥|\$)?\s*$", re.IGNORECASE)
BUDGET_BEFORE = re.compile(r"(?:预算|budget|价位|价格|花|价钱)\s*(?:是|在|为|大概|大约|控制在)?\s*(?:¥|￥|\$)?\s*$",
                           re.IGNORECASE)
# Relative changes in a refinement: 预算提高到三千 (set), 再加五百 / 预算多加500 (add), 少五百 (subtract).
SET_BEFORE = re.compile(r"(?:提高到|提到|增加到|加到|涨到|降到|降低到|减到|改成|改为|调到|调整到|变成|放宽到|升到)\s*$")
ADD_BEFORE = re.compile(r"(?:预算|budget)\S{0,3}(?:再加|多加|加|增加|提高|多)\s*$")
MORE_BEFORE = re.compile(r"(?:再加|多加|多给)\s*$")  # 再加五百 is money; 再加一个炉子 is not
SUBTRACT_BEFORE = re.compile(r"(?:预算|budget)\S{0,3}(?:减少|减|降低|少)\s*$|少花\s*$")


@dataclass(frozen=True)
class Budget:
    min: int | None = None
    max: int | None = None

    def as_dict(self) -> dict:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class BudgetReading:
    budget: Budget | None
    problem: str = ""  # "negative" | "absurd" | ""


def normalize(text: str) -> str:
    """NFKC, lower case, thousands separators dropped (1,500 is 1500)."""
    return THOUSANDS.sub("", unicodedata.normalize("NFKC", text).lower())


def chinese_number(text: str) -> int | None:
    """两千五 2500, 一万二 12000, 三百五 350, 十五 15, 一百零八 108, 两万 20000; None if not a number."""
    total, section, digit, last_unit, zero = 0, 0, None, 1, False
    for char in text:
        if char in DIGITS:
            if digit is not None and digit != 0:
                return None  # 两三 is a range, not a number
            zero = zero or DIGITS[char] == 0
            digit = DIGITS[char]
        elif char in UNITS:
            unit = UNITS[char]
            if unit >= 10_000:  # 万 and 亿 multiply everything before them in their section
                total = (total + section + (digit or 0)) * unit if unit > 10_000 else total + (section + (digit or 0)) * unit
                section, digit, last_unit, zero = 0, None, unit, False
                continue
            section += (1 if digit is None else digit) * unit
            digit, last_unit, zero = None, unit, False
        else:
            return None
    if digit:  # a trailing digit after a unit counts one step down (两千五 = 2500), unless after 零 (一百零八)
        section += digit * (last_unit // 10 if last_unit >= 100 and not zero else 1)
    return total + section


def amount_value(match: re.Match, prefix: str = "") -> tuple[float | None, bool, str]:
    """(value, has a magnitude or suffix, suffix) of an AMOUNT match (groups maybe prefixed)."""
    group = lambda name: match.group(prefix + name)  # noqa: E731
    if group("num") is not None:
        value, suffix = float(group("num")), (group("suffix") or "").lower()
        if suffix:
            value *= SUFFIX[suffix]
            if group("tail"):
                value += int(group("tail")) * SUFFIX[suffix] / 10
        elif group("tail"):
            return None, False, ""
        return (-value if group("neg") else value), bool(suffix), suffix
    number = chinese_number(group("cn"))
    if number is None:
        return None, False, ""
    magnitude = any(c in "百佰千仟万萬" for c in group("cn"))
    return (-number if group("neg") else number), magnitude, ""


def _around(value: float) -> Budget:
    return Budget(round(value * AROUND_LOW), round(value * AROUND_HIGH))


def _magnitude_step(value: float) -> int:
    step = 1
    while step * 10 <= value:
        step *= 10
    return step


def _reading(value: float, before: str, after: str, has_magnitude: bool, suffix: str) -> tuple[Budget, int] | None:
    """What the words around one amount make of it, and how sure that it is money (3 a
    qualifier, 2 a money unit, 1 only a Chinese magnitude); None when it is not money."""
    money = bool(MONEY_AFTER.match(after) or MONEY_BEFORE.search(before))
    if CEILING_AFTER.match(after) or CEILING_BEFORE.search(before):
        return Budget(None, round(value)), 3
    if AROUND_AFTER.match(after) or AROUND_BEFORE.search(before):
        return _around(value), 3
    if FLOOR_AFTER.match(after) or FLOOR_BEFORE.search(before):
        return Budget(round(value), None), 3
    if ABOVE_A_BIT_AFTER.match(after):
        return Budget(round(value), round(value * AROUND_HIGH)), 3
    if has_magnitude and suffix not in ("k", "w") and MORE_AFTER.match(after):
        return Budget(round(value), round(value + _magnitude_step(value))), 3
    if BUDGET_BEFORE.search(before):
        return Budget(None, round(value)), 3
    if money:
        return Budget(None, round(value)), 2
    if has_magnitude and suffix not in ("k", "w"):
        return Budget(None, round(value)), 1
    return None


def parse_budget(text: str) -> BudgetReading:
    """The budget a message states, if any (the first amount that is money wins, ranges first)."""
    text = normalize(text)[:2000]
    for match in RANGE_RE.finditer(text):
        low, low_mag, low_suffix = amount_value(match, "a_")
        high, high_mag, high_suffix = amount_value(match, "b_")
        if low is None or high is None:
            continue
        if MEASURE_AFTER.match(text[match.end():]) or min(abs(low), abs(high)) < MIN_AMOUNT or re.search(
                r"[a-z]\s*$", text[:match.start()]):
            continue  # 3-5 天, 20-30 寸, rtx 4060-4070
        if high_suffix and not low_suffix and low < 100:
            low *= SUFFIX[high_suffix]  # 6-8k
        return _checked(Budget(round(min(low, high)), round(max(low, high))))
    for match in PAIR_RE.finditer(text):  # 两三百, 四五千
        unit = UNITS[match.group("unit")]
        return _checked(Budget(DIGITS[match.group("a")] * unit, DIGITS[match.group("b")] * unit))
    if re.search(r"千把块|千把元", text):
        return BudgetReading(_around(1000))
    best: tuple[int, Budget, bool] | None = None
    for match in AMOUNT_RE.finditer(text):
        value, magnitude, suffix = amount_value(match)
        if value is None:
            continue
        before, after = text[max(0, match.start() - 12): match.start()], text[match.end(): match.end() + 8]
        if re.search(r"[a-z]$", before) and not suffix:
            continue  # iphone15, a7c2
        if abs(value) < MIN_AMOUNT or (match.group("cn") and not magnitude and not MONEY_AFTER.match(after)):
            continue  # 一起, 一块手表, 3 个人
        if suffix in ("k", "w") and not (CEILING_AFTER.match(after) or AROUND_AFTER.match(after) or FLOOR_AFTER.match(after)
                                         or MONEY_AFTER.match(after) or BUDGET_BEFORE.search(before)
                                         or CEILING_BEFORE.search(before) or AROUND_BEFORE.search(before)):
            continue  # 4K, 65W
        if MEASURE_AFTER.match(after):
            continue  # 24寸, 65w 充电器, 4 人帐篷
        reading = _reading(abs(value), before, after, magnitude, suffix)
        if reading is not None and (best is None or reading[1] > best[0]):
            best = (reading[1], reading[0], value < 0)
    if best is not None:
        return _checked(best[1], negative=best[2])
    return BudgetReading(None)


def _checked(budget: Budget, negative: bool = False) -> BudgetReading:
    if negative:
        return BudgetReading(None, "negative")
    if any(v is not None and v > MAX_BUDGET for v in (budget.min, budget.max)):
        return BudgetReading(None, "absurd")
    if budget.max == 0:
        return BudgetReading(None, "absurd")
    return BudgetReading(budget)


@dataclass(frozen=True)
class BudgetChange:
    kind: str  # "set" | "add"
    amount: int


def budget_change(text: str) -> BudgetChange | None:
    """A refinement of the budget: 预算提高到三千 (set to 3000), 再加五百 (+500), 预算少五百 (−500)."""
    text = normalize(text)[:500]
    for match in AMOUNT_RE.finditer(text):
        value, magnitude, _ = amount_value(match)
        if value is None or value <= 0:
            continue
        before, after = text[max(0, match.start() - 10): match.start()], text[match.end(): match.end() + 6]
        if SET_BEFORE.search(before):
            return BudgetChange("set", round(value))
        if ADD_BEFORE.search(before) or (MORE_BEFORE.search(before) and (magnitude or MONEY_AFTER.match(after))):
            return BudgetChange("add", round(value))
        if SUBTRACT_BEFORE.search(before):
            return BudgetChange("add", -round(value))
    return None

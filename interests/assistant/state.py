"""What a conversation has settled so far, and how one more message changes it: a new wish
starts afresh, a refinement (换个便宜点的帐篷, 再加一个炉子, 预算提高到三千, 不要这个, 不要迪卡侬)
changes only what it names. Plain JSON-ready data, no database."""

import re
from dataclasses import asdict, dataclass, field

from interests.assistant.budget import Budget
from interests.assistant.intent import Intent

KIT_CUE = re.compile(r"装备|全套|一套|配一套|配齐|清单|需要(?:买)?(?:什么|哪些|啥)|准备(?:什么|哪些|啥)|都要|都缺|"
                     r"都没有|全没有|第一次|新手|入门|一步到位|必备|好物")
CHEAPER_SHARE = 0.8  # 便宜点 without a pick to compare: the budget goes down by a fifth


@dataclass
class State:
    scenario: str | None = None
    recipient: str = ""
    interests: list[list] = field(default_factory=list)  # [[slug, weight]]
    product_interest: str | None = None
    product_words: list[str] = field(default_factory=list)
    mode: str = ""  # "kit" | "single" | "suggest" | ""
    single_slot: str | None = None  # a kit slot asked for alone
    budget: dict | None = None  # {"min", "max"}
    people: list[str] = field(default_factory=list)
    preferences: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_items: list[int] = field(default_factory=list)
    slots_added: list[str] = field(default_factory=list)
    slots_removed: list[str] = field(default_factory=list)
    caps: dict[str, float] = field(default_factory=dict)
    picks: dict[str, int] = field(default_factory=dict)  # slot key -> item id shown last
    prices: dict[str, float] = field(default_factory=dict)  # slot key -> its price shown last
    focus: str | None = None
    from_profile: bool = False

    @classmethod
    def load(cls, data: dict | None) -> "State":
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def dump(self) -> dict:
        return asdict(self)

    @property
    def budget_value(self) -> Budget | None:
        return Budget(self.budget.get("min"), self.budget.get("max")) if self.budget else None


def is_refinement(intent: Intent) -> bool:
    return bool(intent.budget_change or intent.cheaper or intent.pricier or intent.exclude_this or intent.slots_added
                or intent.slots_removed or (intent.exclude and not intent.top_interest and not intent.scenario))


def is_new_wish(state: State, intent: Intent) -> bool:
    if not state.mode:
        return True
    if is_refinement(intent):
        return False
    if intent.scenario and intent.scenario != state.scenario:
        return True
    return bool(intent.product_interest and intent.product_interest != state.product_interest
                and not (intent.scenario and intent.scenario == state.scenario))


def fresh(intent: Intent) -> State:
    state = State(scenario=intent.scenario, recipient=intent.recipient,
                  interests=[[s, round(w, 4)] for s, w in intent.interests], product_interest=intent.product_interest,
                  product_words=intent.product_words, budget=intent.budget.as_dict() if intent.budget else None,
                  people=intent.people, preferences=intent.preferences, exclude=intent.exclude)
    named = [key for key in intent.slots_named if key.split("/")[0] == intent.scenario]
    if intent.scenario and (KIT_CUE.search(intent.text) or len(named) != 1):
        state.mode = "kit"
        state.slots_added = [k for k in named if k not in state.slots_added]
    elif named:
        state.mode, state.single_slot, state.focus = "single", named[0], named[0]
    elif intent.product_words:
        state.mode = "single"
    else:
        state.mode = "suggest"
    return state


def refined(state: State, intent: Intent) -> tuple[State, list[str]]:
    """The state after a refinement, and what changed in words (for the reply)."""
    changes: list[str] = []
    focus = next((k for k in reversed(intent.slots_named) if k not in intent.slots_added), None) or state.focus
    if intent.budget:
        state.budget = intent.budget.as_dict()
        changes.append("预算改为" + _budget_words(intent.budget))
    if intent.budget_change:
        current = dict(state.budget or {"min": None, "max": None})
        amount = intent.budget_change.amount
        current["max"] = amount if intent.budget_change.kind == "set" else max(0, (current.get("max") or 0) + amount)
        current["min"] = None
        state.budget = current
        state.caps = {}  # a new budget reopens every slot
        changes.append(f"预算调整为 {current['max']} 元以内")
    if intent.cheaper:
        _cheaper(state, focus, changes)
    if intent.pricier and focus in state.caps:
        state.caps.pop(focus)
        changes.append("不再限制这一项的价格")
    if intent.exclude_this and focus in state.picks:
        state.exclude_items.append(state.picks[focus])
        changes.append("换掉了刚才推荐的那一个")
    for key in intent.slots_added:
        if key in state.slots_removed:
            state.slots_removed.remove(key)
        if key not in state.slots_added:
            state.slots_added.append(key)
        focus = key
    for key in intent.slots_removed:
        if key not in state.slots_removed:
            state.slots_removed.append(key)
        changes.append("去掉了一项")
    for word in intent.exclude:
        if word not in state.exclude:
            state.exclude.append(word)
            changes.append(f"排除「{word}」")
    state.preferences = list(dict.fromkeys([*state.preferences, *intent.preferences]))
    state.people = list(dict.fromkeys([*state.people, *intent.people]))
    state.focus = focus
    if state.mode == "single" and intent.slots_added:
        state.mode = "kit" if state.scenario else state.mode
    return state, changes


def _cheaper(state: State, focus: str | None, changes: list[str]) -> None:
    if focus and focus in state.prices:
        state.caps[focus] = state.prices[focus]
        changes.append(f"这一项换成比 ¥{state.prices[focus]:g} 更便宜的")
    elif state.budget and state.budget.get("max"):
        state.budget = {"min": None, "max": round(state.budget["max"] * CHEAPER_SHARE)}
        changes.append(f"预算降到 {state.budget['max']} 元以内")
    else:
        changes.append("会优先考虑便宜的")


def _budget_words(budget: Budget) -> str:
    if budget.min is not None and budget.max is not None:
        return f" {budget.min}–{budget.max} 元"
    if budget.max is not None:
        return f" {budget.max} 元以内"
    return f" {budget.min} 元以上"


def next_state(state: State, intent: Intent) -> tuple[State, list[str], bool]:
    """(the state after this message, what changed in words, whether it is a new wish)."""
    if is_new_wish(state, intent):
        return fresh(intent), [], True
    return (*refined(state, intent), False)

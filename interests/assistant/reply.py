"""The assistant's answer in words, built from the solution's own numbers (Chinese)."""

from interests.assistant.budget import Budget
from interests.assistant.intent import Intent
from interests.assistant.state import State

GREETING = ("我是小值，可以从全网已审核的好价、评测和笔记里帮你挑东西。告诉我想买什么、在什么场景用、预算多少，"
            "比如「周末想去露营，两千以内，带娃」或「通勤用的降噪耳机，1500 左右」。")
RULES = "我只能按平台的规则，从已审核的内容里帮你挑选，推广内容不参与挑选，这些规则不能更改。"
HINTS = "想调整可以直接说，比如「换个便宜点的帐篷」「再加一个炉子」「预算提高到三千」「不要这个」。"
BUDGET_PROBLEMS = {"negative": "预算需要是正数，这次先不限预算帮你挑。",
                   "absurd": "这个预算超出了我能处理的范围（一千万元以内），这次先不限预算帮你挑。"}


def money(value: float | int | None) -> str:
    return f"¥{value:,.0f}" if value is not None and float(value).is_integer() else f"¥{value:,.2f}"


def short(title: str, size: int = 16) -> str:
    return title if len(title) <= size else title[: size - 1] + "…"


def budget_words(budget: Budget | None) -> str:
    if budget is None or (budget.min is None and budget.max is None):
        return "不限预算"
    if budget.min is not None and budget.max is not None:
        return f"预算 {money(budget.min)}–{money(budget.max)}"
    return f"预算 {money(budget.max)} 以内" if budget.max is not None else f"预算 {money(budget.min)} 以上"


def reply_text(*, intent: Intent, state: State, solution: dict, changes: list[str], kit_name: str) -> str:
    parts = []
    if intent.injection:
        parts.append(RULES)
    if intent.budget_problem:
        parts.append(BUDGET_PROBLEMS[intent.budget_problem])
    if intent.truncated:
        parts.append("消息太长了，我只读了开头的部分。")
    if changes:
        parts.append("好的，" + "，".join(changes) + "。")
    kind = solution.get("kind")
    if kind == "none":
        if not intent.understood and state.mode:
            parts.append("这句话我没太明白。可以继续调整刚才的方案（比如「换个便宜点的」「预算提高到三千」），"
                         "或者说说想买的东西。")
        elif not intent.understood:
            parts.append(GREETING)
        elif changes:
            parts.append("还需要别的吗？说说想买的东西就行。")
        else:
            parts.append("这个我还没找到合适的东西。能说说具体想买什么吗？比如商品名称或用途。")
        return "".join(parts)
    picks = solution.get("picks", [])
    lead = f"按「{kit_name}」" if kit_name else ""
    if state.from_profile:
        lead = "根据你关注的兴趣，"
    if not picks and kind != "suggest":
        parts.append(f"{lead}暂时没有找到合适的已审核商品（{budget_words(state.budget_value)}）："
                     + (solution["left_out"][0]["reason"] + "。" if solution.get("left_out") else ""))
        return "".join(parts) + HINTS
    if kind == "suggest":
        listed = "；".join(f"「{s['title'][:30]}」{money(s['price'])}（值得买指数 {s['worth']:.0f}）" for s in picks)
        parts.append(f"{lead}{budget_words(state.budget_value)}，这几样最值得买：{listed}。" if picks else
                     f"暂时没有找到合适的已审核商品（{budget_words(state.budget_value)}）。")
        return "".join(parts)
    listed = "；".join(f"{p['slot_name']}「{short(p['item']['title'])}」{money(p['item']['price'])}" for p in picks)
    parts.append(f"{lead}帮你挑好了 {len(picks)} 样，合计 {money(solution['total'])}（{budget_words(state.budget_value)}）："
                 f"{listed}。每一样都是预算内值得买指数最高的组合，理由和可替换的见下面的清单。")
    missing = [o for o in solution.get("left_out", []) if o["item"] is None or o["slot"] not in {p["slot"] for p in picks}]
    if missing:
        parts.append("没放进来的：" + "；".join(f"{o['slot_name']}（{o['reason']}）" for o in missing[:3]) + "。")
    return "".join(parts) + HINTS

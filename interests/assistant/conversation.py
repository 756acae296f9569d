"""One turn of a conversation with 小值: check the message, find the conversation (only its owner's:
the shopper's or the visitor's who started it), read the intent, move the state on, build the
solution, answer in words, store the turn. The one write path of the assistant."""

import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from interests.assistant import bundle as kits
from interests.assistant.intent import Intent, intent_of
from interests.assistant.reply import reply_text
from interests.assistant.state import State, next_state
from interests.models import Conversation, ConversationTurn, Interest, KitSlot

MAX_MESSAGE = 10_000
STORED_MESSAGE = 2_000
MAX_TURNS = 100


class AssistantError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def message_checked(message: Any) -> str:
    if not isinstance(message, str):
        raise AssistantError(400, "invalid_message", "message 应为一段文字。")
    if not message.strip():
        raise AssistantError(400, "empty_message", "请先说说想买什么，比如「周末想去露营，两千以内」。")
    if len(message) > MAX_MESSAGE:
        raise AssistantError(400, "message_too_long", f"消息最多 {MAX_MESSAGE} 个字，请说得简短一些。")
    if "\x00" in message or any(0xD800 <= ord(c) <= 0xDFFF for c in message):
        raise AssistantError(400, "invalid_message", "消息里有无法识别的字符。")
    return message


def conversation_for(*, public_id: Any, user: AbstractBaseUser | None, anonymous_id: str) -> Conversation:
    """The conversation, only for the shopper or visitor who started it (404 for anyone else)."""
    try:
        key = uuid.UUID(str(public_id))
    except (ValueError, AttributeError, TypeError):
        raise AssistantError(404, "not_found", "没有这个对话。") from None
    owner = {"user": user} if user is not None else {"user__isnull": True, "anonymous_id": anonymous_id or "-"}
    conversation = Conversation.objects.filter(public_id=key, **owner).first()
    if conversation is None:
        raise AssistantError(404, "not_found", "没有这个对话。")
    return conversation


def _slot_of(key: str) -> kits.Slot | None:
    scenario, _, slug = key.partition("/")
    slot = KitSlot.objects.filter(kit__scenario__slug=scenario, slug=slug, kit__is_active=True).first()
    return kits.Slot(key, slot.name, tuple(slot.keywords), slot.required) if slot else None


def slots_for(state: State) -> tuple[str, list[kits.Slot]]:
    """(the kit's name, the slots to fill) for the state."""
    kit, kit_slots = kits.kit_slots(scenario=state.scenario, recipient=state.recipient) if state.scenario else (None, [])
    by_key = {s.key: s for s in kit_slots}
    if state.mode == "single" and state.single_slot:
        keys = [state.single_slot]
    elif state.mode == "kit" and kit is not None:
        keys = [s.key for s in kit_slots if s.required]
    else:
        keys = []
    keys += [k for k in state.slots_added if k not in keys]
    found = [by_key.get(k) or _slot_of(k) for k in keys if k not in state.slots_removed]
    slots = [s for s in found if s is not None]
    if not keys and state.mode == "single" and state.product_words:
        name = Interest.objects.filter(slug=state.product_interest).values_list("name", flat=True).first() or "推荐"
        slots = [kits.Slot(f"request/{state.product_interest}", name, tuple(state.product_words))]
    return (kit.name if kit is not None and state.mode == "kit" else ""), slots


def solution_for(state: State, *, profile_interests: list[str]) -> tuple[str, dict]:
    name, slots = slots_for(state)
    constraints = kits.Constraints(budget=state.budget_value, caps=dict(state.caps), exclude=tuple(state.exclude),
                                   exclude_items=tuple(state.exclude_items), preferences=tuple(state.preferences))
    if slots:
        solution = kits.bundle(slots=slots, constraints=constraints, single=len(slots) == 1 and state.mode == "single")
        return name, {"kind": "kit" if name else "items", "kit": name or None, **solution}
    interests = [slug for slug, _ in state.interests if slug] or profile_interests
    if state.mode == "suggest" and (interests or state.budget):
        ids = list(Interest.objects.filter(slug__in=interests).values_list("pk", flat=True))
        return "", {"kind": "suggest", "picks": kits.suggestions(interest_ids=ids, budget=state.budget_value),
                    "budget": constraints.budget.as_dict() if constraints.budget else {"min": None, "max": None}}
    return "", {"kind": "none", "picks": []}


def _remember_picks(state: State, solution: dict) -> None:
    if solution.get("kind") in ("kit", "items"):
        state.picks = {p["slot"]: p["item"]["id"] for p in solution["picks"]}
        state.prices = {p["slot"]: p["item"]["price"] for p in solution["picks"]}
        if state.focus not in state.picks and len(state.picks) == 1:
            state.focus = next(iter(state.picks))


def assistant_turn(*, conversation_id: Any, message: Any, user: AbstractBaseUser | None, anonymous_id: str,
                   profile_interests: list[str] | None = None) -> dict:
    """Answer one message: {conversation, reply, intent, solution}. `profile_interests` is what
    the shopper's profile holds (None: not to be read, e.g. personalisation off or a visitor)."""
    text = message_checked(message)
    conversation = (conversation_for(public_id=conversation_id, user=user, anonymous_id=anonymous_id)
                    if conversation_id not in (None, "") else None)
    if conversation is not None and conversation.turns.count() >= MAX_TURNS:
        raise AssistantError(409, "conversation_full", f"一个对话最多 {MAX_TURNS} 轮，请开始新的对话。")
    intent = intent_of(text, kit_words=kits.kit_words())
    previous = State.load(conversation.state if conversation else None)
    if intent.understood:
        state, changes, _ = next_state(previous, intent)
        use_profile = bool(profile_interests) and not (state.interests or state.scenario or state.product_words)
        state.from_profile = use_profile and state.mode == "suggest"
        kit_name, solution = solution_for(state, profile_interests=(profile_interests or []) if use_profile else [])
        _remember_picks(state, solution)
    else:  # emoji, gibberish, an attempt at new rules: nothing to act on, and nothing settled is lost
        state, changes, kit_name, solution = previous, [], "", {"kind": "none", "picks": []}
    reply = reply_text(intent=intent, state=state, solution=solution, changes=changes, kit_name=kit_name)
    shown_intent = _shown_intent(intent, state)
    with transaction.atomic():
        if conversation is None:
            conversation = Conversation.objects.create(user=user, anonymous_id="" if user else anonymous_id)
        conversation.state = state.dump()
        conversation.save(update_fields=["state", "updated_at"])
        ConversationTurn.objects.create(conversation=conversation, message=text[:STORED_MESSAGE], reply=reply,
                                        intent=shown_intent, solution=solution)
    return {"conversation": str(conversation.public_id), "reply": reply, "intent": shown_intent, "solution": solution}


def _shown_intent(intent: Intent, state: State) -> dict:
    """The conversation's intent so far, in the DESIGN §6 shape (and a few fields beside it)."""
    budget = state.budget or {"min": None, "max": None}
    return {"interests": [{"slug": slug, "weight": weight} for slug, weight in state.interests],
            "scenario": state.scenario, "budget": {"min": budget.get("min"), "max": budget.get("max")},
            "recipient": state.recipient or None, "people": state.people, "preferences": state.preferences,
            "exclude": state.exclude, "from_profile": state.from_profile, "understood": intent.understood}

"""Editors' decisions on items: the one service the API, the desk pages, bulk actions and the
admin all call. A decision is taken on a version of the item (a stale one is refused, never a
silent overwrite), sets who and when, bumps the version, writes one audit record with what was
before and after, answers the reports it settles, and takes the item out of (or puts it into)
feeds, pools and lists at once. Automatic gatekeeping never overrides it (moderated_at)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from content.constants import REASON_CODES, VISIBLE_STATUSES
from content.feedback import feedback_answer
from content.models import Feedback, Item
from content.moderation.audit import audit_record
from content.moderation.visibility import visibility_changed_after_commit

ACTIONS = {
    "approve": "通过",
    "reject": "拒绝",
    "feature": "精选",
    "unfeature": "取消精选",
    "merge": "合并为重复",
    "retag": "修改标签",
    "sponsor": "标记为推广",
    "unsponsor": "取消推广标记",
    "expire": "确认已过期 / 售罄",
}
# The statuses each action may start from (approve also settles reports on a visible item).
ALLOWED_FROM = {
    "approve": ("pending", "rejected"),
    "reject": ("pending", "approved", "featured"),
    "feature": ("pending", "approved"),
    "unfeature": ("featured",),
    "expire": ("pending", "approved", "featured"),
}
# Actions after which an item may enter a 值得买 list (the others only ever take one out).
MAY_ENTER_LISTS = {"approve", "feature", "unfeature", "retag", "unsponsor"}
MAX_BULK = 500
MAX_NOTE = 1000
MAX_TAGS = 10
SNAPSHOT_FIELDS = ("status", "duplicate_of_id", "sponsored", "expires_at", "moderation_reason")


class DecisionError(Exception):
    """A decision that cannot be taken: the HTTP status, a code and a message for the editor."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


@dataclass(frozen=True)
class Decision:
    action: str
    reason: str = ""
    note: str = ""
    duplicate_of: int | None = None
    interests: list[str] | None = None
    scenarios: list[str] | None = None


def decision_check(decision: Decision) -> None:
    """What can be said of a decision without the item: raises DecisionError (400)."""
    if decision.action not in ACTIONS:
        raise DecisionError(400, "unknown_action", f"未知的操作：{str(decision.action)[:40]}。可选：{'、'.join(ACTIONS)}。",
                            {"action": ["无效的取值。"]})
    if decision.reason and decision.reason not in REASON_CODES:
        raise DecisionError(400, "unknown_reason", f"未知的原因代码：{str(decision.reason)[:40]}。",
                            {"reason": [f"可选：{'、'.join(REASON_CODES)}"]})
    if decision.action == "reject" and not decision.reason:
        raise DecisionError(400, "reason_required", "拒绝需要给出原因代码。", {"reason": ["必填。"]})
    if len(decision.note) > MAX_NOTE:
        raise DecisionError(400, "note_too_long", f"备注最多 {MAX_NOTE} 字。", {"note": ["过长。"]})
    if decision.action == "merge" and decision.duplicate_of is None:
        raise DecisionError(400, "target_required", "合并需要指定原始内容 duplicate_of。", {"duplicate_of": ["必填。"]})
    if decision.action == "retag":
        _check_tags(decision)


def _check_tags(decision: Decision) -> None:
    from interests.services import unknown_tag_slugs  # tags live in interests (as scoring writes them)

    if decision.interests is None and decision.scenarios is None:
        raise DecisionError(400, "tags_required", "修改标签需要给出 interests 或 scenarios。")
    if decision.interests is not None and not decision.interests:
        raise DecisionError(400, "interests_required", "至少保留一个兴趣标签；与消费无关的内容请拒绝（off_topic）。",
                            {"interests": ["不能为空。"]})
    for name, slugs in (("interests", decision.interests), ("scenarios", decision.scenarios)):
        if slugs is not None and len(slugs) > MAX_TAGS:
            raise DecisionError(400, "too_many_tags", f"{name} 最多 {MAX_TAGS} 个。", {name: ["过多。"]})
    unknown = unknown_tag_slugs(interests=decision.interests, scenarios=decision.scenarios)
    if unknown:
        raise DecisionError(400, "unknown_tag", "未知的兴趣或场景：" + "、".join(s for v in unknown.values() for s in v) + "。",
                            {key: [f"未知：{', '.join(v)}"] for key, v in unknown.items()})


def item_decide(*, item_id: int, decision: Decision, version: int | None, editor: AbstractBaseUser) -> Item:
    """Take one decision on one item. `version` is the version the editor saw (None only for
    the admin's list actions, which act on the item as it is). Raises DecisionError."""
    decision_check(decision)
    with transaction.atomic():
        item = Item.objects.select_for_update().filter(pk=item_id).first()
        if item is None:
            raise DecisionError(404, "not_found", f"内容 {item_id} 不存在。")
        _check_version(item, version)
        changed = _apply(item, decision, editor, timezone.now())
    visibility_changed_after_commit(changed, may_enter_lists=decision.action in MAY_ENTER_LISTS)
    return item


def items_decide(*, selection: Sequence[tuple[int, int | None]], decision: Decision, editor: AbstractBaseUser) -> list[Item]:
    """The same decision on up to MAX_BULK items, all or nothing: one unknown id, stale
    version or status that does not allow it and nothing changes."""
    decision_check(decision)
    if not selection:
        raise DecisionError(400, "empty_selection", "没有选择任何内容。")
    if len(selection) > MAX_BULK:
        raise DecisionError(400, "selection_too_large", f"一次最多 {MAX_BULK} 条，选择了 {len(selection)} 条。")
    ids = [pk for pk, _ in selection]
    if len(set(ids)) != len(ids):
        raise DecisionError(400, "duplicate_ids", "选择中有重复的内容。")
    if decision.action == "merge" and decision.duplicate_of in ids:
        raise DecisionError(409, "merge_into_itself", "不能把内容合并到它自己。")
    now, changed = timezone.now(), []
    with transaction.atomic():
        items = Item.objects.select_for_update().in_bulk(ids)
        missing = [pk for pk in ids if pk not in items]
        if missing:
            raise DecisionError(404, "not_found", f"这些内容不存在：{', '.join(map(str, missing[:20]))}。",
                                {"ids": missing})
        for pk, version in selection:
            _check_version(items[pk], version)
        for pk in ids:
            changed += _apply(items[pk], decision, editor, now)
    visibility_changed_after_commit(changed, may_enter_lists=decision.action in MAY_ENTER_LISTS)
    return [items[pk] for pk in ids]


def item_delete(*, item: Item, actor: AbstractBaseUser) -> None:
    """Delete an item (the admin's door): never without an audit record of what it was."""
    with transaction.atomic():
        audit_record(actor=actor, action="item_delete", target_type="item", target_id=item.pk, item=item,
                     before={**_snapshot(item), "url": item.url, "source": item.source_id})
        item_id = item.pk
        item.delete()
    visibility_changed_after_commit([item_id], may_enter_lists=False)


def _check_version(item: Item, version: int | None) -> None:
    if version is not None and item.version != version:
        raise DecisionError(409, "stale_version",
                            f"内容 {item.pk} 已被修改（当前版本 {item.version}，你看到的是 {version}），请刷新后再决定。",
                            {"version": [f"当前版本 {item.version}"]})


def _apply(item: Item, decision: Decision, editor: AbstractBaseUser, now: datetime) -> list[int]:
    """Change the locked item, record the decision; returns the ids whose visibility changed."""
    action = decision.action
    if action in ALLOWED_FROM and item.status not in ALLOWED_FROM[action] and not _settles_reports(item, action):
        raise DecisionError(409, "wrong_status",
                            f"内容 {item.pk} 当前状态为「{item.get_status_display()}」，不能执行「{ACTIONS[action]}」。")
    before = _snapshot(item)
    affected = [item.pk]
    tags_before = tags_after = None
    if action == "approve":
        item.status = "approved" if item.status in ("pending", "rejected") else item.status
        item.moderation_reason = ""
    elif action == "reject":
        item.status, item.moderation_reason = "rejected", decision.reason
    elif action == "feature":
        item.status, item.moderation_reason = "featured", ""
    elif action == "unfeature":
        item.status = "approved"
    elif action == "expire":
        if item.expires_at is not None and item.expires_at <= now:
            raise DecisionError(409, "already_expired", f"内容 {item.pk} 已经过期。")
        item.expires_at, item.moderation_reason = now, "expired"
    elif action in ("sponsor", "unsponsor"):
        if item.sponsored == (action == "sponsor"):
            raise DecisionError(409, "unchanged", f"内容 {item.pk} 已经{'是' if item.sponsored else '不是'}推广内容。")
        item.sponsored = action == "sponsor"
    elif action == "merge":
        affected += _merge(item, decision.duplicate_of)
    elif action == "retag":
        tags_before, tags_after = _retag(item, decision)
    item.version += 1
    item.moderated_at, item.moderated_by = now, editor
    item.save(update_fields=["status", "moderation_reason", "expires_at", "sponsored", "duplicate_of",
                             "duplicate_similarity", "editor_tagged", "version", "moderated_at", "moderated_by",
                             "updated_at"])
    after = _snapshot(item)
    if tags_before is not None and tags_after is not None:
        before, after = {**before, **tags_before}, {**after, **tags_after}
    audit_record(actor=editor, action=action, target_type="item", target_id=item.pk, item=item,
                 reason=decision.reason, note=decision.note, before=before, after=after | {"version": item.version})
    _settle_feedback(item, action, decision.reason)
    return affected


def _settles_reports(item: Item, action: str) -> bool:
    """Approving a visible item that shoppers reported keeps it up and answers the reports;
    rejecting a rejected item that is appealed keeps it down and answers the appeal."""
    if action == "approve" and item.status in VISIBLE_STATUSES:
        return Feedback.objects.filter(item=item, kind="complaint", status="open").exists()
    if action == "reject" and item.status == "rejected":
        return Feedback.objects.filter(item=item, kind="appeal", status="open").exists()
    return False


def _snapshot(item: Item) -> dict[str, Any]:
    values = {name.removesuffix("_id"): getattr(item, name) for name in SNAPSHOT_FIELDS}
    values["expires_at"] = values["expires_at"].isoformat() if values["expires_at"] else None
    return values


def _merge(item: Item, target_id: int | None) -> list[int]:
    """Fold the item into the target's cluster: it and its own copies point at the cluster's
    original, so the original's corroboration count follows. Returns the other ids touched."""
    if target_id == item.pk:
        raise DecisionError(409, "merge_into_itself", "不能把内容合并到它自己。")
    target = Item.objects.filter(pk=target_id).first()
    if target is None:
        raise DecisionError(404, "target_not_found", f"要合并到的内容 {target_id} 不存在。", {"duplicate_of": ["不存在。"]})
    root = Item.objects.filter(pk=target.duplicate_of_id).first() if target.duplicate_of_id else target
    if root is None:
        root = target
    if root.pk == item.pk:
        raise DecisionError(409, "merge_into_own_duplicate", f"内容 {target_id} 是这条内容的副本，不能反向合并。")
    if root.status == "rejected":
        raise DecisionError(409, "merge_into_rejected", f"内容 {root.pk} 已被拒绝，不能作为合并目标。")
    if item.duplicate_of_id == root.pk:
        raise DecisionError(409, "already_merged", f"内容 {item.pk} 已经是 {root.pk} 的副本。")
    copies = list(Item.objects.filter(duplicate_of=item).values_list("pk", flat=True))
    Item.objects.filter(pk__in=copies).update(duplicate_of=root)
    item.duplicate_of, item.duplicate_similarity = root, None
    if item.status == "pending":
        item.status = "approved"  # a folded copy: shown as one of the original's sources
    item.moderation_reason = "duplicate"
    return [root.pk, *copies]


def _retag(item: Item, decision: Decision) -> tuple[dict, dict]:
    from interests.services import item_tags_set_by_editor  # tags live in interests (as scoring writes them)

    before, after = item_tags_set_by_editor(item_id=item.pk, interests=decision.interests, scenarios=decision.scenarios)
    kinds = set(item.editor_tagged or [])
    kinds |= {kind for kind, slugs in (("interests", decision.interests), ("scenarios", decision.scenarios))
              if slugs is not None}
    item.editor_tagged = sorted(kinds)
    return before, after


# The answer a decision gives to each kind of open feedback on the item.
ANSWERS = {
    ("reject", "complaint"): "编辑已核实并移除这条内容（{reason}）。感谢你的举报。",
    ("reject", "appeal"): "申诉未通过：编辑复核后维持移除（{reason}）。",
    ("expire", "complaint"): "编辑已确认这条优惠已过期 / 售罄，它已离开榜单和推荐。感谢你的举报。",
    ("merge", "complaint"): "编辑已把这条内容合并为重复内容。感谢你的举报。",
    ("approve", "complaint"): "编辑复核后认为这条内容没有问题，予以保留。感谢你的举报。",
    ("approve", "appeal"): "申诉已通过，这条内容已恢复展示。",
}


def _settle_feedback(item: Item, action: str, reason: str) -> None:
    """Answer the open reports and appeals the decision settles, so shoppers hear back."""
    for feedback in Feedback.objects.filter(item=item, status="open"):
        text = ANSWERS.get((action, feedback.kind))
        if text:
            feedback_answer(feedback=feedback, answer=text.format(reason=REASON_CODES.get(reason, "")),
                            editor=item.moderated_by)

"""The audit trail (every editor change, with who, when, what, before and after) and the
public transparency log drawn from it (what was removed, merged, featured or overridden, and
why — never who reported or who decided)."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from content.constants import REASON_CODES
from content.models import AuditRecord, Item

# Actions that the public log shows (Art. 11 and 14 of the algorithmic-recommendation
# provisions: interventions on lists and what the platform takes down must be explainable).
PUBLIC_ACTIONS = {
    "reject": "移除",
    "merge": "合并为重复内容",
    "feature": "编辑精选",
    "expire": "确认已过期 / 售罄",
    "list_pin": "榜单置顶",
    "list_remove": "移出榜单",
}
ACTION_LABELS = {
    **PUBLIC_ACTIONS,
    "approve": "通过",
    "unfeature": "取消精选",
    "retag": "修改标签",
    "sponsor": "标记为推广",
    "unsponsor": "取消推广标记",
    "list_unpin": "撤销榜单调整",
    "profile_draft": "评分方案草稿",
    "profile_activate": "启用评分方案",
    "item_delete": "删除内容",
}


def audit_record(*, actor: AbstractBaseUser | None, action: str, target_type: str, target_id: Any,
                 item: Item | None = None, reason: str = "", note: str = "", before: dict | None = None,
                 after: dict | None = None) -> AuditRecord:
    return AuditRecord.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=getattr(actor, "username", "") or "",
        action=action, target_type=target_type, target_id=str(target_id),
        item=item, title=(item.title[:300] if item is not None else ""),
        reason=reason, note=note, before=before or {}, after=after or {},
        public=action in PUBLIC_ACTIONS,
    )


def audit_records(*, actor: str = "", action: str = "", target_type: str = "", item_id: int | None = None,
                  since: datetime | None = None, until: datetime | None = None) -> QuerySet[AuditRecord]:
    """The trail, newest first, filtered as the editors' audit page and API ask."""
    records = AuditRecord.objects.all()
    if actor:
        records = records.filter(actor_name=actor)
    if action:
        records = records.filter(action=action)
    if target_type:
        records = records.filter(target_type=target_type)
    if item_id is not None:
        records = records.filter(item_id=item_id)
    if since is not None:
        records = records.filter(at__gte=since)
    if until is not None:
        records = records.filter(at__lt=until)
    return records.order_by("-at", "-pk")


def transparency_log() -> QuerySet[AuditRecord]:
    """Public entries, newest first: only what the log may say (never the actor)."""
    return AuditRecord.objects.filter(public=True).only(
        "pk", "at", "action", "target_type", "target_id", "item_id", "title", "reason", "after"
    ).order_by("-at", "-pk")


def public_entry(record: AuditRecord) -> dict[str, Any]:
    """One log entry as the public page and API show it. For a list override, which list; for
    a merge, into what."""
    entry = {"id": record.pk, "at": record.at, "action": record.action, "action_name": PUBLIC_ACTIONS[record.action],
             "reason": record.reason or None, "reason_name": REASON_CODES.get(record.reason) or None,
             "item": record.item_id, "title": record.title}
    if record.target_type == "list":  # the editor's stated reason is written for the public
        entry["list"], entry["note"] = record.target_id, record.note
        entry["list_name"] = (record.after or record.before).get("list_name", record.target_id)
    if record.action == "merge":
        entry["merged_into"] = record.after.get("duplicate_of")
    return entry

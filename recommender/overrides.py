"""Editors' interventions on 值得买 lists: pin an item at a position or remove one, with a
reason; audited, public in the transparency log, and in the list at once (Art. 11 of the
algorithmic-recommendation provisions: editors intervene on lists and front page)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from content.constants import REASON_CODES, VISIBLE_STATUSES
from content.models import Item
from content.moderation.audit import audit_record
from content.moderation.decisions import DecisionError
from interests.models import Interest
from recommender.lists import LENGTH, lists_refresh_soon
from recommender.models import OVERALL, PERIODS, ListOverride

MAX_REASON = 200


def override_target(override: ListOverride) -> str:
    return f"{override.slug}:{override.period or 'all'}"


def _snapshot(override: ListOverride | None) -> dict:
    if override is None:
        return {}
    name = "全站" if override.slug == OVERALL else Interest.objects.filter(slug=override.slug).values_list(
        "name", flat=True).first()
    period = PERIODS.get(override.period, "今日和本周")
    return {"action": override.action, "position": override.position, "reason": override.reason,
            "period": override.period or "all", "list_name": f"{name or override.slug} · {period}榜"}


def list_override_set(*, slug: str, period: str, item_id: int, action: str, position: int, reason: str,
                      reason_code: str = "", editor: AbstractBaseUser) -> ListOverride:
    """Pin (at `position`) or remove the item on the list `slug` for `period` ("" = both);
    one override per item and list, replaced by a new one. Raises DecisionError."""
    reason = (reason or "").strip()
    if slug != OVERALL and not Interest.objects.filter(slug=slug, parent__isnull=True, is_active=True).exists():
        raise DecisionError(404, "unknown_list", f"没有「{slug[:40]}」这个榜单。")
    if period not in ("", *PERIODS):
        raise DecisionError(400, "invalid_period", "period 应为 day、week 或留空（两个周期）。", {"period": [period[:20]]})
    if action not in ListOverride.ACTIONS:
        raise DecisionError(400, "unknown_action", "action 应为 pin（置顶）或 remove（移出）。", {"action": [action[:20]]})
    if not 1 <= position <= LENGTH:
        raise DecisionError(400, "invalid_position", f"位置应在 1 到 {LENGTH} 之间。", {"position": [str(position)]})
    if not reason or len(reason) > MAX_REASON:
        raise DecisionError(400, "reason_required", f"请写明原因（最多 {MAX_REASON} 字），它会公开在透明度日志里。",
                            {"reason": ["必填。"]})
    if reason_code and reason_code not in REASON_CODES:
        raise DecisionError(400, "unknown_reason", f"未知的原因代码：{reason_code[:40]}。", {"reason_code": ["无效。"]})
    item = Item.objects.filter(pk=item_id).first()
    if item is None:
        raise DecisionError(404, "not_found", f"内容 {item_id} 不存在。")
    if action == "pin" and (item.status not in VISIBLE_STATUSES or item.duplicate_of_id or item.sponsored):
        raise DecisionError(409, "not_listable", f"内容 {item_id} 不能上榜：只有公开的原创、非推广内容可以置顶。")
    with transaction.atomic():
        existing = ListOverride.objects.select_for_update().filter(slug=slug, period=period, item=item).first()
        before = _snapshot(existing)
        override, _ = ListOverride.objects.update_or_create(
            slug=slug, period=period, item=item,
            defaults={"action": action, "position": position, "reason": reason, "created_by": editor})
        audit_record(actor=editor, action=f"list_{action}", target_type="list", target_id=override_target(override),
                     item=item, reason=reason_code, note=reason, before=before, after=_snapshot(override))
        transaction.on_commit(lists_refresh_soon)
    return override


def list_override_delete(*, override_id: int, editor: AbstractBaseUser) -> None:
    """Withdraw an override: the list is ranked by its formula alone again (audited)."""
    with transaction.atomic():
        override = ListOverride.objects.select_for_update().select_related("item").filter(pk=override_id).first()
        if override is None:
            raise DecisionError(404, "not_found", f"榜单调整 {override_id} 不存在。")
        audit_record(actor=editor, action="list_unpin", target_type="list", target_id=override_target(override),
                     item=override.item, note=override.reason, before=_snapshot(override))
        override.delete()
        transaction.on_commit(lists_refresh_soon)

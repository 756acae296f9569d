"""The demo editor's past work, played through the same decision services editors use, so that
after `seed_demo` the desk holds a queue worth working (the newest few dozen items, with
several risk reasons) rather than every borderline item of the corpus, and the audit trail,
the transparency log, a list pin and shoppers' reports are there to look at.

What the demo editor decided follows the corpus's own labels (`demo_role`): advertorials are
rejected as such, copies confirmed as folded copies, everything else approved; the best
first-hand reviews are featured."""

from collections import defaultdict
from collections.abc import Callable

from django.contrib.auth import get_user_model

from content.feedback import feedback_submit
from content.models import Item
from content.moderation.decisions import Decision, items_decide

KEEP_PENDING = 40  # the newest pending items stay for the demo editor to work
FEATURED = 3
DECISIONS = {
    "advertorial": Decision("reject", reason="advertorial", note="通篇卖点话术，未标注推广"),
    "copy": Decision("approve", note="确认为转载，已合并到原文"),
}
APPROVE = Decision("approve")


def editor_history_play(*, roles: dict[tuple[str, str], str], editor_name: str, shopper_name: str,
                        write: Callable[[str], None]) -> None:
    """`roles` maps (source name, external id) to the corpus's demo_role."""
    users = get_user_model()
    editor, shopper = users.objects.filter(username=editor_name).first(), users.objects.filter(username=shopper_name).first()
    if editor is None:
        write("没有演示编辑账号，跳过编辑历史（队列里是全部待审内容）")
        return
    pending = list(Item.objects.filter(status="pending", source__name__startswith="demo-")
                   .order_by("-published_at", "-pk").values_list("pk", "version", "source__name", "external_id"))
    groups: dict[Decision, list[tuple[int, int]]] = defaultdict(list)
    for pk, version, source, external_id in pending[KEEP_PENDING:]:
        groups[DECISIONS.get(roles.get((source, external_id), ""), APPROVE)].append((pk, version))
    for decision, selection in groups.items():
        items_decide(selection=selection, decision=decision, editor=editor)
    best = list(Item.objects.filter(status="approved", source__name__startswith="demo-", duplicate_of__isnull=True,
                                    kind="review", sponsored=False).order_by("-score__worth_score")
                .values_list("pk", "version")[:FEATURED])
    if best:
        items_decide(selection=best, decision=Decision("feature", note="实测详细、缺点写得清楚"), editor=editor)
    write(f"演示编辑 {editor_name} 已处理较早的 {len(pending) - min(len(pending), KEEP_PENDING)} 条待审内容，"
          f"精选 {len(best)} 条；队列里留下最新的 {min(len(pending), KEEP_PENDING)} 条")
    if shopper is not None:
        _reports(shopper, write)


def _reports(shopper, write: Callable[[str], None]) -> None:
    """A shopper's reports on approved items: they bring those items back to the queue."""
    deal = Item.objects.filter(status="approved", kind="deal", expires_at__isnull=False, duplicate_of__isnull=True,
                               source__name__startswith="demo-").order_by("expires_at").first()
    note = Item.objects.filter(status="approved", kind="note", duplicate_of__isnull=True,
                               source__name__startswith="demo-").order_by("score__objectivity").first()
    filed = 0
    for item, category, reason in ((deal, "expired", "链接打开已经显示售罄，券也领不到了。"),
                                   (note, "advertorial", "通篇都是品牌的卖点话术，像是没标注的推广。")):
        if item is not None:
            filed += feedback_submit(user=shopper, item=item, kind="complaint", category=category, reason=reason)[1]
    write(f"演示购物者 {shopper.get_username()} 举报了 {filed} 条内容（回到审核队列）")

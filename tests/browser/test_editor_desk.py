"""Erin, an editor, works the queue with the keyboard, pins a list entry, and what visitors see
follows each step: the feed, the list and the public transparency log."""

import pytest
from playwright.sync_api import expect

from content.desk import PAGE_SIZE
from content.models import AuditRecord, Item
from interests.models import ItemInterest

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(demo):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    erin = UserFactory(username="erin")
    erin.groups.add(Group.objects.get(name="editors"))
    return erin


def visitor_feed(page) -> set[int]:
    body = page.request.get("/api/v1/feed/?limit=50").json()
    return {entry["item"]["id"] for entry in body["results"]}


def selected_id(page) -> int:
    return int(page.locator(".queue-row.selected").get_attribute("data-item"))


def press(page, key: str) -> None:
    """A key press once the page's desk script listens: after a decision the next page's text can
    be there before its script has run (a key pressed then would be lost)."""
    page.locator("body.desk-js").wait_for(state="attached")
    page.keyboard.press(key)


def expect_focused(locator) -> None:
    """The element holds its document's focus. Asked of the document, not the window: with the
    visitor's page open beside the editor's (or a field's datalist showing) the window can be
    inactive while the key presses still go to the field."""
    locator.page.wait_for_function("field => field === document.activeElement", arg=locator.element_handle(),
                                   timeout=5000)


def panel(page):
    return page.locator(".decision-panel.selected")


def test_an_editor_works_the_queue_with_the_keyboard_and_visitors_see_each_step(editor, demo, new_page, screenshot):
    pending = Item.objects.filter(status="pending").count()
    assert pending >= 5, "the demo slice leaves borderline items for editors"
    target = demo.approved().first()  # the original a duplicate is merged into
    page = new_page(user=editor)
    visitor = new_page()
    page.goto("/desk/")
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    expect(page.locator(".queue-row")).to_have_count(min(pending, PAGE_SIZE))
    screenshot(page, "desk-queue")

    approved = selected_id(page)
    press(page, "a")
    expect(page.locator(".messages")).to_contain_text(f"已通过：内容 {approved}")
    assert Item.objects.get(pk=approved).status == "approved"
    visitor.goto("/")
    assert approved in visitor_feed(visitor)

    rejected = selected_id(page)
    assert rejected != approved
    press(page, "r")
    reason = panel(page).get_by_label("拒绝原因")
    expect_focused(reason)
    reason.select_option("advertorial")
    reason.press("Enter")
    expect(page.locator(".messages")).to_contain_text(f"已拒绝：内容 {rejected}")
    assert Item.objects.get(pk=rejected).moderation_reason == "advertorial"

    merged = selected_id(page)
    press(page, "m")
    merge_into = panel(page).get_by_label("合并到内容 #")
    expect_focused(merge_into)
    merge_into.fill(str(target.pk))
    merge_into.press("Enter")
    expect(page.locator(".messages")).to_contain_text(f"已合并为重复：内容 {merged}")
    assert Item.objects.get(pk=merged).duplicate_of_id == target.pk

    retagged = selected_id(page)
    press(page, "t")
    interests = panel(page).get_by_label("兴趣")
    expect_focused(interests)
    interests.fill("coffee")
    interests.press("Enter")
    expect(page.locator(".messages")).to_contain_text(f"已修改标签：内容 {retagged}")
    assert set(ItemInterest.objects.filter(item_id=retagged).values_list("interest__slug", flat=True)) == {"coffee", "food"}

    # The next one to feature: the strongest pending item on this page of the queue that has not
    # ended and is not a promotion (an ended deal leaves feeds, a promotion never takes an organic
    # rank), so that it makes the visitor's first fifty.
    listed = [int(r) for r in page.locator(".queue-row").evaluate_all("rows => rows.map(r => r.dataset.item)")]
    featured = (Item.objects.filter(pk__in=listed, status="pending", expires_at__isnull=True, sponsored=False)
                .exclude(pk__in=[approved, rejected, merged, retagged]).order_by("-score__worth_score")
                .values_list("pk", flat=True).first())
    page.locator(f"#row-{featured} .row-link").click()
    assert selected_id(page) == featured
    rows = [int(r) for r in page.locator(".queue-row").evaluate_all("rows => rows.map(r => r.dataset.item)")]
    away, back = ("k", "j") if rows.index(featured) > 0 else ("j", "k")
    press(page, away)
    assert selected_id(page) != featured
    press(page, back)
    assert selected_id(page) == featured
    press(page, "f")
    expect(page.locator(".messages")).to_contain_text(f"已精选：内容 {featured}")
    assert Item.objects.get(pk=featured).status == "featured"

    visitor.goto("/")
    shown = visitor_feed(visitor)
    assert rejected not in shown and merged not in shown and featured in shown

    page.goto("/lists/")
    editing = page.locator(".list-editing")
    editing.locator("summary").click()
    editing.get_by_label("内容 #").fill(str(featured))
    editing.get_by_label("公开说明").fill("编辑精选：实测详细")
    editing.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("已调整榜单")
    visitor.goto("/lists/")
    first = visitor.locator(".list-cards .card").first
    expect(first).to_have_attribute("data-item-id", str(featured))
    expect(first.locator(".pinned-label")).to_be_visible()
    screenshot(visitor, "list-with-editor-pin")

    visitor.goto("/transparency/")
    log = visitor.locator("ol.transparency")
    for text in ("移除", "合并为重复内容", "编辑精选", "榜单置顶", "软文"):
        expect(log).to_contain_text(text)
    expect(log).not_to_contain_text("erin")
    screenshot(visitor, "transparency-log")
    assert AuditRecord.objects.filter(actor_name="erin").count() == 6

    page.goto("/desk/audit/")
    expect(page.locator("table.audit tbody tr")).to_have_count(6)
    screenshot(page, "desk-audit")


def test_a_shopper_who_opens_the_desk_is_refused(demo, shopper, new_page):
    page = new_page(user=shopper)
    response = page.goto("/desk/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="没有权限")).to_be_visible()

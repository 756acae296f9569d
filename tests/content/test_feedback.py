"""Complaints and appeals: filed from the item page by a signed-in shopper, one open at a time
per item, answered by editors in the admin, and seen only by the shopper who filed them."""

import pytest
from django.db import IntegrityError, transaction

from content.feedback import feedback_submit
from content.models import Feedback
from tests.factories import ItemFactory, UserFactory


@pytest.fixture
def item(db):
    return ItemFactory(title="冷山 2 帐篷：全网最低价")


@pytest.fixture
def bob(db):
    """Bob is another shopper."""
    return UserFactory(username="bob")


@pytest.fixture
def erin_at_the_desk(erin):
    """Erin the editor, with staff status: the admin is where editors answer."""
    erin.is_staff = True
    erin.save(update_fields=["is_staff"])
    return erin


def complain(client, item, **fields):
    data = {"kind": "complaint", "category": "fake", "reason": "标的到手价 899，点进去是 1299。", **fields}
    return client.post(f"/items/{item.pk}/feedback/", data)


def test_a_signed_in_shopper_files_a_complaint_and_sees_it_open(client, alice, item):
    client.force_login(alice)
    response = complain(client, item)
    assert response.status_code == 302 and response["Location"] == "/me/feedback/"
    feedback = Feedback.objects.get()
    assert (feedback.user, feedback.item, feedback.kind, feedback.category, feedback.status) == (
        alice, item, "complaint", "fake", "open")
    html = client.get("/me/feedback/").content.decode()
    assert "已提交举报" in html and "标的到手价 899，点进去是 1299。" in html and "待处理" in html and "虚假或不实信息" in html
    assert "正在处理中" in client.get(f"/items/{item.pk}/").content.decode()  # no second form


def test_an_appeal_is_filed_without_a_complaint_category(client, alice, item):
    client.force_login(alice)
    complain(client, item, kind="appeal", category="duplicate", reason="我是原作者，这不是抄袭。")
    assert Feedback.objects.get().kind == "appeal" and Feedback.objects.get().category == "other"


@pytest.mark.parametrize(("fields", "message"), [
    ({"reason": ""}, "请写下理由。"),
    ({"reason": "   \n "}, "请写下理由。"),
    ({"reason": "太" * 501}, "理由最多 500 字。"),
    ({"kind": "rant"}, "请选择举报或申诉。"),
    ({"category": "vibes"}, "请选择原因。"),
])
def test_a_wrong_form_gets_400_and_a_readable_message_on_the_page(client, alice, item, fields, message):
    client.force_login(alice)
    response = complain(client, item, **fields)
    html = response.content.decode()
    assert response.status_code == 400 and message in html and "冷山 2 帐篷" in html
    assert "<details open>" in html
    assert not Feedback.objects.exists()


def test_a_second_open_complaint_about_the_same_item_is_refused_until_answered(client, alice, item):
    client.force_login(alice)
    complain(client, item)
    second = complain(client, item, reason="再说一次。")
    assert second.status_code == 302 and second["Location"] == f"/items/{item.pk}/#feedback"
    assert "还在处理中" in client.get(second["Location"]).content.decode()
    assert Feedback.objects.count() == 1
    Feedback.objects.update(status="answered", answer="已核实。")
    complain(client, item, reason="又降价了，页面没更新。")
    assert Feedback.objects.count() == 2


def test_the_database_holds_one_open_feedback_per_shopper_per_item(alice, item):
    first, created = feedback_submit(user=alice, item=item, kind="complaint", category="other", reason="一")
    again, created_again = feedback_submit(user=alice, item=item, kind="appeal", category="other", reason="二")
    assert created and not created_again and again == first
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(user=alice, item=item, kind="complaint", reason="绕过服务")


def test_signed_out_shoppers_are_sent_to_sign_in_and_back(client, item):
    response = complain(client, item)
    assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next=/items/{item.pk}/"
    assert client.get("/me/feedback/")["Location"] == "/accounts/login/?next=/me/feedback/"
    assert not Feedback.objects.exists()
    assert "后可以举报" in client.get(f"/items/{item.pk}/").content.decode()


def test_hidden_items_take_no_feedback(client, alice):
    client.force_login(alice)
    assert complain(client, ItemFactory(status="rejected")).status_code == 404
    assert not Feedback.objects.exists()


def test_an_editors_answer_in_the_admin_shows_on_the_shoppers_page_and_only_theirs(
        client, alice, bob, item, erin_at_the_desk):
    client.force_login(alice)
    complain(client, item)
    feedback = Feedback.objects.get()

    client.force_login(bob)  # a shopper, even with staff status, is no editor
    bob.is_staff = True
    bob.save(update_fields=["is_staff"])
    assert client.get(f"/admin/content/feedback/{feedback.pk}/change/").status_code == 403

    client.force_login(erin_at_the_desk)
    change = f"/admin/content/feedback/{feedback.pk}/change/"
    assert "标的到手价 899" in client.get(change).content.decode()
    assert client.post(change, {"answer": "已核实，商家已更正价格，感谢反馈。"}).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "answered" and feedback.answered_by == erin_at_the_desk and feedback.answered_at is not None
    assert feedback.reason == "标的到手价 899，点进去是 1299。"  # the shopper's words are read-only
    assert client.get("/admin/content/feedback/?status__exact=answered").status_code == 200

    client.force_login(alice)
    html = client.get("/me/feedback/").content.decode()
    assert "已答复" in html and "已核实，商家已更正价格，感谢反馈。" in html

    client.force_login(bob)
    html = client.get("/me/feedback/").content.decode()
    assert "标的到手价" not in html and "已核实" not in html and "还没有提交过" in html


def test_script_in_a_reason_is_shown_as_text(client, alice, item):
    client.force_login(alice)
    complain(client, item, reason="<script>alert('x')</script>")
    html = client.get("/me/feedback/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html

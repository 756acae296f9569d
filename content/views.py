"""Pages: the item page (content, AIUC radar, price, community verdict, copies, similar items),
the tracked click-out, the no-JavaScript vote / favourite / feedback forms, and the shopper's
own complaints and appeals. Thin: read through content.item_page, write through one service."""


from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from content.cards import shown_cards, tint
from content.constants import REASON_CODES, VISIBLE_STATUSES
from content.feedback import feedback_of, feedback_open_exists, feedback_submit
from content.item_page import (
    folded_copies,
    image_url,
    item_resolve,
    item_verdict,
    item_visible,
    price_block,
    similar_item_ids,
    web_url,
)
from content.models import Feedback, Item
from content.moderation.audit import public_entry, transparency_log
from content.pipeline.sanitize import sanitize_html
from content.radar import radar_axes, radar_svg
from content.scoring.dimensions import DIMENSIONS
from content.selectors import favorites_of, items_visible_to
from interests.accounts import known_visitor_id, remember_visitor, visitor_id
from interests.actions import VOTE_VALUES, item_favorite, item_vote, item_vote_retract
from interests.events import events_record

TRANSPARENCY_PAGE = 50
CLICK_OUT_REPEAT_SECONDS = 30  # the same viewer following the same link again within this counts once


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=list(Feedback.KINDS.items()), initial="complaint",
                             widget=forms.RadioSelect, error_messages={"required": "请选择举报或申诉。",
                                                                       "invalid_choice": "请选择举报或申诉。"})
    category = forms.ChoiceField(label="问题", choices=list(Feedback.CATEGORIES.items()), initial="advertorial",
                                 error_messages={"required": "请选择原因。", "invalid_choice": "请选择原因。"})
    reason = forms.CharField(
        label="理由", max_length=Feedback.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": Feedback.MAX_REASON,
                                     "placeholder": "请具体说明，例如哪句话夸大、哪天起已经售罄。"}),
        error_messages={"required": "请写下理由。", "max_length": f"理由最多 {Feedback.MAX_REASON} 字。"},
    )


def _item_path(pk: int) -> str:
    return reverse("item-page", args=[pk])


@never_cache
def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    resolved = item_resolve(pk=pk, user=request.user)
    if resolved.redirect_to:
        return redirect("item-page", pk=resolved.redirect_to, permanent=True)
    if resolved.item is None:
        raise Http404("内容不存在")
    return _render_item(request, resolved.item)


@never_cache
def item_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The 举报 link of cards: the item page with the report form open (sign in first)."""
    item = item_visible(pk=pk)
    if item is None:
        raise Http404("内容不存在")
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    item = items_visible_to(request.user).get(pk=item.pk)
    return _render_item(request, item, report_open=True)


def _render_item(request: HttpRequest, item: Item, *, feedback_form: FeedbackForm | None = None,
                 status: int = 200, report_open: bool = False) -> HttpResponse:
    score = getattr(item, "score", None)  # an unscored item has no score row
    dimensions, radar = [], ""
    if score is not None:
        values = {key: getattr(score, key) for key in DIMENSIONS}
        explanations = score.explanations if isinstance(score.explanations, dict) else {}
        dimensions = [(axis, explanations.get(axis.key, "")) for axis in radar_axes(values)]
        radar = radar_svg(values)
    signed_in = request.user.is_authenticated
    context = {
        "item": item,
        # Sanitised by nh3 at ingest (content.pipeline.validate); again here because editors can
        # change the stored HTML in the admin. nh3 is fast enough that this costs microseconds.
        "body_html": mark_safe(sanitize_html(item.body_html)),
        "images": list(dict.fromkeys(url for url in map(image_url, item.images if isinstance(item.images, list) else [])
                                     if url))[:9],
        "tint": tint([{"top": tag.interest.parent.slug if tag.interest.parent_id else tag.interest.slug,
                       "name": tag.interest.name} for tag in sorted(item.interest_tags.all(), key=lambda t: -t.weight)]),
        "interests": sorted(item.interest_tags.all(), key=lambda tag: -tag.weight),
        "scenarios": sorted(item.scenario_tags.all(), key=lambda tag: -tag.weight),
        "score": score,
        "radar": radar,
        "dimensions": dimensions,
        "price": price_block(item),
        "can_go": bool(web_url(item.canonical_url) or web_url(item.url)),
        "actionable": item.status in VISIBLE_STATUSES,
        "verdict": item_verdict(item=item, user=request.user),
        "copies": [(copy, web_url(copy.url)) for copy in folded_copies(item=item)],
        "similar": _similar_cards(item),
        "feedback_form": feedback_form or FeedbackForm(),
        "feedback_open": signed_in and feedback_open_exists(user=request.user, item=item),
        "login_url": f"{reverse('login')}?next={_item_path(item.pk)}",
        "report_open": report_open,
    }
    return render(request, "content/item.html", context, status=status)


def _similar_cards(item: Item) -> list[dict]:
    """Similar items as the shared cards (recommender/_card.html), from the card cache."""
    return shown_cards(similar_item_ids(item=item))


@never_cache
def item_go(request: HttpRequest, pk: int) -> HttpResponse:
    """Out to the item's own page, recording a click-out. Only web links: anything else
    (javascript:, data: …) is refused with a message instead of followed."""
    item = _acting_on(request, pk)
    target = web_url(item.canonical_url) or web_url(item.url)
    if not target:
        messages.error(request, "这条内容的原文链接无法安全打开。")
        return redirect("item-page", pk=item.pk)
    user = request.user if request.user.is_authenticated else None
    known = "" if user else known_visitor_id(request)
    anonymous_id = "" if user else (known or visitor_id(request))
    viewer = f"u{user.pk}" if user else (known or request.META.get("REMOTE_ADDR", ""))
    # False only for a repeat; None (the cache does not answer) records it rather than lose it.
    if cache.add(f"click-out:{viewer}:{item.pk}", 1, CLICK_OUT_REPEAT_SECONDS) is not False:
        events_record(user=user, anonymous_id=anonymous_id,
                      raw_events=[{"type": "click_out", "item": item.pk, "context": {"page": _item_path(item.pk)}}])
    response = HttpResponseRedirect(target)
    remember_visitor(request, response, anonymous_id)
    return response


def _acting_on(request: HttpRequest, pk: int) -> Item:
    item = item_visible(pk=pk)
    if item is None:
        raise Http404("内容不存在")
    return item


@require_POST
def item_vote_form(request: HttpRequest, pk: int) -> HttpResponse:
    """值 / 不值 without JavaScript. Voting the same way again keeps the vote; `retract` removes it."""
    item = _acting_on(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(_item_path(item.pk))
    value = request.POST.get("value")
    if value == "retract":
        item_vote_retract(user=request.user, item=item)
        messages.success(request, "已撤销你的投票。")
    elif value in VOTE_VALUES:
        _, changed = item_vote(user=request.user, item=item, value=VOTE_VALUES[value])
        label = "值" if value == "worth" else "不值"
        messages.success(request, f"已投「{label}」。" if changed else f"你已经投过「{label}」了。")
    else:  # a forged form: the page again, saying what is wrong
        messages.error(request, "请选择「值」或「不值」。")
        return _render_item(request, item, status=400)
    return HttpResponseRedirect(f"{_item_path(item.pk)}#verdict")


@require_POST
def item_favorite_form(request: HttpRequest, pk: int) -> HttpResponse:
    item = _acting_on(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(_item_path(item.pk))
    on = request.POST.get("favorite", "1") == "1"
    item_favorite(user=request.user, item=item, on=on)
    messages.success(request, "已收藏。" if on else "已取消收藏。")
    return HttpResponseRedirect(f"{_item_path(item.pk)}#verdict")


@require_POST
def item_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """A complaint or appeal from the item page: a readable error on the page (400) when the
    form is wrong, a message when one is already open."""
    item = items_visible_to(request.user).filter(pk=pk, status__in=VISIBLE_STATUSES).first()
    if item is None:
        raise Http404("内容不存在")
    if not request.user.is_authenticated:
        return redirect_to_login(_item_path(item.pk))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "提交失败：请按提示修改后重试。")
        return _render_item(request, item, feedback_form=form, status=400)
    data = form.cleaned_data
    category = data["category"] if data["kind"] == "complaint" else "other"
    feedback, created = feedback_submit(user=request.user, item=item, kind=data["kind"], category=category,
                                        reason=data["reason"])
    if not created:
        messages.warning(request, f"你对这条内容的{feedback.get_kind_display()}还在处理中，答复前不能重复提交。")
        return HttpResponseRedirect(f"{_item_path(item.pk)}#feedback")
    messages.success(request, f"已提交{feedback.get_kind_display()}，编辑会尽快答复，答复会显示在这里。")
    return redirect("my-feedback")


def transparency(request: HttpRequest) -> HttpResponse:
    """The public log: what editors removed, merged, featured, ended or changed on lists, and
    why — never who reported or who decided. A removed item links to its appeal."""
    page = Paginator(transparency_log(), TRANSPARENCY_PAGE).get_page(request.GET.get("page"))
    return render(request, "content/transparency.html", {
        "page": page, "entries": [public_entry(record) for record in page.object_list], "reasons": REASON_CODES,
    })


def item_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    """A removed item's appeal entrance (from the public log): what was decided and why, and
    for a signed-in visitor the form. Only for items an editor took down."""
    item = Item.objects.filter(pk=pk, status="rejected", moderated_at__isnull=False).first()
    if item is None:
        raise Http404("没有可申诉的处理")
    form, status = AppealForm(request.POST or None), 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        if form.is_valid():
            feedback, created = feedback_submit(user=request.user, item=item, kind="appeal", category="other",
                                                reason=form.cleaned_data["reason"])
            if created:
                messages.success(request, "已提交申诉，编辑复核后会在「我的举报与申诉」里答复你。")
                return redirect("my-feedback")
            messages.warning(request, "你对这条内容的申诉还在处理中，答复前不能重复提交。")
        else:
            status = 400
    return render(request, "content/appeal.html", {
        "item": item, "form": form, "reason": REASON_CODES.get(item.moderation_reason, ""),
        "open": request.user.is_authenticated and feedback_open_exists(user=request.user, item=item),
    }, status=status)


class AppealForm(forms.Form):
    reason = forms.CharField(
        label="申诉理由", max_length=Feedback.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": Feedback.MAX_REASON,
                                     "placeholder": "请说明为什么这条内容不该被移除，例如你是原作者、内容已更正。"}),
        error_messages={"required": "请写下申诉理由。", "max_length": f"理由最多 {Feedback.MAX_REASON} 字。"},
    )


FAVORITES_PAGE = 24


@login_required
def my_favorites(request: HttpRequest) -> HttpResponse:
    """我的收藏: the items the shopper saved, as cards, newest saved first."""
    shown, removed = favorites_of(user=request.user)
    page = Paginator(shown, FAVORITES_PAGE).get_page(request.GET.get("page"))
    return render(request, "content/my_favorites.html", {
        "page": page, "removed": removed, "total": len(shown), "cards": shown_cards(list(page.object_list)),
    })


@login_required
def my_feedback(request: HttpRequest) -> HttpResponse:
    return render(request, "content/my_feedback.html", {"feedback": feedback_of(user=request.user)})

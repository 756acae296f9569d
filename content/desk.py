"""The editors' desk (pages): the risk-ranked queue with every decision a keystroke away, the
audit trail, scoring-profile drafts with preview and activation. Thin: every write goes through
content.moderation, the same services the API calls. Editors only: a visitor is sent to sign
in, anyone else gets 403."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.views.decorators.http import require_POST

from content.api.views import ItemFilter
from content.constants import PLATFORMS, REASON_CODES
from content.models import ScoringProfile, Source
from content.moderation import audit, decisions, profiles, queue
from content.moderation.decisions import Decision, DecisionError
from content.scoring.dimensions import DIMENSIONS
from content.scoring.profile import active_profile
from guide.roles import is_editor

PAGE_SIZE = 30
FILTERS = ("risk", "source", "platform", "interest", "min_age_hours")  # "reason" is a decision's field


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("只有编辑可以使用审核台。")
        return view(request, *args, **kwargs)

    return guarded


# The queue ---------------------------------------------------------------------------------------

@editor_required
def desk(request: HttpRequest) -> HttpResponse:
    params = {name: request.GET.get(name, "") for name in FILTERS}
    notice, status = "", 200
    filtered = ItemFilter(request.GET, queryset=queue.queue_items())
    items = filtered.qs if filtered.is_valid() else queue.queue_items()
    if not filtered.is_valid():
        notice, status = "筛选条件有误，已忽略：" + "；".join(filtered.errors), 400
    try:
        hours = float(params["min_age_hours"]) if params["min_age_hours"] else None
    except ValueError:
        hours, notice, status = None, "「入库至少多少小时」应为数字，已忽略。", 400
    if params["risk"] and params["risk"] not in queue.RISK_REASONS:
        params["risk"], notice, status = "", "没有这个风险原因，已忽略。", 400
    items = queue.queue_filter(items, reason=params["risk"], interest=params["interest"], min_age_hours=hours)
    page = Paginator(items.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = queue.queue_page(list(page.object_list))
    reasons = queue.reasons_of(shown)
    selected = _int(request.GET.get("selected")) or (shown[0].pk if shown else None)
    entries = [_entry(item, reasons.get(item.pk, [])) for item in shown]
    hidden_filters = format_html_join("", '<input type="hidden" name="{}" value="{}">',
                                      ((name, value) for name, value in params.items() if value))
    for n, entry in enumerate(entries):  # after a decision, the desk moves on to the next item
        following = entries[n + 1] if n + 1 < len(entries) else (entries[n - 1] if n else None)
        entry["next"] = following["item"].pk if following else ""
    return render(request, "content/desk/queue.html", {
        "entries": entries, "hidden_filters": hidden_filters,
        "page": page, "selected": selected, "params": params, "notice": notice,
        "query": urlencode({k: v for k, v in params.items() if v}),
        "counts": [(code, queue.RISK_REASONS[code].label, n) for code, n in queue.reason_counts(items).items()],
        "health": queue.queue_health(), "reason_codes": list(REASON_CODES.items()), "actions": decisions.ACTIONS,
        "platforms": list(PLATFORMS.items()), "sources": Source.objects.order_by("name").values_list("name", "title"),
        "tag_choices": _tag_choices(),
    }, status=status)


def _tag_choices() -> dict[str, list[tuple[str, str]]]:
    """Slugs and names for the retag inputs' suggestions (tags are interests' vocabulary: the
    one place besides scoring where content reads it)."""
    from interests.models import Interest, Scenario

    return {"interests": list(Interest.objects.filter(is_active=True).values_list("slug", "name")),
            "scenarios": list(Scenario.objects.filter(is_active=True).values_list("slug", "name"))}


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 12 else None


def _entry(item, reasons: list[str]) -> dict[str, Any]:
    score = getattr(item, "score", None)
    return {
        "item": item, "reasons": [(code, queue.RISK_REASONS[code].label) for code in reasons],
        "dimensions": [(label, getattr(score, key), score.explanations.get(key, "")) for key, label in DIMENSIONS.items()]
        if score else [],
        "interests": ",".join(tag.interest.slug for tag in sorted(item.interest_tags.all(), key=lambda t: -t.weight)),
        "scenarios": ",".join(tag.scenario.slug for tag in sorted(item.scenario_tags.all(), key=lambda t: -t.weight)),
    }


@require_POST
@editor_required
def desk_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision from the desk's forms (the keyboard shortcuts submit these)."""
    try:
        decisions.item_decide(item_id=pk, decision=_decision(request.POST), version=_int(request.POST.get("version")) or 0,
                              editor=request.user)
    except DecisionError as exc:
        messages.error(request, exc.message)
        return _back(request, selected=pk)
    messages.success(request, f"已{decisions.ACTIONS[request.POST['action']]}：内容 {pk}。")
    return _back(request, selected=_int(request.POST.get("next")))


@require_POST
@editor_required
def desk_bulk(request: HttpRequest) -> HttpResponse:
    """The same decision on the ticked items, all or nothing."""
    ticked = [(_int(pk), _int(request.POST.get(f"version-{pk}")) or 0) for pk in request.POST.getlist("ids")]
    selection = [(pk, version) for pk, version in ticked if pk is not None]
    if len(selection) < len(ticked):
        messages.error(request, "选择无效。")
        return _back(request)
    try:
        done = decisions.items_decide(selection=selection, decision=_decision(request.POST), editor=request.user)
    except DecisionError as exc:
        messages.error(request, f"批量操作未执行：{exc.message}")
        return _back(request)
    messages.success(request, f"已批量{decisions.ACTIONS[request.POST['action']]} {len(done)} 条内容。")
    return _back(request)


def _decision(form: Any) -> Decision:
    """The decision a desk form sends: one form per item holds every action's fields, so only
    the chosen action's own fields are read."""
    action = form.get("action", "")

    def slugs(name: str) -> list[str] | None:
        if action != "retag" or name not in form:
            return None
        return [part.strip() for part in form.get(name, "").replace("，", ",").split(",") if part.strip()]

    target = form.get("duplicate_of", "").strip() if action == "merge" else ""
    return Decision(action=action, reason=form.get("reason", "") if action == "reject" else "",
                    note=form.get("note", "").strip() if action == "reject" else "",
                    duplicate_of=(_int(target) or -1) if target else None,
                    interests=slugs("interests"), scenarios=slugs("scenarios"))


def _back(request: HttpRequest, selected: int | None = None) -> HttpResponseRedirect:
    query = {name: request.POST.get(name, "") for name in FILTERS if request.POST.get(name)}
    if selected:
        query["selected"] = str(selected)
    anchor = f"#item-{selected}" if selected else ""
    return HttpResponseRedirect(f"{reverse('desk')}?{urlencode(query)}{anchor}")


# The audit trail ---------------------------------------------------------------------------------

@editor_required
def desk_audit(request: HttpRequest) -> HttpResponse:
    params = {name: request.GET.get(name, "")[:150] for name in ("actor", "action", "target_type", "item")}
    records = audit.audit_records(actor=params["actor"], action=params["action"], target_type=params["target_type"],
                                  item_id=_int(params["item"]))
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(request, "content/desk/audit.html", {
        "page": page, "params": params, "actions": audit.ACTION_LABELS,
        "query": urlencode({k: v for k, v in params.items() if v}),
    })


# Scoring profiles --------------------------------------------------------------------------------

@editor_required
def desk_profiles(request: HttpRequest) -> HttpResponse:
    """The profiles (active, drafts, earlier versions); POST starts a draft from the active one."""
    if request.method == "POST":
        draft = profiles.profile_draft_save(values={**profiles.profile_draft_values(active_profile()),
                                                    "name": f"{active_profile().name} 调整"}, editor=request.user)
        return HttpResponseRedirect(reverse("desk-profile", args=[draft.pk]))
    return render(request, "content/desk/profiles.html", {
        "profiles": ScoringProfile.objects.select_related("created_by").order_by("-created_at", "-pk")[:50],
    })


@editor_required
def desk_profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A profile; for a draft, its form (POST saves it) and the preview of what it would move."""
    profile = get_object_or_404(ScoringProfile, pk=pk)
    values, errors, status = profiles.profile_draft_values(profile), {}, 200
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "note": request.POST.get("note", ""),
                  "weights": {key: request.POST.get(f"weight_{key}", "") for key in DIMENSIONS},
                  **{name: request.POST.get(name, "") for name in profiles.THRESHOLDS}}
        try:
            profiles.profile_draft_save(values=values, editor=request.user, draft=profile)
        except DecisionError as exc:
            messages.error(request, exc.message)
            errors, status = exc.fields or {}, 400 if exc.status == 400 else exc.status
        else:
            messages.success(request, "草稿已保存，下面是按它重新把关的预览。")
            return HttpResponseRedirect(reverse("desk-profile", args=[pk]))
    preview = profiles.profile_preview(draft=profile) if profile.is_draft and not errors else None
    return render(request, "content/desk/profile.html", {
        "profile": profile, "values": values, "errors": errors, "preview": preview,
        "weights": [(key, label, values["weights"].get(key, ""), errors.get(f"weights.{key}"))
                    for key, label in DIMENSIONS.items()],
        "thresholds": [(name, values.get(name, ""), errors.get(name)) for name in profiles.THRESHOLDS],
        "can_activate": request.user.has_perm("content.activate_scoringprofile"),
    }, status=status)


@require_POST
@editor_required
def desk_profile_activate(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("content.activate_scoringprofile"):
        raise PermissionDenied("没有启用评分方案的权限。")
    draft = get_object_or_404(ScoringProfile, pk=pk)
    try:
        profile = profiles.profile_activate(draft=draft, editor=request.user)
    except DecisionError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("desk-profile", args=[pk]))
    messages.success(request, f"已启用 v{profile.version}：所有已评分内容按新方案重新计算值得买指数并把关。")
    return HttpResponseRedirect(reverse("desk-profiles"))

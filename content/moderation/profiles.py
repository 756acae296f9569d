"""Scoring control for editors: drafts of a ScoringProfile (weights and gatekeeping
thresholds), a preview of what a draft would move, and an explicit, audited activation that
applies exactly the previewed plan (content.scoring.regate)."""

import logging
import math
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from content.models import ScoringProfile
from content.moderation.audit import audit_record
from content.moderation.decisions import DecisionError
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.profile import active_profile, profile_make_active
from content.scoring.regate import RegatePlan, regate_plan
from guide.faults import BROKER_ERRORS

logger = logging.getLogger(__name__)

THRESHOLDS = ("approve_min_worth", "approve_min_reliability", "approve_min_objectivity", "reject_max_relevance",
              "reject_max_objectivity")
MAX_WEIGHT = 10.0


def profile_values_check(values: dict[str, Any]) -> dict[str, Any]:
    """The draft's name, note, weights (every dimension, 0–10, not all 0) and thresholds
    (0–100), cleaned; raises DecisionError (400) naming every field that is wrong."""
    errors: dict[str, list[str]] = {}
    weights = values.get("weights")
    cleaned_weights: dict[str, float] = {}
    if not isinstance(weights, dict):
        errors["weights"] = ["应为每个维度一个数字的对象。"]
    else:
        unknown = sorted(set(weights) - set(DIMENSION_KEYS))
        if unknown:
            errors["weights"] = [f"未知的维度：{', '.join(map(str, unknown))[:200]}"]
        for key in DIMENSION_KEYS:
            value = _number(weights.get(key))
            if value is None:
                errors[f"weights.{key}"] = ["缺少或不是数字。"]
            elif not 0 <= value <= MAX_WEIGHT:
                errors[f"weights.{key}"] = [f"应在 0 到 {MAX_WEIGHT:g} 之间。"]
            else:
                cleaned_weights[key] = value
        if len(cleaned_weights) == len(DIMENSION_KEYS) and not any(cleaned_weights.values()):
            errors["weights"] = ["至少要有一个维度的权重大于 0。"]
    cleaned: dict[str, Any] = {"weights": cleaned_weights}
    for name in THRESHOLDS:
        value = _number(values.get(name))
        if value is None or not 0 <= value <= 100:
            errors[name] = ["应为 0 到 100 之间的数字。"]
        cleaned[name] = value
    name, note = values.get("name", ""), values.get("note", "")
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        errors["name"] = ["名称必填，最多 100 字。"]
    if not isinstance(note, str) or len(note) > 2000:
        errors["note"] = ["说明最多 2000 字。"]
    if errors:
        raise DecisionError(400, "invalid_profile", "评分方案有误：" + "；".join(sorted(errors)) + "。", errors)
    return cleaned | {"name": name.strip(), "note": note.strip()}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def profile_draft_values(profile: ScoringProfile) -> dict[str, Any]:
    """A profile's values as a draft form takes them (to start a draft from the active one)."""
    return {"name": profile.name, "note": "", "weights": dict(profile.weights),
            **{name: getattr(profile, name) for name in THRESHOLDS}}


def profile_draft_save(*, values: dict[str, Any], editor: AbstractBaseUser,
                       draft: ScoringProfile | None = None) -> ScoringProfile:
    """Create a draft, or change one that is still a draft; audited."""
    cleaned = profile_values_check(values)
    if draft is not None and not draft.is_draft:
        raise DecisionError(409, "not_a_draft", f"方案 v{draft.version} 已启用，不能再修改；请新建草稿。")
    with transaction.atomic():
        before = profile_draft_values(draft) if draft is not None else {}
        draft = draft or ScoringProfile(is_draft=True, created_by=editor)
        for name, value in cleaned.items():
            setattr(draft, name, value)
        draft.save()
        audit_record(actor=editor, action="profile_draft", target_type="scoring_profile", target_id=draft.pk,
                     note=draft.note, before=before, after=profile_draft_values(draft))
    return draft


def profile_preview(*, draft: ScoringProfile) -> RegatePlan:
    """What activating the draft would do to the stored scores (no text is analysed again)."""
    return regate_plan(draft)


def profile_activate(*, draft: ScoringProfile, editor: AbstractBaseUser) -> ScoringProfile:
    """Make the draft the active profile (audited, with the plan it carries out) and apply it to
    every scored item: the regate runs on the scoring queue after commit (in process on the
    embedded default), so the preview is what happens."""
    if not draft.is_draft:
        raise DecisionError(409, "not_a_draft", f"方案 v{draft.version} 已经启用过。")
    with transaction.atomic():
        previous = active_profile()
        plan = regate_plan(draft)
        profile = profile_make_active(profile=draft, activated_by=editor)
        audit_record(actor=editor, action="profile_activate", target_type="scoring_profile", target_id=profile.pk,
                     note=profile.note, before={"version": previous.version, **profile_draft_values(previous)},
                     after={"version": profile.version, **profile_draft_values(profile), "plan": plan.as_dict()})
        transaction.on_commit(lambda: _queue_regate(profile.version))
    return profile


def _queue_regate(version: int) -> None:
    from content.tasks import regate_items

    try:
        regate_items.delay(version)
    except BROKER_ERRORS:  # activated all the same: the sweep rescores what an older profile scored
        logger.warning("regate of profile v%s not queued: the broker does not answer", version)

"""The request's moment: which scenarios fit now (time of day, weekday or weekend, season,
shopping festivals) unless the request names one, and which interest ids make up a circle."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.cache import cache

from interests.models import Scenario

LOCAL = ZoneInfo("Asia/Shanghai")
EXPLICIT, INFERRED = 1.0, 0.5  # a scenario the shopper chose counts twice one we guessed


def active_scenarios(now: datetime, explicit: str = "") -> dict[int, tuple[float, str]]:
    """scenario id -> (strength, name)."""
    scenarios = _scenarios()
    if explicit:
        return {pk: (EXPLICIT, name) for pk, (slug, name, _) in scenarios.items() if slug == explicit}
    local = now.astimezone(LOCAL)
    return {pk: (INFERRED, name) for pk, (_, name, hints) in scenarios.items() if fits(hints, local)}


def fits(hints: dict, local: datetime) -> bool:
    """Every hint given must match; a scenario without any hint is never inferred."""
    checks = []
    if hints.get("months"):
        checks.append(local.month in hints["months"])
    if hints.get("weekdays"):
        checks.append(local.weekday() in hints["weekdays"])
    if hints.get("hours"):
        checks.append(local.hour in hints["hours"])
    if hints.get("date_windows"):
        today = local.strftime("%m-%d")
        checks.append(any(_within(today, start, end) for start, end in hints["date_windows"]))
    return bool(checks) and all(checks)


def _within(day: str, start: str, end: str) -> bool:
    return start <= day <= end if start <= end else day >= start or day <= end  # windows may wrap the new year


def _scenarios() -> dict[int, tuple[str, str, dict]]:
    found = cache.get("recommender:scenarios")
    if found is None:
        found = {pk: (slug, name, hints or {}) for pk, slug, name, hints in
                 Scenario.objects.filter(is_active=True).values_list("pk", "slug", "name", "context_hints")}
        cache.set("recommender:scenarios", found, 300)
    return found


def known_scenario(slug: str) -> bool:
    return any(s == slug for s, _, _ in _scenarios().values())

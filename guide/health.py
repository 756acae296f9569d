"""Reachability of what the platform depends on, for /healthz and operators."""

import hmac
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest

from guide.faults import DATABASE_ERRORS


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure here is the answer, not a crash
        return {"ok": False, "error": str(exc)[:200]}
    return {"ok": True, "vendor": connection.vendor}


def check_cache() -> dict[str, Any]:
    probe = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, "1", 10)
        ok = cache.get(probe) == "1"
        cache.delete(probe)
    except Exception as exc:
        return {"ok": False, "error": str(exc)[:200]}
    # The Redis cache ignores its own connection errors (pages fall back to the database), so
    # a probe that does not come back is the only sign.
    return {"ok": True, "backend": cache.__class__.__name__} if ok else {"ok": False, "error": "no answer"}


def check_broker_and_workers() -> tuple[dict[str, Any], dict[str, Any]]:
    from guide.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER:
        in_process = {"ok": True, "mode": "in-process"}
        return in_process, in_process
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return {"ok": False, "error": str(exc)[:200]}, {"ok": False, "count": 0}
    try:
        replies = app.control.ping(timeout=1.0) or []
    except Exception:
        replies = []
    return {"ok": True}, {"ok": bool(replies), "count": len(replies)}


def health_report() -> dict[str, Any]:
    """"down" only without the database: without the cache pages are served from the database,
    without the broker or workers ingest still stores and the scoring relay catches up later;
    those are "degraded"."""
    broker, workers = check_broker_and_workers()
    checks = {"database": check_database(), "cache": check_cache(), "broker": broker, "workers": workers}
    if not checks["database"]["ok"]:
        state = "down"
    else:
        state = "ok" if all(check["ok"] for check in checks.values()) else "degraded"
    return {"status": state, "checks": checks}


def may_see_health_detail(request: HttpRequest) -> bool:
    """A caller with the configured HEALTHZ_TOKEN (header X-Healthz-Token), or signed-in staff.
    Deciding must not fail when the database is down: the token needs none."""
    token = settings.HEALTHZ_TOKEN
    offered = request.headers.get("X-Healthz-Token", "")
    if token and offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    try:
        return bool(request.user.is_staff)
    except DATABASE_ERRORS:
        return False

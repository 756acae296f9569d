"""Reachability of what the platform depends on, for /healthz and operators."""

import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection


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
    return {"ok": ok, "backend": cache.__class__.__name__}


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
    broker, workers = check_broker_and_workers()
    checks = {"database": check_database(), "cache": check_cache(), "broker": broker, "workers": workers}
    required_ok = all(checks[name]["ok"] for name in ("database", "cache", "broker"))
    state = "ok" if required_ok and workers["ok"] else ("degraded" if required_ok else "down")
    return {"status": state, "checks": checks}

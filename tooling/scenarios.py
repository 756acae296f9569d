"""The faults of the matrix, one function each: inject the fault into a running Stack, act as
partners, visitors and shoppers would (including retrying after a 503's Retry-After), and
return the Row of what they saw, what was lost and how long recovery took."""

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import psycopg2
from django.db import connection

from tooling.chaos import (
    Answer,
    Row,
    Stack,
    all_scored,
    demo_items,
    partner_key,
    server_dsn,
    shopper_token,
    stored,
)
from tooling.processes import wait_for

PAGES = ("/", "/lists/", "/api/v1/items/", "/api/v1/feed/")
KILL_ITEMS = 900


def redis_stopped(stack: Stack) -> Row:
    """Redis (cache and broker) stopped while partners push and pages and events are used."""
    row, key = Row("Redis stopped (cache + broker) during ingest, events and pages"), partner_key("chaos-redis")
    token = shopper_token("chaos-redis-shopper")
    known = [r["id"] for r in stack.push(key, demo_items(5, "warm")).body["results"]]
    restarts = stack.supervisor.restarts["worker"]
    stack.redis.stop()
    batches = [demo_items(300, "redis")[start : start + 100] for start in range(0, 300, 100)]
    for batch in batches:
        row.saw("ingest", stack.push(key, batch))
    accepted = 0
    for _ in range(3):
        answer = stack.request("POST", "/api/v1/events/", {"events": [{"type": "click", "item": pk} for pk in known]}, token)
        row.saw("events", answer)
        accepted += answer.body.get("accepted", 0) if answer.status == 202 else 0
    for path in PAGES:
        row.saw("pages+API", stack.request("GET", path))
    row.saw("pages+API", stack.request("GET", "/api/v1/feed/", token=token))
    back = time.monotonic()
    stack.redis.start()
    row.recovery_seconds = _until(lambda: all_scored("redis", 300), timeout=120, since=back)
    if stack.supervisor.restarts["worker"] > restarts:
        row.notes.append("the worker exited on losing Redis mid-task and was restarted by its supervisor")
    row.lost = {"items": 300 - stored("redis")[0], "events": accepted - _events("chaos-redis-shopper")}
    row.recovered = "Redis back → every item pushed meanwhile scored"
    return row


def worker_killed(stack: Stack) -> Row:
    """The Celery worker SIGKILLed mid-batch; its supervisor starts it again."""
    row, key = Row("Celery worker SIGKILLed mid-batch (its supervisor restarts it)"), partner_key("chaos-kill")
    before, items = stack.scores_done(), demo_items(KILL_ITEMS, "kill")
    for start in range(0, KILL_ITEMS, 300):
        row.saw("ingest", stack.push(key, items[start : start + 300]))
    wait_for(lambda: stored("kill")[1] > 0, timeout=60, what="scoring to begin")
    stack.worker.kill()  # its supervisor starts it again
    killed = time.monotonic()
    row.notes.append(f"{stored('kill')[1]} of {KILL_ITEMS} scored when killed")
    row.recovery_seconds = _until(lambda: all_scored("kill", KILL_ITEMS), timeout=180, since=killed)
    row.recovered = "kill → every item scored (restart; the killed batch once its claim expires)"
    row.lost = {"items": KILL_ITEMS - stored("kill")[1],
                "items scored twice": max(0, stack.scores_done() - before - KILL_ITEMS)}
    return row


def postgres_terminated(stack: Stack, *, seconds: float = 6.0, every: float = 0.7) -> Row:
    """Every backend of the database terminated every `every` s while clients work; clients
    retry a 503 after its Retry-After, as partners and the page script do."""
    row, key, token = Row("PostgreSQL backends terminated under load"), partner_key("chaos-pg"), shopper_token("chaos-pg-shopper")
    known = [r["id"] for r in stack.push(key, demo_items(5, "pgwarm")).body["results"]]
    kills, stop, lock = [], threading.Event(), threading.Lock()
    log: list[tuple[float, str, int]] = []

    def seen(kind: str, answer: Answer) -> Answer:
        with lock:
            row.saw(kind, answer)
            log.append((time.monotonic(), kind, answer.status))
        return answer

    def partner() -> int:
        sent = accepted = 0
        while not stop.is_set():
            batch = demo_items(sent + 20, "pg")[sent:]
            sent += 20
            def send(batch: list = batch) -> Answer:
                return seen("ingest", stack.push(key, batch))

            answer = _retrying(send)
            accepted += 20 if answer.status == 202 else 0
        return accepted

    def shopper() -> int:
        accepted = 0
        body = {"events": [{"type": "click", "item": pk} for pk in known]}
        while not stop.is_set():
            answer = _retrying(lambda: seen("events", stack.request("POST", "/api/v1/events/", body, token)))
            accepted += answer.body["accepted"] if answer.status == 202 else 0
        return accepted

    def visitor() -> int:
        while not stop.is_set():
            for path in PAGES:
                seen("pages+API", stack.request("GET", path))
        return 0

    with ThreadPoolExecutor(4) as pool:
        futures = {name: pool.submit(work) for name, work in
                   (("partner", partner), ("shopper", shopper), ("visitor", visitor), ("visitor2", visitor))}
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(every)
            kills.append((time.monotonic(), _terminate_backends()))
        stop.set()
        pushed, accepted = futures["partner"].result(), futures["shopper"].result()
    row.notes.append(f"{len(kills)} terminations, {sum(n for _, n in kills)} backends")
    answered = [t for t, _, code in log if t > kills[-1][0] and code < 400]
    row.recovery_seconds = min(answered) - kills[-1][0] if answered else None
    row.recovered = "last termination → next 2xx"
    row.lost = {"items": pushed - stored("pg")[0], "events": accepted - _events("chaos-pg-shopper")}
    return row


def ingest_past_deadline(stack: Stack) -> Row:
    """An ingest batch stuck behind a row lock past INGEST_DEADLINE_SECONDS."""
    row, key = Row("ingest batch that cannot finish in time (row lock held)"), partner_key("chaos-slow")
    stack.push(key, demo_items(1, "slowwarm", authors=1))
    holder = psycopg2.connect(**server_dsn(connection.settings_dict["NAME"]))
    with holder.cursor() as cursor:
        cursor.execute("SELECT 1 FROM content_author WHERE external_id = 'author-0' FOR UPDATE")
    started = time.monotonic()
    answer = row.saw("ingest", stack.push(key, demo_items(50, "slow", authors=1)))
    row.notes.append(f"answered in {time.monotonic() - started:.1f} s with Retry-After {answer.headers.get('Retry-After')}")
    written = stored("slow")[0]
    holder.rollback()
    holder.close()
    released = time.monotonic()
    row.saw("ingest", _retrying(lambda: stack.push(key, demo_items(50, "slow", authors=1))))
    row.recovery_seconds = time.monotonic() - released
    row.recovered = "lock released → the batch sent again is stored"
    row.lost = {"items written by the refused batch": written, "items": 50 - stored("slow")[0]}
    return row


def concurrent_ingest(stack: Stack, *, partners: int = 4, batches: int = 3) -> Row:
    """Partners pushing at once, every batch naming the same 30 authors and sharing items, each
    in its own order: the load that deadlocked authors_upsert. A partner sends a batch refused
    with 503 again after its Retry-After."""
    row, key = Row(f"{partners} partners pushing at once, shared authors and items"), partner_key("chaos-race")
    items, lock = demo_items(200, "race", authors=30), threading.Lock()
    accepted: set[str] = set()

    def seen(answer: Answer) -> Answer:
        with lock:
            return row.saw("ingest", answer)

    def push(n: int) -> None:
        for batch_number in range(batches):
            batch = random.Random(n * 100 + batch_number).sample(items, 100)
            def send(batch: list = batch) -> Answer:
                return seen(stack.push(key, batch))

            answer = _retrying(send)
            with lock:
                accepted.update(i["external_id"] for i in batch if answer.status == 202)

    with ThreadPoolExecutor(partners) as pool:
        list(pool.map(push, range(partners)))
    row.lost = {"items": len(accepted) - stored("race")[0]}
    return row


FAULTS: dict[str, Callable[[Stack], Row]] = {
    "redis": redis_stopped,
    "worker": worker_killed,
    "postgres": postgres_terminated,
    "deadline": ingest_past_deadline,
    "race": concurrent_ingest,
}


def _retrying(send: Callable[[], Answer], *, attempts: int = 10) -> Answer:
    """What a well-behaved client does: on 503 (or 429) wait Retry-After and send again."""
    answer = send()
    for _ in range(attempts):
        if answer.status not in (429, 503):
            break
        time.sleep(min(float(answer.headers.get("Retry-After") or 1), 5))
        answer = send()
    return answer


def _until(done: Callable[[], bool], *, timeout: float, since: float) -> float:
    wait_for(done, timeout=timeout, what="recovery", every=0.2)
    return time.monotonic() - since


def _terminate_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def _events(username: str) -> int:
    from interests.models import Event

    return Event.objects.filter(user__username=username).count()

"""A real HTTP server on 127.0.0.1 for adapter tests, so no test ever reaches the internet.

    def test_it_fetches_the_feed(local_http_server):
        local_http_server.route("/feed.xml", body, headers={"Content-Type": "application/rss+xml"})
        fetch(local_http_server.url("/feed.xml"))
        assert local_http_server.count("/feed.xml") == 1

A route is a canned response (status, headers, body, an optional delay before answering) or a
callable taking the RecordedRequest and returning (status, headers, body). A body may also be an
iterable of byte chunks, written and flushed one by one: a generator that sleeps between chunks
simulates a slow drip.
"""

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

Body = bytes | Iterable[bytes]
Response = tuple[int, dict[str, str], Body]


@dataclass
class RecordedRequest:
    method: str
    path: str  # with the query string
    headers: Message  # case-insensitive .get("If-None-Match")


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Body = b""
    delay: float = 0.0  # seconds to wait before answering, to outlast a client's timeout
    handler: Callable[[RecordedRequest], Response] | None = None

    def respond(self, request: RecordedRequest) -> Response:
        if self.delay:
            time.sleep(self.delay)
        if self.handler is not None:
            return self.handler(request)
        return self.status, self.headers, self.body


class LocalHTTPServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a slow route must not hold up the test's teardown
        # A short poll interval so that shutdown() in the teardown returns at once.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def route(
        self,
        path: str,
        body: Body = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        handler: Callable[[RecordedRequest], Response] | None = None,
    ) -> None:
        self.routes[path] = Route(status, headers or {}, body, delay, handler)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if urlsplit(r.path).path == path]

    def count(self, path: str) -> int:
        return len(self.requests_to(path))

    def last_request(self, path: str) -> RecordedRequest:
        return self.requests_to(path)[-1]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _record(self, request: RecordedRequest) -> Route:
        with self._lock:
            self.requests.append(request)
        return self.routes.get(urlsplit(request.path).path) or Route(404, {}, b"not found")


def _handler_class(server: LocalHTTPServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: one request per connection, and a body without Content-Length ends at close.
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # the name http.server dispatches GET to
            request = RecordedRequest(self.command, self.path, self.headers)
            status, headers, body = server._record(request).respond(request)
            try:
                self._send(status, headers, body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to report

        def _send(self, status: int, headers: dict[str, str], body: Body) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if isinstance(body, bytes) and "content-length" not in {h.lower() for h in headers}:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for chunk in _chunks(body):
                self.wfile.write(chunk)
                self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest output clean

    return Handler


def _chunks(body: Body) -> Iterator[bytes]:
    if isinstance(body, bytes):
        yield body
    else:
        yield from body


@pytest.fixture
def local_http_server() -> Iterator[LocalHTTPServer]:
    server = LocalHTTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()

"""The load generator the feed benchmark measures with: every request is sent once and counted,
responses are read however the server frames them, connections are kept alive when the server
allows it, and a failed connection is counted (status 0), never retried."""

import socketserver
import threading
from collections.abc import Iterator

import pytest

from tooling.loadgen import PreparedRequest, run_load


class KeepAliveHandler(socketserver.StreamRequestHandler):
    """HTTP/1.1 with keep-alive: answers every request on the connection, chunked."""

    def handle(self) -> None:
        while (request_line := self.rfile.readline()).strip():
            length = 0
            while (line := self.rfile.readline()).strip():
                name, _, value = line.decode("latin-1").partition(":")
                length = int(value) if name.lower() == "content-length" else length
            body = self.rfile.read(length)
            answer = b"got " + request_line.split()[1] + b" " + body
            chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (answer[:3], answer[3:]))
            self.wfile.write(b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n")


@pytest.fixture
def keep_alive_server() -> Iterator[tuple[socketserver.ThreadingTCPServer, list]]:
    connections: list = []

    class Counting(KeepAliveHandler):
        def setup(self) -> None:
            connections.append(self.client_address)
            super().setup()

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Counting)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    yield server, connections
    server.shutdown()
    server.server_close()


def test_every_request_is_sent_once_and_counted_with_its_status(local_http_server):
    local_http_server.route("/ping", b"ok")
    requests = [PreparedRequest("GET", "/ping")] * 30 + [PreparedRequest("GET", "/missing")] * 5
    result = run_load("127.0.0.1", int(local_http_server.url("").rsplit(":", 1)[1]), requests, concurrency=4)
    assert result.requests == len(result.latencies_ms) == 35
    assert result.statuses == {200: 30, 404: 5}
    assert result.connections == 35  # HTTP/1.0: the server closes every connection
    assert local_http_server.count("/ping") == 30


def test_an_answer_without_a_length_ends_with_the_connection(local_http_server):
    local_http_server.route("/drip", iter([b"a", b"b"]))
    result = run_load("127.0.0.1", int(local_http_server.url("").rsplit(":", 1)[1]),
                      [PreparedRequest("GET", "/drip")], concurrency=1)
    assert result.statuses == {200: 1}


def test_connections_are_kept_alive_and_chunked_answers_read(keep_alive_server):
    server, connections = keep_alive_server
    requests = [PreparedRequest("POST", f"/events/{n}", body=b"{}", headers=(("Content-Type", "application/json"),))
                for n in range(40)]
    result = run_load("127.0.0.1", server.server_address[1], requests, concurrency=4)
    assert result.statuses == {201: 40}
    assert result.connections == len(connections) == 4


def test_a_refused_connection_is_counted_not_retried():
    with socketserver.TCPServer(("127.0.0.1", 0), socketserver.BaseRequestHandler) as probe:
        port = probe.server_address[1]  # closed again below: nothing listens there
    result = run_load("127.0.0.1", port, [PreparedRequest("GET", "/ping")] * 3, concurrency=2)
    assert result.requests == 3 and result.statuses == {0: 3}

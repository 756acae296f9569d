"""One outbound GET shared by the fetching adapters: timeouts, a byte cap, conditional requests.

Every failure becomes a FetchError whose message is short enough to show an operator as a
source's last_error. A 304 is not a failure: the caller sees `result.not_modified`.
"""

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.conf import settings
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from content.sources.base import FetchError

ANY_ACCEPT = "*/*"
# Small enough that the total-time check between chunks runs often on a slow connection.
CHUNK_BYTES = 16 * 1024


@dataclass
class HttpResult:
    status: int
    body: bytes
    url: str  # after redirects
    headers: Mapping[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""  # the raw Content-Type header
    encoding: str = ""  # the charset the Content-Type header names, "" when none

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def body_encoding(self) -> str:
        """The encoding to decode the body with: BOM, valid UTF-8, the document's own
        declaration, the HTTP charset, UTF-8.

        The document outranks the header because Chinese hosts often send a server-wide default
        charset for GBK files, while the declaration is written together with the bytes. Bytes
        that are valid UTF-8 are UTF-8 whatever is declared (sites migrated from GBK often keep
        the old declaration), and GBK text is practically never valid UTF-8.
        """
        bom_encoding, _ = read_bom(self.body)
        if bom_encoding:
            return bom_encoding
        try:
            self.body.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
        return html_body_declared_encoding(self.body) or self.encoding or "utf-8"


def fetch_url(url: str, *, etag: str = "", last_modified: str = "", accept: str = ANY_ACCEPT) -> HttpResult:
    """GET `url` (http/https only) and return its body, at most settings.FETCH_MAX_BYTES of it."""
    _check_scheme(url)
    timeout = float(settings.FETCH_TIMEOUT_SECONDS)
    headers = _request_headers(etag=etag, last_modified=last_modified, accept=accept)
    deadline = time.monotonic() + timeout  # for the whole fetch, not only each socket read
    try:
        with requests.get(url, headers=headers, timeout=timeout, stream=True) as response:
            if response.status_code == 304:
                return _result(response, b"")
            if not 200 <= response.status_code < 300:
                raise FetchError(f"HTTP {response.status_code} from {url}")
            body = _read_capped(response, deadline=deadline, timeout=timeout)
            return _result(response, body)
    except requests.Timeout as exc:
        raise FetchError(f"timed out after {timeout:g}s: {url}") from exc
    except requests.TooManyRedirects as exc:
        raise FetchError(f"too many redirects from {url}") from exc
    except requests.ConnectionError as exc:
        # requests reports a read timeout in the middle of the body as a ConnectionError.
        if "timed out" in str(exc).lower():
            raise FetchError(f"timed out after {timeout:g}s: {url}") from exc
        raise FetchError(f"could not connect to {urlsplit(url).netloc}: {_reason(exc)}") from exc
    except requests.RequestException as exc:
        raise FetchError(f"request to {url} failed: {_reason(exc)}") from exc


def _check_scheme(url: str) -> None:
    parts = urlsplit(url or "")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError(f"only http/https URLs can be fetched, not {url!r}")


def _request_headers(*, etag: str, last_modified: str, accept: str) -> dict[str, str]:
    headers = {
        "User-Agent": settings.FETCH_USER_AGENT,
        "Accept": accept,
        "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _read_capped(response: requests.Response, *, deadline: float, timeout: float) -> bytes:
    """Read the body, refusing more than FETCH_MAX_BYTES or going on past the deadline.

    requests' timeout is per socket read, so a server dripping bytes could hold us forever.
    """
    max_bytes = int(settings.FETCH_MAX_BYTES)
    declared_length = response.headers.get("Content-Length", "")
    if declared_length.isdigit() and int(declared_length) > max_bytes:
        raise FetchError(f"response too large: {declared_length} bytes > {max_bytes} from {response.url}")
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_content(CHUNK_BYTES):
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(f"response too large: more than {max_bytes} bytes from {response.url}")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout:g}s: {response.url}")
        chunks.append(chunk)
    return b"".join(chunks)


def _result(response: requests.Response, body: bytes) -> HttpResult:
    content_type = response.headers.get("Content-Type", "")
    return HttpResult(
        status=response.status_code,
        body=body,
        url=response.url,
        headers=response.headers,  # case-insensitive
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
        content_type=content_type,
        encoding=http_content_type_encoding(content_type) or "",
    )


def _reason(exc: Exception) -> str:
    """The telling end of a requests error, e.g. "[Errno 111] Connection refused".

    requests wraps urllib3's MaxRetryError, whose `reason` is the real cause; its message starts
    with object reprs an operator does not need.
    """
    error = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    error = getattr(error, "reason", None) or error
    return str(error).rsplit(": ", 1)[-1][:160]

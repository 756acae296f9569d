"""RSS 2.0 / Atom feeds: every entry becomes one raw item dict in the push-API item format.

feedparser does the parsing (and copes with CDATA, content:encoded, dc:creator, media:*, relative
links and GBK/GB2312); this module only fetches the bytes and maps entries to items. Bodies stay
unsanitised: sanitising is content.pipeline's job.
"""

from datetime import UTC, datetime
from io import BytesIO
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
from lxml.etree import ParserError

from content.sources.base import FetchError, FetchResult
from content.sources.http import HttpResult, fetch_url

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
MAX_IMAGES = 20
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Lazy-loading attributes Chinese sites put the real image in, before the placeholder `src`.
IMG_SOURCE_ATTRIBUTES = ("data-original", "data-src", "data-actualsrc", "src")


def accepts(source: Any) -> bool:
    return source.adapter == "rss"


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> FetchResult:
    response = fetch_url(url, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
    if response.not_modified:
        return FetchResult.unchanged(etag=response.etag or etag, last_modified=response.last_modified or last_modified)
    feed = parse_feed(response)
    return FetchResult(
        entries=[entry_to_item(entry, base_url=response.url) for entry in feed.entries],
        etag=response.etag,
        last_modified=response.last_modified,
    )


def parse_feed(response: HttpResult) -> feedparser.FeedParserDict:
    """Parse the fetched bytes; a document with no entries that is not a feed is an error.

    A feed with small errors (feedparser's `bozo`) but usable entries is accepted: Chinese
    feeds are often not quite well-formed.
    """
    if not response.body.strip():
        raise FetchError(f"not a valid feed: empty response from {response.url}")
    feed = feedparser.parse(
        BytesIO(response.body),  # wrapped: feedparser may treat bare bytes or str as a URL or path
        response_headers={
            # Our own encoding guess (see HttpResult.body_encoding) instead of the server's
            # Content-Type, which is often text/html or a wrong charset for feeds.
            "content-type": f"application/xml; charset={response.body_encoding()}",
            "content-location": response.url,  # the base for relative links
        },
        resolve_relative_uris=True,
        sanitize_html=False,
    )
    if not feed.entries and (feed.bozo or not feed.version):
        raise FetchError(f"not a valid feed: {_why_not_a_feed(feed)} ({response.url})")
    return feed


def _why_not_a_feed(feed: feedparser.FeedParserDict) -> str:
    if feed.get("bozo_exception") is not None:
        return str(feed.bozo_exception).strip()[:120] or type(feed.bozo_exception).__name__
    return "no RSS or Atom entries found"


def entry_to_item(entry: feedparser.FeedParserDict, *, base_url: str) -> dict[str, Any]:
    link = urljoin(base_url, entry.get("link", ""))
    body = entry_body(entry)
    item: dict[str, Any] = {
        "external_id": entry.get("id") or link,
        "url": link,
        "title": entry.get("title", "").strip(),
        "body": body.get("value", "").strip(),
        "kind": "article",  # deals, reviews and notes are told apart later, from the text
        "published_at": entry_published_at(entry),
        "author": entry_author(entry),
        # Relative URLs in a body are relative to where the body came from (xml:base or the feed).
        "images": entry_images(entry, body=body, base_url=body.get("base") or base_url),
    }
    return {key: value for key, value in item.items() if value is not None}


def entry_body(entry: feedparser.FeedParserDict) -> feedparser.FeedParserDict:
    """The fullest HTML the entry has (content:encoded, Atom content, else the summary), as
    feedparser's detail dict: `value`, `type` and the `base` its relative URLs are relative to."""
    contents = entry.get("content") or []
    html_contents = [c for c in contents if c.get("type") in HTML_TYPES] or contents
    if html_contents:
        return html_contents[0]
    return entry.get("summary_detail") or feedparser.FeedParserDict(value=entry.get("summary", ""))


def entry_published_at(entry: feedparser.FeedParserDict) -> str | None:
    """ISO 8601 in UTC; feedparser has already converted the parsed dates to UTC struct_time."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()


def entry_author(entry: feedparser.FeedParserDict) -> dict[str, str] | None:
    detail = entry.get("author_detail") or {}
    name = (detail.get("name") or entry.get("author") or "").strip()
    external_id = (detail.get("href") or detail.get("email") or name).strip()
    if not external_id:
        return None
    return {"name": name, "external_id": external_id}


def entry_images(entry: feedparser.FeedParserDict, *, body: dict[str, Any], base_url: str) -> list[str]:
    """Absolute http(s) image URLs from enclosures, media:content/thumbnail and <img> in the body."""
    candidates = [
        *(link.get("href") for link in entry.get("links", []) if _is_image_enclosure(link)),
        *(media.get("url") for media in entry.get("media_content", []) if _is_image_media(media)),
        *(thumb.get("url") for thumb in entry.get("media_thumbnail", [])),
        *body_image_sources(body.get("value", "")),
    ]
    images: list[str] = []
    for candidate in candidates:
        absolute = urljoin(base_url, (candidate or "").strip())
        if urlsplit(absolute).scheme in ("http", "https") and absolute not in images:
            images.append(absolute)
    return images[:MAX_IMAGES]


def body_image_sources(body: str) -> list[str]:
    if "<img" not in body.lower():
        return []
    try:
        document = lxml.html.fragment_fromstring(body, create_parent="div")
    except (ParserError, ValueError):
        return []
    return [_img_source(img) for img in document.iter("img") if _img_source(img)]


def _img_source(img: lxml.html.HtmlElement) -> str:
    for attribute in IMG_SOURCE_ATTRIBUTES:
        value = (img.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return ""


def _is_image_enclosure(link: dict[str, Any]) -> bool:
    return link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/")


def _is_image_media(media: dict[str, Any]) -> bool:
    return media.get("medium") == "image" or str(media.get("type", "")).startswith("image/")

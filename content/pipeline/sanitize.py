"""Sanitising stage: user-supplied HTML through an allow-list, and plain text for analysis."""

import html
import re

import nh3

from content.pipeline.normalize import BIDI_CONTROLS, normalize_text, tidy_text

ALLOWED_TAGS = {
    "p", "br", "a", "strong", "b", "em", "i", "u", "s", "del", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "h5", "img", "figure", "figcaption", "span", "div", "pre", "code",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
# Only web links survive: javascript:, data: and vbscript: URLs are dropped with their attribute.
ALLOWED_URL_SCHEMES = {"http", "https"}

BIDI = re.compile(f"[{BIDI_CONTROLS}]")
BLOCK_BOUNDARY = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d|/tr|/blockquote|/figure|hr)\b[^>]*>", re.I)


def sanitize_html(raw_html: str) -> str:
    """Safe HTML: allow-listed tags and attributes; scripts, styles, event handlers,
    non-web URLs and bidi controls never survive."""
    return nh3.clean(
        BIDI.sub("", raw_html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def html_to_text(raw_html: str, *, shown: bool = False) -> str:
    """Plain text of (possibly unsafe) HTML, one line per block: normalised for analysis, or
    as written (tidied) for display (`shown`)."""
    with_breaks = BLOCK_BOUNDARY.sub("\n", raw_html)
    stripped = nh3.clean(with_breaks, tags=set(), strip_comments=True)
    return (tidy_text if shown else normalize_text)(html.unescape(stripped))


LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def body_to_safe_html(body: str) -> str:
    """Safe HTML for a body that may be HTML or plain text (plain paragraphs become <p>)."""
    if LOOKS_LIKE_HTML.search(body):
        return sanitize_html(body)
    paragraphs = [p.strip() for p in tidy_text(body).split("\n") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)

"""Product and article pages: one page becomes exactly one raw item dict.

extruct reads the page's structured data (JSON-LD, microdata, OpenGraph). Each syntax gives a
layer of fields; for every field the most specific layer that has it wins:
JSON-LD > microdata > OpenGraph > plain <title> / <meta name="description">.

Original (list) price, in the same layer order:
- schema.org `priceSpecification` entries whose priceType is ListPrice, StrikethroughPrice or
  MSRP;
- `highPrice` on a plain `Offer`: schema.org only defines it for AggregateOffer, so a site that
  puts it on a single Offer means its was-price. On an AggregateOffer it is the top of a range
  across sellers or variants, not a list price, and is ignored (price = lowPrice);
- OpenGraph `og:price:standard_amount` or `product:original_price:amount`; and when a page gives
  `product:sale_price:amount`, that is the price and `product:price:amount` the original.
Prices and dates are passed through as found ("￥1,299.00"); normalising is content.pipeline's job.
"""

from typing import Any
from urllib.parse import urljoin, urlsplit

import extruct
from extruct.utils import parse_html
from lxml.etree import ParserError
from lxml.html import HtmlElement
from w3lib.encoding import html_to_unicode
from w3lib.html import get_base_url

from content.sources.base import FetchError, FetchResult
from content.sources.http import fetch_url

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
SYNTAXES = ["json-ld", "microdata", "opengraph"]
MAX_IMAGES = 20
PRODUCT_TYPES = {"Product", "ProductGroup", "IndividualProduct", "ProductModel"}
ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Review", "TechArticle", "Report", "SocialMediaPosting"}
LIST_PRICE_TYPES = {"ListPrice", "StrikethroughPrice", "MSRP"}

Fields = dict[str, Any]


def accepts(source: Any) -> bool:
    return source.adapter == "page"


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> FetchResult:
    response = fetch_url(url, etag=etag, last_modified=last_modified, accept=PAGE_ACCEPT)
    if response.not_modified:
        return FetchResult.unchanged(etag=response.etag or etag, last_modified=response.last_modified or last_modified)
    item = extract_item(response.body, url=response.url, encoding=response.body_encoding())
    item["external_id"] = url
    return FetchResult(entries=[item], etag=response.etag, last_modified=response.last_modified)


def extract_item(body: bytes, *, url: str, encoding: str = "utf-8") -> dict[str, Any]:
    """The one item a page describes; FetchError when the page has no title at all."""
    _, text = html_to_unicode(f"text/html; charset={encoding}", body)
    try:
        # Re-encoded to UTF-8 bytes: lxml refuses a str that carries an XML encoding declaration.
        tree = parse_html(text.encode("utf-8"), encoding="utf-8")
    except (ParserError, ValueError) as exc:
        raise FetchError(f"not an HTML page: {url}") from exc
    base_url = get_base_url(text, url)
    # errors="ignore": one broken JSON-LD block must not hide the page's OpenGraph tags.
    data = extruct.extract(tree, base_url=base_url, syntaxes=SYNTAXES, uniform=True,
                           with_og_array=True, errors="ignore")
    layers = [
        schema_fields(main_node(data.get("json-ld", []))),
        schema_fields(main_node(data.get("microdata", []))),
        *(opengraph_fields(og) for og in data.get("opengraph", [])[:1]),
        html_fields(tree),
    ]
    item = merge_layers(layers)
    if not item.get("title"):
        raise FetchError(f"no title found on page {url}")
    item["images"] = absolute_urls(item.get("images", []), base_url=base_url)
    item.update(url=url, kind="deal" if item.get("price") not in (None, "") else "article")
    item.setdefault("body", "")
    return item


def merge_layers(layers: list[Fields]) -> Fields:
    """Field by field, the first layer with a non-empty value wins."""
    merged: Fields = {}
    for layer in layers:
        for key, value in layer.items():
            if key not in merged and value not in (None, "", [], {}):
                merged[key] = value
    return merged


# --- schema.org (JSON-LD and microdata, which extruct's `uniform` output gives the same shape)


def main_node(items: list[Any]) -> Fields:
    """The page's product, else its article, among all nodes (including @graph and mainEntity)."""
    nodes = list(_walk_nodes(items))
    for wanted in (PRODUCT_TYPES, ARTICLE_TYPES):
        for node in nodes:
            if node_types(node) & wanted:
                return node
    return {}


def _walk_nodes(value: Any) -> Any:
    if isinstance(value, list):
        for element in value:
            yield from _walk_nodes(element)
    elif isinstance(value, dict):
        yield value
        yield from _walk_nodes(value.get("@graph", []))
        yield from _walk_nodes(value.get("mainEntity", []))


def node_types(node: Fields) -> set[str]:
    """{"Product"} for "Product", "schema:Product" or "http://schema.org/Product"."""
    types = node.get("@type") or []
    types = types if isinstance(types, list) else [types]
    return {_last_segment(str(t)) for t in types}


def schema_fields(node: Fields) -> Fields:
    if not node:
        return {}
    fields: Fields = {
        "title": _text(node.get("headline") or node.get("name")),
        "body": _body_text(node.get("articleBody") or node.get("description")),
        "images": image_urls(node.get("image")),
        "published_at": _text(node.get("datePublished")),
        "author": schema_author(node.get("author")),
    }
    if node_types(node) & PRODUCT_TYPES:
        fields.update(product=_text(node.get("name")), brand=_name_of(node.get("brand")))
        fields.update(offer_fields(node.get("offers")))
    return fields


def offer_fields(offers: Any) -> Fields:
    """Price, original price, currency, merchant and expiry from an Offer, AggregateOffer or list."""
    offers = [o for o in (offers if isinstance(offers, list) else [offers]) if isinstance(o, dict)]
    offer = next((o for o in offers if _has_price(o)), offers[0] if offers else {})
    if not offer:
        return {}
    specs = offer.get("priceSpecification") or []
    specs = [s for s in (specs if isinstance(specs, list) else [specs]) if isinstance(s, dict)]
    list_specs = [s for s in specs if _last_segment(str(s.get("priceType", ""))) in LIST_PRICE_TYPES]
    sale_specs = [s for s in specs if s not in list_specs]
    is_aggregate = "AggregateOffer" in node_types(offer)
    price = _first_value(offer.get("lowPrice") if is_aggregate else None, offer.get("price"),
                         *(s.get("price") for s in sale_specs))
    original = _first_value(*(s.get("price") for s in list_specs),
                            None if is_aggregate else offer.get("highPrice"))
    return {
        "price": price,
        "original_price": original,
        "currency": _text(offer.get("priceCurrency")) or _first_value(*(s.get("priceCurrency") for s in specs)),
        "merchant": _name_of(offer.get("seller")),
        "expires_at": _text(offer.get("priceValidUntil")),
    }


def _has_price(offer: Fields) -> bool:
    return any(offer.get(key) not in (None, "") for key in ("price", "lowPrice", "priceSpecification"))


def schema_author(author: Any) -> dict[str, str] | None:
    """{"name", "external_id"} from a Person/Organization, a plain name or a list of them."""
    if isinstance(author, list):
        return next((a for a in map(schema_author, author) if a), None)
    if isinstance(author, dict):
        name = _text(author.get("name"))
        external_id = _text(author.get("url") or author.get("@id")) or name
    else:
        name = external_id = _text(author)
    return {"name": name, "external_id": external_id} if external_id else None


def image_urls(value: Any) -> list[str]:
    """URLs from a URL, an ImageObject or a list of either."""
    if isinstance(value, list):
        return [url for element in value for url in image_urls(element)]
    if isinstance(value, dict):
        return image_urls(value.get("url") or value.get("contentUrl"))
    return [value.strip()] if isinstance(value, str) and value.strip() else []


# --- OpenGraph and plain HTML


def opengraph_fields(og: Fields) -> Fields:
    def first(*keys: str) -> Any:
        return _first_value(*(_first(og.get(key)) for key in keys))

    listed_price = first("product:price:amount", "og:price:amount")
    sale_price = first("product:sale_price:amount")
    if sale_price:
        price, original_price = sale_price, listed_price
    else:
        price, original_price = listed_price, first("product:original_price:amount", "og:price:standard_amount")
    is_product = og.get("@type") == "product" or price
    return {
        "title": first("og:title"),
        "body": _body_text(first("og:description")),
        "images": image_urls(og.get("og:image") or og.get("og:image:url") or og.get("og:image:secure_url")),
        "price": price,
        "original_price": original_price,
        "currency": first("product:price:currency", "og:price:currency"),
        "brand": first("product:brand", "og:brand"),
        # On a product page the site is the shop; on an article page it is only the publication.
        "merchant": first("og:site_name") if is_product else None,
        "published_at": first("article:published_time"),
        "author": schema_author(first("article:author")),
    }


def html_fields(tree: HtmlElement) -> Fields:
    def meta(name: str) -> str:
        return _text(next(iter(tree.xpath(f'//meta[@name="{name}"]/@content')), ""))

    return {"title": _text(tree.findtext(".//title")), "body": meta("description"),
            "author": schema_author(meta("author"))}


def absolute_urls(urls: list[str], *, base_url: str) -> list[str]:
    absolute: list[str] = []
    for url in urls:
        joined = urljoin(base_url, url)
        if urlsplit(joined).scheme in ("http", "https") and joined not in absolute:
            absolute.append(joined)
    return absolute[:MAX_IMAGES]


# --- small helpers


def _name_of(value: Any) -> str:
    """A brand / seller given as a name, a {"name": …} node or a list of those."""
    if isinstance(value, list):
        return next((n for n in map(_name_of, value) if n), "")
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _first_value(*values: Any) -> Any:
    return next((v for v in values if v not in (None, "")), None)


def _text(value: Any) -> str:
    """A one-line string (names, titles, dates); "" for anything that is not a scalar."""
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _body_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _last_segment(value: str) -> str:
    return value.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]

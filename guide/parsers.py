"""The API's JSON parser: size and nesting depth are bounded before anything is parsed.

Python's json module recurses once per level of nesting, so 100,000 nested arrays end in a
RecursionError (a 500) after the whole body was read and decoded; and nothing bounded the
size of a JSON body outside the ingest endpoint. Here a body over the view's limit is a 413 and
one nested deeper than MAX_DEPTH a 400, both before json.loads runs. No maintained library
bounds depth for the standard json module (orjson stops at 1,024 levels, a limit of its own
that is not ours to set), hence the small scan below.
"""

import json
import operator
import re
from itertools import accumulate
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

# Our own bodies nest four levels ({"items": [{"author": {…}}]}); 32 leaves partners room.
MAX_DEPTH = 32
# A JSON string, escapes included (the unrolled form: linear, no backtracking).
JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
NOT_A_BRACKET = re.compile(rb"[^\[\]{}]+")
BRACKET_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "请求体过大。"


def json_depth(raw: bytes) -> int:
    """How deeply the arrays and objects of a JSON text nest (brackets inside strings do not count)."""
    brackets = NOT_A_BRACKET.sub(b"", JSON_STRING.sub(b"", raw))
    return max(accumulate(map(BRACKET_STEP.__getitem__, brackets), operator.add), default=0)


def body_limit(view: Any) -> int:
    """A view may declare a smaller (or larger) `max_body_bytes`; the default is Django's own
    DATA_UPLOAD_MAX_MEMORY_SIZE, which fits the largest push batch."""
    return getattr(view, "max_body_bytes", None) or settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class BoundedJSONParser(JSONParser):
    """DRF's JSONParser (strict: no NaN or Infinity) with the size and depth bounds above."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        parser_context = parser_context or {}
        limit = body_limit(parser_context.get("view"))
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise BodyTooLarge(f"请求体过大：最多 {limit:,} 字节。")
        if json_depth(raw) > MAX_DEPTH:
            raise ParseError(f"JSON 嵌套过深：最多 {MAX_DEPTH} 层。")
        try:
            text = raw.decode(parser_context.get("encoding", settings.DEFAULT_CHARSET))
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"JSON 解析失败：{exc}") from exc


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} 不是有效的 JSON 数值")

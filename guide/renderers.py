"""The API's JSON renderer: DRF's, except that text which is not Unicode never makes a 500.

Answers echo a little of what was sent (an ingest result names its item's external_id). A lone
surrogate (JSON "\\udc80") cannot be encoded as UTF-8, so DRF's renderer, which writes
characters as they are, would fail after the work was done; such an answer is written with
every non-ASCII character escaped instead, which is the same JSON to any client."""

from typing import Any

from rest_framework.renderers import JSONRenderer


class SafeJSONRenderer(JSONRenderer):
    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            return AsciiJSONRenderer().render(data, accepted_media_type, renderer_context)


class AsciiJSONRenderer(JSONRenderer):
    ensure_ascii = True

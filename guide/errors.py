"""The one error shape of the API: {"error": {"code", "message", "fields"?}}."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

MESSAGES = {
    "parse_error": "请求体不是有效的 JSON。",
    "invalid": "请求参数有误。",
    "not_authenticated": "需要有效的 API 密钥或登录。",
    "authentication_failed": "身份验证失败。",
    "permission_denied": "没有权限执行此操作。",
    "not_found": "资源不存在。",
    "method_not_allowed": "不支持该请求方法。",
    "unsupported_media_type": "不支持的内容类型，请使用 application/json。",
    "throttled": "请求过于频繁，请稍后再试。",
    "too_large": "请求体过大。",
}


def error_body(code: str, message: str, fields: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def error_response(http_status: int, code: str, message: str, fields: Any = None) -> Response:
    return Response(error_body(code, message, fields), status=http_status)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Django's own (get_object_or_404, PermissionDenied) answer with our codes, not "error".
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body("invalid", MESSAGES["invalid"], fields)
        return response
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if not isinstance(code, str):
        code = "error"
    detail = str(getattr(exc, "detail", ""))
    # Our own messages are kept; DRF's English defaults give way to the Chinese ones above.
    is_default = detail == str(getattr(exc, "default_detail", ""))
    message = (MESSAGES.get(code) if is_default else detail) or detail or "请求失败。"
    if code in ("parse_error", "throttled") and not is_default:
        message = f"{MESSAGES[code]}（{detail}）"
    response.data = error_body(code, message)
    return response


def json_error(http_status: int, code: str, message: str) -> JsonResponse:
    """For plain Django views (404/500 handlers under /api/, /healthz)."""
    return JsonResponse(error_body(code, message), status=http_status, json_dumps_params={"ensure_ascii": False})



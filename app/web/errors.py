"""Turns every exception into the contract's one JSON error shape, in the caller's language."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import AppError
from app.i18n import Language, pick_language, translate
from app.web.methods import WEB_APP_METHODS, allow_header, allowed_methods, is_api_path

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_attempts",
}


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorOut(BaseModel):
    error: ErrorBody


def error_json(
    # Positional-only, so that a message parameter may itself be called "code" (or "status").
    status: int, code: str, language: Language, /, *, details: Any = None,
    message_code: str | None = None, headers: dict[str, str] | None = None, **params: Any,
) -> JSONResponse:
    body = {
        "error": {
            "code": code,
            "message": translate(message_code or code, language, **params),
            "details": jsonable_encoder(details),
        }
    }
    return JSONResponse(body, status_code=status, headers=headers)


def error_response(exc: AppError, language: Language) -> JSONResponse:
    details = exc.details
    if isinstance(details, list):
        details = [_translate_detail(item, language) for item in details]
    return error_json(exc.status, exc.code, language, details=details,
                      message_code=exc.message_code, headers=exc.headers, **exc.params)


def _translate_detail(item: Any, language: Language) -> Any:
    """Row-level details may carry a message code and parameters instead of a text: the
    client gets the text in its language, and the code and parameters to act on."""
    if isinstance(item, dict) and "message_code" in item:
        item = dict(item)
        code = item.pop("message_code")
        params = item.get("params", {})
        item.update(code=code, params=params, message=translate(code, language, **params))
    return item


def _language(request: Request) -> Language:
    return pick_language(request.headers.get("accept-language"))


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ())]
        details.append({"field": ".".join(location), "message": error.get("msg", ""),
                        "type": error.get("type", "")})
    return details


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return error_response(exc, _language(request))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        # A body that is not JSON at all is malformed (400), not invalid content (422).
        if any(d["type"] == "json_invalid" for d in details):
            return error_json(400, "bad_request", _language(request), details=details)
        return error_json(422, "validation_error", _language(request), details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "bad_request")
        headers = getattr(exc, "headers", None)
        status = exc.status_code
        if status == 405:
            allowed = allowed_methods(request.app, request.url.path)
            if not allowed and is_api_path(request.url.path):
                # only the web app's catch-all matched (/api/v1/meetings/abc, say): no such path
                status, code, headers = 404, "not_found", None
            else:
                headers = {**(headers or {}), "Allow": allow_header(allowed or WEB_APP_METHODS)}
        return error_json(status, code, _language(request), headers=headers)

"""The exception tree every layer raises, and its one JSON shape on the wire.

    AppError                    {"error": {"code", "message", "details"}}
      BadRequest          400
      NotAuthenticated    401
      Forbidden           403
      NotFound            404
      Conflict            409
      PayloadTooLarge     413
      UnsupportedMedia    415
      Invalid             422
      TooManyAttempts     429

`code` is a stable machine name; `message` is looked up in app.i18n in the caller's language.
"""

from __future__ import annotations

from typing import Any, ClassVar


class AppError(Exception):
    status: ClassVar[int] = 400
    default_code: ClassVar[str] = "bad_request"

    def __init__(
        self,
        code: str | None = None,
        /,
        *,
        details: Any = None,
        message_code: str | None = None,
        headers: dict[str, str] | None = None,
        **params: Any,
    ) -> None:
        self.code = code or self.default_code
        self.message_code = message_code or self.code
        self.details = details
        self.params = params
        self.headers = headers
        super().__init__(self.code)


class BadRequest(AppError):
    status = 400
    default_code = "bad_request"


class NotAuthenticated(AppError):
    status = 401
    default_code = "not_authenticated"


class Forbidden(AppError):
    status = 403
    default_code = "forbidden"


class NotFound(AppError):
    status = 404
    default_code = "not_found"


class Conflict(AppError):
    status = 409
    default_code = "conflict"


class PayloadTooLarge(AppError):
    status = 413
    default_code = "too_large"


class UnsupportedMedia(AppError):
    status = 415
    default_code = "unsupported_media_type"


class Invalid(AppError):
    status = 422
    default_code = "validation_error"


class TooManyAttempts(AppError):
    status = 429
    default_code = "too_many_attempts"

"""Structured logs: one JSON object per line on standard error."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


_TOKEN_IN_QUERY = re.compile(r"(token=)[^&\s\"']+", re.IGNORECASE)


class RedactTokens(logging.Filter):
    """uvicorn logs websocket paths with their query string, where tablets pass ?token=…"""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "token=" in message.lower():
            record.msg, record.args = _TOKEN_IN_QUERY.sub(r"\1[redacted]", message), None
        return True


class DropConnectionChatter(logging.Filter):
    """uvicorn's "connection open" / "connection closed" for each websocket say less than the
    access log's line for it (path, user, duration) and cost a line each per tablet."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg not in ("connection open", "connection closed")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # We log each request ourselves (without query strings, which may carry tokens).
    logging.getLogger("uvicorn.access").disabled = True
    # Alembic announces each of its plugins at start-up; the migrations it runs still show.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.error").addFilter(DropConnectionChatter())

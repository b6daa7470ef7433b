"""Which methods a path answers to, across every operation that shares it.

Starlette answers 405 from the first route whose path matches, naming only that route's methods in
`Allow`, and the web app's catch-all (GET /{path}) would answer 404 to GET on a POST-only API path.
Both must name every method the path has (RFC 9110 §15.5.6), exactly as the OpenAPI schema
declares them — the schema is the API's surface, so it is read from there."""

from __future__ import annotations

import re
from typing import Any

_PARAMETER = re.compile(r"\{(\w+)\}")
_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _part(name: str) -> str:
    if name.endswith("_id"):
        return "[0-9]+"  # every id in a path is an integer (the routes say {…_id:int})
    return ".+" if name == "relative" else "[^/]+"  # /files/{relative:path}


def _pattern(template: str) -> re.Pattern[str]:
    pieces = _PARAMETER.split(template)  # text, name, text, name, …, text
    regex = "".join(_part(piece) if odd else re.escape(piece)
                    for odd, piece in ((i % 2 == 1, p) for i, p in enumerate(pieces)))
    return re.compile(f"^{regex}$")


class MethodTable:
    def __init__(self, openapi: dict[str, Any]) -> None:
        self.entries = [(_pattern(path), {m.upper() for m in operations if m in _METHODS})
                        for path, operations in openapi.get("paths", {}).items()]

    def allowed(self, path: str) -> set[str]:
        found: set[str] = set()
        for pattern, methods in self.entries:
            if pattern.match(path):
                found |= methods
        return found


def allowed_methods(app: Any, path: str) -> set[str]:
    schema = app.openapi()
    table = getattr(app.state, "method_table", None)
    if table is None or table[0] is not schema:  # the schema is rebuilt when routes change
        table = (schema, MethodTable(schema))
        app.state.method_table = table
    return table[1].allowed(path)


WEB_APP_METHODS = {"GET", "HEAD"}  # every other path is the web app's


API_PREFIXES = ("/api", "/oparl")


def is_api_path(path: str) -> bool:
    """Paths of the JSON APIs (ours and OParl): never answered by the web app's pages."""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in API_PREFIXES)


def allow_header(methods: set[str]) -> str:
    return ", ".join(sorted(methods))

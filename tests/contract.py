"""Checks of the public contract shared by many tests."""

from __future__ import annotations


def assert_error(response, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """The contract's one error shape: {"error": {"code", "message", "details"}}, JSON, no HTML."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.text
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def fill_placeholders(value, names: dict):  # type: ignore[no-untyped-def]
    """An authorisation matrix's request with its placeholders replaced: "{x}" alone becomes
    names["x"] itself (an id, a list), "{x}" inside a path is formatted in; dicts and lists are
    filled item by item."""
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in names:
            return names[value[1:-1]]
        return value.format(**names)
    if isinstance(value, dict):
        return {key: fill_placeholders(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [fill_placeholders(item, names) for item in value]
    return value

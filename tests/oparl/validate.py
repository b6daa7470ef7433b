"""Checks an OParl object against the OParl 1.1.1 JSON schemas in ../shared, embedded objects
included (the schemas name an embedded object's schema in a `schema` key), and the rules the
schemas cannot say: `created`/`modified` everywhere, no null, "" or [] for an optional field."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from typing import Any

import jsonschema

from tests.shared_data import shared_path

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("url")
def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://")) and " " not in value


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    return isinstance(value, str) and len(value) == 10 and bool(date.fromisoformat(value))


@cache
def schema(name: str) -> dict[str, Any]:
    path = shared_path("standards", "oparl-1.1.1", "schema", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def type_name(obj: dict[str, Any]) -> str:
    return str(obj["type"]).rsplit("/", 1)[-1]


def check(obj: dict[str, Any], *, embedded: bool = False) -> list[dict[str, Any]]:
    """Raises on the first fault; returns the embedded objects found (checked too)."""
    name = type_name(obj)
    definition = schema(name)
    if obj.get("deleted"):
        # A tombstone carries only these five (OParl 1.1 §2.8): the others' `required` is moot.
        definition = {**definition, "required": ["id", "type", "created", "modified", "deleted"]}
    jsonschema.Draft7Validator(definition, format_checker=FORMATS).validate(obj)
    if obj.get("deleted"):
        assert set(obj) == {"id", "type", "created", "modified", "deleted"}, obj
        return []
    assert "created" in obj and "modified" in obj, f"{name} {obj['id']} lacks created/modified"
    assert datetime.fromisoformat(obj["created"]) <= datetime.fromisoformat(obj["modified"])
    required = set(definition.get("required", []))
    found = []
    for key, value in obj.items():
        if key not in required:
            assert value not in (None, "", [], {}), f"{name}.{key} is empty in {obj['id']}"
        spec = definition["properties"].get(key, {})
        # A `schema` also names what a list URL holds: only objects are embedded.
        inner = spec.get("schema") if spec.get("type") == "object" else (
            spec.get("items", {}).get("schema") if spec.get("type") == "array"
            and spec.get("items", {}).get("type") == "object" else None)
        if inner:
            for child in value if isinstance(value, list) else [value]:
                assert type_name(child) == inner.removesuffix(".json"), (key, child)
                found.append(child)
                found += check(child, embedded=True)
    return found

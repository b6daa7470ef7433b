"""OParl object kinds and their URLs. Objects are built and stored with paths ("/oparl/v1/…");
the server's public address is put in front when they are served, so ids stay canonical when
`KYHOP_PUBLIC_URL` is set whatever address a client used."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

PREFIX: Final = "/oparl/v1"
SCHEMA: Final = "https://schema.oparl.org/1.1/"


@dataclass(frozen=True)
class Kind:
    name: str  # the OParl type, e.g. "Meeting"
    segment: str  # the object's path: /oparl/v1/{segment}/{key}
    body_list: str  # the body's list of them: /oparl/v1/bodies/{id}/{body_list}

    @property
    def type(self) -> str:
        return SCHEMA + self.name

    def path(self, key: object) -> str:
        return f"{PREFIX}/{self.segment}/{key}"


BODY = Kind("Body", "bodies", "")
ORGANIZATION = Kind("Organization", "organizations", "organizations")
PERSON = Kind("Person", "persons", "persons")
MEMBERSHIP = Kind("Membership", "memberships", "memberships")
LEGISLATIVE_TERM = Kind("LegislativeTerm", "legislative-terms", "legislative-terms")
MEETING = Kind("Meeting", "meetings", "meetings")
AGENDA_ITEM = Kind("AgendaItem", "agenda-items", "agenda-items")
PAPER = Kind("Paper", "papers", "papers")
CONSULTATION = Kind("Consultation", "consultations", "consultations")
FILE = Kind("File", "files", "files")
LOCATION = Kind("Location", "locations", "locations")

KINDS: Final = (BODY, ORGANIZATION, PERSON, MEMBERSHIP, LEGISLATIVE_TERM, MEETING, AGENDA_ITEM,
                PAPER, CONSULTATION, FILE, LOCATION)
BY_SEGMENT: Final = {kind.segment: kind for kind in KINDS}
BY_BODY_LIST: Final = {kind.body_list: kind for kind in KINDS if kind.body_list}
BY_NAME: Final = {kind.name: kind for kind in KINDS}

SYSTEM_PATH: Final = f"{PREFIX}/system"
BODIES_PATH: Final = f"{PREFIX}/bodies"


def body_list_path(council_id: int, kind: Kind) -> str:
    return f"{BODY.path(council_id)}/{kind.body_list}"


def access_path(file_key: object) -> str:
    return f"{FILE.path(file_key)}/access"


def download_path(file_key: object) -> str:
    return f"{FILE.path(file_key)}/download"


# The fields that hold links (OParl 1.1 schemas, format "url"); no user text is ever among them.
LINK_FIELDS: Final = frozenset({
    "id", "system", "body", "organization", "person", "meeting", "paper", "agendaItem",
    "consultation", "file", "locationList", "legislativeTermList", "membership", "accessUrl",
    "downloadUrl", "participant", "subOrganizationOf", "onBehalfOf", "location", "meetings",
    "papers", "persons", "organizations", "bodies", "relatedPaper", "originatorOrganization",
    "first", "next", "prev", "last", "voter_id", "web",
    "kyhop:parentBody", "kyhop:predecessorBodies", "kyhop:successorBodies",
})


# Links are stored marked and without the server's address: the address is put in when an
# answer is written, by one replace over the JSON text (no parsing per request). JSON writes the
# mark as "\u0000", which no link of ours and no user text that reached the database holds.
LINK_MARK: Final = "\x00"
_MARKED_JSON: Final = '"\\u0000' + PREFIX + "/"


def _marked(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(PREFIX + "/"):
        return LINK_MARK + value
    if isinstance(value, list):
        return [_marked(item) for item in value]
    return mark_links(value)


def mark_links(value: Any) -> Any:
    """`value` with the mark before each path of this API in its link fields."""
    if isinstance(value, dict):
        return {key: _marked(item) if key in LINK_FIELDS else mark_links(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [mark_links(item) for item in value]
    return value


def with_base(json_text: str, base: str) -> str:
    """The JSON text of marked objects with `base` (https://host) before each link."""
    escaped = json.dumps(base, ensure_ascii=False)[1:-1]  # a Host header is client input
    return json_text.replace(_MARKED_JSON, '"' + escaped + PREFIX + "/")

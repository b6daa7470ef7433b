"""All tables, one module per aggregate, re-exported so Alembic sees every one."""

from app.models.accounts import AuthToken, LoginFailure, User
from app.models.attendance import ATTENDANCE_STATUSES, Attendance
from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.councils import COUNCIL_LEVELS, ROLES, Committee, Council, Membership, Term
from app.models.documents import (
    DOCUMENT_KINDS,
    Annotation,
    Document,
    DocumentPage,
    DocumentVersion,
)
from app.models.idempotency import IdempotentResult
from app.models.meetings import (
    AgendaItem,
    Meeting,
    MeetingEvent,
    MeetingGuest,
    Sitting,
)
from app.models.voting import POLL_PRESETS, POLL_STATES, Poll, PollChoice, PollOption, PollVoter

__all__ = [
    "ATTENDANCE_STATUSES",
    "Attendance",
    "Annotation",
    "DOCUMENT_KINDS",
    "Document",
    "DocumentPage",
    "DocumentVersion",
    "IdempotentResult",
    "AgendaItem",
    "Meeting",
    "MeetingEvent",
    "MeetingGuest",
    "Sitting",
    "POLL_PRESETS",
    "POLL_STATES",
    "Poll",
    "PollChoice",
    "PollOption",
    "PollVoter",
    "AuditEntry",
    "AuthToken",
    "Base",
    "COUNCIL_LEVELS",
    "Committee",
    "Council",
    "LoginFailure",
    "Membership",
    "ROLES",
    "Term",
    "User",
]

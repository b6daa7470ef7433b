"""All tables, one module per aggregate, re-exported so Alembic sees every one."""

from app.models.accounts import AuthToken, LoginFailure, User
from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.councils import COUNCIL_LEVELS, ROLES, Committee, Council, Membership, Term

__all__ = [
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

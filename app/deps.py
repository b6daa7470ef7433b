"""Request-level dependencies that know no domain: unit of work, language, client address."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from app.db import Database, UnitOfWork
from app.i18n import Language, pick_language

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_uow(request: Request) -> AsyncIterator[UnitOfWork]:
    """One transaction per request, committed after the endpoint returns, before the response."""
    db: Database = request.app.state.db
    async with db.unit_of_work(write=request.method not in SAFE_METHODS) as uow:
        yield uow


def get_language(request: Request) -> Language:
    return pick_language(request.headers.get("accept-language"))


def get_client_address(request: Request) -> str:
    return request.client.host if request.client else ""


DatabaseDep = Annotated[Database, Depends(get_database)]
UowDep = Annotated[UnitOfWork, Depends(get_uow, scope="function")]
LanguageDep = Annotated[Language, Depends(get_language)]
ClientAddress = Annotated[str, Depends(get_client_address)]

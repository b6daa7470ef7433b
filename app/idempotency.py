"""Idempotency-Key: the same key from the same user on the same endpoint gets the first answer
again and changes nothing more. The answer is saved in the transaction that made the change."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Invalid
from app.kit.time import utcnow
from app.models import IdempotentResult

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


def scope_of(request: Request) -> str:
    return f"{request.method} {request.url.path}"[:300]


async def replay(
    session: AsyncSession, *, user_id: int, key: str | None, scope: str
) -> Response | None:
    if key is None:
        return None
    if not key.strip():
        raise Invalid(details=[{"field": "Idempotency-Key", "message": "empty"}])
    stored = await session.scalar(select(IdempotentResult).where(
        IdempotentResult.user_id == user_id, IdempotentResult.key == key,
        IdempotentResult.scope == scope))
    if stored is None:
        return None
    return Response(content=stored.body, status_code=stored.status,
                    media_type="application/json", headers={"Idempotent-Replayed": "true"})


async def remember(
    session: AsyncSession, *, user_id: int, key: str | None, scope: str, status: int, body: str
) -> None:
    if key is None:
        return
    session.add(IdempotentResult(user_id=user_id, key=key, scope=scope, status=status, body=body,
                                 created_at=utcnow()))
    await session.flush()

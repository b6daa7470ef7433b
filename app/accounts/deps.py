"""Who is calling: `CurrentUser` for any logged-in user, `AdminUser` for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.accounts import service
from app.accounts.service import Principal
from app.deps import SAFE_METHODS, ClientAddress, UowDep
from app.errors import Forbidden, NotAuthenticated
from app.kit.time import utcnow


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


async def get_principal(request: Request, uow: UowDep, address: ClientAddress) -> Principal:
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated(headers={"WWW-Authenticate": "Bearer"})
    try:
        user, device = await service.authenticate(uow.session, token=token)
    except NotAuthenticated:
        # Every 401 names the scheme (RFC 9110), also for an unknown, expired or revoked token.
        raise NotAuthenticated(headers={"WWW-Authenticate": "Bearer"}) from None
    if service.needs_touch(device, utcnow()):
        if request.method in SAFE_METHODS:
            # A read-only request has no write transaction of its own; use a short one.
            async with request.app.state.db.unit_of_work() as touch_uow:
                await service.touch(touch_uow.session, token_id=device.id)
        else:
            await service.touch(uow.session, token_id=device.id)
    request.state.user_id = user.id
    return Principal(user=user, token_id=device.id, address=address)


async def get_admin(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if not principal.user.is_admin:
        raise Forbidden()
    return principal


CurrentUser = Annotated[Principal, Depends(get_principal)]
AdminUser = Annotated[Principal, Depends(get_admin)]


async def get_principal_outside_request_transaction(
    request: Request, address: ClientAddress
) -> Principal:
    """For streaming uploads: authenticate in a short transaction of its own, so that no
    database lock is held while a large body arrives."""
    async with request.app.state.db.unit_of_work() as uow:
        return await get_principal(request, uow, address)


StreamingUser = Annotated[Principal, Depends(get_principal_outside_request_transaction)]

"""Who is calling: `CurrentUser` for any logged-in user, `AdminUser` for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.accounts import service
from app.accounts.service import Principal
from app.db import UnitOfWork
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
    return await authenticate_request(request, uow, address,
                                      uow_writes=request.method not in SAFE_METHODS)


async def authenticate_request(request: Request, uow: UnitOfWork, address: str, *,
                               uow_writes: bool) -> Principal:
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated(headers={"WWW-Authenticate": "Bearer"})
    try:
        user, device = await service.authenticate(
            uow.session, token=token,
            rules=service.SessionRules.from_settings(request.app.state.settings))
    except NotAuthenticated:
        # Every 401 names the scheme (RFC 9110), also for an unknown, expired or revoked token.
        raise NotAuthenticated(headers={"WWW-Authenticate": "Bearer"}) from None
    if service.needs_touch(device, utcnow()):
        if not uow_writes:
            # A read-only transaction cannot record the use; a short write one does.
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


async def get_optional_principal(request: Request, uow: UowDep, address: ClientAddress) -> Principal | None:
    """For what the public may read too: no token, no principal; a token must be good."""
    if bearer_token(request) is None:
        return None
    return await get_principal(request, uow, address)


CurrentUser = Annotated[Principal, Depends(get_principal)]
MaybeUser = Annotated[Principal | None, Depends(get_optional_principal)]
AdminUser = Annotated[Principal, Depends(get_admin)]


async def get_principal_outside_request_transaction(
    request: Request, address: ClientAddress
) -> Principal:
    """Authenticate in a short read transaction of its own, for endpoints that run their own
    transactions: uploads (no database lock while a large body arrives) and ballots (the write
    transaction holds only the ballot)."""
    async with request.app.state.db.unit_of_work(write=False) as uow:
        return await authenticate_request(request, uow, address, uow_writes=False)


OwnTransactionUser = Annotated[Principal, Depends(get_principal_outside_request_transaction)]

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts import service
from app.accounts.deps import AdminUser, CurrentUser
from app.accounts.schemas import (
    DeviceList,
    DeviceOut,
    LoginIn,
    LoginOut,
    MembershipBrief,
    MeOut,
    Page,
    PasswordChange,
    UserCreate,
    UserList,
    UserOut,
    UserUpdate,
)
from app.accounts.throttle import LoginThrottle
from app.deps import ClientAddress, LanguageDep, UowDep
from app.errors import NotAuthenticated
from app.kit.schemas import Id
from app.models import User
from app.web.errors import ErrorOut, error_response

router = APIRouter(prefix="/api/v1", tags=["accounts"])


async def _me(session: AsyncSession, user: User) -> MeOut:
    memberships = await service.memberships_of(session, user_id=user.id)
    return MeOut(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        is_admin=user.is_admin,
        memberships=[
            MembershipBrief(council_id=m.council_id, council_name=name, role=m.role,
                            voting_right=m.voting_right)
            for m, name in memberships
        ],
    )


@router.post("/auth/login", response_model=LoginOut,
             responses={401: {"model": ErrorOut}, 429: {"model": ErrorOut}})
async def login(
    body: LoginIn, request: Request, uow: UowDep, address: ClientAddress, language: LanguageDep
) -> LoginOut | JSONResponse:
    settings = request.app.state.settings
    throttle = LoginThrottle(settings)
    await throttle.check(uow.session, username=body.username, address=address)
    try:
        token, device, user = await service.login(
            uow.session,
            username=body.username,
            password=body.password,
            device_name=body.device_name,
            user_agent=request.headers.get("user-agent", ""),
            address=address,
            ttl=service.SessionRules.from_settings(settings).lifetime,
        )
    except NotAuthenticated as exc:
        # Answer without raising so that the recorded failure is committed.
        await throttle.failed(uow.session, username=body.username, address=address)
        return error_response(exc, language)
    await throttle.succeeded(uow.session, username=body.username)
    return LoginOut(token=token, expires_at=device.expires_at, user=await _me(uow.session, user))


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(principal: CurrentUser, uow: UowDep) -> Response:
    await service.revoke_device(uow.session, actor=principal.actor, user_id=principal.user.id,
                                token_id=principal.token_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=MeOut)
async def me(principal: CurrentUser, uow: UowDep) -> MeOut:
    return await _me(uow.session, principal.user)


@router.post("/me/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(body: PasswordChange, principal: CurrentUser, uow: UowDep) -> Response:
    await service.change_password(uow.session, principal=principal,
                                  current_password=body.current_password,
                                  new_password=body.new_password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me/devices", response_model=DeviceList)
async def my_devices(principal: CurrentUser, uow: UowDep) -> DeviceList:
    devices = await service.list_devices(uow.session, user_id=principal.user.id)
    return DeviceList(items=[
        DeviceOut.model_validate(d).model_copy(update={"current": d.id == principal.token_id})
        for d in devices
    ])


@router.delete("/me/devices/{device_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_my_device(device_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    await service.revoke_device(uow.session, actor=principal.actor, user_id=principal.user.id,
                                token_id=device_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
async def create_user(body: UserCreate, admin: AdminUser, uow: UowDep) -> User:
    return await service.create_user(uow.session, actor=admin.actor, username=body.username,
                                     full_name=body.full_name, password=body.password,
                                     is_admin=body.is_admin, email=body.email)


@router.get("/users", response_model=UserList)
async def list_users(admin: AdminUser, uow: UowDep, page: Page = Depends()) -> UserList:
    users = await service.list_users(uow.session, limit=page.limit, offset=page.offset)
    return UserList(items=[UserOut.model_validate(u) for u in users])


@router.get("/users/{user_id:int}", response_model=UserOut)
async def get_user(user_id: Id, admin: AdminUser, uow: UowDep) -> User:
    return await service.get_user(uow.session, user_id=user_id)


@router.patch("/users/{user_id:int}", response_model=UserOut)
async def update_user(user_id: Id, body: UserUpdate, admin: AdminUser, uow: UowDep) -> User:
    return await service.update_user(uow.session, actor=admin.actor, user_id=user_id,
                                     **body.model_dump(exclude_unset=True))


@router.get("/users/{user_id:int}/devices", response_model=DeviceList)
async def user_devices(user_id: Id, admin: AdminUser, uow: UowDep) -> DeviceList:
    await service.get_user(uow.session, user_id=user_id)
    devices = await service.list_devices(uow.session, user_id=user_id)
    return DeviceList(items=[DeviceOut.model_validate(d) for d in devices])


@router.delete("/users/{user_id:int}/devices/{device_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_user_device(user_id: Id, device_id: Id, admin: AdminUser, uow: UowDep) -> Response:
    await service.revoke_device(uow.session, actor=admin.actor, user_id=user_id, token_id=device_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

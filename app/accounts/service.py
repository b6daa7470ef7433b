"""Users, logins and devices. Services flush; the request's unit of work commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.passwords import hash_password, verify_password
from app.accounts.tokens import new_token, token_digest
from app.audit.service import Actor, record
from app.config import Settings
from app.errors import Conflict, Forbidden, NotAuthenticated, NotFound
from app.kit.collation import by_name
from app.kit.time import utcnow
from app.models import AuthToken, Council, Membership, User

# Writing last_used_at on every request would turn reads into writes; once a minute is enough,
# and fine enough for an idle timeout of minutes (a login may end up to a minute early, never late).
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionRules:
    """How long a login lasts: from the login (absolute), and since its last use (idle)."""

    lifetime: timedelta
    idle: timedelta | None  # None: no idle limit

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionRules:
        idle = settings.token_idle_minutes
        return cls(lifetime=timedelta(hours=settings.token_ttl_hours),
                   idle=timedelta(minutes=idle) if idle else None)

    def allows(self, device: AuthToken, user: User, now: datetime, *, in_use: bool = False) -> bool:
        """Whether a token still stands for its user at `now`. A token `in_use` (an open live
        channel) cannot be idle; it still ends when revoked, expired or its user deactivated."""
        return (device.revoked_at is None and device.expires_at > now and user.is_active
                and (in_use or self.idle is None or now - device.last_used_at < self.idle))


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of one request."""

    user: User
    token_id: int
    address: str

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user.id, name=self.user.username, address=self.address)


async def create_user(
    session: AsyncSession,
    *,
    actor: Actor,
    username: str,
    full_name: str,
    password: str,
    is_admin: bool = False,
    email: str = "",
) -> User:
    if await session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict("username_taken", username=username)
    user = User(
        username=username,
        full_name=full_name,
        password_hash=await hash_password(password),
        is_admin=is_admin,
        is_active=True,
        email=email,
    )
    session.add(user)
    await session.flush()
    await record(session, actor=actor, action="user.create", target_type="user",
                 target_id=user.id, details={"username": username, "is_admin": is_admin})
    return user


async def update_user(
    session: AsyncSession,
    *,
    actor: Actor,
    user_id: int,
    full_name: str | None = None,
    password: str | None = None,
    is_active: bool | None = None,
    is_admin: bool | None = None,
    email: str | None = None,
) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound()
    changed: dict[str, object] = {}
    if full_name is not None and full_name != user.full_name:
        user.full_name = changed["full_name"] = full_name
    if is_active is not None and is_active != user.is_active:
        user.is_active = changed["is_active"] = is_active
    if is_admin is not None and is_admin != user.is_admin:
        user.is_admin = changed["is_admin"] = is_admin
    if email is not None and email != user.email:
        user.email = changed["email"] = email
    if password is not None:
        user.password_hash = await hash_password(password)
        changed["password"] = "reset"  # noqa: S105 - the audit says it changed, never the value
    if is_active is False or password is not None:
        await _revoke_all(session, user_id=user.id)
    await session.flush()
    if changed:
        await record(session, actor=actor, action="user.update", target_type="user",
                     target_id=user.id, details=changed)
    return user


async def login(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    device_name: str,
    user_agent: str,
    address: str,
    ttl: timedelta,
) -> tuple[str, AuthToken, User]:
    """Checks the password and opens a device token. Raises NotAuthenticated when wrong."""
    user = await session.scalar(select(User).where(User.username == username))
    valid = await verify_password(user.password_hash if user else None, password)
    if user is None or not valid or not user.is_active:
        raise NotAuthenticated("invalid_credentials")
    token = new_token()
    now = utcnow()
    device = AuthToken(
        user_id=user.id,
        token_hash=token_digest(token),
        device_name=device_name or _guess_device(user_agent),
        user_agent=user_agent[:500],
        address=address[:64],
        last_used_at=now,
        expires_at=now + ttl,
    )
    session.add(device)
    await session.flush()
    await record(session, actor=Actor(user.id, user.username, address), action="auth.login",
                 target_type="device", target_id=device.id, details={"device": device.device_name})
    return token, device, user


def _guess_device(user_agent: str) -> str:
    for marker, name in (("iPad", "iPad"), ("Android", "Android"), ("iPhone", "iPhone"),
                         ("Windows", "Windows"), ("Macintosh", "Mac"), ("Linux", "Linux")):
        if marker in user_agent:
            return name
    return user_agent[:60] or "?"


def token_lookup(token: str) -> Select[AuthToken, User]:
    """The token row and its user, as `authenticate` reads them; a caller may join more."""
    return (select(AuthToken, User)
            .join(User, User.id == AuthToken.user_id)
            .where(AuthToken.token_hash == token_digest(token)))


def allowed(device: AuthToken | None, user: User | None, rules: SessionRules) -> tuple[User, AuthToken]:
    """The user and token `token_lookup` found, if there were any and `rules` still allow them."""
    if device is None or user is None or not rules.allows(device, user, utcnow()):
        raise NotAuthenticated()
    return user, device


async def authenticate(session: AsyncSession, *, token: str,
                       rules: SessionRules) -> tuple[User, AuthToken]:
    """The user behind a bearer token, if the token is known and `rules` still allow it."""
    row = (await session.execute(token_lookup(token))).first()
    device, user = row if row is not None else (None, None)
    return allowed(device, user, rules)


def needs_touch(device: AuthToken, now: datetime) -> bool:
    return now - device.last_used_at >= LAST_USED_RESOLUTION


async def touch(session: AsyncSession, *, token_id: int) -> None:
    await session.execute(
        update(AuthToken).where(AuthToken.id == token_id).values(last_used_at=utcnow())
    )


async def revoke_device(
    session: AsyncSession, *, actor: Actor, user_id: int, token_id: int
) -> None:
    device = await session.scalar(
        select(AuthToken).where(AuthToken.id == token_id, AuthToken.user_id == user_id,
                                AuthToken.revoked_at.is_(None))
    )
    if device is None:
        raise NotFound("token_not_found")
    device.revoked_at = utcnow()
    await session.flush()
    await record(session, actor=actor, action="auth.revoke", target_type="device",
                 target_id=device.id, details={"user_id": user_id})


async def list_devices(session: AsyncSession, *, user_id: int) -> list[AuthToken]:
    return list(
        await session.scalars(
            select(AuthToken)
            .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None),
                   AuthToken.expires_at > utcnow())
            .order_by(AuthToken.last_used_at.desc())
        )
    )


async def _revoke_all(session: AsyncSession, *, user_id: int) -> None:
    await session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def change_password(
    session: AsyncSession, *, principal: Principal, current_password: str, new_password: str
) -> None:
    user = principal.user
    if not await verify_password(user.password_hash, current_password):
        raise Forbidden("wrong_password")
    user.password_hash = await hash_password(new_password)
    # Every other device has to log in again; this one stays.
    await session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user.id, AuthToken.id != principal.token_id,
               AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    await session.flush()
    await record(session, actor=principal.actor, action="user.password", target_type="user",
                 target_id=user.id)


async def memberships_of(session: AsyncSession, *, user_id: int) -> list[tuple[Membership, str]]:
    rows = await session.execute(
        select(Membership, Council.name)
        .join(Council, Council.id == Membership.council_id)
        .where(Membership.user_id == user_id)
        .order_by(Council.id)
    )
    return [(membership, name) for membership, name in rows.all()]


async def list_users(session: AsyncSession, *, limit: int, offset: int) -> list[User]:
    """A page of accounts in Vietnamese name order (names are short: ordering them all is cheap)."""
    names = (await session.execute(select(User.id, User.full_name))).all()
    page = [user_id for user_id, _ in by_name(names, name=lambda row: row[1],
                                              tie=lambda row: row[0])][offset:offset + limit]
    users = {user.id: user for user in await session.scalars(select(User).where(User.id.in_(page)))}
    return [users[user_id] for user_id in page]


async def get_user(session: AsyncSession, *, user_id: int) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


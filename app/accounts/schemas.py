from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from app.kit.schemas import MAX_ID, STRICT_INPUT, NoNul

# pydantic checks the pattern before lower-casing, so the pattern admits capitals too.
Username = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True,
                      pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$"),
]
Password = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSWORD_LENGTH)]
# Only new passwords are held to the minimum: an older, shorter one still logs in.
NewPassword = Annotated[str, StringConstraints(min_length=MIN_PASSWORD_LENGTH,
                                               max_length=MAX_PASSWORD_LENGTH)]
FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                     NoNul]
# Where the daily digest goes; empty: nowhere. Checked for shape only: delivery is the proof.
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254,
                                         pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class LoginIn(BaseModel):
    username: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=64),
                        NoNul]
    password: Password
    device_name: Annotated[str, StringConstraints(max_length=200), NoNul] = ""


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    full_name: str
    is_admin: bool
    is_active: bool
    email: str


class MembershipBrief(BaseModel):
    council_id: int
    council_name: str
    role: str
    voting_right: bool


class MeOut(BaseModel):
    id: int
    username: str
    full_name: str
    is_admin: bool
    memberships: list[MembershipBrief]


class LoginOut(BaseModel):
    token: str
    expires_at: datetime
    user: MeOut


class UserCreate(BaseModel):
    model_config = STRICT_INPUT

    username: Username
    full_name: FullName
    password: NewPassword
    is_admin: bool = False
    email: Email = ""


class UserUpdate(BaseModel):
    model_config = STRICT_INPUT

    full_name: FullName | None = None
    password: NewPassword | None = None
    is_active: bool | None = None
    is_admin: bool | None = None
    email: Email | None = None


class PasswordChange(BaseModel):
    model_config = STRICT_INPUT

    current_password: Password
    new_password: NewPassword


class DeviceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    device_name: str
    user_agent: str
    address: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    current: bool = False


class UserList(BaseModel):
    items: list[UserOut]


class DeviceList(BaseModel):
    items: list[DeviceOut]


class Page(BaseModel):
    limit: int = Field(default=100, ge=1, le=1000)
    offset: int = Field(default=0, ge=0, le=MAX_ID)

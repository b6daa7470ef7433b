"""One settings object, read from KYHOP_* environment variables and a .env file."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.harvest.policy import parse_entry


class SettingsError(Exception):
    """A setting has a wrong value; the message is one line naming it."""


# The live channel records an open socket's use every minute: a shorter idle limit would race it.
MIN_IDLE_MINUTES = 5


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="KYHOP_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("var")
    database_url: str = ""
    broker_url: str = ""
    # A login lasts 12 hours from the login and ends after 30 minutes without use (an open live
    # channel is use): OWASP ASVS 4.0.3 3.3.2, level 2. 0 minutes: no idle limit.
    token_ttl_hours: int = Field(default=12, ge=1, le=24 * 366)
    token_idle_minutes: int = Field(default=30, ge=0, le=24 * 60 * 366)
    max_upload_mb: int = Field(default=200, ge=1, le=10_000)
    max_json_kb: int = Field(default=1024, ge=1, le=100_000)
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    login_max_failures: int = Field(default=5, ge=1)
    login_max_failures_per_address: int = Field(default=30, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    db_pool_size: int = Field(default=10, ge=1)
    trusted_proxies: str = "127.0.0.1"
    # Uploads up to this size are fully processed (text extracted) before the answer;
    # larger ones answer after a quick check and are processed in the background.
    inline_processing_mb: int = Field(default=4, ge=0, le=10_000)
    pdf_timeout_s: int = Field(default=300, ge=1, le=3600)
    pdf_memory_mb: int = Field(default=1024, ge=128, le=65_536)
    font_path: Path | None = None
    serif_font_dir: Path | None = None  # the minutes' Liberation Serif 2 (else fonts-liberation2)
    event_retention_hours: int = Field(default=24, ge=1, le=24 * 365)
    live_queue_size: int = Field(default=500, ge=10, le=100_000)
    read_grant_ttl_s: float = Field(default=5.0, ge=0, le=300)
    file_link_secret: str | None = None
    file_link_ttl_s: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    # The address the public reaches this server at (https://hdnd.example.gov.vn): OParl ids
    # and links are built on it, so they stay the same whichever address a client used.
    public_url: str = Field(default="", pattern=r"^(https?://[^\s/?#]+(/[^\s?#]*)?)?$")
    # How often the audit chain's signed head is written to the data directory (0: never).
    audit_anchor_s: int = Field(default=600, ge=0, le=7 * 24 * 3600)
    # Harvesting other OParl servers (docs/harvest.md): every source is fetched again this often
    # (0: only when added or asked for); hosts or networks besides public addresses that may be
    # harvested (loopback and private ones only when listed); the overlap of incremental runs.
    harvest_every_min: int = Field(default=30, ge=0, le=7 * 24 * 60)
    harvest_allow: Annotated[list[str], NoDecode] = Field(default_factory=list)
    harvest_margin_s: int = Field(default=60, ge=0, le=24 * 3600)
    # The daily digest of petitions by e-mail (docs/petitions.md): the SMTP server
    # (smtp://user:password@host:587?starttls=1, smtps://host:465; empty: no e-mail), the sender,
    # and the hour (Vietnam's time) after which each day's digest goes out.
    smtp_url: str = Field(default="", pattern=r"^(smtps?://\S+)?$")
    smtp_from: str = "Kỳ Họp <kyhop@localhost>"
    digest_hour: int = Field(default=7, ge=0, le=23)
    # A question left to a written answer is due this many days after the meeting closed.
    written_answer_days: int = Field(default=20, ge=1, le=366)
    # Signing (docs/record.md): a time-stamp service (RFC 3161) makes signatures PAdES B-T, else
    # B-B; the certificates (PEM or DER, a file or a folder, CRLs beside them) `trusted` is judged
    # against; a folder of seal images named by council code (<code>.png) for the visible stamp;
    # the key that seals registered signing keys (else one made in the data directory).
    tsa_url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    trust_roots: Path | None = None
    seal_dir: Path | None = None
    signing_key_secret: str | None = None

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("harvest_allow", mode="before")
    @classmethod
    def _split_allowed(cls, value: object) -> object:
        if isinstance(value, str):
            value = [entry.strip() for entry in value.split(",") if entry.strip()]
        if isinstance(value, list):
            for entry in value:
                parse_entry(str(entry))  # a ValueError names the entry
        return value

    @field_validator("token_idle_minutes")
    @classmethod
    def _idle_off_or_minutes(cls, value: int) -> int:
        if 0 < value < MIN_IDLE_MINUTES:
            raise ValueError(f"0 (no idle limit) or at least {MIN_IDLE_MINUTES} minutes")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        if value and not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("broker_url")
    @classmethod
    def _known_broker(cls, value: str) -> str:
        if value and value != "postgres" and not value.startswith(("redis://", "rediss://")):
            raise ValueError("must be empty (in-process), 'postgres' or a redis:// URL")
        return value

    @cached_property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'kyhop.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a wrong value raises SettingsError with one line naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "KYHOP_" + str(first["loc"][0]).upper() if first["loc"] else "KYHOP_*"
        raise SettingsError(f"Invalid setting {name}: {first['msg']}") from None

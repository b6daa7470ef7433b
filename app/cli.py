"""The `kyhop` command (see API.md, "Command line and settings")."""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from app.config import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.audit.anchor import Head
    from app.audit.chain import ChainBreak
    from app.councils.schemas import ImportResult

_T = TypeVar("_T")

cli = typer.Typer(help="Kỳ Họp — paperless council sessions (kỳ họp không giấy).",
                  no_args_is_help=True, add_completion=False)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
audit_cli = typer.Typer(help="Audit log.", no_args_is_help=True)
signer_cli = typer.Typer(help="Signing keys (chữ ký số) of users.", no_args_is_help=True)
sign_cli = typer.Typer(help="Digital signatures in PDF files.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(audit_cli, name="audit")
cli.add_typer(signer_cli, name="signer")
cli.add_typer(sign_cli, name="sign")


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _upgrade(settings: Settings) -> None:
    """Migrations, then stored documents' text extracted again if the extractor changed."""
    from app.documents.reextract import reextract_stored
    from app.migrate import upgrade

    upgrade(settings.effective_database_url)
    asyncio.run(reextract_stored(settings, report=lambda done, total: typer.echo(
        f"re-extracted {done}/{total} documents", err=True)))


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "0.0.0.0",  # noqa: S104 - a server for the hall's network
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Apply pending migrations, then serve the API and the web app."""
    import uvicorn

    from app.live.frames import UVICORN_WEBSOCKETS
    from app.logs import configure_logging

    settings = _settings()
    if workers > 1 and not settings.broker_url:
        typer.echo("Cannot run several workers with the in-process broker: set KYHOP_BROKER_URL "
                   "to a redis:// URL or to 'postgres' (LISTEN/NOTIFY).", err=True)
        raise typer.Exit(2)
    if workers > 1 and settings.is_sqlite:
        typer.echo("Several workers need PostgreSQL: set KYHOP_DATABASE_URL.", err=True)
        raise typer.Exit(2)
    configure_logging(settings.log_level)
    _upgrade(settings)
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, forwarded_allow_ips=settings.trusted_proxies,
                log_config=None, **UVICORN_WEBSOCKETS)


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations and exit."""
    _upgrade(_settings())
    typer.echo("Database is up to date.")


def _run(job: Callable[[AsyncSession], Awaitable[_T]]) -> _T:
    """Run an async job inside one unit of work against the configured database."""
    from app.db import Database

    settings = _settings()

    async def main() -> _T:
        db = Database(settings)
        try:
            async with db.unit_of_work() as uow:
                return await job(uow.session)
        finally:
            await db.dispose()

    return asyncio.run(main())


@cli.command("create-admin")
def create_admin(username: str) -> None:
    """Create an administrator, or reset its password. Reads the password from stdin if piped."""
    from sqlalchemy import select

    from app.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password
    from app.audit.service import Actor, record
    from app.models import User

    if sys.stdin.isatty():
        password = getpass.getpass("Mật khẩu / Password: ")
        if getpass.getpass("Nhập lại / Repeat: ") != password:
            typer.echo("Passwords differ.", err=True)
            raise typer.Exit(1)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_PASSWORD_LENGTH:
        typer.echo(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.", err=True)
        raise typer.Exit(1)
    username = username.strip().lower()
    _upgrade(_settings())

    async def job(session: AsyncSession) -> str:
        user = await session.scalar(select(User).where(User.username == username))
        action = "user.password" if user else "user.create"
        if user is None:
            user = User(username=username, full_name=username, password_hash="", is_active=True)
            session.add(user)
        user.password_hash = await hash_password(password)
        user.is_admin = True
        user.is_active = True
        await session.flush()
        await record(session, actor=Actor.system("create-admin"), action=action,
                     target_type="user", target_id=user.id, details={"is_admin": True})
        return action

    action = _run(job)
    typer.echo(f"Admin '{username}' {'created' if action == 'user.create' else 'updated'}.")


@cli.command()
def demo() -> None:
    """Load the demo councils and people into an empty database and print the logins."""
    from app.demo import DEMO_LOGINS, DEMO_PASSWORD, database_is_empty, demo_is_loaded, load_demo
    from app.documents.service import PdfLimits
    from app.documents.storage import BlobStore

    settings = _settings()
    _upgrade(settings)

    async def job(session: AsyncSession) -> str:
        if await database_is_empty(session):
            limits = PdfLimits(inline_bytes=settings.max_upload_bytes,
                               timeout_s=settings.pdf_timeout_s, memory_mb=settings.pdf_memory_mb)
            await load_demo(session, store=BlobStore(settings.data_dir), limits=limits)
            return "loaded"
        return "present" if await demo_is_loaded(session) else "other"

    outcome = _run(job)
    if outcome == "other":
        typer.echo("The database already has other data; the demo was not loaded.")
        return
    typer.echo("Demo data loaded." if outcome == "loaded" else "Demo data is already there.")
    typer.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for login in DEMO_LOGINS:
        typer.echo(f"  {login.username:<16} {login.what}")


@cli.command("import-members")
def import_members_command(council_id: int, file: Path) -> None:
    """Import a council's member list (.csv or .xlsx), as the API does."""
    from app.audit.service import Actor
    from app.councils.member_file import read_member_file
    from app.councils.member_import import import_members
    from app.errors import AppError
    from app.i18n import translate
    from app.models import Council

    if not file.is_file():
        typer.echo(f"No such file: {file}", err=True)
        raise typer.Exit(1)

    async def job(session: AsyncSession) -> ImportResult:
        if await session.get(Council, council_id) is None:
            raise typer.BadParameter(f"no council {council_id}")
        rows = read_member_file(file.name, file.read_bytes())  # noqa: ASYNC240 - a CLI job
        return await import_members(session, actor=Actor.system("import-members"),
                                    council_id=council_id, rows=rows)

    try:
        result = _run(job)
    except AppError as exc:
        typer.echo(translate(exc.message_code, "vi", **exc.params), err=True)
        for item in exc.details or []:
            if isinstance(item, dict) and "row" in item:
                message = translate(item["message_code"], "vi", **item.get("params", {}))
                typer.echo(f"  dòng {item['row']}: {message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}")
    for account in result.accounts:
        typer.echo(f"  {account.username:<20} {account.password:<12} {account.full_name}")


@cli.command("import-documents")
def import_documents_command(meeting_id: int, folder: Path) -> None:
    """Upload every PDF of a folder into a meeting, with a progress bar."""
    from app.db import Database
    from app.documents.folder_import import FileOutcome, import_folder
    from app.documents.runtime import DocumentRuntime
    from app.errors import NotFound

    if not folder.is_dir():
        typer.echo(f"No such folder: {folder}", err=True)
        raise typer.Exit(1)
    settings = _settings()
    _upgrade(settings)
    count = sum(1 for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")

    async def main() -> list[FileOutcome]:
        db = Database(settings)
        runtime = DocumentRuntime.build(settings, db)
        try:
            with typer.progressbar(length=count, label="Tải tài liệu lên", file=sys.stderr) as bar:
                outcomes = await import_folder(db, runtime, meeting_id=meeting_id, folder=folder,
                                               on_file=lambda _: bar.update(1))
            if runtime.extractor.pending:
                typer.echo("Đang trích xuất văn bản của các tệp lớn…", err=True)
            await runtime.extractor.drain()
            return outcomes
        finally:
            await db.dispose()

    try:
        outcomes = asyncio.run(main())
    except NotFound:
        typer.echo(f"No meeting {meeting_id}.", err=True)
        raise typer.Exit(1) from None
    labels = {"added": "đã thêm", "skipped": "bỏ qua", "refused": "bị từ chối"}
    for outcome in outcomes:
        typer.echo(f"  {labels[outcome.status]:<11} {outcome.path.name}: {outcome.message}")
    added = sum(o.status == "added" for o in outcomes)
    refused = sum(o.status == "refused" for o in outcomes)
    typer.echo(f"added {added}, skipped {len(outcomes) - added - refused}, refused {refused}")
    if refused:
        raise typer.Exit(1)


@cli.command("harvest")
def harvest_command(
    url: Annotated[str, typer.Argument(help="The OParl System URL (…/oparl/v1/system).")],
    council: Annotated[int | None, typer.Option(
        help="The council of this server to list the source under.")] = None,
) -> None:
    """Harvest another server's OParl system now, with progress; it stays a source that the
    server refreshes every KYHOP_HARVEST_EVERY_MIN minutes."""
    from app.db import Database
    from app.errors import AppError
    from app.harvest.commands import Progress, harvest_now
    from app.harvest.crawl import Page
    from app.harvest.errors import ClaimLost
    from app.harvest.runner import RunResult, RunSettings
    from app.i18n import translate

    settings = _settings()
    _upgrade(settings)
    progress = Progress()
    live = sys.stderr.isatty()

    def on_page(page: Page) -> None:
        line = progress.add(page)
        typer.echo(f"\r{line:<60}" if live else line, err=True, nl=not live)

    async def main() -> tuple[int, RunResult]:
        db = Database(settings)
        try:
            return await harvest_now(db, url=url, council_id=council,
                                     settings=RunSettings.from_settings(settings), on_page=on_page)
        finally:
            await db.dispose()

    try:
        source_id, result = asyncio.run(main())
    except AppError as exc:
        typer.echo(translate(exc.message_code, "vi", **exc.params), err=True)
        raise typer.Exit(1) from None
    except ClaimLost:
        typer.echo(translate("harvest_claim_lost", "vi"), err=True)
        raise typer.Exit(1) from None
    if live:
        typer.echo("", err=True)
    summary = (f"nguồn {source_id}: {result.received} đối tượng nhận được, {result.stored} mới hoặc "
               f"thay đổi, {result.deleted} bị xóa; {result.requests} yêu cầu, {result.bytes} byte")
    if result.state != "ok":
        typer.echo(f"Thu thập thất bại ({summary}): "
                   f"{translate(result.error_code, 'vi', **result.error_params)}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Đã thu thập xong {'(toàn bộ)' if result.full else '(phần thay đổi)'} — {summary}")
    for kind, number in result.counts.items():
        typer.echo(f"  {kind:<16} {number}")


@audit_cli.command("verify")
def audit_verify(
    head: Annotated[Path | None, typer.Option(
        help="A head file (audit/head.json of the data directory, or a copy): the chain must "
             "still reach it, so that cutting off the newest rows is seen too.")] = None,
) -> None:
    """Exit 0 when the audit chain is intact; exit 1 naming the first bad row."""
    from app.audit.anchor import reaches, read_anchor, signature_ok
    from app.audit.service import verify

    settings = _settings()
    anchored = None
    if head is not None:
        try:
            anchored = read_anchor(head)
        except ValueError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        if not signature_ok(anchored, settings.data_dir):
            typer.echo(f"The head file {head} is not signed by this server's key.", err=True)
            raise typer.Exit(1)

    async def job(session: AsyncSession) -> tuple[int, ChainBreak | None, bool]:
        checked, broken = await verify(session)
        return checked, broken, anchored is None or await reaches(session, anchored)

    checked, broken, reached = _run(job)
    if broken is not None:
        reason = ("was edited" if broken.reason == "edited"
                  else "follows a row that was removed or edited")
        typer.echo(f"Audit log broken at row {broken.row_id}: it {reason}.", err=True)
        raise typer.Exit(1)
    if not reached:
        assert anchored is not None
        typer.echo(f"Audit log truncated: row {anchored.id} of the head written at {anchored.at} "
                   "is gone or changed.", err=True)
        raise typer.Exit(1)
    typer.echo(f"Audit log intact: {checked} rows verified"
               + (f", reaching the head of {anchored.at} (row {anchored.id})." if anchored else "."))


@audit_cli.command("anchor")
def audit_anchor() -> None:
    """Write the audit chain's signed head to the data directory now (the server does it every
    KYHOP_AUDIT_ANCHOR_S seconds)."""
    from app.audit.anchor import anchor_path, write_anchor

    settings = _settings()

    async def job(session: AsyncSession) -> Head:
        return await write_anchor(session, settings.data_dir)

    written = _run(job)
    typer.echo(f"Audit head: row {written.id} ({written.hash[:16]}…) → {anchor_path(settings.data_dir)}")


@cli.command("backup")
def backup_command(destination: Path) -> None:
    """Back up the database and the data directory (stored PDFs, secrets, audit head) into a new
    folder, consistently, while the server runs."""
    from app.backup.database import BackupFailed
    from app.backup.service import backup

    try:
        report = asyncio.run(backup(_settings(), destination))
    except BackupFailed as exc:
        typer.echo(f"Backup failed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Backed up to {destination}: schema {report.revision}, {report.files} files "
               f"({report.documents} stored PDFs), audit head at row {report.audit_rows}.")


@cli.command("restore")
def restore_command(source: Path) -> None:
    """Restore a backup into a new, empty database and data directory, and prove it came back
    whole (checksums, stored PDFs, the audit chain up to the backed-up head)."""
    from app.backup.database import BackupFailed
    from app.backup.service import restore

    try:
        report = asyncio.run(restore(_settings(), source))
    except BackupFailed as exc:
        typer.echo(f"Restore failed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Restored from {source}: {report.documents} stored PDFs, {report.audit_rows} audit "
               f"rows verified, schema brought up to date from {report.revision}.")


def _read_secret(prompt: str) -> str:
    """From standard input when it is not a terminal (one line), else a hidden prompt."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(1)


@signer_cli.command("add")
def signer_add(
    username: Annotated[str, typer.Argument(help="The user who signs with this key.")],
    file: Annotated[Path | None, typer.Argument(
        help="The PKCS#12 file (.p12, .pfx) holding the key and its certificate.")] = None,
    pkcs11: Annotated[str | None, typer.Option(
        "--pkcs11", metavar="LIB", help="A PKCS#11 token instead: the vendor's library.")] = None,
    slot: Annotated[int | None, typer.Option(
        help="The token's slot (an index in the library's list, or a slot id).")] = None,
    key_label: Annotated[str, typer.Option(
        help="The key's label on the token (needed when it holds several keys).")] = "",
) -> None:
    """Register (or replace) a user's signing key: a PKCS#12 file (its passphrase read from
    standard input when that is not a terminal, else prompted) or a PKCS#11 token (its PIN read
    the same way, then sealed with the server's key). Passphrases are never stored or shown."""
    from sqlalchemy import select

    from app.audit.service import Actor
    from app.errors import AppError
    from app.i18n import translate
    from app.models import User
    from app.record import keys
    from app.record.tokens import TokenAddress, read_token_key

    if (file is None) == (pkcs11 is None):
        raise _fail("Give either a PKCS#12 FILE or --pkcs11 LIB --slot N.")
    if pkcs11 is not None and slot is None:
        raise _fail("--pkcs11 needs --slot N.")
    data = b""
    if file is not None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise _fail(f"Không đọc được tệp {file}: {exc.strerror}") from None
    settings = _settings()
    secret = _read_secret("Mật khẩu tệp khóa / PKCS#12 passphrase: " if file is not None
                          else "Mã PIN của token / Token PIN: ")
    name = username.strip().lower()
    _upgrade(settings)

    async def job(session: AsyncSession) -> str:
        user = await session.scalar(select(User).where(User.username == name))
        if user is None:
            raise typer.BadParameter(f"no user {name}")
        actor, kek = Actor.system("signer-add"), keys.key_encryption_key(settings)
        if pkcs11 is None:
            material = keys.load_pkcs12(data, secret)
            row = await keys.register_pkcs12(session, actor=actor, kek=kek, user=user,
                                             material=material)
        else:
            assert slot is not None
            address = TokenAddress(pkcs11, slot, key_label)
            found = read_token_key(address, secret)
            row = await keys.register_pkcs11(session, actor=actor, kek=kek, user=user,
                                             address=address, pin=secret, found=found)
        return row.subject

    try:
        subject = _run(job)
    except AppError as exc:
        raise _fail(translate(exc.message_code, "vi", **exc.params)) from None
    except typer.BadParameter:
        raise _fail(f"Không có người dùng \"{name}\".") from None
    typer.echo(f"Đã đăng ký khóa ký cho {name}: {subject}")


@sign_cli.command("verify")
def sign_verify(file: Path) -> None:
    """Print each signature's state; exit 0 only when there is at least one and all are intact
    and valid. `trusted` is judged against KYHOP_TRUST_ROOTS."""
    from app.i18n import translate
    from app.kit.time import VIETNAM
    from app.record.verify import load_trust_roots, verify_pdf

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise _fail(f"Không đọc được tệp {file}: {exc.strerror}") from None
    reports = verify_pdf(data, load_trust_roots(_settings().trust_roots))
    if not reports:
        raise _fail(f"{file}: không có chữ ký số nào.")
    yes_no = {True: "có", False: "KHÔNG"}
    for number, report in enumerate(reports, start=1):
        when = report.signed_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M:%S (+07:00)") \
            if report.signed_at else "không rõ"
        typer.echo(f"Chữ ký {number} ({report.field_name}): {report.signer or 'không rõ'}")
        typer.echo(f"  Thời gian ký: {when}{' — có dấu thời gian' if report.timestamped else ''}")
        typer.echo(f"  Nguyên vẹn: {yes_no[report.intact]} · Hợp lệ: {yes_no[report.valid]} · "
                   f"Tin cậy: {yes_no[report.trusted]}")
        if report.problems:
            typer.echo("  Vấn đề: " + "; ".join(translate(f"signature_{p}", "vi")
                                                for p in report.problems))
    if not all(r.intact and r.valid for r in reports):
        raise typer.Exit(1)


def main() -> None:
    cli()

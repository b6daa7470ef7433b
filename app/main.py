"""create_app(): settings, database, routers, middleware, static front end."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app import __version__
from app.accounts.router import router as accounts_router
from app.accounts.service import SessionRules
from app.agencies.router import router as agencies_router
from app.attendance.router import router as attendance_router
from app.audit.anchoring import AnchorWriter
from app.config import Settings, load_settings
from app.councils.router import router as councils_router
from app.db import Database
from app.documents.pdf import warm_up as warm_up_pdf_worker
from app.documents.router import files_router
from app.documents.router import router as documents_router
from app.documents.runtime import DocumentRuntime
from app.floor.router import router as floor_router
from app.harvest.router import router as harvest_router
from app.harvest.scheduler import HarvestScheduler
from app.health import router as health_router
from app.live.router import router as live_router
from app.live.runtime import LiveRuntime
from app.meetings.router import router as meetings_router
from app.oparl.router import OpenAccess
from app.oparl.router import router as oparl_router
from app.petitions.candidates import CandidateTexts
from app.petitions.digest_mail import DigestMailer
from app.petitions.router import router as petitions_router
from app.petitions.supervision_router import router as supervisions_router
from app.questions.router import router as questions_router
from app.record.router import router as record_router
from app.record.signing_router import router as signing_router
from app.voting.router import router as voting_router
from app.voting.runtime import VotingRuntime
from app.web.errors import ErrorOut, install_error_handlers
from app.web.frontend import mount_frontend
from app.web.middleware import AccessLogMiddleware, BodyLimitMiddleware
from app.web.security import SecurityHeadersMiddleware

FRONTEND_DIST = Path(__file__).resolve().parent.parent / "frontend" / "dist"

_ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorOut} for status in (400, 401, 403, 404, 409, 413, 415, 422, 429)
}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    db = Database(settings)

    documents = DocumentRuntime.build(settings, db)
    live = LiveRuntime(settings, db)
    voting = VotingRuntime(db, SessionRules.from_settings(settings))
    anchors = AnchorWriter(db, settings.data_dir, settings.audit_anchor_s)
    harvest = HarvestScheduler(db, settings)
    digests = DigestMailer(db, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await live.start()
        voting.start()
        anchors.start()
        harvest.start()
        digests.start()
        await warm_up_pdf_worker()
        await documents.extractor.resume_stale()
        # What start-up built lives as long as the process: keep it out of every future
        # garbage collection, whose full passes otherwise pause a vote or a fan-out.
        gc.collect()
        gc.freeze()
        gc.set_threshold(7000, 10, 100)
        yield
        await digests.stop()
        await harvest.stop()
        await anchors.stop()
        await voting.stop()
        await live.stop()
        await documents.extractor.close()
        await db.dispose()

    app = FastAPI(
        title="Kỳ Họp",
        version=__version__,
        description="Paperless council sessions for Vietnamese People's Councils (HĐND).",
        lifespan=lifespan,
        responses=_ERROR_RESPONSES,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.documents = documents
    app.state.live = live
    app.state.voting = voting
    app.state.harvest = harvest
    app.state.petition_candidates = CandidateTexts()

    install_error_handlers(app)
    app.include_router(health_router)
    app.include_router(accounts_router)
    app.include_router(councils_router)
    app.include_router(agencies_router)
    app.include_router(meetings_router)
    app.include_router(documents_router)
    app.include_router(files_router)
    app.include_router(attendance_router)
    app.include_router(voting_router)
    app.include_router(live_router)
    app.include_router(floor_router)
    app.include_router(questions_router)
    app.include_router(petitions_router)
    app.include_router(supervisions_router)
    app.include_router(record_router)
    app.include_router(signing_router)
    app.include_router(oparl_router)
    app.include_router(harvest_router)

    if settings.allowed_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.allowed_origins, allow_credentials=False,
            allow_methods=["*"], allow_headers=["*"], expose_headers=["ETag", "Content-Range"],
        )
    app.add_middleware(BodyLimitMiddleware, max_body=settings.max_json_kb * 1024,
                       max_upload=settings.max_upload_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(OpenAccess)
    app.add_middleware(AccessLogMiddleware)
    mount_frontend(app, FRONTEND_DIST)
    return app

"""Questioning over HTTP (API.md, "Questions (chất vấn)")."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import FileResponse

from app.accounts.deps import CurrentUser, OwnTransactionUser
from app.accounts.service import Principal
from app.db import Database
from app.deps import DatabaseDep, UowDep
from app.documents.attached_pdf import discard_on_failure, multipart_body, read_body_with_pdf
from app.documents.runtime import DocumentRuntime
from app.errors import Forbidden
from app.kit.schemas import Id
from app.questions import service
from app.questions.access import question_access
from app.questions.schemas import (
    AnswerIn,
    CommitmentCreate,
    CommitmentList,
    CommitmentOut,
    CommitmentUpdate,
    QuestionCreate,
    QuestionDecision,
    QuestionList,
    QuestionOut,
    TopicCreate,
    TopicList,
    TopicOut,
    TopicUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["questions"])


def _answer_days(request: Request) -> int:
    days: int = request.app.state.settings.written_answer_days
    return days


@router.post("/meetings/{meeting_id:int}/question-topics", response_model=TopicOut,
             status_code=status.HTTP_201_CREATED, summary="Nhóm vấn đề chất vấn: a topic")
async def create_topic(meeting_id: Id, body: TopicCreate, principal: CurrentUser,
                       uow: UowDep) -> TopicOut:
    return await service.create_topic(uow.session, principal=principal, meeting_id=meeting_id,
                                      title=body.title, respondent_ids=body.respondent_ids)


@router.get("/meetings/{meeting_id:int}/question-topics", response_model=TopicList)
async def list_topics(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> TopicList:
    return TopicList(items=await service.list_topics(uow.session, principal=principal,
                                                     meeting_id=meeting_id))


@router.patch("/question-topics/{topic_id:int}", response_model=TopicOut)
async def update_topic(topic_id: Id, body: TopicUpdate, principal: CurrentUser,
                       uow: UowDep) -> TopicOut:
    return await service.update_topic(uow.session, principal=principal, topic_id=topic_id,
                                      title=body.title, respondent_ids=body.respondent_ids)


@router.post("/meetings/{meeting_id:int}/questions", response_model=QuestionOut,
             status_code=status.HTTP_201_CREATED, summary="Phiếu chất vấn: a deputy's question")
async def submit(meeting_id: Id, body: QuestionCreate, principal: CurrentUser,
                 uow: UowDep) -> QuestionOut:
    return await service.submit(uow.session, principal=principal, meeting_id=meeting_id,
                                text=body.text, respondent_id=body.respondent_id,
                                agency_id=body.agency_id, topic_id=body.topic_id)


@router.get("/meetings/{meeting_id:int}/questions", response_model=QuestionList)
async def list_questions(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> QuestionList:
    return QuestionList(items=await service.list_questions(uow.session, principal=principal,
                                                           meeting_id=meeting_id))


@router.get("/me/questions", response_model=QuestionList,
            summary="What I must answer (a respondent) and what I asked, soonest deadline first")
async def my_questions(principal: CurrentUser, uow: UowDep) -> QuestionList:
    return QuestionList(items=await service.my_questions(uow.session, principal=principal))


@router.patch("/questions/{question_id:int}", response_model=QuestionOut)
async def decide(question_id: Id, body: QuestionDecision, request: Request, principal: CurrentUser,
                 uow: UowDep) -> QuestionOut:
    return await service.decide(uow.session, principal=principal, question_id=question_id,
                                decision=body.state, topic_id=body.topic_id, reason=body.reason,
                                answer_days=_answer_days(request))


async def _may_answer(db: Database, principal: Principal, question_id: int) -> None:
    """Checked before a PDF is read: only those who may answer send one."""
    async with db.unit_of_work(write=False) as uow:
        _, reader = await question_access(uow.session, principal, question_id)
        if not (reader.can_manage or reader.scope == "respondent"):
            raise Forbidden()


@router.post("/questions/{question_id:int}/answer", response_model=QuestionOut,
             summary="Trả lời chất vấn: the answer's text, with an optional PDF",
             openapi_extra=multipart_body({"text": {"type": "string"}}, ["text"]))
async def answer(question_id: Id, request: Request, principal: OwnTransactionUser,
                 db: DatabaseDep) -> Response:
    store = request.app.state.documents.store
    body, pdf = await read_body_with_pdf(request, AnswerIn,
                                         may_send=lambda: _may_answer(db, principal, question_id))
    async with discard_on_failure(store, pdf), db.unit_of_work() as uow:
        out = await service.answer(uow.session, principal=principal, question_id=question_id,
                                   text=body.text, store=store, pdf=pdf)
    return Response(out.model_dump_json(), media_type="application/json")


@router.get("/questions/{question_id:int}/answer/file", response_class=FileResponse,
            summary="The written answer's PDF")
async def answer_file(question_id: Id, request: Request, principal: CurrentUser,
                      uow: UowDep) -> FileResponse:
    runtime: DocumentRuntime = request.app.state.documents
    sha256, filename = await service.answer_file(uow.session, principal=principal,
                                                 question_id=question_id)
    return FileResponse(runtime.store.path_for(sha256), media_type="application/pdf",
                        filename=filename or f"tra-loi-{question_id}.pdf",
                        content_disposition_type="inline")


@router.post("/questions/{question_id:int}/commitments", response_model=CommitmentOut,
             status_code=status.HTTP_201_CREATED, summary="Cam kết: what the respondent promised")
async def add_commitment(question_id: Id, body: CommitmentCreate, principal: CurrentUser,
                         uow: UowDep) -> CommitmentOut:
    return await service.add_commitment(uow.session, principal=principal, question_id=question_id,
                                        text=body.text, due_on=body.due_on)


@router.patch("/commitments/{commitment_id:int}", response_model=CommitmentOut)
async def update_commitment(commitment_id: Id, body: CommitmentUpdate, principal: CurrentUser,
                            uow: UowDep) -> CommitmentOut:
    return await service.update_commitment(uow.session, principal=principal,
                                           commitment_id=commitment_id, state=body.state,
                                           text=body.text, due_on=body.due_on)


@router.get("/councils/{council_id:int}/commitments", response_model=CommitmentList,
            summary="Open commitments, oldest due first (reported before the next meeting)")
async def council_commitments(council_id: Id, principal: CurrentUser, uow: UowDep,
                              done: bool = Query(default=False, description="include those done")
                              ) -> CommitmentList:
    return CommitmentList(items=await service.council_commitments(
        uow.session, principal=principal, council_id=council_id, include_done=done))

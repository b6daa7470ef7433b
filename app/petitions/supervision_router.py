"""Escalation, supervisions and recommendations over HTTP (API.md, "Voter petitions (kiến nghị
cử tri) and supervision (giám sát)")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request, Response, status
from fastapi.responses import FileResponse

from app.accounts.deps import CurrentUser, OwnTransactionUser
from app.deps import DatabaseDep, UowDep
from app.kit.schemas import Id
from app.petitions import answer_http, escalation, supervisions
from app.petitions.schemas import PetitionDetail, ResponseOut, ReviewIn
from app.petitions.supervision_schemas import (
    EscalateIn,
    RecommendationCreate,
    RecommendationDetail,
    SupervisionCreate,
    SupervisionDetail,
    SupervisionList,
    ToQuestion,
)
from app.petitions.supervisions import RECOMMENDATION
from app.questions.schemas import QuestionOut

router = APIRouter(prefix="/api/v1", tags=["supervisions"])


@router.post("/petitions/{petition_id:int}/escalate", response_model=QuestionOut | PetitionDetail,
             status_code=status.HTTP_201_CREATED, tags=["petitions"],
             summary="Carry a petition to the floor (a question) or into a supervision")
async def escalate(petition_id: Id, body: Annotated[EscalateIn, Body()], principal: CurrentUser,
                   uow: UowDep) -> QuestionOut | PetitionDetail:
    """`to: question` answers the new question; `to: supervision` the petition's detail. Both
    show in the petition's `escalations`."""
    if isinstance(body, ToQuestion):
        return await escalation.to_question(uow.session, principal=principal, petition_id=petition_id,
                                            meeting_id=body.meeting_id, respondent_id=body.respondent_id,
                                            asker_id=body.asker_id, text=body.text)
    return await escalation.to_supervision(uow.session, principal=principal, petition_id=petition_id,
                                           supervision_id=body.supervision_id)


@router.post("/councils/{council_id:int}/supervisions", response_model=SupervisionDetail,
             status_code=status.HTTP_201_CREATED, summary="Giám sát chuyên đề: a supervision")
async def create_supervision(council_id: Id, body: SupervisionCreate, principal: CurrentUser,
                             uow: UowDep) -> SupervisionDetail:
    return await supervisions.create_supervision(uow.session, principal=principal, council_id=council_id,
                                                 fields=body.model_dump())


@router.get("/councils/{council_id:int}/supervisions", response_model=SupervisionList)
async def list_supervisions(council_id: Id, principal: CurrentUser, uow: UowDep) -> SupervisionList:
    """Newest first; a respondent sees those of their agency."""
    return SupervisionList(items=await supervisions.list_supervisions(uow.session, principal=principal,
                                                                      council_id=council_id))


@router.get("/supervisions/{supervision_id:int}", response_model=SupervisionDetail)
async def get_supervision(supervision_id: Id, principal: CurrentUser, uow: UowDep) -> SupervisionDetail:
    return await supervisions.get_supervision(uow.session, principal=principal, supervision_id=supervision_id)


@router.post("/supervisions/{supervision_id:int}/recommendations", response_model=RecommendationDetail,
             status_code=status.HTTP_201_CREATED, summary="Kiến nghị sau giám sát: a recommendation")
async def create_recommendation(supervision_id: Id, body: RecommendationCreate, principal: CurrentUser,
                                uow: UowDep) -> RecommendationDetail:
    return await supervisions.create_recommendation(uow.session, principal=principal, supervision_id=supervision_id,
                                                    text=body.text, agency_id=body.agency_id, due_on=body.due_on)


@router.get("/recommendations/{recommendation_id:int}", response_model=RecommendationDetail)
async def get_recommendation(recommendation_id: Id, principal: CurrentUser, uow: UowDep) -> RecommendationDetail:
    return await supervisions.get_recommendation(uow.session, principal=principal,
                                                 recommendation_id=recommendation_id)


@router.post("/recommendations/{recommendation_id:int}/responses", response_model=ResponseOut,
             status_code=status.HTTP_201_CREATED, openapi_extra=answer_http.RESPONSE_BODY,
             summary="The agency's answer to a recommendation, with its letter as an optional PDF")
async def respond(recommendation_id: Id, request: Request, principal: OwnTransactionUser,
                  db: DatabaseDep) -> Response:
    return await answer_http.respond(request, principal, db, recommendation_id, RECOMMENDATION)


@router.get("/recommendations/{recommendation_id:int}/responses/{response_id:int}/file",
            response_class=FileResponse, summary="The PDF attached to an answer to a recommendation")
async def response_file(recommendation_id: Id, response_id: Id, request: Request, principal: OwnTransactionUser,
                        db: DatabaseDep) -> FileResponse:
    return await answer_http.attachment(request, principal, db, recommendation_id, response_id, RECOMMENDATION)


@router.post("/recommendations/{recommendation_id:int}/review", response_model=RecommendationDetail,
             summary="Thường trực's review: accepted closes it, else back to assigned")
async def review(recommendation_id: Id, body: ReviewIn, principal: CurrentUser, uow: UowDep) -> RecommendationDetail:
    return await supervisions.review(uow.session, principal=principal, recommendation_id=recommendation_id,
                                     accepted=body.accepted, comment=body.comment)

"""The demo's questioning: phiếu chất vấn written to the province's officials for the session in
progress — some accepted for the floor under a topic, one left to a written answer, one still
waiting for the secretariat — so the questioning screens have something to show."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import Actor, record
from app.kit.time import utcnow
from app.models import Meeting, Membership, Question, QuestionTopic, QuestionTopicRespondent, User

# (asker's username, respondent's username, text, state)
DEMO_QUESTIONS = [
    ("daibieu01", "traloi.sotc", "Đề nghị Giám đốc Sở Tài chính cho biết nguyên nhân tỷ lệ giải ngân "
     "vốn đầu tư công năm 2026 đạt thấp và giải pháp trong những tháng cuối năm?", "accepted"),
    ("daibieu02", "traloi.sotc", "Việc bố trí kinh phí cho các xã sau sắp xếp đơn vị hành chính đã "
     "đáp ứng yêu cầu vận hành chính quyền địa phương hai cấp chưa?", "accepted"),
    ("daibieu03", "traloi.sonnmt", "Tiến độ cấp giấy chứng nhận quyền sử dụng đất cho người dân "
     "vùng tái định cư thủy điện đến nay thế nào?", "written"),
    ("daibieu04", "traloi.ubnd", "Giải pháp của UBND tỉnh để giải quyết tình trạng thiếu giáo viên "
     "mầm non ở các xã miền núi?", "submitted"),
]


async def add_demo_questions(session: AsyncSession, *, actor: Actor, meeting: Meeting) -> None:
    users = dict((await session.execute(select(User.username, User.id))).all())
    agencies = dict((await session.execute(select(Membership.user_id, Membership.agency_id).where(
        Membership.council_id == meeting.council_id, Membership.role == "respondent"))).all())
    topic = QuestionTopic(meeting_id=meeting.id, title="Đầu tư công và ngân sách", position=1)
    session.add(topic)
    await session.flush()
    session.add(QuestionTopicRespondent(topic_id=topic.id, user_id=users["traloi.sotc"]))
    now = utcnow()
    for number, (asker, respondent, text, state) in enumerate(DEMO_QUESTIONS, start=1):
        respondent_id = users[respondent]
        question = Question(
            meeting_id=meeting.id, number=number, asker_id=users[asker], respondent_id=respondent_id,
            agency_id=agencies.get(respondent_id), text=text, state=state, reason="",
            topic_id=topic.id if state == "accepted" else None,
            decided_at=None if state == "submitted" else now, answered_on_floor=False,
            answer_text="", answer_filename="")
        session.add(question)
        await session.flush()
        await record(session, actor=actor, action="question.submit", target_type="question",
                     target_id=question.id, council_id=meeting.council_id,
                     details={"meeting_id": meeting.id, "number": number, "state": state,
                              "source": "demo"})

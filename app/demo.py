"""Demo data after the 2025 reform: Nghệ An's provincial council, two of its communes (one
formed from the former Diễn Châu district, whose dissolved council stays readable), agencies
with respondents, and people to log in as."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.passwords import hash_password
from app.audit.service import Actor, record
from app.demo_documents import DEMO_AGENDA, DemoDocument, DemoItem
from app.demo_questions import add_demo_questions
from app.demo_voting import add_vote_meeting
from app.documents.schemas import UploadFields
from app.documents.service import PdfLimits, check_pdf, upload
from app.documents.storage import BlobStore
from app.documents.watermark import VIETNAM_TIME
from app.kit.pdfgen import text_pdf
from app.kit.text import slug
from app.kit.time import utcnow
from app.meetings.access import MeetingAccess
from app.models import (
    Agency,
    AgendaItem,
    Committee,
    Council,
    CouncilSuccession,
    Meeting,
    Membership,
    Sitting,
    Term,
    User,
)
from app.models.vocabulary import CouncilLevel, Role, UnitKind

DEMO_PASSWORD = "kyhop2026"  # noqa: S105 - the demo's published password

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
           "Ngô", "Dương", "Lý", "Thái", "Đinh", "Lương", "Chu", "Cao", "Hà"]
_MIDDLE_M = ["Văn", "Đình", "Hữu", "Xuân", "Quang", "Minh", "Đức", "Công", "Thanh", "Ngọc"]
_MIDDLE_F = ["Thị", "Thị Thu", "Thị Hồng", "Thị Kim", "Thị Mai", "Ngọc", "Thanh", "Thị Lan"]
_GIVEN_M = ["Hùng", "Dũng", "Thắng", "Tuấn", "Sơn", "Long", "Quyết", "Cường", "Đạt", "Khôi",
            "Bình", "Hải", "Nam", "Phúc", "Trung", "Vinh", "Lợi", "Toàn", "Kiên", "Đông"]
_GIVEN_F = ["Hoa", "Lan", "Hương", "Hằng", "Nga", "Thủy", "Yến", "Trang", "Hiền", "Loan",
            "Nhung", "Phương", "Thảo", "Ánh", "Dung", "Ngân", "Quỳnh", "Vân", "Huyền", "Oanh"]
_UNITS = ["Tổ đại biểu thành phố Vinh", "Tổ đại biểu huyện Diễn Châu", "Tổ đại biểu thị xã Thái Hòa",
          "Tổ đại biểu huyện Quỳnh Lưu", "Tổ đại biểu huyện Yên Thành", "Tổ đại biểu huyện Nghĩa Đàn",
          "Tổ đại biểu huyện Đô Lương", "Tổ đại biểu huyện Nam Đàn"]
_TITLES = ["Giám đốc Sở Tài chính", "Chủ tịch UBND huyện", "Bí thư Huyện ủy", "Hiệu trưởng",
           "Giám đốc bệnh viện", "Chủ tịch Hội Nông dân", "Phó Giám đốc Sở Xây dựng", "Nông dân",
           "Doanh nhân", "Bác sĩ", "Giáo viên", "Trưởng Ban Dân tộc", "Thượng tá Công an tỉnh"]
_COMMITTEES = [("Thường trực HĐND tỉnh", "standing"), ("Ban Pháp chế", "board"),
               ("Ban Kinh tế - Ngân sách", "board"), ("Ban Văn hóa - Xã hội", "board"),
               ("Ban Dân tộc", "board")]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    what: str


DEMO_LOGINS = [
    DemoLogin("admin", "quản trị / administrator"),
    DemoLogin("thuky", "thư ký HĐND tỉnh Nghệ An / secretary"),
    DemoLogin("chutoa", "chủ tọa HĐND tỉnh Nghệ An / chair"),
    DemoLogin("daibieu01", "đại biểu / deputy (daibieu01 … daibieu60)"),
    DemoLogin("khachmoi", "khách mời / guest"),
    DemoLogin("traloi.sotc", "Giám đốc Sở Tài chính, người trả lời chất vấn / respondent"),
    DemoLogin("thuky.dienchau", "thư ký HĐND xã Diễn Châu / commune secretary"),
    DemoLogin("thuky.thanhvinh", "thư ký HĐND phường Thành Vinh / ward secretary"),
]

# (name, kind, respondent's username, full name, position)
_AGENCIES = [
    ("Ủy ban nhân dân tỉnh Nghệ An", "people_committee", "traloi.ubnd", "Hoàng Nghĩa Hiếu",
     "Phó Chủ tịch UBND tỉnh"),
    ("Sở Tài chính", "department", "traloi.sotc", "Trịnh Thanh Hải", "Giám đốc Sở Tài chính"),
    ("Sở Nông nghiệp và Môi trường", "department", "traloi.sonnmt", "Phùng Thành Vinh",
     "Giám đốc Sở Nông nghiệp và Môi trường"),
    ("Tòa án nhân dân tỉnh Nghệ An", "court", "traloi.toaan", "Nguyễn Văn Trung", "Chánh án"),
    ("Viện kiểm sát nhân dân tỉnh Nghệ An", "procuracy", "traloi.vks", "Lê Văn Sơn",
     "Viện trưởng"),
]
DISTRICTS_ENDED = date(2025, 7, 1)


def _person(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE_F)} {rng.choice(_GIVEN_F)}"
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE_M)} {rng.choice(_GIVEN_M)}"


async def database_is_empty(session: AsyncSession) -> bool:
    return (await session.scalar(select(func.count()).select_from(User))) == 0


async def demo_is_loaded(session: AsyncSession) -> bool:
    return await session.scalar(select(Council.id).where(Council.code == "40")) is not None


async def load_demo(session: AsyncSession, *, store: BlobStore | None = None,
                    limits: PdfLimits | None = None, deputies: int = 60) -> None:
    """Creates the demo councils and people; the caller has checked the database is empty."""
    actor = Actor.system("demo")
    rng = random.Random(2024)
    password_hash = await hash_password(DEMO_PASSWORD)

    async def user(username: str, full_name: str, *, is_admin: bool = False) -> User:
        person = User(username=username, full_name=full_name, password_hash=password_hash,
                      is_admin=is_admin, is_active=True)
        session.add(person)
        await session.flush()
        await record(session, actor=actor, action="user.create", target_type="user",
                     target_id=person.id, details={"username": username, "source": "demo"})
        return person

    async def council(name: str, level: CouncilLevel, code: str, parent: Council | None, *,
                      unit_kind: UnitKind | None = None, dissolved_on: date | None = None) -> Council:
        body = Council(name=name, level=level, unit_kind=unit_kind or level, code=code,
                       parent_id=parent.id if parent else None, dissolved_on=dissolved_on)
        session.add(body)
        await session.flush()
        await record(session, actor=actor, action="council.create", target_type="council",
                     target_id=body.id, council_id=body.id, details={"name": name, "source": "demo"})
        return body

    async def member(body: Council, person: User, role: Role, *, title: str = "", unit: str = "",
                     committee: Committee | None = None, term: Term | None = None,
                     agency: Agency | None = None, carried_from: Membership | None = None
                     ) -> Membership:
        membership = Membership(council_id=body.id, user_id=person.id, role=role,
                                voting_right=role in ("deputy", "chair"), title=title, unit=unit,
                                committee_id=committee.id if committee else None,
                                term_id=term.id if term else None,
                                agency_id=agency.id if agency else None,
                                carried_from_id=carried_from.id if carried_from else None)
        session.add(membership)
        await session.flush()
        await record(session, actor=actor, action="member.add", target_type="membership",
                     target_id=membership.id, council_id=body.id,
                     details={"user_id": person.id, "role": role, "source": "demo"})
        return membership

    await user("admin", "Quản trị hệ thống", is_admin=True)
    province = await council("HĐND tỉnh Nghệ An", "province", "40", None)
    former_district = await council("HĐND huyện Diễn Châu", "district", "425", province,
                                    dissolved_on=DISTRICTS_ENDED)
    dien_chau = await council("HĐND xã Diễn Châu", "commune", "17875", province)
    thanh_vinh = await council("HĐND phường Thành Vinh", "commune", "16681", province,
                               unit_kind="ward")
    session.add(CouncilSuccession(predecessor_id=former_district.id, successor_id=dien_chau.id))

    session.add(Term(council_id=province.id, name="Khóa XVIII (2021–2026)",
                     starts_on=date(2021, 6, 1), ends_on=date(2026, 3, 14)))
    term = Term(council_id=province.id, name="Khóa XIX (2026–2031)", starts_on=date(2026, 3, 15))
    session.add(term)
    committees = [Committee(council_id=province.id, name=n, kind=k) for n, k in _COMMITTEES]
    session.add_all(committees)
    await session.flush()
    for name, kind, username, full_name, position in _AGENCIES:
        agency = Agency(council_id=province.id, name=name, kind=kind)
        session.add(agency)
        await session.flush()
        await member(province, await user(username, full_name), "respondent", title=position,
                     agency=agency)

    secretary = await user("thuky", "Lê Thị Minh Hằng")
    await member(province, secretary, "secretary", title="Phó Chánh Văn phòng", term=term)
    chair = await user("chutoa", "Phan Đức Toàn")
    await member(province, chair, "chair", title="Chủ tịch HĐND tỉnh", committee=committees[0],
                 term=term)
    guest = await user("khachmoi", "Trần Văn Khách")
    await member(province, guest, "guest", title="Phóng viên Báo Nghệ An")

    for number in range(1, deputies + 1):
        username = f"daibieu{number:02d}"
        person = await user(username, _person(rng))
        await member(province, person, "deputy", title=rng.choice(_TITLES),
                     unit=_UNITS[number % len(_UNITS)], committee=committees[1 + number % 4],
                     term=term)

    district_deputies = []
    for number in range(1, 16):
        person = await user(f"daibieu.huyendc{number:02d}", _person(rng))
        district_deputies.append(await member(former_district, person, "deputy",
                                              title=rng.choice(_TITLES)))
    for commune, slug_name in ((dien_chau, "dienchau"), (thanh_vinh, "thanhvinh")):
        commune_term = Term(council_id=commune.id, name="Nhiệm kỳ 2026–2031",
                            starts_on=date(2026, 3, 15))
        session.add(commune_term)
        await session.flush()
        await member(commune, await user(f"thuky.{slug_name}", _person(rng)), "secretary",
                     title="Công chức Văn phòng HĐND và UBND", term=commune_term)
        await member(commune, await user(f"chutoa.{slug_name}", _person(rng)), "chair",
                     title="Chủ tịch HĐND", term=commune_term)
        for number in range(1, 16):
            person = await user(f"daibieu.{slug_name}{number:02d}", _person(rng))
            await member(commune, person, "deputy", title=rng.choice(_TITLES), term=commune_term)
        if commune is dien_chau:
            # The former district's deputies continue in the commune (Art. 54(4)).
            for earlier in district_deputies:
                await member(commune, await session.get_one(User, earlier.user_id), "deputy",
                             title=earlier.title, term=commune_term, carried_from=earlier)
        await _commune_meeting(session, actor=actor, council=commune)
    if store is not None and limits is not None:
        await _demo_meeting(session, actor=actor, council=province, store=store, limits=limits)
    vote_meeting = await add_vote_meeting(session, actor=actor, council=province)
    await add_demo_questions(session, actor=actor, meeting=vote_meeting)


async def _commune_meeting(session: AsyncSession, *, actor: Actor, council: Council) -> Meeting:
    """A commune's regular meeting two weeks ahead, published, with a short agenda."""
    opening = (utcnow() + timedelta(days=14)).astimezone(VIETNAM_TIME).replace(
        hour=7, minute=30, second=0, microsecond=0)
    meeting = Meeting(council_id=council.id, number=3, title="Kỳ họp thứ Ba", kind="regular",
                      public=True, location=f"Hội trường {council.name.removeprefix('HĐND ')}",
                      starts_at=opening, ends_at=opening + timedelta(hours=4), state="published",
                      last_seq=0, updated_at=utcnow())
    session.add(meeting)
    await session.flush()
    for position, (title, presenter) in enumerate(_COMMUNE_AGENDA):
        session.add(AgendaItem(meeting_id=meeting.id, position=position, title=title,
                               presenter=presenter, public=True, state="pending"))
    await record(session, actor=actor, action="meeting.create", target_type="meeting",
                 target_id=meeting.id, council_id=council.id, details={"source": "demo"})
    return meeting


_COMMUNE_AGENDA = [
    ("Khai mạc kỳ họp", "Chủ tịch HĐND"),
    ("Báo cáo tình hình kinh tế - xã hội 6 tháng cuối năm 2026", "Chủ tịch UBND"),
    ("Tờ trình về dự toán ngân sách năm 2027", "Phó Chủ tịch UBND"),
    ("Bế mạc kỳ họp", "Chủ tịch HĐND"),
]


async def _demo_meeting(session: AsyncSession, *, actor: Actor, council: Council,
                        store: BlobStore, limits: PdfLimits) -> Meeting:
    """A published meeting a week ahead, with two sittings, an agenda and real PDFs."""
    opening = (utcnow() + timedelta(days=7)).astimezone(VIETNAM_TIME).replace(
        hour=8, minute=0, second=0, microsecond=0)
    meeting = Meeting(council_id=council.id, number=18, title="Kỳ họp thứ Mười tám (chuyên đề)",
                      kind="thematic", public=True, location="Hội trường Trung tâm Hội nghị tỉnh",
                      starts_at=opening, ends_at=opening + timedelta(hours=9), state="published",
                      last_seq=0, updated_at=utcnow())
    session.add(meeting)
    await session.flush()
    session.add_all([
        Sitting(meeting_id=meeting.id, title="Phiên buổi sáng", starts_at=opening,
                ends_at=opening + timedelta(hours=3, minutes=30)),
        Sitting(meeting_id=meeting.id, title="Phiên buổi chiều", starts_at=opening + timedelta(hours=6),
                ends_at=opening + timedelta(hours=9)),
    ])
    await record(session, actor=actor, action="meeting.create", target_type="meeting",
                 target_id=meeting.id, council_id=council.id, details={"source": "demo"})
    access = MeetingAccess(meeting=meeting, role=None, is_admin=True)

    async def add(items: list[DemoItem], parent: AgendaItem | None) -> None:
        for position, entry in enumerate(items):
            item = AgendaItem(meeting_id=meeting.id, parent_id=parent.id if parent else None,
                              position=position, title=entry.title, presenter=entry.presenter,
                              public=entry.public, state="pending")
            session.add(item)
            await session.flush()
            for document in entry.documents:
                await _demo_document(session, actor=actor, access=access, item=item,
                                     document=document, store=store, limits=limits)
            await add(entry.children, item)

    await add(DEMO_AGENDA, None)
    return meeting


async def _demo_document(session: AsyncSession, *, actor: Actor, access: MeetingAccess,
                         item: AgendaItem, document: DemoDocument, store: BlobStore,
                         limits: PdfLimits) -> None:
    content = text_pdf(document.title, document.pages)

    async def chunks() -> AsyncIterator[bytes]:
        yield content

    staged = await store.receive(chunks(), max_bytes=len(content))
    checked = await check_pdf(limits=limits, staged=staged, known_version_id=None)
    fields = UploadFields(title=document.title, kind=document.kind, agenda_item_id=item.id,
                          confidential=document.confidential)
    await upload(session, actor=actor, access=access, store=store, checked=checked,
                 filename=f"{slug(document.title, '-')}.pdf", fields=fields)

#!/usr/bin/env python3
"""Petitions benchmark: a province's term of voter petitions (20,000), on SQLite and PostgreSQL.

    .venv/bin/python bench/petitions.py [--petitions 20000] [--import-rows 5000] [--requests 200]
                                        [--backends sqlite,postgres] [--quick] [--json FILE]

Per backend a fresh database is migrated (`kyhop db upgrade`; PostgreSQL on 127.0.0.1:5432, user
postgres, trust: the bench creates `kyhop_bench_petitions_<pid>` and drops it) and seeded straight
through the app's models: one province council with 20 agencies, a secretary with a bearer token,
a voter meeting every ~10 days of the 2021–2026 term and N generated petitions (plausible
Vietnamese texts: field, commune, request, reason; states received / assigned / answered / closed
with agencies, due dates and answers). Then one `kyhop serve` starts and, with the app beside its
reference peer in the same run, request by request (app, peer, app, peer …):

1. Lists: GET /api/v1/councils/{id}/petitions with no filter, state=, agency_id=, overdue=true,
   q= (folded words: common, rare, absent), and after= (a random page). Peer: the SQL statements
   the app runs for that page (the page's SELECT, its agencies, source counts and latest answers),
   captured from the app's own query code and replayed with the bare driver (sqlite3 / asyncpg).
   Target (DESIGN.md): p99 ≤ 100 ms.
2. Report: GET …/petitions/report?from=&to=&format=json|xlsx|pdf over the whole term. Peer: the
   report's row query replayed with the bare driver plus app.petitions.report.summarize and its
   JSON. Target: ≤ 2 s. When the endpoint is missing, only summarize over the rows is timed.
3. Duplicate search per keystroke: GET …/petitions/similar?text= for successive prefixes of a
   new petition's text over the N candidates. Peer: rapidfuzz's process.extract (token_set_ratio,
   limit 10) over the same N folded strings kept in memory. Also timed: the app's scorer alone
   (app.petitions.similarity.most_similar over the in-memory candidates).
4. Import: POST …/petitions/import of an .xlsx of M rows written with openpyxl (a few rows repeat
   existing petitions or each other). Peer: openpyxl's plain read-only read of the same file. Also
   timed: the app's file parsing alone (read_petition_file), and a petition recorded (POST
   …/petitions) every 100 ms while the import runs: the other writes a worker serves meanwhile.
   The imported rows are deleted after each run so every run starts from the same N.

`--quick` is a smoke run (2,000 petitions, 300 import rows, 20 requests, one import run).
Everything runs on 127.0.0.1 in a temporary directory and is stopped on exit.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fanout import CHILDREN, KYHOP, PG_URL, free_port, loadavg, log, percentile

LIST_TARGET_MS = 100.0
REPORT_TARGET_S = 2.0
KEYSTROKE_TARGET_MS = 100.0  # not in DESIGN.md: the list's figure, as a tablet's typing feels it
TERM_START, TERM_END = date(2021, 7, 1), date(2026, 11, 30)
TODAY = date(2026, 12, 6)
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "hdnd-nghe-an-2024.txt"

# --- plausible petitions -----------------------------------------------------------------------

AGENCIES = [
    ("Ủy ban nhân dân tỉnh", "people_committee"), ("Sở Xây dựng", "department"),
    ("Sở Nông nghiệp và Môi trường", "department"), ("Sở Y tế", "department"),
    ("Sở Giáo dục và Đào tạo", "department"), ("Sở Tài chính", "department"),
    ("Sở Công Thương", "department"), ("Sở Nội vụ", "department"),
    ("Sở Văn hóa, Thể thao và Du lịch", "department"), ("Sở Khoa học và Công nghệ", "department"),
    ("Sở Tư pháp", "department"), ("Sở Dân tộc và Tôn giáo", "department"),
    ("Công an tỉnh", "other"), ("Bảo hiểm xã hội tỉnh", "other"), ("Công ty Điện lực tỉnh", "other"),
    ("Công ty Cấp nước tỉnh", "other"), ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "other"),
    ("Tòa án nhân dân tỉnh", "court"), ("Viện kiểm sát nhân dân tỉnh", "procuracy"),
    ("Ngân hàng Chính sách xã hội tỉnh", "other"),
]
FIRST = ["Diễn", "Quỳnh", "Nghĩa", "Hưng", "Thanh", "Nam", "Yên", "Đô", "Kim", "Tân", "Quế", "Con",
         "Anh", "Đức", "Lương", "Châu", "Thượng", "Hạ"]
SECOND = ["Châu", "Lưu", "Đàn", "Nguyên", "Chương", "Thành", "Lương", "Liên", "Kỳ", "Phong", "Cuông",
          "Sơn", "Thọ", "Hòa", "Phúc", "Lộc", "Mỹ", "Trường"]
COMMUNES = [f"{'phường' if n % 7 == 0 else 'xã'} {a} {b}"
            for n, (a, b) in enumerate((a, b) for a in FIRST for b in SECOND if a != b)]

# field: (agencies by index, requests, objects, reasons)
TOPICS: dict[str, tuple[list[int], list[str], list[str], list[str]]] = {
    "Giao thông": ([1, 16, 0], ["sửa chữa", "nâng cấp", "mở rộng", "đầu tư xây dựng", "sớm hoàn thành"],
                   ["tuyến đường liên xã", "cầu dân sinh", "đường tỉnh {n}", "tuyến đường từ thôn {n} đi trung tâm xã",
                    "hệ thống đèn chiếu sáng trên đường tỉnh {n}", "cống thoát nước dọc quốc lộ {n}"],
                   ["đã xuống cấp nghiêm trọng, gây mất an toàn giao thông", "thường xuyên ngập úng vào mùa mưa",
                    "xe tải trọng lớn đi lại làm hư hỏng mặt đường", "nhân dân đi lại rất khó khăn"]),
    "Đất đai": ([2, 0, 10], ["sớm cấp", "giải quyết dứt điểm việc", "xem xét điều chỉnh", "hướng dẫn thủ tục"],
                ["giấy chứng nhận quyền sử dụng đất cho các hộ dân thôn {n}", "đền bù giải phóng mặt bằng dự án {n}",
                 "giá đất bồi thường khu tái định cư số {n}", "quy hoạch sử dụng đất giai đoạn 2021 - 2030",
                 "ranh giới đất rừng với đất sản xuất tại tiểu khu {n}"],
                ["người dân chờ đợi nhiều năm nhưng chưa được giải quyết", "gây bức xúc trong nhân dân",
                 "ảnh hưởng đến quyền lợi hợp pháp của người sử dụng đất", "hồ sơ đã nộp từ năm {y}"]),
    "Môi trường": ([2, 0], ["có giải pháp xử lý", "kiểm tra, xử lý nghiêm", "đầu tư", "di dời"],
                   ["bãi rác tập trung của xã", "cơ sở chăn nuôi gây ô nhiễm tại thôn {n}",
                    "nhà máy xả thải ra sông {n}", "khu xử lý chất thải rắn sinh hoạt", "tình trạng khai thác cát trái phép"],
                   ["gây ô nhiễm môi trường nghiêm trọng", "mùi hôi ảnh hưởng sức khỏe người dân",
                    "nguồn nước sinh hoạt bị ô nhiễm", "kéo dài nhiều năm chưa được khắc phục"]),
    "Y tế": ([3, 13], ["bổ sung", "nâng cấp", "tăng cường", "có chính sách thu hút"],
             ["bác sĩ cho trạm y tế xã", "trang thiết bị khám chữa bệnh tại trung tâm y tế {n}",
              "thuốc bảo hiểm y tế tại các trạm y tế", "cơ sở vật chất bệnh viện đa khoa khu vực {n}"],
             ["người dân phải đi xa để khám chữa bệnh", "thiếu thuốc điều trị bệnh mạn tính",
              "chất lượng khám chữa bệnh chưa đáp ứng nhu cầu"]),
    "Giáo dục": ([4, 5], ["đầu tư xây dựng", "bổ sung", "sửa chữa", "sắp xếp lại"],
                 ["phòng học cho trường tiểu học {n}", "giáo viên cho các trường vùng cao", "nhà vệ sinh trường mầm non {n}",
                  "bếp ăn bán trú cho học sinh dân tộc thiểu số", "điểm trường lẻ thôn {n}"],
                 ["học sinh phải học nhờ, học tạm", "cơ sở vật chất xuống cấp, không bảo đảm an toàn",
                  "thiếu giáo viên nhiều năm liền"]),
    "Điện": ([14, 6], ["đầu tư", "nâng cấp", "kiểm tra", "cải tạo"],
             ["lưới điện hạ thế thôn {n}", "trạm biến áp số {n}", "đường dây điện đi qua khu dân cư"],
             ["điện áp yếu, thường xuyên mất điện", "không bảo đảm an toàn cho người dân",
              "ảnh hưởng đến sản xuất và sinh hoạt"]),
    "Nước sạch": ([15, 2], ["đầu tư", "sửa chữa", "mở rộng", "kiểm tra chất lượng"],
                  ["công trình nước sạch tập trung thôn {n}", "hệ thống cấp nước sinh hoạt của xã",
                   "đường ống cấp nước khu dân cư số {n}"],
                  ["người dân thiếu nước sinh hoạt vào mùa khô", "nước có mùi, không bảo đảm vệ sinh",
                   "công trình đã hư hỏng từ năm {y}"]),
    "Chính sách xã hội": ([7, 13, 19, 5], ["xem xét giải quyết", "sớm chi trả", "điều chỉnh", "hướng dẫn"],
                          ["chế độ cho người có công với cách mạng", "trợ cấp cho người cao tuổi",
                           "chính sách hỗ trợ hộ nghèo, hộ cận nghèo", "chế độ cho cán bộ không chuyên trách dôi dư sau sắp xếp",
                           "vốn vay ưu đãi cho hộ sản xuất kinh doanh"],
                          ["nhiều hồ sơ tồn đọng chưa được giải quyết", "mức hỗ trợ còn thấp so với thực tế",
                           "thủ tục còn rườm rà, kéo dài"]),
    "An ninh trật tự": ([12, 18], ["tăng cường", "xử lý nghiêm", "có biện pháp ngăn chặn"],
                        ["công tác đấu tranh phòng chống ma túy", "tình trạng đua xe trái phép trên đường tỉnh {n}",
                         "hoạt động tín dụng đen", "tình trạng trộm cắp tài sản tại thôn {n}"],
                        ["gây mất an ninh trật tự tại địa phương", "người dân lo lắng, bất an"]),
    "Nông nghiệp": ([2, 6, 5], ["hỗ trợ", "có chính sách", "đầu tư", "kịp thời hỗ trợ"],
                    ["giống cây trồng cho bà con sau thiên tai", "kênh mương nội đồng thôn {n}",
                     "tiêu thụ sản phẩm nông sản cho nông dân", "phòng chống dịch bệnh trên đàn gia súc",
                     "hồ chứa nước {n} phục vụ tưới tiêu"],
                    ["sản xuất gặp nhiều khó khăn", "giá vật tư nông nghiệp tăng cao", "thiệt hại do mưa lũ năm {y}"]),
    "Văn hóa": ([8, 0], ["đầu tư xây dựng", "hỗ trợ kinh phí", "tu bổ"],
                ["nhà văn hóa thôn {n}", "di tích lịch sử cấp tỉnh tại xã", "sân thể thao của xã"],
                ["đã xuống cấp, không đáp ứng nhu cầu sinh hoạt của nhân dân", "chưa có nơi sinh hoạt cộng đồng"]),
    "Tư pháp": ([17, 18, 10], ["đẩy nhanh", "xem xét lại", "giải quyết"],
                ["việc thi hành án dân sự vụ việc số {n}", "thời hạn giải quyết vụ án tranh chấp đất đai",
                 "việc giải quyết đơn thư khiếu nại kéo dài"],
                ["vụ việc kéo dài nhiều năm", "ảnh hưởng đến quyền lợi của công dân"]),
}
INTROS = ["đề nghị", "kiến nghị", "phản ánh và đề nghị", "đề nghị UBND tỉnh chỉ đạo các ngành liên quan",
          "tiếp tục đề nghị", "đề nghị các cơ quan chức năng"]
STATUSES = [("resolved", 55), ("explained", 25), ("in_progress", 12), ("unresolved", 8)]


def sample_sentences() -> list[str]:
    """Sentences of ../shared/samples (read, never copied) to lengthen a few petitions."""
    if not SAMPLES.is_file():
        return []
    text = SAMPLES.read_text(encoding="utf-8")
    return [s.strip() + "." for s in text.replace("\n", " ").split(". ") if 40 <= len(s) <= 220]


class Writer:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.extra = sample_sentences()

    def petition(self) -> tuple[str, str, str, int]:
        """(text, field, commune, agency index)."""
        rnd = self.rnd
        topic = rnd.choice(list(TOPICS))
        agencies, requests, objects, reasons = TOPICS[topic]
        commune = rnd.choice(COMMUNES)

        def fill(s: str) -> str:
            return s.format(n=rnd.randint(1, 60), y=rnd.randint(2015, 2025))

        text = (f"Cử tri {commune} {rnd.choice(INTROS)} {rnd.choice(requests)} {fill(rnd.choice(objects))}, "
                f"vì {fill(rnd.choice(reasons))}.")
        if rnd.random() < 0.3:
            text += f" Đề nghị có lộ trình cụ thể và thông báo kết quả cho cử tri {commune} được biết."
        if self.extra and rnd.random() < 0.1:
            text += " " + rnd.choice(self.extra)
        return text, topic, commune, rnd.choice(agencies)


# --- seeding -------------------------------------------------------------------------------------

@dataclass
class Seeded:
    council_id: int
    token: str
    agency_ids: list[int]
    agency_names: list[str]


def at(day: date, rnd: random.Random) -> datetime:
    return datetime(day.year, day.month, day.day, 1, tzinfo=UTC) + timedelta(minutes=rnd.randint(0, 600))


async def seed(database_url: str, data_dir: Path, count: int) -> Seeded:
    from sqlalchemy import insert

    from app.accounts.tokens import new_token, token_digest
    from app.config import load_settings
    from app.db import Database
    from app.kit.time import utcnow
    from app.models import (
        Agency,
        AuthToken,
        Council,
        Membership,
        Petition,
        PetitionResponse,
        PetitionSource,
        User,
        VoterMeeting,
    )
    from app.petitions.similarity import comparable

    rnd = random.Random(15)
    writer = Writer(2026)
    db = Database(load_settings(_env_file=None, database_url=database_url, data_dir=data_dir))
    now = utcnow()
    token = new_token()
    async with db.unit_of_work() as uow:
        session = uow.session
        council = Council(name="HĐND tỉnh Đo Tải", level="province", code="BENCH-PET")
        session.add(council)
        await session.flush()
        agencies = [Agency(council_id=council.id, name=name, kind=kind) for name, kind in AGENCIES]
        secretary = User(username="thuky.bench", full_name="Thư ký Đo Tải", password_hash="-",
                         is_active=True, is_admin=False)
        session.add_all([*agencies, secretary])
        await session.flush()
        session.add(Membership(council_id=council.id, user_id=secretary.id, role="secretary"))
        session.add(AuthToken(user_id=secretary.id, token_hash=token_digest(token), device_name="bench",
                              last_used_at=now, expires_at=now + timedelta(days=2)))
        meetings = []
        day = TERM_START
        while day <= TERM_END:
            meetings.append(VoterMeeting(council_id=council.id, held_on=day, place=f"Hội trường {rnd.choice(COMMUNES)}",
                                         unit=rnd.choice(COMMUNES), timing=rnd.choice(("before", "after"))))
            day += timedelta(days=10)
        session.add_all(meetings)
        await session.flush()
        rows, meta = [], []
        for _ in range(count):
            text, topic, commune, agency = writer.petition()
            meeting = rnd.choice(meetings)
            created = at(meeting.held_on + timedelta(days=rnd.randint(0, 9)), rnd)
            state = rnd.choices(("received", "assigned", "answered", "closed"), (12, 33, 15, 40))[0]
            row: dict[str, Any] = {
                "council_id": council.id, "text": text, "folded": comparable(text), "field": topic,
                "locality": commune, "state": state, "created_at": created, "created_by": secretary.id,
                "level": rnd.choice(("province", "province", "commune", "central")),
                "needs_resources": rnd.random() < 0.4, "agency_id": None, "due_on": None,
                "answered_at": None, "closed_at": None, "updated_at": created}
            if state != "received":
                row["agency_id"] = agencies[agency].id
                row["due_on"] = created.date() + timedelta(days=rnd.choice((30, 60, 90, 180, 365)))
            if state in ("answered", "closed"):
                row["answered_at"] = created + timedelta(days=rnd.randint(10, 120))
            if state == "closed":
                row["closed_at"] = row["answered_at"] + timedelta(days=rnd.randint(5, 40))
            rows.append(row)
            meta.append(meeting.id)
        ids: list[int] = []
        for start in range(0, len(rows), 2000):
            ids += list(await session.scalars(insert(Petition).returning(Petition.id, sort_by_parameter_order=True),
                                              rows[start:start + 2000]))
        sources = [{"petition_id": i, "voter_meeting_id": m, "text": r["text"], "locality": r["locality"],
                    "created_at": r["created_at"]} for i, m, r in zip(ids, meta, rows, strict=True)]
        responses = [{"petition_id": i, "status": rnd.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0],
                      "text": "Đã chỉ đạo các đơn vị kiểm tra, xử lý và thông báo kết quả cho cử tri.",
                      "agency_id": r["agency_id"], "responded_by": secretary.id, "created_at": r["answered_at"],
                      "plan_due_on": None}
                     for i, r in zip(ids, rows, strict=True) if r["answered_at"] is not None]
        for batch in (sources, responses):
            model = PetitionSource if batch is sources else PetitionResponse
            for start in range(0, len(batch), 2000):
                await session.execute(insert(model), batch[start:start + 2000])
        result = Seeded(council.id, token, [a.id for a in agencies], [a.name for a in agencies])
    await db.dispose()
    return result


# --- the peers: the app's own statements, replayed by the bare driver ---------------------------

Statements = list[tuple[str, Any]]


class Capture:
    """The SQL statements (with their driver-level parameters) that the app's own query code runs,
    on an engine of the bench's side."""

    def __init__(self, database_url: str, data_dir: Path) -> None:
        from sqlalchemy import event

        from app.config import load_settings
        from app.db import Database

        self.db = Database(load_settings(_env_file=None, database_url=database_url, data_dir=data_dir))
        self.statements: Statements = []
        event.listen(self.db.engine.sync_engine, "before_cursor_execute", self._keep)

    def _keep(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):  # not BEGIN, PRAGMA …
            self.statements.append((statement, parameters))

    async def __call__(self, work: Callable[[Any], Awaitable[Any]]) -> tuple[Statements, Any]:
        async with self.db.unit_of_work(write=False) as uow:
            self.statements = []
            result = await work(uow.session)
            statements = self.statements
        return statements, result

    async def close(self) -> None:
        await self.db.dispose()


def list_work(council_id: int, params: dict[str, Any]) -> Callable[[Any], Awaitable[Any]]:
    """What service.list_petitions queries for a page, after the access check."""
    async def work(session: Any) -> Any:
        from sqlalchemy import select

        from app.kit.time import vietnam_today
        from app.models import Petition
        from app.petitions import service

        filters = service.Filters(**{k: v for k, v in params.items() if k in ("state", "agency_id", "overdue", "q")})
        query = select(Petition).where(Petition.council_id == council_id, service.VOTERS,
                                       Petition.merged_into_id.is_(None))
        if params.get("after") is not None:
            query = query.where(Petition.id > params["after"])
        query = service.filtered(query, filters, vietnam_today()).order_by(Petition.id).limit(50)
        return await service.petitions_out(session, list(await session.scalars(query)))
    return work


class Driver:
    """The bare driver on the bench's side: stdlib sqlite3, or asyncpg."""

    def __init__(self, backend: str, sqlite_path: Path | None, pg_db: str | None) -> None:
        self.backend, self.sqlite_path, self.pg_db = backend, sqlite_path, pg_db
        self.sqlite: sqlite3.Connection | None = None
        self.pg: Any = None

    async def open(self) -> None:
        if self.backend == "sqlite":
            self.sqlite = sqlite3.connect(str(self.sqlite_path))
        else:
            import asyncpg
            self.pg = await asyncpg.connect(host="127.0.0.1", port=5432, user="postgres", database=self.pg_db)

    async def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
        if self.pg is not None:
            await self.pg.close()

    async def run(self, statements: Statements) -> list[list[Any]]:
        out = []
        for statement, parameters in statements:
            if self.sqlite is not None:
                out.append(self.sqlite.execute(statement, parameters).fetchall())
            else:
                out.append(await self.pg.fetch(statement, *parameters))
        return out


# --- measuring ---------------------------------------------------------------------------------

@dataclass
class Pair:
    app: list[float] = field(default_factory=list)
    peer: list[float] = field(default_factory=list)
    extra: dict[str, list[float]] = field(default_factory=dict)
    note: str = ""

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"n": len(self.app), "note": self.note}
        for name, values in (("app", self.app), ("peer", self.peer), *self.extra.items()):
            if values:
                out[name] = {"p50_ms": percentile(values, 50) * 1000, "p99_ms": percentile(values, 99) * 1000,
                             "max_ms": max(values) * 1000}
        return out


async def timed(action: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = await action()
    return time.perf_counter() - started, result


async def get(client: httpx.AsyncClient, url: str, params: dict[str, Any] | None = None) -> httpx.Response:
    answer = await client.get(url, params=params)
    if answer.status_code != 200:
        raise RuntimeError(f"GET {url} {params}: {answer.status_code} {answer.text[:500]}")
    return answer


def list_scenarios(seeded: Seeded, last_id: int, rnd: random.Random) -> dict[str, Callable[[], dict[str, Any]]]:
    return {
        "no filter": dict,
        "state=received": lambda: {"state": rnd.choice(("received", "assigned", "answered"))},
        "agency_id": lambda: {"agency_id": rnd.choice(seeded.agency_ids)},
        "overdue=true": lambda: {"overdue": True},
        "q, common words (duong giao thong)": lambda: {"q": rnd.choice(("duong", "nuoc sach", "giao vien", "dat dai"))},
        "q, rare words (a commune)": lambda: {"q": rnd.choice(COMMUNES[:40]).split(" ", 1)[1]},
        "q, no match": lambda: {"q": rnd.choice(("khong co gi", "zzzz", "hoc bong du hoc"))},
        "after= (a random page)": lambda: {"after": rnd.randint(1, last_id)},
    }


async def bench_lists(client: httpx.AsyncClient, driver: Driver, args: argparse.Namespace, capture: Capture,
                      seeded: Seeded, last_id: int) -> dict[str, Pair]:
    rnd = random.Random(7)
    url = f"/api/v1/councils/{seeded.council_id}/petitions"
    results: dict[str, Pair] = {}
    for name, make in list_scenarios(seeded, last_id, rnd).items():
        pair = Pair(note="")
        items = 0
        for _ in range(args.requests):
            params = make()
            statements, _ = await capture(list_work(seeded.council_id, params))
            http_params = {k: ("true" if v is True else v) for k, v in params.items()}
            elapsed, answer = await timed(lambda p=http_params: get(client, url, p))  # type: ignore[misc]
            pair.app.append(elapsed)
            items += len(answer.json()["items"])
            elapsed, _ = await timed(lambda s=statements: driver.run(s))  # type: ignore[misc]
            pair.peer.append(elapsed)
        pair.note = f"{items / args.requests:.0f} items per page"
        results[name] = pair
        log(f"list {name}: app p99 {percentile(pair.app, 99) * 1000:.1f} ms, "
            f"peer p99 {percentile(pair.peer, 99) * 1000:.1f} ms")
    return results


async def bench_report(client: httpx.AsyncClient, driver: Driver, args: argparse.Namespace, capture: Capture,
                       seeded: Seeded) -> dict[str, Pair]:
    from app.petitions.report import ReportRow, summarize

    try:
        from app.petitions.report_service import report_rows
    except ImportError:
        report_rows = None  # type: ignore[assignment]
    url = f"/api/v1/councils/{seeded.council_id}/petitions/report"
    period = {"from": TERM_START.isoformat(), "to": TODAY.isoformat()}
    probe = await client.get(url, params={**period, "format": "json"})
    endpoint = probe.status_code == 200
    if not endpoint:
        log(f"report endpoint: {probe.status_code} {probe.text[:200]} — timing summarize only")
    rows: list[ReportRow] = []
    statements: Statements = []
    if report_rows is not None:
        import inspect

        many = "council_ids" in inspect.signature(report_rows).parameters  # the lead's code moves

        async def work(session: Any) -> Any:
            return await report_rows(session, [seeded.council_id] if many else seeded.council_id)
        statements, rows = await capture(work)

    async def peer() -> Any:
        if statements:
            await driver.run(statements)  # the rows as the database gives them; then the computation
        report = summarize(rows, council_id=seeded.council_id, council="HĐND tỉnh Đo Tải", start=TERM_START,
                           end=TODAY, today=TODAY)
        return report.model_dump_json(by_alias=True)

    results: dict[str, Pair] = {}
    runs = 2 if args.quick else 3
    for fmt in ("json", "xlsx", "pdf") if endpoint else ():
        pair = Pair()
        started = time.perf_counter()
        first = await client.get(url, params={**period, "format": fmt})
        warm = time.perf_counter() - started
        if first.status_code != 200:
            log(f"report {fmt}: {first.status_code} {first.text[:200]}")
            continue
        # a file 5 × over its target is timed once more, not `runs` times: the verdict is the same
        for _ in range(1 if warm > 5 * REPORT_TARGET_S else runs):
            elapsed, answer = await timed(lambda f=fmt: get(client, url, {**period, "format": f}))  # type: ignore[misc]
            pair.app.append(elapsed)
            elapsed, _ = await timed(peer)
            pair.peer.append(elapsed)
        pair.note = f"{len(answer.content) / 1024:.0f} KiB"
        results[f"report {fmt}"] = pair
        log(f"report {fmt}: app p50 {percentile(pair.app, 50):.2f} s ({pair.note})")
    if rows:  # the computation alone, no peer: the peer of the rows above includes it
        pair = Pair(note=f"{len(rows)} rows, in the bench's process")
        for _ in range(runs):
            started = time.perf_counter()
            summarize(rows, council_id=seeded.council_id, council="", start=TERM_START, end=TODAY, today=TODAY)
            pair.app.append(time.perf_counter() - started)
        results["summarize alone"] = pair
    return results


def typed_text() -> str:
    """A new petition, as a secretary types it: close to many stored ones, equal to none."""
    return ("Cử tri xã Diễn Thành đề nghị sửa chữa tuyến đường liên xã từ thôn 5 đi trung tâm xã, "
            "vì đã xuống cấp nghiêm trọng, gây mất an toàn giao thông cho người dân đi lại.")


async def bench_similar(client: httpx.AsyncClient, args: argparse.Namespace, capture: Capture,
                        seeded: Seeded) -> Pair:
    from rapidfuzz import fuzz, process

    from app.petitions.candidates import CandidateTexts
    from app.petitions.similarity import comparable, most_similar

    async def work(session: Any) -> Any:
        return await CandidateTexts().of(session, seeded.council_id)
    _, choices = await capture(work)
    folded = list(choices.values())
    text = typed_text()
    step = max(1, (len(text) - 8) // args.requests) if args.quick else 1
    prefixes = [text[:n] for n in range(8, len(text) + 1, step)]
    url = f"/api/v1/councils/{seeded.council_id}/petitions/similar"
    pair = Pair(extra={"most_similar in-process": []})
    hits = 0
    for prefix in prefixes:
        elapsed, answer = await timed(lambda p=prefix: get(client, url, {"text": p}))  # type: ignore[misc]
        pair.app.append(elapsed)
        hits = len(answer.json()["items"])
        started = time.perf_counter()
        process.extract(comparable(prefix), folded, scorer=fuzz.token_set_ratio, processor=None, limit=10)
        pair.peer.append(time.perf_counter() - started)
        started = time.perf_counter()
        most_similar(prefix, choices, limit=10)
        pair.extra["most_similar in-process"].append(time.perf_counter() - started)
    pair.note = f"{len(prefixes)} prefixes of a {len(text)}-character text, {len(folded)} candidates, {hits} hits at the end"
    log(f"similar: app p99 {percentile(pair.app, 99) * 1000:.1f} ms, peer p99 {percentile(pair.peer, 99) * 1000:.1f} ms")
    return pair


def import_file(rows: int, seeded: Seeded, existing: list[str]) -> bytes:
    from openpyxl import Workbook

    rnd = random.Random(5000)
    writer = Writer(99)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỬ TRI TRƯỚC KỲ HỌP THỨ 14"])
    sheet.append([])
    sheet.append(["STT", "Nội dung kiến nghị", "Lĩnh vực", "Địa phương", "Cơ quan giải quyết", "Hạn giải quyết"])
    written: list[str] = []
    for n in range(1, rows + 1):
        text, topic, commune, agency = writer.petition()
        roll = rnd.random()
        if roll < 0.04 and existing:  # heard again: a petition already kept, a word changed
            text = rnd.choice(existing).replace("đề nghị", "kiến nghị", 1)
        elif roll < 0.05 and written:  # two deputies' groups heard the same
            text = rnd.choice(written)
        written.append(text)
        due = TODAY + timedelta(days=rnd.choice((30, 60, 90)))
        sheet.append([n, text, topic, commune, seeded.agency_names[agency], due.strftime("%d/%m/%Y")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def bench_import(client: httpx.AsyncClient, driver: Driver, args: argparse.Namespace, seeded: Seeded,
                       existing: list[str]) -> Pair:
    from openpyxl import load_workbook

    from app.petitions.petition_file import read_petition_file

    content = import_file(args.import_rows, seeded, existing)
    url = f"/api/v1/councils/{seeded.council_id}/petitions/import"
    meanwhile = "a petition recorded during the import"
    pair = Pair(extra={"read_petition_file in-process": [], meanwhile: []})
    outcome: dict[str, Any] = {}
    for _ in range(args.import_runs):
        before = await driver.run([(q, ()) for q in ("SELECT max(id) FROM petitions", "SELECT max(id) FROM petition_sources")])
        started = time.perf_counter()
        importing = asyncio.create_task(client.post(url, files={"file": ("kien-nghi.xlsx", content,
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}))
        while not importing.done():
            await asyncio.sleep(0.1)
            took, recorded = await timed(lambda: client.post(
                f"/api/v1/councils/{seeded.council_id}/petitions",
                json={"text": f"Kiến nghị ghi trong lúc nhập danh sách {time.monotonic_ns()}", "field": "Khác"}))
            if recorded.status_code != 201:
                raise RuntimeError(f"record during import: {recorded.status_code} {recorded.text[:300]}")
            pair.extra[meanwhile].append(took)
        answer = await importing
        pair.app.append(time.perf_counter() - started)
        if answer.status_code != 200:
            raise RuntimeError(f"import: {answer.status_code} {answer.text[:1000]}")
        outcome = answer.json()
        started = time.perf_counter()
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        cells = sum(1 for row in book.active.iter_rows(values_only=True) for _ in row)  # type: ignore[union-attr]
        book.close()
        pair.peer.append(time.perf_counter() - started)
        started = time.perf_counter()
        read_petition_file("kien-nghi.xlsx", content)
        pair.extra["read_petition_file in-process"].append(time.perf_counter() - started)
        await undo_import(driver, int(before[0][0][0]), int(before[1][0][0]))
        log(f"import: {pair.app[-1]:.2f} s {outcome}; openpyxl read {pair.peer[-1]:.2f} s ({cells} cells); "
            f"recorded meanwhile: {len(pair.extra[meanwhile])}, slowest {max(pair.extra[meanwhile]):.2f} s")
    pair.note = (f"{args.import_rows} rows, {len(content) / 1024:.0f} KiB; created {outcome.get('created')}, "
                 f"merged {outcome.get('merged')}")
    return pair


async def undo_import(driver: Driver, petition_id: int, source_id: int) -> None:
    """Back to the seeded petitions, so that every import run starts alike."""
    statements = [(f"DELETE FROM petition_sources WHERE id > {source_id}", ()),
                  (f"DELETE FROM petitions WHERE id > {petition_id}", ())]
    if driver.sqlite is not None:
        await driver.run(statements)
        driver.sqlite.commit()
        driver.sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        await driver.run(statements)
        await driver.pg.execute("VACUUM ANALYZE petitions")
        await driver.pg.execute("VACUUM ANALYZE petition_sources")


# --- one backend -------------------------------------------------------------------------------

async def wait_ready(port: int, proc: subprocess.Popen[Any]) -> None:
    deadline = time.monotonic() + 90
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("kyhop serve exited; see its log")
            try:
                if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError("kyhop serve did not become ready")


async def pg_admin(sql: str) -> None:
    import asyncpg
    conn = await asyncpg.connect(host="127.0.0.1", port=5432, user="postgres", database="postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def run_backend(name: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    data_dir = workdir / name
    data_dir.mkdir()
    db_name = f"kyhop_bench_petitions_{os.getpid()}"
    sqlite_path = data_dir / "kyhop.sqlite3"
    if name == "sqlite":
        database_url = f"sqlite+aiosqlite:///{sqlite_path}"
    else:
        await pg_admin(f'CREATE DATABASE "{db_name}"')
        database_url = PG_URL.format(db=db_name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYHOP_")}
    env.update({"KYHOP_DATABASE_URL": database_url, "KYHOP_DATA_DIR": str(data_dir), "KYHOP_LOG_LEVEL": "WARNING"})
    driver = Driver(name, sqlite_path, db_name)
    log_path = workdir / f"{name}.log"
    try:
        subprocess.run([str(KYHOP), "db", "upgrade"], env=env, check=True, capture_output=True)
        started = time.perf_counter()
        seeded = await seed(database_url, data_dir, args.petitions)
        log(f"{name}: {args.petitions} petitions seeded in {time.perf_counter() - started:.1f} s")
        await driver.open()
        if name == "postgres":
            await driver.pg.execute("VACUUM ANALYZE")  # what autovacuum does a minute after the load
        [[(last_id,)]] = await driver.run([("SELECT max(id) FROM petitions", ())])
        port = free_port()
        server = CHILDREN.start([str(KYHOP), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, log_path=log_path)
        await wait_ready(port, server)
        results: dict[str, Any] = {"load_before": loadavg()}
        headers = {"Authorization": f"Bearer {seeded.token}"}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=600) as client:
            await get(client, f"/api/v1/councils/{seeded.council_id}/petitions")  # warm
            pairs: dict[str, Pair] = {}
            capture = Capture(database_url, data_dir)
            try:
                pairs.update({f"list: {k}": v for k, v in (await bench_lists(
                    client, driver, args, capture, seeded, int(last_id))).items()})
                pairs["similar per keystroke"] = await bench_similar(client, args, capture, seeded)
                pairs.update(await bench_report(client, driver, args, capture, seeded))
            finally:
                await capture.close()
            existing = [r[0] for r in (await driver.run([("SELECT text FROM petitions", ())]))[0]]
            pairs["import"] = await bench_import(client, driver, args, seeded, existing)
        CHILDREN.stop(server)
        results["load_after"] = loadavg()
        results["pairs"] = {k: v.summary() for k, v in pairs.items()}
        return results
    except BaseException:
        if log_path.exists():
            log(f"{log_path.name} (last lines):\n" + "\n".join(log_path.read_text().splitlines()[-20:]))
        raise
    finally:
        await driver.close()
        if name == "postgres":
            await pg_admin(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def verdict(name: str, p99_ms: float) -> str:
    if name.startswith("list"):
        return f"≤ {LIST_TARGET_MS:.0f} ms: {'met' if p99_ms <= LIST_TARGET_MS else 'MISSED'}"
    if name.startswith("report"):
        return f"≤ {REPORT_TARGET_S:.0f} s: {'met' if p99_ms <= REPORT_TARGET_S * 1000 else 'MISSED'}"
    if name.startswith("similar"):
        return f"≤ {KEYSTROKE_TARGET_MS:.0f} ms: {'met' if p99_ms <= KEYSTROKE_TARGET_MS else 'MISSED'}"
    return ""


def report(backend: str, result: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\n{backend}: {args.petitions} petitions; load average {result['load_before']} → {result['load_after']}")
    print("| what | app p50 ms | app p99 ms | peer p50 ms | peer p99 ms | p99 ratio | target (p99) | notes |")
    print("|---|---|---|---|---|---|---|---|")
    for name, s in result["pairs"].items():
        app, peer = s.get("app"), s.get("peer")
        if app is None:
            continue
        ratio = f"{app['p99_ms'] / peer['p99_ms']:.1f}×" if peer else ""
        extras = "; ".join(f"{k} p50 {v['p50_ms']:.1f} / p99 {v['p99_ms']:.1f} ms"
                           for k, v in s.items() if isinstance(v, dict) and k not in ("app", "peer"))
        notes = "; ".join(x for x in (s["note"], extras) if x)
        peer_p50, peer_p99 = (f"{peer['p50_ms']:.1f}", f"{peer['p99_ms']:.1f}") if peer else ("—", "—")
        print(f"| {name} | {app['p50_ms']:.1f} | {app['p99_ms']:.1f} | {peer_p50} | {peer_p99} | {ratio} | "
              f"{verdict(name, app['p99_ms'])} | {notes} |")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--petitions", type=int, default=20_000)
    parser.add_argument("--import-rows", type=int, default=5_000)
    parser.add_argument("--import-runs", type=int, default=2)
    parser.add_argument("--requests", type=int, default=200, help="requests per list scenario (200)")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2,000 petitions, 300 rows, 20 requests")
    parser.add_argument("--json", type=Path, help="write the raw results here")
    args = parser.parse_args(argv)
    if args.quick:
        args.petitions, args.import_rows, args.import_runs, args.requests = 2_000, 300, 1, 20
    return args


async def main_async(args: argparse.Namespace) -> int:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kyhop-bench-petitions-") as tmp:
        for name in args.backends.split(","):
            results[name] = await run_backend(name, args, Path(tmp))
    for name, result in results.items():
        report(name, result, args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        return asyncio.run(main_async(args))
    finally:
        CHILDREN.stop_all()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

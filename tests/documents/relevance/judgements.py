"""Queries a council member would type, each with the pages a person judged relevant.

A judgement names pages as (document key, page number) of `documents.DOCUMENTS`:
- `relevant`: what the member is looking for; precision@k counts these (see
  test_search_relevance.precision_at_k);
- `below`: pages that hold the words but further apart (or less to the point): they may be
  returned, but never before a relevant page;
- `excluded`: pages that must not be returned at all: they hold the words only without the
  diacritics typed ("đạt", "đại" for "đất đai") or without the quoted phrase.

The judgements were made by reading the texts, not by running the search. Where the docs' rules
and a member's expectation could part, the member's expectation is written down (see `note`).
"""

from __future__ import annotations

from dataclasses import dataclass

Page = tuple[str, int]

PLAIN, EXACT, MULTI, PHRASE = "plain", "diacritics", "multi-word", "phrase"


def pages(key: str, *numbers: int) -> tuple[Page, ...]:
    return tuple((key, number) for number in numbers)


def join(*groups: tuple[Page, ...]) -> tuple[Page, ...]:
    return tuple(page for group in groups for page in group)


@dataclass(frozen=True)
class Judgement:
    query: str
    kind: str  # PLAIN (no diacritics), EXACT (diacritics typed), MULTI, PHRASE (quotes)
    relevant: tuple[Page, ...]
    below: tuple[Page, ...] = ()
    excluded: tuple[Page, ...] = ()
    note: str = ""


# The pages that hold "đất đai" (the words together), and those where "đạt"/"đại" or "vành đai"
# stand in for them.
DAT_DAI_TOGETHER = join(
    pages("tt-thu-hoi-dat", 1), pages("bc-giam-sat-dat-dai", 1, 2, 3, 4),
    pages("bc-kien-nghi-cu-tri", 1, 2), pages("tt-du-toan-ngan-sach", 4),
    pages("bc-tham-tra-ktxh", 3), pages("nq-bang-gia-dat", 1, 2), pages("tb-chat-van", 2))
DAT_AND_VANH_DAI = join(pages("tt-thu-hoi-dat", 2), pages("nq-dau-tu-cong", 3))  # "đất" … "vành đai"
DAT_DAI_ONLY_FOLDED = join(  # "đạt" / "đất" with "đại" only: no "đất đai" with these diacritics
    pages("tt-du-toan-ngan-sach", 2), pages("nq-dau-tu-cong", 4), pages("bc-tham-tra-ktxh", 1),
    pages("kh-giao-duc", 2), pages("nq-bang-gia-dat", 4), pages("kh-giam-ngheo", 2))
QUYEN_SU_DUNG_DAT = join(
    pages("tt-thu-hoi-dat", 1, 2, 3), pages("bc-giam-sat-dat-dai", 2, 3),
    pages("bc-kien-nghi-cu-tri", 2), pages("nq-bang-gia-dat", 2, 3))
TIEN_SU_DUNG_DAT = join(
    pages("bc-giam-sat-dat-dai", 3), pages("tt-du-toan-ngan-sach", 1, 3), pages("bc-tham-tra-ktxh", 2),
    pages("nq-bang-gia-dat", 2))
DAU_TU_CONG = join(
    pages("tt-thu-hoi-dat", 2), pages("tt-du-toan-ngan-sach", 3), pages("nq-dau-tu-cong", 1, 2, 3),
    pages("bc-tham-tra-ktxh", 2), pages("bc-tham-tra-y-te", 3), pages("kh-giam-ngheo", 3),
    pages("tb-chat-van", 3))
DAU_TU_APART_CONG = join(  # "đầu tư" and "công" (công trình, công lập, công khai …) apart
    pages("bc-giam-sat-dat-dai", 3), pages("bc-kien-nghi-cu-tri", 3, 4),
    pages("tt-du-toan-ngan-sach", 1, 4), pages("bc-tham-tra-ktxh", 1, 3), pages("kh-giao-duc", 1, 3),
    pages("bc-tham-tra-y-te", 2))
KIEN_NGHI_CU_TRI = join(pages("bc-kien-nghi-cu-tri", 1, 4), pages("tb-chat-van", 1))
KIEN_NGHI_APART_CU_TRI = join(pages("bc-giam-sat-dat-dai", 4), pages("bc-kien-nghi-cu-tri", 2),
                              pages("nq-bien-che", 1), pages("bc-tham-tra-ktxh", 4))
ONLY_GIAM = join(  # "giám" (giám sát, Giám đốc) but never "giảm"
    pages("bc-giam-sat-dat-dai", 4), pages("nq-bien-che", 3), pages("nq-dau-tu-cong", 4),
    pages("bc-tham-tra-ktxh", 4), pages("nq-bang-gia-dat", 4), pages("kh-giam-ngheo", 2, 3, 4),
    pages("tb-chat-van", 2, 3))
ONLY_TRUONG_AND_BAN = join(  # "trường" (môi trường, thị trường …) with "Ban"/"ban hành"/"Ủy ban"
    pages("tt-thu-hoi-dat", 2, 4), pages("bc-giam-sat-dat-dai", 1, 3),
    pages("tt-du-toan-ngan-sach", 1, 2), pages("bc-tham-tra-ktxh", 3), pages("kh-giao-duc", 1, 4),
    pages("nq-bang-gia-dat", 3), pages("kh-giam-ngheo", 4))

JUDGEMENTS: tuple[Judgement, ...] = (
    # --- typed without diacritics: any diacritics match, the words together come first -----------
    Judgement("dat dai", PLAIN, DAT_DAI_TOGETHER, below=join(DAT_AND_VANH_DAI, DAT_DAI_ONLY_FOLDED),
              note="'dat dai' means đất đai; pages with only đạt … đại come last"),
    Judgement("quyen su dung dat", PLAIN, QUYEN_SU_DUNG_DAT, below=pages("tt-thu-hoi-dat", 4)),
    Judgement("dau tu cong", PLAIN, DAU_TU_CONG, below=DAU_TU_APART_CONG),
    Judgement("kien nghi cu tri", PLAIN, KIEN_NGHI_CU_TRI, below=KIEN_NGHI_APART_CU_TRI),
    Judgement("y te", PLAIN, join(
        pages("tt-thu-hoi-dat", 2), pages("bc-kien-nghi-cu-tri", 1, 3), pages("nq-bien-che", 2),
        pages("tt-du-toan-ngan-sach", 3), pages("nq-dau-tu-cong", 1, 2), pages("bc-tham-tra-y-te", 1, 2, 3),
        pages("kh-giam-ngheo", 1)),
              below=join(pages("bc-tham-tra-ktxh", 1), pages("tb-chat-van", 1)),
              note="'ý kiến … kinh tế' also folds to y … te"),
    Judgement("bien che", PLAIN, join(
        pages("bc-giam-sat-dat-dai", 2), pages("nq-bien-che", 1, 3), pages("kh-giao-duc", 3),
        pages("bc-tham-tra-y-te", 3))),
    Judgement("giam ngheo", PLAIN, join(pages("bc-tham-tra-ktxh", 2), pages("kh-giam-ngheo", 1)),
              below=pages("kh-giam-ngheo", 2, 3, 4), note="giám sát … nghèo is not giảm nghèo"),
    Judgement("tien su dung dat", PLAIN, TIEN_SU_DUNG_DAT,
              below=join(pages("tt-thu-hoi-dat", 2), pages("bc-kien-nghi-cu-tri", 2))),
    Judgement("nuoc sach", PLAIN, join(
        pages("bc-kien-nghi-cu-tri", 4), pages("kh-giao-duc", 3), pages("kh-giam-ngheo", 3)),
              below=join(pages("bc-giam-sat-dat-dai", 1), pages("tt-du-toan-ngan-sach", 1, 2, 3, 4),
                         pages("nq-dau-tu-cong", 1), pages("bc-tham-tra-ktxh", 2),
                         pages("kh-giao-duc", 1), pages("nq-bang-gia-dat", 1)),
              note="'nhà nước … ngân sách' also folds to nuoc … sach"),
    Judgement("bang gia dat", PLAIN, join(
        pages("tt-thu-hoi-dat", 1), pages("bc-giam-sat-dat-dai", 3), pages("nq-dau-tu-cong", 4),
        pages("nq-bang-gia-dat", 1, 2, 3, 4)),
              below=join(pages("tt-thu-hoi-dat", 2), pages("tt-du-toan-ngan-sach", 1),
                         pages("bc-tham-tra-ktxh", 2))),
    Judgement("truong hoc", PLAIN, join(
        pages("bc-kien-nghi-cu-tri", 3), pages("nq-bien-che", 2), pages("tt-du-toan-ngan-sach", 2),
        pages("kh-giao-duc", 1, 3)),
              below=join(pages("tt-thu-hoi-dat", 2), pages("kh-giao-duc", 2, 4))),
    Judgement("hoc sinh", PLAIN, join(pages("bc-kien-nghi-cu-tri", 3), pages("kh-giao-duc", 1, 2, 3, 4)),
              below=pages("tt-du-toan-ngan-sach", 2)),
    Judgement("tram y te xa", PLAIN, join(
        pages("tt-thu-hoi-dat", 2), pages("bc-kien-nghi-cu-tri", 3), pages("nq-bien-che", 2),
        pages("bc-tham-tra-y-te", 1, 2, 3))),
    Judgement("thu hoi dat", PLAIN, join(
        pages("tt-thu-hoi-dat", 1, 2, 3), pages("bc-giam-sat-dat-dai", 2), pages("nq-dau-tu-cong", 3)),
              below=join(pages("tt-thu-hoi-dat", 4), pages("bc-giam-sat-dat-dai", 4),
                         pages("bc-kien-nghi-cu-tri", 1, 2), pages("tt-du-toan-ngan-sach", 1, 4),
                         pages("nq-dau-tu-cong", 4), pages("bc-tham-tra-ktxh", 1),
                         pages("nq-bang-gia-dat", 1))),
    Judgement("chuyen doi so", PLAIN, join(pages("nq-bien-che", 3), pages("kh-giao-duc", 4)),
              below=pages("bc-giam-sat-dat-dai", 2)),
    Judgement("giai phong mat bang", PLAIN, join(
        pages("tt-thu-hoi-dat", 1), pages("nq-dau-tu-cong", 3), pages("bc-tham-tra-ktxh", 4))),
    Judgement("ngan sach nha nuoc", PLAIN, join(
        pages("tt-du-toan-ngan-sach", 1, 3), pages("nq-dau-tu-cong", 1), pages("bc-tham-tra-ktxh", 2),
        pages("kh-giao-duc", 1)),
              below=join(pages("tt-du-toan-ngan-sach", 4), pages("nq-bang-gia-dat", 1))),
    Judgement("cap giay chung nhan lan dau", PLAIN, join(
        pages("bc-giam-sat-dat-dai", 2, 4), pages("tb-chat-van", 2)),
              note="page 2 of the monitoring report says 'cấp giấy chứng nhận quyền sử dụng đất lần "
                   "đầu': the same subject, so relevant too"),
    Judgement("hien dai hoa", PLAIN, pages("tt-du-toan-ngan-sach", 2),
              below=join(pages("bc-giam-sat-dat-dai", 1, 2), pages("bc-kien-nghi-cu-tri", 1),
                         pages("nq-bien-che", 1, 3), pages("nq-dau-tu-cong", 4),
                         pages("bc-tham-tra-ktxh", 1), pages("nq-bang-gia-dat", 4))),
    # --- typed with diacritics: those diacritics, exactly -------------------------------------
    Judgement("đất đai", EXACT, DAT_DAI_TOGETHER, below=DAT_AND_VANH_DAI, excluded=DAT_DAI_ONLY_FOLDED),
    Judgement("ĐẤT ĐAI", EXACT, DAT_DAI_TOGETHER, below=DAT_AND_VANH_DAI, excluded=DAT_DAI_ONLY_FOLDED,
              note="case never matters"),
    Judgement("đạt", EXACT, join(
        pages("bc-giam-sat-dat-dai", 1, 2, 3), pages("tt-du-toan-ngan-sach", 1, 2),
        pages("bc-tham-tra-ktxh", 1, 2), pages("kh-giao-duc", 2), pages("bc-tham-tra-y-te", 1),
        pages("kh-giam-ngheo", 2), pages("tb-chat-van", 3)),
              excluded=join(pages("tt-thu-hoi-dat", 1, 2, 3, 4), pages("nq-bang-gia-dat", 1, 2, 3, 4),
                            pages("bc-kien-nghi-cu-tri", 2)),
              note="pages with only 'đất' are not pages about what was achieved"),
    Judgement("đại biểu", EXACT, join(
        pages("bc-kien-nghi-cu-tri", 1), pages("nq-bien-che", 1, 3), pages("nq-dau-tu-cong", 1, 4),
        pages("bc-tham-tra-ktxh", 1, 4), pages("nq-bang-gia-dat", 4), pages("tb-chat-van", 1))),
    Judgement("giảm", EXACT, join(
        pages("bc-giam-sat-dat-dai", 1), pages("nq-bien-che", 1, 2), pages("bc-tham-tra-ktxh", 2),
        pages("nq-bang-gia-dat", 3), pages("kh-giam-ngheo", 1)), excluded=ONLY_GIAM),
    Judgement("giảm nghèo", EXACT, join(pages("bc-tham-tra-ktxh", 2), pages("kh-giam-ngheo", 1)),
              excluded=pages("kh-giam-ngheo", 2, 3, 4)),
    Judgement("trường học", EXACT, join(
        pages("bc-kien-nghi-cu-tri", 3), pages("nq-bien-che", 2), pages("tt-du-toan-ngan-sach", 2),
        pages("kh-giao-duc", 1, 3)),
              below=join(pages("tt-thu-hoi-dat", 2), pages("kh-giao-duc", 2, 4))),
    Judgement("Trưởng Ban", EXACT, join(
        pages("bc-tham-tra-ktxh", 4), pages("bc-tham-tra-y-te", 3), pages("tb-chat-van", 2)),
              below=join(pages("bc-giam-sat-dat-dai", 4), pages("bc-tham-tra-ktxh", 1)),
              excluded=ONLY_TRUONG_AND_BAN),
    Judgement("thủy lợi", EXACT, join(
        pages("tt-thu-hoi-dat", 2), pages("nq-dau-tu-cong", 1, 2), pages("kh-giam-ngheo", 3, 4)),
              note="the poverty plan is typed in the older style, 'thuỷ lợi' (tone mark on the y): "
                   "the same word with the same diacritics, and a member typing 'thủy lợi' expects it"),
    # --- several words with diacritics: together before apart -------------------------------------
    Judgement("vốn đầu tư công", MULTI, join(
        pages("tt-du-toan-ngan-sach", 3), pages("nq-dau-tu-cong", 1, 2, 3), pages("bc-tham-tra-ktxh", 2),
        pages("bc-tham-tra-y-te", 3), pages("kh-giam-ngheo", 3), pages("tb-chat-van", 3)),
              below=pages("bc-kien-nghi-cu-tri", 4)),
    Judgement("giải ngân vốn đầu tư công", MULTI, join(pages("bc-tham-tra-ktxh", 2), pages("tb-chat-van", 3)),
              below=pages("nq-dau-tu-cong", 1, 3)),
    Judgement("tiếp xúc cử tri", MULTI, pages("bc-kien-nghi-cu-tri", 1), below=pages("bc-tham-tra-ktxh", 4)),
    Judgement("chi thường xuyên", MULTI, pages("tt-du-toan-ngan-sach", 2), below=pages("bc-tham-tra-y-te", 2)),
    Judgement("thu ngân sách", MULTI, join(
        pages("bc-giam-sat-dat-dai", 3), pages("tt-du-toan-ngan-sach", 1, 3), pages("bc-tham-tra-ktxh", 2)),
              below=join(pages("tt-du-toan-ngan-sach", 4), pages("nq-dau-tu-cong", 1, 3),
                         pages("bc-tham-tra-ktxh", 1, 4), pages("nq-bang-gia-dat", 1))),
    # --- quoted phrases: only pages with the phrase, the right page first ------------------------
    Judgement('"quyền sử dụng đất"', PHRASE, QUYEN_SU_DUNG_DAT, excluded=pages("tt-thu-hoi-dat", 4)),
    Judgement('"tiền sử dụng đất"', PHRASE, TIEN_SU_DUNG_DAT,
              excluded=join(pages("tt-thu-hoi-dat", 2), pages("bc-kien-nghi-cu-tri", 2))),
    Judgement('"đấu giá quyền sử dụng đất"', PHRASE,
              join(pages("bc-giam-sat-dat-dai", 3), pages("nq-bang-gia-dat", 3))),
    Judgement('"giấy chứng nhận quyền sử dụng đất" tái định cư', PHRASE, pages("tt-thu-hoi-dat", 3),
              below=pages("bc-kien-nghi-cu-tri", 2),
              note="the voters' report has the certificates and the resettlement in separate items"),
    Judgement('"đầu tư công" y tế', PHRASE, join(
        pages("tt-thu-hoi-dat", 2), pages("tt-du-toan-ngan-sach", 3), pages("nq-dau-tu-cong", 1, 2),
        pages("bc-tham-tra-y-te", 3)),
              excluded=join(pages("bc-kien-nghi-cu-tri", 3), pages("bc-tham-tra-y-te", 2))),
    Judgement('"bảo hiểm y tế" hộ nghèo', PHRASE, pages("kh-giam-ngheo", 1),
              below=pages("tt-du-toan-ngan-sach", 3),
              note="the budget's 'hộ cận nghèo' (near-poor households) is another group"),
    Judgement('"kiến nghị cử tri"', PHRASE, KIEN_NGHI_CU_TRI, excluded=KIEN_NGHI_APART_CU_TRI),
    Judgement('"thu hồi đất" bồi thường', PHRASE, join(pages("tt-thu-hoi-dat", 2, 3), pages("nq-dau-tu-cong", 3)),
              excluded=pages("bc-kien-nghi-cu-tri", 2)),
    # --- a document number, as members type it from a citation -------------------------------------
    Judgement("24/2025/NQ-HĐND", MULTI, join(
        pages("tt-thu-hoi-dat", 1), pages("nq-dau-tu-cong", 4), pages("nq-bang-gia-dat", 1)),
              note="the land price resolution's own number and the two documents that cite it"),
    Judgement('"24/2025/NQ-HĐND"', PHRASE, join(
        pages("tt-thu-hoi-dat", 1), pages("nq-dau-tu-cong", 4), pages("nq-bang-gia-dat", 1)),
              note="quoted: PostgreSQL's parser once kept the number as one token and found nothing"),
)

"""Petitions' pure rules: every step from every state (allowed or 409), overdue at the day's
boundary, and the similarity that finds Vietnamese duplicates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import Conflict, Invalid
from app.petitions import rules
from app.petitions.similarity import (
    LIKELY,
    SAME,
    SameIndex,
    comparable,
    differ_only_by_typos,
    most_similar,
    score,
)

DUE = date(2026, 12, 31)


@pytest.mark.parametrize("state", rules.STATES)
def test_answering_is_allowed_only_once_assigned(state: str) -> None:
    if state == "assigned":
        rules.require_answerable(state)
        return
    code = {"received": "petition_not_assigned", "answered": "petition_answered",
            "closed": "petition_closed"}[state]
    with pytest.raises(Conflict) as refused:
        rules.require_answerable(state)
    assert refused.value.code == code


@pytest.mark.parametrize("state", rules.STATES)
@pytest.mark.parametrize("accepted", [True, False])
def test_a_review_closes_or_sends_back_only_an_answered_petition(state: str, accepted: bool) -> None:
    if state == "answered":
        assert rules.after_review(state, accepted=accepted) == ("closed" if accepted else "assigned")
        return
    with pytest.raises(Conflict) as refused:
        rules.after_review(state, accepted=accepted)
    assert refused.value.code == ("petition_closed" if state == "closed" else "petition_not_answered")


@pytest.mark.parametrize(("state", "agency", "due", "expected"), [
    ("received", None, None, "received"),
    ("received", 1, None, "received"),
    ("received", None, DUE, "received"),
    ("received", 1, DUE, "assigned"),
    ("assigned", 1, DUE, "assigned"),
    ("assigned", None, DUE, "received"),  # the agency was taken away
    ("answered", 1, DUE, "answered"),  # classified further while the answer waits for review
])
def test_a_petition_is_assigned_once_it_has_an_agency_and_a_due_date(state, agency, due, expected) -> None:  # type: ignore[no-untyped-def]
    assert rules.after_classification(state, agency_id=agency, due_on=due) == expected


def test_a_closed_petition_cannot_be_classified_or_reassigned() -> None:
    with pytest.raises(Conflict, match="petition_closed"):
        rules.after_classification("closed", agency_id=1, due_on=DUE)
    for state, code in (("closed", "petition_closed"), ("answered", "petition_answered")):
        with pytest.raises(Conflict) as refused:
            rules.require_reassignable(state)
        assert refused.value.code == code
    rules.require_reassignable("received")
    rules.require_reassignable("assigned")


def test_in_progress_needs_a_plan_date() -> None:
    with pytest.raises(Invalid, match="plan_due_required"):
        rules.check_response("in_progress", None)
    rules.check_response("in_progress", DUE)
    for status in ("resolved", "explained", "unresolved"):
        rules.check_response(status, None)


def test_only_unanswered_petitions_merge() -> None:
    rules.require_mergeable("received", ["assigned", "received"])
    with pytest.raises(Conflict, match="petition_answered"):
        rules.require_mergeable("received", ["answered"])
    with pytest.raises(Conflict, match="petition_closed"):
        rules.require_mergeable("closed", [])


@pytest.mark.parametrize(("today", "state", "overdue"), [
    (date(2026, 12, 30), "assigned", False),
    (DUE, "assigned", False),  # the due day itself is in time
    (date(2027, 1, 1), "assigned", True),
    (date(2027, 1, 1), "answered", True),  # answered but not accepted yet
    (date(2027, 1, 1), "received", True),
    (date(2027, 1, 1), "closed", False),
])
def test_overdue_is_after_the_due_day_without_an_accepted_answer(today: date, state: str, overdue: bool) -> None:
    assert rules.is_overdue(state, DUE, today) is overdue
    assert rules.is_overdue(state, None, today) is False


# --- similarity ------------------------------------------------------------------------------

ROAD = "Cử tri xã Hưng Lộc đề nghị sớm sửa chữa tuyến đường liên xã bị xuống cấp nghiêm trọng"
OTHERS = {
    2: "Đề nghị tỉnh quan tâm đầu tư xây dựng trường mầm non tại xã Nghi Phong",
    3: "Cử tri phản ánh tình trạng ô nhiễm môi trường do trại chăn nuôi lợn gây ra",
    4: "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân tái định cư",
    5: "Sửa đường",
}
SAME_ROAD = [
    "Cu tri xa Hung Loc de nghi som sua chua tuyen duong lien xa bi xuong cap nghiem trong",  # no diacritics
    "Tuyến đường liên xã bị xuống cấp nghiêm trọng, cử tri xã Hưng Lộc đề nghị sớm sửa chữa",  # word order
    "Cử tri xã Hưng Lộc đề nghi sớm sữa chửa tuyến đường liên xả bị xuốg cấp nghiêm trọng",  # typos
    "CỬ TRI XÃ HƯNG LỘC ĐỀ NGHỊ SỚM SỬA CHỮA TUYẾN ĐƯỜNG LIÊN XÃ BỊ XUỐNG CẤP NGHIÊM TRỌNG",
    "Cu tri xa Hung Loc de nghi som sua chua tuyen duogn lien xa bi xuong cap nghiem trong",  # a letter swapped
]


def _choices() -> dict[int, str]:
    return {1: comparable(ROAD), **{key: comparable(text) for key, text in OTHERS.items()}}


def test_folding_makes_diacritics_case_and_punctuation_alike() -> None:
    assert comparable("Đường, cầu  ĐẤT ĐAI!") == "duong cau dat dai"


@pytest.mark.parametrize("text", SAME_ROAD)
def test_the_same_petition_written_otherwise_is_found_first_and_counts_as_the_same(text: str) -> None:
    hits = most_similar(text, _choices())
    assert hits[0][0] == 1 and hits[0][1] >= SAME
    assert SameIndex(_choices()).find(comparable(text)) == 1


def test_a_text_being_typed_finds_the_petition_it_repeats() -> None:
    hits = most_similar("sửa chữa tuyến đường liên xã", _choices())
    assert hits[0][0] == 1 and LIKELY <= hits[0][1] < SAME
    assert SameIndex(_choices()).find(comparable("sửa chữa tuyến đường liên xã")) is None


def test_different_petitions_are_not_duplicates() -> None:
    hits = dict(most_similar(OTHERS[4], _choices()))
    assert hits.get(4) == 100.0
    assert set(hits) == {4}
    assert score(ROAD, OTHERS[2]) < LIKELY
    # a short petition sharing two words is not the long one repeated
    assert SameIndex(_choices()).find(comparable(OTHERS[5] + " liên xã")) is None


def test_the_best_is_first_and_ties_go_to_the_older_petition() -> None:
    choices = {7: comparable(ROAD), 3: comparable(ROAD), 9: comparable(SAME_ROAD[2])}
    assert [key for key, _ in most_similar(ROAD, choices)] == [3, 7, 9]
    assert SameIndex(choices).find(comparable(ROAD)) == 3
    assert most_similar("   ", choices) == [] and most_similar(ROAD, {}) == []


@pytest.mark.parametrize("other", [
    ROAD.replace("xã Hưng Lộc", "xã Hưng Lợi"),  # another commune, one word apart
    ROAD.replace("xã Hưng Lộc", "xã Nghi Phong"),
    ROAD.replace("Cử tri xã Hưng Lộc", "Cử tri xóm 3, xã Hưng Lộc"),
])
def test_the_same_request_from_another_place_is_not_merged_by_itself(other: str) -> None:
    assert SameIndex({1: comparable(ROAD)}).find(comparable(other)) is None
    assert most_similar(other, _choices())[0][0] == 1  # still offered as a likely duplicate


def test_numbers_must_agree_and_words_may_only_be_mistyped() -> None:
    base = comparable("Cử tri thôn 3 đề nghị sửa chữa cầu tràn bị hư hỏng sau mưa lũ năm 2025")
    assert score(base, base.replace("thon 3", "thon 5")) >= SAME
    assert not differ_only_by_typos(base, base.replace("thon 3", "thon 5"))
    assert not differ_only_by_typos(base, base.replace("2025", "2026"))
    assert differ_only_by_typos(base, base.replace("hu hong", "hu hongg"))  # a typo
    assert differ_only_by_typos(base, base.replace("de nghi", "de nghi som"))  # one word more
    assert not differ_only_by_typos(base, base.replace("de nghi", "de nghi khan truong som"))
    assert differ_only_by_typos(base, " ".join(reversed(base.split())))  # word order


@given(st.text(min_size=1, max_size=80))
def test_a_text_is_always_its_own_duplicate(text: str) -> None:
    folded = comparable(text)
    if folded:
        assert SameIndex({1: folded}).find(folded) == 1
        assert most_similar(text, {1: folded})[0] == (1, 100.0)


_WORDS = st.sampled_from(["duong", "duongg", "cau", "xa", "thon", "3", "5", "sua", "chua", "lien", "xuong", "cap"])


@given(st.lists(st.lists(_WORDS, min_size=3, max_size=12).map(" ".join), min_size=1, max_size=15),
       st.lists(_WORDS, min_size=3, max_size=12).map(" ".join))
def test_the_index_finds_what_comparing_with_every_petition_finds(texts: list[str], text: str) -> None:
    """Comparing only texts of about the same length loses nothing."""
    choices = dict(enumerate(texts, start=1))
    found = [(score(text, other), -key) for key, other in choices.items()
             if score(text, other) >= SAME and differ_only_by_typos(text, other)]
    expected = -max(found)[1] if found else None
    assert SameIndex(choices).find(text) == expected

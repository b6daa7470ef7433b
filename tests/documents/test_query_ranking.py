"""Query parsing and ranking rules, without a database."""

from __future__ import annotations

from app.documents.query import parse_query
from app.documents.ranking import match, shortest_window
from app.documents.snippets import snippet


def test_typed_diacritics_are_exact_bare_words_fold() -> None:
    query = parse_query('Đất "dai"')
    assert [(w.folded, w.exact) for w in query.words] == [("dat", "đất"), ("dai", None)]
    assert query.terms == ["dat", "dai"]
    assert parse_query('"').words == ()


def test_diacritics_typed_must_match() -> None:
    apart = "Kết quả đạt được của Hội đồng nhân dân và đại biểu."
    assert match(parse_query("dat dai"), apart) is not None
    assert match(parse_query("đất đai"), apart) is None
    assert match(parse_query("đất đai"), "QUẢN LÝ ĐẤT ĐAI") is not None
    assert match(parse_query("ĐẠT"), apart) is not None


def test_words_together_rank_before_words_apart() -> None:
    together = match(parse_query("ngân sách"), "Dự toán ngân sách địa phương.")
    apart = match(parse_query("ngân sách"), "Ngân hàng và sách giáo khoa.")
    assert together is not None and apart is not None
    assert together.key < apart.key


def test_quotes_force_a_phrase() -> None:
    assert match(parse_query('"sách ngân"'), "Dự toán ngân sách.") is None
    assert match(parse_query('"ngân sách"'), "Dự toán ngân sách.") is not None


def test_shortest_window() -> None:
    assert shortest_window([[0, 9], [5, 10]]) == (9, 10)
    assert shortest_window([[3]]) == (3, 3)


def test_snippet_comes_from_the_phrase() -> None:
    text = "Đất " + "x " * 200 + "quản lý đất đai ở xã."
    found = match(parse_query("đất đai"), text)
    assert found is not None
    html = snippet(text, found)
    assert "<mark>đất</mark> <mark>đai</mark>" in html

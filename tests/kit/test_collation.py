"""Vietnamese order (ICU `vi`): letters a ă â … d đ …, tones after letters, people by given name."""

from __future__ import annotations

import unicodedata

import pytest

from app.kit.collation import by_name, name_key, name_parts, text_key


def in_order(words: list[str]) -> list[str]:
    return sorted(words, key=text_key)


def test_vietnamese_letters_and_tones() -> None:
    assert in_order(["Hoàng", "Hà"]) == ["Hà", "Hoàng"], "code point order puts Hoàng first"
    assert in_order(["Phan", "Phạm"]) == ["Phạm", "Phan"], "m before n; the tone comes after"
    assert in_order(["Đặng", "Dương"]) == ["Dương", "Đặng"], "d before đ"
    assert in_order(["Ánh", "Anh"]) == ["Anh", "Ánh"], "no tone before sắc"
    assert in_order(["Ân", "Ăn", "An", "Bình"]) == ["An", "Ăn", "Ân", "Bình"], "a ă â b"
    assert in_order(["Ước", "Uyên", "Ơn", "Ôn", "On"]) == ["On", "Ôn", "Ơn", "Uyên", "Ước"]


def test_decomposed_input_sorts_like_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Phạm")
    assert text_key(decomposed) == text_key("Phạm")


def test_name_parts() -> None:
    assert name_parts("Nguyễn Văn An") == ("An", "Văn", "Nguyễn")
    assert name_parts("Tôn Nữ Thị Ánh") == ("Ánh", "Nữ Thị", "Tôn")
    assert name_parts("Lê Hà") == ("Hà", "", "Lê")
    assert name_parts("Y Moan") == ("Moan", "", "Y")
    assert name_parts("  ") == ("", "", "")


@pytest.mark.parametrize("names,expected", [
    # given name first: Anh < Ánh < Dương < Hà < Hoàng …
    (["Trần Thị Hoàng", "Lê Văn Hà", "Phạm Minh Ánh", "Đỗ Thu Anh", "Nguyễn Văn Dương",
      "Vũ Đặng", "Bùi Phan", "Hồ Phạm"],
     ["Đỗ Thu Anh", "Phạm Minh Ánh", "Nguyễn Văn Dương", "Vũ Đặng", "Lê Văn Hà", "Trần Thị Hoàng",
      "Hồ Phạm", "Bùi Phan"]),
    # the same given name: by middle names, then the family name
    (["Trần Văn Bình", "Nguyễn Thị Bình", "Lê Văn Bình", "Đặng Bình"],
     ["Đặng Bình", "Nguyễn Thị Bình", "Lê Văn Bình", "Trần Văn Bình"]),
])
def test_people_by_given_name_then_middle_then_family(names: list[str], expected: list[str]) -> None:
    assert sorted(names, key=name_key) == expected


def test_by_name_keeps_equal_names_apart_by_id() -> None:
    people = [(3, "Lê Văn Hà"), (1, "Lê Văn Hà"), (2, "Đỗ Thu Anh")]
    assert by_name(people, name=lambda p: p[1], tie=lambda p: p[0]) == [
        (2, "Đỗ Thu Anh"), (1, "Lê Văn Hà"), (3, "Lê Văn Hà")]

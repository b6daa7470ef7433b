"""An agency's kind read from its name, as member lists write it."""

from __future__ import annotations

import pytest

from app.agencies.service import kind_from_name


@pytest.mark.parametrize(("name", "kind"), [
    ("Ủy ban nhân dân tỉnh Nghệ An", "people_committee"),
    ("UỶ BAN NHÂN DÂN XÃ DIỄN CHÂU", "people_committee"),
    ("UBND phường Thành Vinh", "people_committee"),
    ("Sở Tài chính", "department"),
    ("sở nông nghiệp và môi trường", "department"),
    ("Ban Quản lý dự án đầu tư xây dựng", "department"),
    ("Tòa án nhân dân tỉnh", "court"),
    ("Toà án nhân dân khu vực 1", "court"),
    ("TAND tỉnh Nghệ An", "court"),
    ("Viện kiểm sát nhân dân tỉnh", "procuracy"),
    ("VKSND tỉnh", "procuracy"),
    ("Công an tỉnh", "other"),
    ("Sông Lam", "other"),  # "Sông" is not "Sở"
    ("Bảo hiểm xã hội tỉnh", "other"),  # "Bảo" is not "Ban"
    ("", "other"),
])
def test_kind_from_name(name: str, kind: str) -> None:
    assert kind_from_name(name) == kind

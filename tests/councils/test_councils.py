"""Councils, their members, terms and committees, as admins and secretaries use them."""

from __future__ import annotations

import json

import pytest

from tests.contract import assert_error

COUNCILS = "/api/v1/councils"
COUNCIL_FIELDS = {"id", "name", "level", "unit_kind", "code", "parent_id", "quorum_numerator",
                  "quorum_denominator", "dissolved_on", "predecessors", "successors", "children",
                  "created_at"}
MEMBER_FIELDS = {"user_id", "username", "full_name", "role", "voting_right", "title", "unit",
                 "committee_id", "term_id", "position", "agency_id", "carried_from_council_id"}


def detail_fields(error: dict) -> set[str]:
    assert isinstance(error["details"], list) and error["details"]
    return {d["field"] for d in error["details"]}


def members(world) -> str:
    return f"{COUNCILS}/{world.council_a}/members"


# --- councils ------------------------------------------------------------------------------------

async def test_admin_creates_a_commune_council_under_a_province(client, world, db):
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND xã Tân Phước Hưng", "level": "commune", "code": "X-31207",
        "parent_id": world.council_a})
    assert response.status_code == 201, response.text
    council = response.json()
    assert set(council) == COUNCIL_FIELDS
    assert (council["name"], council["level"], council["unit_kind"], council["code"],
            council["parent_id"], council["dissolved_on"]) == (
        "HĐND xã Tân Phước Hưng", "commune", "commune", "X-31207", world.council_a, None)
    assert (council["predecessors"], council["successors"], council["children"]) == ([], [], [])
    assert (council["quorum_numerator"], council["quorum_denominator"]) == (2, 3)
    stored = await db.rows("councils", id=council["id"])
    assert stored[0]["code"] == "X-31207"
    audit = await db.rows("audit_log", action="council.create")
    assert [(a["target_id"], a["council_id"], a["actor_id"]) for a in audit] == [
        (str(council["id"]), council["id"], world.users["admin"])]
    listed = (await client.get(COUNCILS, headers=world.headers("admin"))).json()["items"]
    assert council["id"] in [c["id"] for c in listed]


async def test_a_province_needs_no_parent_and_takes_a_quorum(client, world, db):
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND tỉnh Sông Lam", "level": "province", "code": "P40",
        "quorum_numerator": 1, "quorum_denominator": 2})
    assert response.status_code == 201
    body = response.json()
    assert body["parent_id"] is None
    assert (body["quorum_numerator"], body["quorum_denominator"]) == (1, 2)


async def test_duplicate_code_is_409_and_nothing_is_written(client, world, db):
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND tỉnh Trùng Mã", "level": "province", "code": "T01"})
    error = assert_error(response, 409, "council_code_taken")
    assert error["message"] == 'Mã đơn vị hành chính "T01" đã được dùng cho một HĐND khác'
    english = await client.post(
        COUNCILS, headers={**world.headers("admin"), "Accept-Language": "en"},
        json={"name": "HĐND tỉnh Trùng Mã", "level": "province", "code": "T01"})
    assert assert_error(english, 409, "council_code_taken")["message"] == (
        'The administrative code "T01" is already used by another council')
    assert await db.snapshot() == before


@pytest.mark.parametrize(("level", "parent"), [
    ("province", "council_b"),  # a province under a commune
    ("commune", "council_b"),  # same level
    ("province", "council_a"),  # a province under a province
])
async def test_parent_must_be_of_a_higher_level(client, world, db, level, parent):
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND sai cấp", "level": level, "code": "SAI1",
        "parent_id": getattr(world, parent)})
    error = assert_error(response, 422, "parent_level")
    assert error["message"] == "HĐND cấp trên phải ở cấp cao hơn"
    assert await db.snapshot() == before


async def test_unknown_parent_is_422(client, world, db):
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND xã Mồ Côi", "level": "commune", "code": "MC1", "parent_id": 999999})
    error = assert_error(response, 422)
    assert detail_fields(error) == {"parent_id"}
    assert await db.snapshot() == before


@pytest.mark.parametrize(("body", "fields"), [
    ({"name": "HĐND thành phố", "level": "city", "code": "C1"}, {"body.level"}),
    ({"name": "HĐND tỉnh", "level": "province"}, {"body.code"}),
    ({"name": "HĐND tỉnh", "level": "province", "code": "mã có dấu"}, {"body.code"}),
    ({"name": "", "level": "province", "code": "C1"}, {"body.name"}),
    ({"name": "HĐND tỉnh", "level": "province", "code": "C1", "parent_id": "một"},
     {"body.parent_id"}),
    ({"name": "HĐND tỉnh", "level": "province", "code": "C1", "quorum_numerator": 3,
      "quorum_denominator": 2}, {"body"}),
    ({"name": "HĐND tỉnh", "level": "province", "code": "C1", "parent_id": 2**40},
     {"body.parent_id"}),
])
async def test_invalid_council_bodies_are_422(client, world, db, body, fields):
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers=world.headers("admin"), json=body)
    assert detail_fields(assert_error(response, 422, "validation_error")) == fields
    assert await db.snapshot() == before


@pytest.mark.parametrize(("who", "visible"), [
    ("deputy", ["council_a"]),
    ("guest", ["council_a"]),
    ("secretary", ["council_a", "council_b"]),  # the province reads its communes
    ("chair", ["council_a", "council_b"]),
    ("other_secretary", ["council_b"]),
    ("outsider", []),
    ("admin", ["council_a", "council_b"]),
])
async def test_councils_list_shows_only_what_the_caller_may_see(client, world, who, visible):
    response = await client.get(COUNCILS, headers=world.headers(who))
    assert response.status_code == 200
    items = response.json()["items"]
    assert [c["id"] for c in items] == [getattr(world, name) for name in visible]
    assert all(set(c) == COUNCIL_FIELDS for c in items)


async def test_get_one_council(client, world):
    response = await client.get(f"{COUNCILS}/{world.council_a}", headers=world.headers("deputy"))
    assert response.status_code == 200
    assert response.json()["name"] == "HĐND tỉnh Thử Nghiệm"
    # Another council, or none at all: the same 404.
    hidden = await client.get(f"{COUNCILS}/{world.council_b}", headers=world.headers("deputy"))
    absent = await client.get(f"{COUNCILS}/999999", headers=world.headers("deputy"))
    assert assert_error(hidden, 404, "not_found") == assert_error(absent, 404, "not_found")


async def test_secretary_renames_the_council_and_sets_the_quorum(client, world, db):
    path = f"{COUNCILS}/{world.council_a}"
    response = await client.patch(path, headers=world.headers("secretary"),
                                  json={"name": "HĐND tỉnh Thử Nghiệm khóa mới",
                                        "quorum_numerator": 3, "quorum_denominator": 5})
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["quorum_numerator"], body["quorum_denominator"]) == (
        "HĐND tỉnh Thử Nghiệm khóa mới", 3, 5)
    stored = (await db.rows("councils", id=world.council_a))[0]
    assert (stored["name"], stored["quorum_numerator"], stored["quorum_denominator"]) == (
        "HĐND tỉnh Thử Nghiệm khóa mới", 3, 5)
    assert await db.count("audit_log", action="council.update") == 1


@pytest.mark.parametrize("body", [
    {"quorum_numerator": 4},  # 4/3
    {"quorum_numerator": 2, "quorum_denominator": 1},
    {"quorum_numerator": None},
    {"code": "DOI-MA"},  # the code is not editable
    {"level": "district"},
])
async def test_invalid_council_changes_are_422_and_change_nothing(client, world, db, body):
    before = await db.snapshot()
    response = await client.patch(f"{COUNCILS}/{world.council_a}",
                                  headers=world.headers("secretary"), json=body)
    assert_error(response, 422)
    assert await db.snapshot() == before


# --- members -------------------------------------------------------------------------------------

async def test_members_list_in_order_with_roles(client, world):
    response = await client.get(members(world), headers=world.headers("deputy"))
    assert response.status_code == 200
    items = response.json()["items"]
    assert all(set(m) == MEMBER_FIELDS for m in items)
    # Chair first, then the secretary, then everyone else by name.
    assert [m["user_id"] for m in items[:2]] == [world.users["chair"], world.users["secretary"]]
    assert [m["full_name"] for m in items[2:]] == sorted(m["full_name"] for m in items[2:])
    as_tuples = {(m["user_id"], m["role"], m["voting_right"]) for m in items}
    assert as_tuples == {
        (world.users["secretary"], "secretary", False),
        (world.users["chair"], "chair", True),
        (world.users["deputy"], "deputy", True),
        (world.users["deputy_no_vote"], "deputy", False),
        (world.users["guest"], "guest", False),
    }


async def test_secretary_adds_a_member(client, world, db):
    response = await client.post(members(world), headers=world.headers("secretary"), json={
        "user_id": world.users["outsider"], "role": "deputy", "voting_right": True,
        "title": "Phó Trưởng ban Pháp chế", "unit": "Tổ đại biểu số 3"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == MEMBER_FIELDS
    assert (body["user_id"], body["role"], body["voting_right"], body["title"], body["unit"]) == (
        world.users["outsider"], "deputy", True, "Phó Trưởng ban Pháp chế", "Tổ đại biểu số 3")
    assert body["full_name"] == "Người outsider"
    assert await db.count("memberships", council_id=world.council_a) == 6
    audit = await db.rows("audit_log", action="member.add")
    assert len(audit) == 1 and audit[0]["council_id"] == world.council_a
    # The new member now sees the council.
    visible = (await client.get(COUNCILS, headers=world.headers("outsider"))).json()["items"]
    assert [c["id"] for c in visible] == [world.council_a]
    me = (await client.get("/api/v1/me", headers=world.headers("outsider"))).json()
    assert [(m["council_id"], m["role"], m["voting_right"]) for m in me["memberships"]] == [
        (world.council_a, "deputy", True)]


async def test_the_default_is_no_voting_right(client, world):
    response = await client.post(members(world), headers=world.headers("admin"), json={
        "user_id": world.users["outsider"], "role": "guest"})
    assert response.status_code == 201
    assert response.json()["voting_right"] is False


async def test_a_person_can_sit_in_two_councils(client, world):
    response = await client.post(f"{COUNCILS}/{world.council_b}/members",
                                 headers=world.headers("other_secretary"),
                                 json={"user_id": world.users["deputy"], "role": "deputy",
                                       "voting_right": True})
    assert response.status_code == 201
    me = (await client.get("/api/v1/me", headers=world.headers("deputy"))).json()
    assert sorted(m["council_id"] for m in me["memberships"]) == [world.council_a, world.council_b]


async def test_adding_an_existing_member_is_409(client, world, db):
    before = await db.snapshot()
    response = await client.post(members(world), headers=world.headers("secretary"), json={
        "user_id": world.users["deputy"], "role": "chair", "voting_right": True})
    assert_error(response, 409, "already_member")
    assert await db.snapshot() == before


@pytest.mark.parametrize(("body", "code"), [
    ({"role": "guest", "voting_right": True}, "voting_right_role"),
    ({"role": "secretary", "voting_right": True}, "voting_right_role"),
    ({"role": "president", "voting_right": False}, "validation_error"),
    ({"role": "deputy", "voting_right": "có"}, "validation_error"),
    ({"role": "deputy", "committee_id": 999999}, "validation_error"),
    ({"role": "deputy", "term_id": 999999}, "validation_error"),
])
async def test_invalid_members_are_422_and_nothing_is_written(client, world, db, body, code):
    before = await db.snapshot()
    response = await client.post(members(world), headers=world.headers("secretary"),
                                 json={"user_id": world.users["outsider"], **body})
    error = assert_error(response, 422, code)
    if code == "voting_right_role":
        assert error["message"] == "Chỉ đại biểu và chủ tọa mới có quyền biểu quyết"
    assert await db.snapshot() == before


async def test_adding_an_unknown_user_is_422(client, world, db):
    before = await db.snapshot()
    response = await client.post(members(world), headers=world.headers("secretary"),
                                 json={"user_id": 999999, "role": "deputy"})
    assert detail_fields(assert_error(response, 422)) == {"user_id"}
    assert await db.snapshot() == before


async def test_a_committee_of_another_council_cannot_be_used(client, world, db):
    made = await client.post(f"{COUNCILS}/{world.council_b}/committees",
                             headers=world.headers("other_secretary"),
                             json={"name": "Ban Kinh tế - Xã hội", "kind": "board"})
    assert made.status_code == 201
    before = await db.snapshot()
    response = await client.post(members(world), headers=world.headers("secretary"), json={
        "user_id": world.users["outsider"], "role": "deputy", "committee_id": made.json()["id"]})
    assert detail_fields(assert_error(response, 422)) == {"committee_id"}
    assert await db.snapshot() == before


async def test_update_a_member(client, world, db):
    path = f"{members(world)}/{world.users['deputy_no_vote']}"
    response = await client.patch(path, headers=world.headers("secretary"),
                                  json={"voting_right": True, "title": "Ủy viên"})
    assert response.status_code == 200
    body = response.json()
    assert (body["role"], body["voting_right"], body["title"]) == ("deputy", True, "Ủy viên")
    stored = (await db.rows("memberships", user_id=world.users["deputy_no_vote"]))[0]
    assert (stored["voting_right"], stored["title"]) == (True, "Ủy viên")
    assert await db.count("audit_log", action="member.update") == 1


async def test_a_deputy_made_guest_loses_the_voting_right(client, world, db):
    path = f"{members(world)}/{world.users['deputy']}"
    response = await client.patch(path, headers=world.headers("admin"), json={"role": "guest"})
    assert response.status_code == 200
    assert (response.json()["role"], response.json()["voting_right"]) == ("guest", False)
    stored = (await db.rows("memberships", user_id=world.users["deputy"]))[0]
    assert (stored["role"], stored["voting_right"]) == ("guest", False)


@pytest.mark.parametrize(("who", "body"), [
    ("guest", {"voting_right": True}),
    ("secretary", {"voting_right": True}),
    ("deputy", {"role": "guest", "voting_right": True}),
])
async def test_voting_right_on_a_non_voting_role_is_422(client, world, db, who, body):
    before = await db.snapshot()
    response = await client.patch(f"{members(world)}/{world.users[who]}",
                                  headers=world.headers("secretary"), json=body)
    assert_error(response, 422, "voting_right_role")
    assert await db.snapshot() == before


async def test_update_a_non_member_is_404(client, world, db):
    before = await db.snapshot()
    response = await client.patch(f"{members(world)}/{world.users['outsider']}",
                                  headers=world.headers("secretary"), json={"title": "Ủy viên"})
    assert_error(response, 404, "not_found")
    assert await db.snapshot() == before


async def test_remove_a_member(client, world, db):
    uid = world.users["deputy_no_vote"]
    response = await client.delete(f"{members(world)}/{uid}", headers=world.headers("secretary"))
    assert response.status_code == 204
    assert response.content == b""
    listed = (await client.get(members(world), headers=world.headers("secretary"))).json()["items"]
    assert uid not in [m["user_id"] for m in listed]
    assert await db.count("memberships", user_id=uid) == 0
    assert await db.count("users", id=uid) == 1  # the account stays
    assert await db.count("audit_log", action="member.remove") == 1
    # The former member no longer sees the council.
    assert_error(await client.get(f"{COUNCILS}/{world.council_a}",
                                  headers=world.headers("deputy_no_vote")), 404)
    # Removing again: not a member any more.
    again = await client.delete(f"{members(world)}/{uid}", headers=world.headers("secretary"))
    assert_error(again, 404, "not_found")


# --- terms ---------------------------------------------------------------------------------------

async def test_terms_create_and_list_in_date_order(client, world, db):
    path = f"{COUNCILS}/{world.council_a}/terms"
    later = await client.post(path, headers=world.headers("secretary"), json={
        "name": "Khóa XI, nhiệm kỳ 2026–2031", "starts_on": "2026-07-01"})
    earlier = await client.post(path, headers=world.headers("secretary"), json={
        "name": "Khóa X, nhiệm kỳ 2021–2026", "starts_on": "2021-07-01", "ends_on": "2026-06-30"})
    assert later.status_code == earlier.status_code == 201
    assert set(earlier.json()) == {"id", "council_id", "name", "starts_on", "ends_on"}
    assert earlier.json()["council_id"] == world.council_a
    assert later.json()["ends_on"] is None
    listed = await client.get(path, headers=world.headers("deputy"))
    assert listed.status_code == 200
    assert [t["name"] for t in listed.json()["items"]] == [
        "Khóa X, nhiệm kỳ 2021–2026", "Khóa XI, nhiệm kỳ 2026–2031"]
    assert await db.count("terms", council_id=world.council_a) == 2
    assert await db.count("audit_log", action="term.create") == 2
    # Council B has none of them.
    other = await client.get(f"{COUNCILS}/{world.council_b}/terms",
                             headers=world.headers("other_secretary"))
    assert other.json() == {"items": []}


@pytest.mark.parametrize("body", [
    {"name": "Khóa ngược", "starts_on": "2026-07-01", "ends_on": "2021-06-30"},
    {"name": "Khóa sai ngày", "starts_on": "2021-02-30"},
    {"name": "", "starts_on": "2021-07-01"},
    {"starts_on": "2021-07-01"},
    {"name": "Khóa " + "X" * 120, "starts_on": "2021-07-01"},
])
async def test_invalid_terms_are_422(client, world, db, body):
    before = await db.snapshot()
    response = await client.post(f"{COUNCILS}/{world.council_a}/terms",
                                 headers=world.headers("secretary"), json=body)
    assert_error(response, 422, "validation_error")
    assert await db.snapshot() == before


async def test_a_member_can_be_placed_in_a_term(client, world):
    term = await client.post(f"{COUNCILS}/{world.council_a}/terms",
                             headers=world.headers("secretary"),
                             json={"name": "Khóa X", "starts_on": "2021-07-01"})
    response = await client.patch(f"{members(world)}/{world.users['deputy']}",
                                  headers=world.headers("secretary"),
                                  json={"term_id": term.json()["id"]})
    assert response.status_code == 200
    assert response.json()["term_id"] == term.json()["id"]


# --- committees ----------------------------------------------------------------------------------

async def test_committees_create_and_list_by_name(client, world, db):
    path = f"{COUNCILS}/{world.council_a}/committees"
    for name, kind in (("Thường trực HĐND", "standing"), ("Ban Pháp chế", "board"),
                       ("Tổ đại biểu huyện Đông Sơn", "delegation")):
        response = await client.post(path, headers=world.headers("secretary"),
                                     json={"name": name, "kind": kind})
        assert response.status_code == 201, response.text
        assert set(response.json()) == {"id", "council_id", "name", "kind"}
        assert response.json()["kind"] == kind
    listed = await client.get(path, headers=world.headers("guest"))
    assert listed.status_code == 200
    names = [c["name"] for c in listed.json()["items"]]
    assert sorted(names) == names and len(names) == 3
    assert await db.count("committees", council_id=world.council_a) == 3
    assert await db.count("audit_log", action="committee.create") == 3


async def test_committee_kind_defaults_to_board(client, world):
    response = await client.post(f"{COUNCILS}/{world.council_a}/committees",
                                 headers=world.headers("secretary"), json={"name": "Ban Dân tộc"})
    assert response.status_code == 201
    assert response.json()["kind"] == "board"


async def test_duplicate_committee_is_409(client, world, db):
    path = f"{COUNCILS}/{world.council_a}/committees"
    await client.post(path, headers=world.headers("secretary"),
                      json={"name": "Ban Văn hóa - Xã hội"})
    before = await db.snapshot()
    again = await client.post(path, headers=world.headers("secretary"),
                              json={"name": "Ban Văn hóa - Xã hội", "kind": "other"})
    assert_error(again, 409, "conflict")
    assert await db.snapshot() == before
    # The same name in another council is fine.
    elsewhere = await client.post(f"{COUNCILS}/{world.council_b}/committees",
                                  headers=world.headers("other_secretary"),
                                  json={"name": "Ban Văn hóa - Xã hội"})
    assert elsewhere.status_code == 201


@pytest.mark.parametrize("body", [
    {"name": "Ban Lạ", "kind": "subcommittee"},
    {"name": "   "},
    {"kind": "board"},
    {"name": "Ban Lạ", "members": []},
])
async def test_invalid_committees_are_422(client, world, db, body):
    before = await db.snapshot()
    response = await client.post(f"{COUNCILS}/{world.council_a}/committees",
                                 headers=world.headers("secretary"), json=body)
    assert_error(response, 422, "validation_error")
    assert await db.snapshot() == before


async def test_a_member_can_be_placed_in_a_committee_and_taken_out(client, world):
    made = await client.post(f"{COUNCILS}/{world.council_a}/committees",
                             headers=world.headers("secretary"),
                             json={"name": "Ban Kinh tế - Ngân sách"})
    path = f"{members(world)}/{world.users['chair']}"
    placed = await client.patch(path, headers=world.headers("secretary"),
                                json={"committee_id": made.json()["id"]})
    assert placed.json()["committee_id"] == made.json()["id"]
    removed = await client.patch(path, headers=world.headers("secretary"),
                                 json={"committee_id": None})
    assert removed.status_code == 200
    assert removed.json()["committee_id"] is None
    assert removed.json()["voting_right"] is True  # untouched


# --- ids that cannot exist -----------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/v1/councils/{huge}",
    "/api/v1/councils/{huge}/members",
    "/api/v1/councils/{huge}/terms",
    "/api/v1/councils/{A}/members/{huge}",
    "/api/v1/councils/0",
])
async def test_out_of_range_ids_are_refused_not_crashed(client, world, path):
    url = path.format(huge=2**40, A=world.council_a)
    method = "PATCH" if url.count("/members/") else "GET"
    response = await client.request(method, url, headers=world.headers("admin"),
                                    json={"title": "x"} if method == "PATCH" else None)
    assert_error(response, 422, "validation_error")


async def test_out_of_range_ids_in_bodies_are_422(client, world, db):
    before = await db.snapshot()
    for field in ("user_id", "committee_id", "term_id"):
        body = {"user_id": world.users["outsider"], "role": "deputy", field: 2**40}
        response = await client.post(members(world), headers=world.headers("admin"), json=body)
        assert detail_fields(assert_error(response, 422, "validation_error")) == {f"body.{field}"}
    assert await db.snapshot() == before


async def test_audit_details_of_a_member_change_name_the_change(client, world, db):
    await client.patch(f"{members(world)}/{world.users['deputy']}",
                       headers=world.headers("secretary"), json={"unit": "Tổ đại biểu số 7"})
    audit = (await db.rows("audit_log", action="member.update"))[0]
    details = json.loads(audit["details"])
    assert details["unit"] == "Tổ đại biểu số 7"
    assert audit["actor_id"] == world.users["secretary"]

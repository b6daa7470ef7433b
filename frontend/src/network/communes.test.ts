import { describe, expect, it } from "vitest";
import type { Council, Me } from "../api/types";
import { council as councilFixture, councilRef, meeting } from "../test/fixtures";
import { filterCommunes, foldVi, latestFirst, mayOversee, overseenCommunes, overseenProvinces, placeName } from "./communes";

const ref = councilRef;

function council(id: number, overrides: Partial<Council> = {}): Council {
  return councilFixture({ id, name: `HĐND ${id}`, level: "province", unit_kind: "province", code: `P${id}`, ...overrides });
}

function me(memberships: Array<[councilId: number, role: string]>, isAdmin = false): Me {
  return {
    id: 7,
    username: "thuky",
    full_name: "Nguyễn Thị Thư",
    is_admin: isAdmin,
    memberships: memberships.map(([council_id, role]) => ({ council_id, council_name: `HĐND ${council_id}`, role, voting_right: role !== "secretary" })),
  };
}

const NGHE_AN = council(1, {
  name: "HĐND tỉnh Nghệ An",
  children: [
    ref(11, "HĐND xã Diễn Châu"),
    ref(12, "HĐND phường Vinh Phú", { unit_kind: "ward" }),
    ref(13, "HĐND xã Anh Sơn"),
    ref(14, "HĐND xã Đô Lương"),
    ref(15, "HĐND xã Ân Thi", { dissolved_on: "2026-01-01" }),
    ref(16, "HĐND xã Ba Vì"),
  ],
});
const COMMUNE = council(11, { name: "HĐND xã Diễn Châu", level: "commune", unit_kind: "commune", parent_id: 1 });
const OTHER_PROVINCE = council(2, { name: "HĐND tỉnh Hà Tĩnh", children: [ref(21, "HĐND xã Cẩm Xuyên")] });
const EMPTY_PROVINCE = council(3, { name: "HĐND tỉnh Mới" });
const ALL = [NGHE_AN, COMMUNE, OTHER_PROVINCE, EMPTY_PROVINCE];

describe("who sees the communes", () => {
  it.each(["secretary", "chair"])("a province's %s", (role) => {
    expect(overseenProvinces(me([[1, role]]), ALL).map((c) => c.id)).toEqual([1]);
    expect(overseenCommunes(me([[1, role]]), ALL)).toHaveLength(6);
    expect(mayOversee(me([[1, role]]))).toBe(true);
  });

  it.each(["deputy", "guest", "respondent"])("not a province's %s", (role) => {
    expect(mayOversee(me([[1, role]]))).toBe(false);
    expect(overseenCommunes(me([[1, role]]), ALL)).toEqual([]);
  });

  it("not a commune's secretary, nor a province without communes, nor someone logged out", () => {
    expect(overseenCommunes(me([[11, "secretary"]]), ALL)).toEqual([]);
    expect(overseenCommunes(me([[3, "chair"]]), ALL)).toEqual([]);
    expect(overseenCommunes(null, ALL)).toEqual([]);
    expect(mayOversee(null)).toBe(false);
  });

  it("not the chair of a council that is no province, even one listing children (an old district)", () => {
    const district = council(5, { name: "HĐND huyện Cũ", level: "district", unit_kind: "district", children: [ref(51, "HĐND xã Cũ")] });
    expect(overseenCommunes(me([[5, "chair"]]), [...ALL, district])).toEqual([]);
  });

  it("not an admin who is not the province's secretary or chair", () => {
    expect(overseenCommunes(me([], true), ALL)).toEqual([]);
  });

  it("only the communes of the provinces where the role is held, each once", () => {
    expect(overseenCommunes(me([[1, "deputy"], [2, "chair"]]), ALL).map((c) => c.id)).toEqual([21]);
    const twice = [NGHE_AN, { ...NGHE_AN, id: 4, code: "P4" }];
    const both = overseenCommunes(me([[1, "secretary"], [4, "chair"]]), twice);
    expect(both.map((c) => c.id).sort()).toEqual([11, 12, 13, 14, 15, 16]);
  });
});

describe("order", () => {
  it("by the place's name in Vietnamese order, whatever the kind of unit", () => {
    expect(overseenCommunes(me([[1, "secretary"]]), ALL).map((c) => placeName(c.name))).toEqual([
      "Anh Sơn",
      "Ân Thi",
      "Ba Vì",
      "Diễn Châu",
      "Đô Lương",
      "Vinh Phú",
    ]);
  });

  it("the place's name without 'HĐND xã', 'HĐND phường', 'đặc khu'", () => {
    expect(placeName("HĐND xã Diễn Châu")).toBe("Diễn Châu");
    expect(placeName("HĐND phường Vinh Phú")).toBe("Vinh Phú");
    expect(placeName("Hội đồng nhân dân đặc khu Phú Quốc")).toBe("Phú Quốc");
    expect(placeName("Cô Tô")).toBe("Cô Tô");
  });

  it("a commune's meetings, the latest first", () => {
    const meetings = [
      meeting({ id: 1, starts_at: "2026-01-05T08:00:00+07:00" }),
      meeting({ id: 2, starts_at: "2026-07-05T08:00:00+07:00" }),
      meeting({ id: 3, starts_at: "2025-12-01T08:00:00+07:00" }),
    ];
    expect(latestFirst(meetings).map((m) => m.id)).toEqual([2, 1, 3]);
  });
});

describe("filter by name", () => {
  const communes = overseenCommunes(me([[1, "secretary"]]), ALL);
  const names = (query: string) => filterCommunes(communes, query).map((c) => placeName(c.name));

  it("folds tone marks and đ", () => {
    expect(foldVi("  HĐND xã  Diễn Châu ")).toBe("hdnd xa dien chau");
    expect(names("dien chau")).toEqual(["Diễn Châu"]);
    expect(names("do luong")).toEqual(["Đô Lương"]);
    expect(names("ĐÔ")).toEqual(["Đô Lương"]);
  });

  it("with the marks typed too, and every word must be there", () => {
    expect(names("Diễn Châu")).toEqual(["Diễn Châu"]);
    expect(names("chau dien")).toEqual(["Diễn Châu"]);
    expect(names("dien luong")).toEqual([]);
  });

  it("keeps the order, finds nothing for an unknown name, everything for an empty box", () => {
    expect(names("an")).toEqual(["Anh Sơn", "Ân Thi"]);
    expect(names("xyz")).toEqual([]);
    expect(names("   ")).toHaveLength(6);
  });

  it("130 communes: one found among them", () => {
    const many = Array.from({ length: 130 }, (_, index) => ref(100 + index, `HĐND xã Số ${index}`));
    many.push(ref(999, "HĐND xã Diễn Châu"));
    expect(filterCommunes(many, "dien chau").map((c) => c.id)).toEqual([999]);
  });
});

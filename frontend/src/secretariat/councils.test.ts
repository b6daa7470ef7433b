import { describe, expect, it } from "vitest";
import type { CouncilRef } from "../api/types";
import { council, councilRef } from "../test/fixtures";
import { translator } from "../i18n/translate";
import { councilLabel, councilNames, councilNotes, isReadOnly, offersWrites, unitKindLabel } from "./councils";

const vi = translator("vi");
const en = translator("en");

const ref = councilRef;

describe("councils after the 2025 reform", () => {
  it("are read-only once dissolved, and only then", () => {
    expect(isReadOnly(council())).toBe(false);
    expect(isReadOnly(council({ dissolved_on: "2025-07-01" }))).toBe(true);
    expect(isReadOnly(null)).toBe(false);
    expect(isReadOnly(undefined)).toBe(false);
  });

  it("offer writes only for a council known to sit (or when councils could not be loaded)", () => {
    expect(offersWrites(council(), false)).toBe(true);
    expect(offersWrites(council({ dissolved_on: "2025-07-01" }), false)).toBe(false);
    expect(offersWrites(council({ dissolved_on: "2025-07-01" }), true)).toBe(false);
    expect(offersWrites(undefined, false)).toBe(false); // still loading: no form that vanishes
    expect(offersWrites(undefined, true)).toBe(true); // the server still refuses a dissolved one
  });


  it("name each kind of unit, in Vietnamese and English", () => {
    expect(["province", "city", "commune", "ward", "special_zone", "district"].map((unit_kind) => unitKindLabel(vi, { unit_kind: unit_kind as CouncilRef["unit_kind"] }))).toEqual([
      "Tỉnh",
      "Thành phố",
      "Xã",
      "Phường",
      "Đặc khu",
      "Huyện (cũ)",
    ]);
    expect(unitKindLabel(en, { unit_kind: "ward" })).toBe("Ward");
  });

  it("label a council in a list with its kind, and a dissolved one as such", () => {
    expect(councilLabel(vi, ref(1, "HĐND phường Bến Thành", { unit_kind: "ward" }))).toBe("HĐND phường Bến Thành · Phường");
    expect(councilLabel(vi, ref(2, "HĐND huyện Cũ", { level: "district", unit_kind: "district", dissolved_on: "2025-07-01" }))).toBe(
      "HĐND huyện Cũ · Huyện (cũ) (đã giải thể)",
    );
  });

  it("say when a council was dissolved, who succeeds it and what it was formed from", () => {
    const dissolved = council({ dissolved_on: "2025-07-01", successors: [ref(5, "HĐND xã Tân An"), ref(6, "HĐND xã Tân Bình")] });
    expect(councilNotes(vi, dissolved)).toEqual({
      dissolved: "HĐND đã giải thể ngày 01/07/2025 — chỉ xem",
      successors: "Kế thừa: HĐND xã Tân An, HĐND xã Tân Bình",
      predecessors: null,
    });
    expect(councilNotes(en, dissolved).dissolved).toBe("Council dissolved on 01/07/2025 — read only");
    const merged = council({ predecessors: [ref(3, "HĐND xã A", { dissolved_on: "2025-07-01" }), ref(4, "HĐND xã B", { dissolved_on: "2025-07-01" })] });
    expect(councilNotes(vi, merged)).toEqual({ dissolved: null, successors: null, predecessors: "Hình thành từ: HĐND xã A, HĐND xã B" });
    expect(councilNames([])).toBe("");
  });
});

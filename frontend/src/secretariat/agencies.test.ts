import { describe, expect, it } from "vitest";
import type { Agency } from "../api/types";
import { translator } from "../i18n/translate";
import { AGENCY_KINDS } from "../api/types";
import { agencyRows } from "./agencies";

function agency(id: number, name: string, overrides: Partial<Agency> = {}): Agency {
  return { id, council_id: 1, name, kind: "department", parent_id: null, respondents: [], ...overrides };
}

const names = (rows: ReturnType<typeof agencyRows>) => rows.map(({ agency: item, depth }) => `${depth}:${item.name}`);

describe("agencies", () => {
  it("list each agency under the one it belongs to, siblings in Vietnamese order", () => {
    const rows = agencyRows([
      agency(1, "Ủy ban nhân dân tỉnh", { kind: "people_committee" }),
      agency(2, "Sở Tài chính", { parent_id: 1 }),
      agency(3, "Sở Giáo dục và Đào tạo", { parent_id: 1 }),
      agency(4, "Tòa án nhân dân tỉnh", { kind: "court" }),
      agency(5, "Đài Phát thanh", { parent_id: 1 }),
    ]);
    expect(names(rows)).toEqual(["0:Tòa án nhân dân tỉnh", "0:Ủy ban nhân dân tỉnh", "1:Đài Phát thanh", "1:Sở Giáo dục và Đào tạo", "1:Sở Tài chính"]);
  });

  it("show an agency whose parent is unknown, or in a cycle, at the top, each once", () => {
    const rows = agencyRows([agency(1, "B", { parent_id: 9 }), agency(2, "C", { parent_id: 3 }), agency(3, "D", { parent_id: 2 }), agency(4, "A", { parent_id: 4 })]);
    expect(names(rows).sort()).toEqual(["0:A", "0:B", "0:C", "1:D"]);
    expect(rows).toHaveLength(4);
  });

  it("order the respondents by Vietnamese name (given name first)", () => {
    const [row] = agencyRows([
      agency(1, "Sở Y tế", {
        respondents: [
          { user_id: 1, full_name: "Trần Văn Minh", position: "Giám đốc" },
          { user_id: 2, full_name: "Nguyễn Thị Anh", position: "Phó Giám đốc" },
        ],
      }),
    ]);
    expect(row!.agency.respondents!.map((person) => person.full_name)).toEqual(["Nguyễn Thị Anh", "Trần Văn Minh"]);
  });

  it("name every kind of agency in Vietnamese", () => {
    const vi = translator("vi");
    expect(AGENCY_KINDS.map((kind) => vi(`agency.kind.${kind}`))).toEqual(["Ủy ban nhân dân", "Sở / ban / ngành", "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Khác"]);
  });
});

import { describe, expect, it } from "vitest";
import type { Me } from "../api/types";
import { translator } from "../i18n/translate";
import { canChair, canManage, hasVotingRight, managedCouncils, roleIn, roleLabel } from "./roles";

function me(memberships: Me["memberships"], isAdmin = false): Me {
  return { id: 1, username: "u", full_name: "Người dùng", is_admin: isAdmin, memberships };
}

const deputy = me([{ council_id: 1, council_name: "HĐND tỉnh", role: "deputy", voting_right: true }]);
const secretary = me([
  { council_id: 1, council_name: "HĐND tỉnh", role: "secretary", voting_right: false },
  { council_id: 2, council_name: "HĐND huyện", role: "deputy", voting_right: true },
]);

describe("roles", () => {
  it("read the role per council", () => {
    expect(roleIn(secretary, 1)).toBe("secretary");
    expect(roleIn(secretary, 2)).toBe("deputy");
    expect(roleIn(secretary, 3)).toBeNull();
    expect(roleIn(null, 1)).toBeNull();
  });

  it("offer the consoles to the right people", () => {
    expect(canManage(deputy, 1)).toBe(false);
    expect(canManage(secretary, 1)).toBe(true);
    expect(canManage(secretary, 2)).toBe(false);
    expect(canChair(deputy, 1)).toBe(false);
    expect(canChair(me([{ council_id: 1, council_name: "x", role: "chair", voting_right: true }]), 1)).toBe(true);
    expect(canManage(me([], true), 9)).toBe(true);
  });

  it("know who votes", () => {
    expect(hasVotingRight(deputy, 1)).toBe(true);
    expect(hasVotingRight(secretary, 1)).toBe(false);
  });

  it("list the councils a secretary prepares", () => {
    expect(managedCouncils(secretary)).toEqual([{ id: 1, name: "HĐND tỉnh" }]);
  });

  it("name each role, a respondent as one who answers questions", () => {
    const vi = translator("vi");
    expect(roleLabel(vi, "respondent")).toBe("Người trả lời chất vấn");
    expect(roleLabel(vi, "secretary")).toBe("Thư ký");
    expect(roleLabel(translator("en"), "respondent")).toBe("Respondent to questions");
  });

  it("never let a respondent manage, chair or vote", () => {
    const respondent = me([{ council_id: 1, council_name: "HĐND tỉnh", role: "respondent", voting_right: false }]);
    expect(roleIn(respondent, 1)).toBe("respondent");
    expect(canManage(respondent, 1)).toBe(false);
    expect(canChair(respondent, 1)).toBe(false);
    expect(hasVotingRight(respondent, 1)).toBe(false);
    expect(managedCouncils(respondent)).toEqual([]);
  });
});

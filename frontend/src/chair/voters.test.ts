import { describe, expect, it } from "vitest";
import { summarizeVoters } from "./voters";

describe("the chair's not-voted list", () => {
  const voters = [
    { user_id: 1, full_name: "Nguyễn Văn Bình", voted: false },
    { user_id: 2, full_name: "Trần Thị An", voted: true },
    { user_id: 3, full_name: "Lê Thị Ánh", voted: false },
    { user_id: 4, full_name: "Đặng Văn An", voted: false },
    { user_id: 5, full_name: "Phạm Quốc Đạt", voted: false },
  ];

  it("lists who has not voted, by given name as Vietnamese lists are read", () => {
    const summary = summarizeVoters(voters);
    expect(summary.notVoted.map((voter) => voter.full_name)).toEqual(["Đặng Văn An", "Lê Thị Ánh", "Nguyễn Văn Bình", "Phạm Quốc Đạt"]);
    expect(summary).toMatchObject({ voted: 1, total: 5 });
  });

  it("is empty when everyone has voted", () => {
    expect(summarizeVoters(voters.map((voter) => ({ ...voter, voted: true }))).notVoted).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { matchRoute, paths } from "../app/routes";

describe("questioning's addresses", () => {
  it("round-trip through paths and matchRoute", () => {
    expect(matchRoute(paths.questions(5))).toEqual({ name: "questions", meetingId: 5 });
    expect(matchRoute(paths.myQuestions())).toEqual({ name: "myQuestions" });
    expect(matchRoute(paths.commitments(3))).toEqual({ name: "commitments", councilId: 3 });
    expect(matchRoute("/councils/x/commitments")).toEqual({ name: "notFound" });
  });
});

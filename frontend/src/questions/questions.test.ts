import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { vi } from "../i18n/vi";
import { commitment, question } from "./fixtures";
import {
  addresseeLabel,
  addresseeOptions,
  commitmentsInOrder,
  decisionsFor,
  floorActionsFor,
  floorQuestions,
  hasMyQuestions,
  mayAnswer,
  mayCommit,
  parseAddressee,
  questionOf,
  questionsIn,
  toAnswerFirst,
  upsertQuestion,
} from "./questions";
import { QUESTION_STATES } from "./types";

describe("the live list", () => {
  it("adds a new question and keeps the list by number", () => {
    const list = upsertQuestion([question(1), question(3)], question(2));
    expect(list.map((q) => q.number)).toEqual([1, 2, 3]);
  });

  it("replaces a known question in place", () => {
    const list = upsertQuestion([question(1), question(2)], question(1, { state: "accepted" }));
    expect(list).toHaveLength(2);
    expect(list[0]?.state).toBe("accepted");
  });

  it("reads a snapshot's questions and an event's question", () => {
    expect(questionsIn([question(2), question(1)]).map((q) => q.id)).toEqual([1, 2]);
    expect(questionsIn(undefined)).toEqual([]);
    expect(questionOf({ question: question(5) })?.id).toBe(5);
    expect(questionOf({})).toBeNull();
  });
});

describe("the secretariat's decisions", () => {
  it("follows the server's transitions", () => {
    expect(decisionsFor(question(1))).toEqual(["accepted", "written", "rejected"]);
    expect(decisionsFor(question(1, { state: "accepted" }))).toEqual(["written", "rejected"]);
    expect(decisionsFor(question(1, { state: "written" }))).toEqual(["accepted", "rejected"]);
    expect(decisionsFor(question(1, { state: "rejected" }))).toEqual([]);
    expect(decisionsFor(question(1, { state: "answered" }))).toEqual([]);
  });

  it("leaves only a written answer once the question was asked", () => {
    expect(decisionsFor(question(1, { state: "asked", asked_at: "2026-12-08T02:00:00+00:00" }))).toEqual(["written"]);
  });

  it("answers asked and written questions, records commitments for those taken up", () => {
    expect(QUESTION_STATES.filter((state) => mayAnswer({ state }))).toEqual(["written", "asked"]);
    expect(QUESTION_STATES.filter((state) => mayCommit({ state }))).toEqual(["accepted", "written", "asked", "answered"]);
  });
});

describe("the floor", () => {
  it("calls an accepted question, then its answer and follow-ups", () => {
    expect(floorActionsFor({ state: "accepted" })).toEqual(["ask"]);
    expect(floorActionsFor({ state: "asked" })).toEqual(["answer", "followUp"]);
    expect(floorActionsFor({ state: "answered" })).toEqual(["answer", "followUp"]);
    expect(floorActionsFor({ state: "written" })).toEqual([]);
    expect(floorActionsFor({ state: "submitted" })).toEqual([]);
  });

  it("lists only the questions for the floor", () => {
    const list = [question(1), question(2, { state: "accepted" }), question(3, { state: "written" }), question(4, { state: "asked" })];
    expect(floorQuestions(list).map((q) => q.id)).toEqual([2, 4]);
  });
});

describe("addressees", () => {
  it("names the respondent with position and agency, or the agency", () => {
    expect(addresseeLabel(question(1))).toBe("Trần Thị Tài (Giám đốc Sở Tài chính) · Sở Tài chính");
    expect(addresseeLabel(question(1, { respondent: null }))).toBe("Sở Tài chính");
    expect(addresseeLabel(question(1, { respondent: null, agency: null }))).toBe("");
  });

  it("offers each agency and its respondents, and reads the choice back", () => {
    const [group] = addresseeOptions([{ id: 4, name: "Sở Tài chính", respondents: [{ user_id: 9, full_name: "Trần Thị Tài", position: "Giám đốc" }] }]);
    expect(group?.options).toEqual([
      { value: "a:4", label: "Sở Tài chính" },
      { value: "r:9", label: "Trần Thị Tài (Giám đốc)" },
    ]);
    expect(parseAddressee("a:4")).toEqual({ agency_id: 4 });
    expect(parseAddressee("r:9")).toEqual({ respondent_id: 9 });
    expect(parseAddressee("")).toBeNull();
    expect(parseAddressee("x:1")).toBeNull();
  });
});

describe("deadlines", () => {

  it("puts what waits for an answer first: overdue, then the soonest due", () => {
    const list = [
      question(1, { state: "answered", answer_due: "2026-01-01" }),
      question(2, { state: "written", answer_due: "2027-01-20" }),
      question(3, { state: "written", answer_due: "2026-12-01", overdue: true }),
      question(4, { state: "written", answer_due: "2026-12-28" }),
    ];
    expect(toAnswerFirst(list).map((q) => q.id)).toEqual([3, 4, 2, 1]);
  });

  it("lists open commitments first, oldest due first", () => {
    const list = [commitment(1, { due_on: "2027-05-01" }), commitment(2, { state: "done", due_on: "2026-01-01" }), commitment(3, { due_on: "2027-02-01" })];
    expect(commitmentsInOrder(list).map((c) => c.id)).toEqual([3, 1, 2]);
  });
});

describe("the dictionary", () => {
  it.each(QUESTION_STATES)("names the state %s in both languages", (state) => {
    expect(Object.keys(vi)).toContain(`question.state.${state}`);
    expect(en[`question.state.${state}`]).toBeTruthy();
  });
});

describe("my questions", () => {
  it("are offered to respondents first, and to deputies and chairs", () => {
    expect(hasMyQuestions(["respondent"])).toEqual({ show: true, primary: true });
    expect(hasMyQuestions(["deputy"])).toEqual({ show: true, primary: false });
    expect(hasMyQuestions(["secretary", "guest"])).toEqual({ show: false, primary: false });
  });
});

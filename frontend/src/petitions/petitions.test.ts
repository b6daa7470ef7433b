import { describe, expect, it } from "vitest";
import { matchRoute, paths } from "../app/routes";
import { en } from "../i18n/en";
import { vi } from "../i18n/vi";
import {
  assignmentOf,
  barPercent,
  defaultPeriod,
  filterQuery,
  formatPercent,
  formatShare,
  listPath,
  mayAnswer,
  mayAssign,
  mayMerge,
  mayReview,
  mergeTarget,
  monthLabel,
  newVoterMeetingForm,
  NO_FILTERS,
  reportPath,
  responseBody,
  trendBars,
  vietnamDay,
  vietnamToday,
  voterMeetingBody,
} from "./petitions";
import { LEVELS, PETITION_STATES, RESPONSE_STATUSES, VOTER_MEETING_WHEN } from "./types";

describe("the list's query", () => {
  it("carries only the filters set, trimmed", () => {
    expect(filterQuery(NO_FILTERS)).toBe("limit=50");
    expect(filterQuery({ state: "assigned", agencyId: 7, field: " Giao thông ", level: "commune", overdue: "true", q: "  duong lien xa " }, 20)).toBe(
      "state=assigned&agency_id=7&field=Giao+th%C3%B4ng&level=commune&overdue=true&q=duong+lien+xa&limit=20",
    );
    expect(filterQuery({ ...NO_FILTERS, overdue: "false", q: "   " })).toBe("overdue=false&limit=50");
    expect(listPath(3, NO_FILTERS)).toBe("/api/v1/councils/3/petitions?limit=50");
  });

  it("builds the report's addresses", () => {
    expect(reportPath(3, "2026-01-01", "2026-12-31", "xlsx")).toBe("/api/v1/councils/3/petitions/report?from=2026-01-01&to=2026-12-31&format=xlsx");
    expect(reportPath(3, "", "", "json")).toBe("/api/v1/councils/3/petitions/report?format=json");
  });
});

describe("what each state allows", () => {
  it("follows the server's rules", () => {
    expect(PETITION_STATES.filter(mayAssign)).toEqual(["received", "assigned"]);
    expect(PETITION_STATES.filter(mayMerge)).toEqual(["received", "assigned"]);
    expect(PETITION_STATES.filter(mayAnswer)).toEqual(["assigned"]);
    expect(PETITION_STATES.filter(mayReview)).toEqual(["answered"]);
  });

  it("merges into the oldest chosen", () => {
    expect(mergeTarget([9, 4, 12, 4])).toEqual({ target: 4, others: [9, 12] });
    expect(mergeTarget([5])).toBeNull();
  });

  it("sends a plan date only with in_progress", () => {
    expect(responseBody("in_progress", " Đang làm ", "2027-06-30")).toEqual({ status: "in_progress", text: "Đang làm", plan_due_on: "2027-06-30" });
    expect(responseBody("resolved", "Xong", "2027-06-30")).toEqual({ status: "resolved", text: "Xong" });
  });

  it("changes only what the bulk form fills in", () => {
    expect(assignmentOf({ agencyId: "", dueOn: "", level: "", needsResources: "" })).toEqual({});
    expect(assignmentOf({ agencyId: "4", dueOn: "2027-01-31", level: "province", needsResources: "false" })).toEqual({
      agency_id: 4,
      due_on: "2027-01-31",
      level: "province",
      needs_resources: false,
    });
  });
});

describe("the report's numbers", () => {
  it("writes shares as Vietnamese reports do", () => {
    expect(formatShare(109, 139, 78.4, "vi")).toBe("109/139 (78,4 %)");
    expect(formatShare(1234, 2000, 61.7, "vi")).toBe("1.234/2.000 (61,7 %)");
    expect(formatShare(109, 139, 78.4, "en")).toBe("109/139 (78.4%)");
    expect(formatPercent(100, "vi")).toBe("100 %");
    expect(formatPercent(0, "vi")).toBe("0 %");
  });

  it("labels months and sizes bars", () => {
    expect(monthLabel("2026-03")).toBe("03/2026");
    expect(barPercent(5, 20)).toBe(25);
    expect(barPercent(1, 3)).toBe(33.3);
    expect(barPercent(0, 0)).toBe(0);
  });

  it("scales the trend's bars to the largest figure of any month", () => {
    const bars = trendBars(
      [
        { month: "2026-01", received: 40, closed: 10 },
        { month: "2026-02", received: 0, closed: 20 },
        { month: "2026-03", received: 1, closed: 0 },
      ],
      120,
    );
    expect(bars.map((bar) => [bar.month, bar.receivedHeight, bar.closedHeight])).toEqual([
      ["2026-01", 120, 30],
      ["2026-02", 0, 60],
      ["2026-03", 3, 0],
    ]);
    expect(bars[0]).toMatchObject({ received: 40, closed: 10 });
  });

  it("keeps a small figure visible, and draws nothing when there is nothing", () => {
    expect(trendBars([{ month: "2026-01", received: 1, closed: 5000 }], 120)[0]).toMatchObject({ receivedHeight: 1, closedHeight: 120 });
    expect(trendBars([{ month: "2026-01", received: 0, closed: 0 }, { month: "2026-02", received: 0, closed: 0 }], 120).map((bar) => [bar.receivedHeight, bar.closedHeight])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(trendBars([], 120)).toEqual([]);
  });

  it("defaults to this year until today, in Vietnam", () => {
    expect(defaultPeriod("2026-12-06")).toEqual({ from: "2026-01-01", to: "2026-12-06" });
    expect(vietnamToday(new Date("2026-12-31T17:30:00Z"))).toBe("2027-01-01");
    expect(vietnamDay("2026-12-06T18:30:00Z")).toBe("2026-12-07");
    expect(vietnamDay("2026-12-06T16:59:59Z")).toBe("2026-12-06");
  });
});

describe("a meeting with voters", () => {
  it("starts today, before the session, with nobody chosen", () => {
    expect(newVoterMeetingForm("2026-12-06")).toEqual({ heldOn: "2026-12-06", place: "", unit: "", deputyIds: [], voters: "", when: "before" });
  });

  it("is sent trimmed, its deputies once each, the voters a number or null", () => {
    const form = { heldOn: "2026-12-06", place: " Nhà văn hóa thôn Yên Lạc ", unit: " Đơn vị số 3 ", deputyIds: [9, 4, 9], voters: " 120 ", when: "after" as const };
    expect(voterMeetingBody(form)).toEqual({ held_on: "2026-12-06", place: "Nhà văn hóa thôn Yên Lạc", unit: "Đơn vị số 3", deputy_ids: [4, 9], voters: 120, when: "after" });
    expect(voterMeetingBody({ ...form, voters: "" }).voters).toBeNull();
    expect(voterMeetingBody({ ...form, voters: "0" }).voters).toBe(0);
  });
});

describe("addresses and words", () => {
  it("round-trip through paths and matchRoute", () => {
    expect(matchRoute(paths.petitions(3))).toEqual({ name: "petitions", councilId: 3 });
    expect(matchRoute(paths.petition(41))).toEqual({ name: "petition", petitionId: 41 });
    expect(matchRoute(paths.petitionReport(3))).toEqual({ name: "petitionReport", councilId: 3 });
    expect(matchRoute("/councils/x/petitions")).toEqual({ name: "notFound" });
  });

  const built = [
    ...PETITION_STATES.map((state) => `petition.state.${state}`),
    ...RESPONSE_STATUSES.map((status) => `petition.status.${status}`),
    ...LEVELS.map((level) => `petition.level.${level}`),
    ...VOTER_MEETING_WHEN.map((when) => `voterMeeting.when.${when}`),
  ];
  it.each(built)("has %s in both languages", (key) => {
    expect(Object.keys(vi)).toContain(key);
    expect(Object.keys(en)).toContain(key);
  });
});

import { describe, expect, it } from "vitest";
import { poll, pollResult } from "../test/fixtures";
import { resolution } from "./fixtures";
import {
  adoptablePolls,
  byYear,
  EMPTY_RESOLUTION_DRAFT,
  fieldOfError,
  isResolutionNumber,
  pollSummary,
  resolutionBody,
  resolutionProblems,
  withItem,
  yearChoices,
} from "./resolutions";

const draft = (overrides: Partial<typeof EMPTY_RESOLUTION_DRAFT> = {}) => ({ ...EMPTY_RESOLUTION_DRAFT, title: "Dự toán ngân sách", agendaItemId: 2, ...overrides });

describe("the resolution form", () => {
  it("needs a title and an agenda item", () => {
    expect(resolutionProblems(EMPTY_RESOLUTION_DRAFT)).toEqual({ title: "required", agendaItemId: "required" });
    expect(resolutionProblems(draft({ title: "   " }))).toEqual({ title: "required" });
    expect(resolutionProblems(draft())).toEqual({});
  });

  it("takes an empty number (the server assigns one) or one shaped like 12/NQ-HĐND", () => {
    expect(resolutionProblems(draft({ number: "" }))).toEqual({});
    expect(resolutionProblems(draft({ number: "12/NQ-HĐND" }))).toEqual({});
    expect(resolutionProblems(draft({ number: "12/2026/NQ-HĐND" }))).toEqual({});
    expect(resolutionProblems(draft({ number: "NQ 12" }))).toEqual({ number: "numberFormat" });
    expect(resolutionProblems(draft({ number: "0/NQ-HĐND" }))).toEqual({ number: "numberFormat" });
  });

  it("accepts a number typed in decomposed Unicode (as some keyboards send it)", () => {
    expect(isResolutionNumber("12/NQ-HĐND".normalize("NFD"))).toBe(true);
    expect(isResolutionNumber(" 12 / NQ-HĐND ")).toBe(true);
    expect(isResolutionNumber("12/NQ-HDND")).toBe(false);
  });

  it("sends only what was chosen", () => {
    expect(resolutionBody(draft({ title: "  Dự toán  " }))).toEqual({ title: "Dự toán", agenda_item_id: 2 });
    expect(resolutionBody(draft({ number: " 12/NQ-HĐND ", pollId: 31, documentId: 10 }))).toEqual({
      title: "Dự toán ngân sách",
      agenda_item_id: 2,
      number: "12/NQ-HĐND",
      poll_id: 31,
      document_id: 10,
    });
  });

  it("forgets the chosen poll when another item is chosen", () => {
    expect(withItem(draft({ pollId: 31 }), 3)).toMatchObject({ agendaItemId: 3, pollId: null });
    expect(withItem(draft({ pollId: 31 }), 2)).toMatchObject({ agendaItemId: 2, pollId: 31 });
  });

  it("offers the item's closed polls that passed", () => {
    const polls = [
      poll({ id: 1, agenda_item_id: 2, state: "closed", result: pollResult({ passed: true }) }),
      poll({ id: 2, agenda_item_id: 2, state: "closed", result: pollResult({ passed: false }) }),
      poll({ id: 3, agenda_item_id: 2, state: "open" }),
      poll({ id: 4, agenda_item_id: 5, state: "closed", result: pollResult({ passed: true }) }),
    ];
    expect(adoptablePolls(polls, 2).map((p) => p.id)).toEqual([1]);
    expect(adoptablePolls(polls, null)).toEqual([]);
  });

  it("puts the server's refusals on their field", () => {
    expect(fieldOfError("number_taken")).toBe("number");
    expect(fieldOfError("resolution_number_invalid")).toBe("number");
    expect(fieldOfError("poll_not_adopted")).toBe("pollId");
    expect(fieldOfError("poll_not_in_item")).toBe("pollId");
    expect(fieldOfError("document_not_in_meeting")).toBe("documentId");
    expect(fieldOfError("item_not_in_meeting")).toBe("agendaItemId");
    expect(fieldOfError("forbidden")).toBeNull();
  });
});

describe("the register", () => {
  it("groups by year, the latest first, each year by number", () => {
    const groups = byYear([
      resolution(1, { year: 2025, number: "30/NQ-HĐND" }),
      resolution(2, { year: 2026, number: "10/NQ-HĐND" }),
      resolution(3, { year: 2026, number: "2/NQ-HĐND" }),
    ]);
    expect(groups.map((group) => [group.year, group.items.map((item) => item.number)])).toEqual([
      [2026, ["2/NQ-HĐND", "10/NQ-HĐND"]],
      [2025, ["30/NQ-HĐND"]],
    ]);
  });

  it("offers this year, the years seen and the chosen one, latest first, once each", () => {
    expect(yearChoices(2026, [2025, 2026, 2024], 2019)).toEqual([2026, 2025, 2024, 2019]);
    expect(yearChoices(2026, [], null)).toEqual([2026]);
  });

  it("says the adopting vote's counts in words", () => {
    expect(pollSummary({ counts: [{ label: "Tán thành", votes: 45 }, { label: "Không tán thành", votes: 3 }] })).toBe("Tán thành 45 · Không tán thành 3");
  });
});

import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import { attendance } from "../test/fixtures";
import { countsAsPresent, presentSummary } from "./attendanceText";

describe("attendance in words", () => {
  it("counts online deputies as present, absent and excused ones not", () => {
    expect(countsAsPresent("present")).toBe(true);
    expect(countsAsPresent("online")).toBe(true);
    expect(countsAsPresent("absent")).toBe(false);
    expect(countsAsPresent("excused")).toBe(false);
  });

  it("says how many of those present attend online", () => {
    const vi = translator("vi");
    expect(presentSummary(vi, { ...attendance(40, 45), online: 3 })).toBe("Có mặt 40/45 (3 trực tuyến)");
    expect(presentSummary(translator("en"), { ...attendance(40, 45), online: 3 })).toBe("Present 40/45 (3 online)");
  });

  it("leaves the online count out when no one attends online (or the server does not say)", () => {
    const vi = translator("vi");
    expect(presentSummary(vi, { ...attendance(40, 45), online: 0 })).toBe("Có mặt 40/45");
    expect(presentSummary(vi, attendance(40, 45))).toBe("Có mặt 40/45");
  });
});

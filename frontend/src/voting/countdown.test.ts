import { describe, expect, it } from "vitest";
import { poll } from "../test/fixtures";
import { closesAt, formatSeconds, secondsLeft } from "./countdown";

describe("countdown", () => {
  const opened = "2026-12-08T01:00:00Z";
  const start = Date.parse(opened);

  it("counts down from opened_at + duration_s", () => {
    const timed = poll({ opened_at: opened, duration_s: 60 });
    expect(secondsLeft(timed, start)).toBe(60);
    expect(secondsLeft(timed, start + 14_500)).toBe(46);
    expect(secondsLeft(timed, start + 90_000)).toBe(0);
  });

  it("prefers closes_at when the server gives it", () => {
    expect(closesAt(poll({ closes_at: "2026-12-08T01:02:00Z", opened_at: opened, duration_s: 10 }))).toBe(start + 120_000);
  });

  it("has no countdown without a duration", () => {
    expect(secondsLeft(poll(), start)).toBeNull();
  });

  it("formats minutes and seconds", () => {
    expect(formatSeconds(75)).toBe("1:15");
    expect(formatSeconds(5)).toBe("0:05");
    expect(formatSeconds(0)).toBe("0:00");
  });
});

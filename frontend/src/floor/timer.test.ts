import { describe, expect, it } from "vitest";
import { speaker } from "./fixtures";
import { formatRemaining, remainingMs, timerView, wholeSeconds } from "./timer";

const NOW = Date.parse("2026-12-08T01:00:00Z");
const iso = (ms: number) => new Date(NOW + ms).toISOString();

describe("remainingMs", () => {
  it("while speaking: until ends_at by the server's clock", () => {
    const s = speaker(1, { state: "speaking", started_at: iso(-20_000), ends_at: iso(400_000) });
    expect(remainingMs(s, NOW)).toBe(400_000);
  });

  it("paused or waiting: what is left of the allotted time", () => {
    expect(remainingMs(speaker(1, { state: "paused", spoken_s: 100.5 }), NOW)).toBe(319_500);
    expect(remainingMs(speaker(1), NOW)).toBe(420_000);
  });

  it("is negative in overtime", () => {
    const s = speaker(1, { state: "speaking", ends_at: iso(-5_000) });
    expect(remainingMs(s, NOW)).toBe(-5_000);
  });
});

describe("wholeSeconds", () => {
  it("rounds up as a countdown does, never showing -0", () => {
    expect(wholeSeconds(419_200)).toBe(420);
    expect(wholeSeconds(420_000)).toBe(420);
    expect(wholeSeconds(500)).toBe(1);
    expect(wholeSeconds(0)).toBe(0);
    expect(Object.is(wholeSeconds(-400), 0)).toBe(true);
    expect(wholeSeconds(-1_000)).toBe(-1);
    expect(wholeSeconds(-1_200)).toBe(-1);
  });
});

describe("timerView", () => {
  const speaking = (ms: number) => speaker(1, { state: "speaking", ends_at: iso(ms) });

  it("normal, then the last 30 s, then overtime", () => {
    expect(timerView(speaking(31_000), NOW)).toEqual({ seconds: 31, phase: "normal", running: true });
    expect(timerView(speaking(30_000), NOW).phase).toBe("ending");
    expect(timerView(speaking(0), NOW).phase).toBe("ending");
    expect(timerView(speaking(-1_000), NOW)).toEqual({ seconds: -1, phase: "over", running: true });
  });

  it("a paused speaker's clock stands still", () => {
    const view = timerView(speaker(1, { state: "paused", allotted_s: 60, spoken_s: 45 }), NOW);
    expect(view).toEqual({ seconds: 15, phase: "ending", running: false });
  });
});

describe("formatRemaining", () => {
  it("mm:ss, overtime with a plus", () => {
    expect(formatRemaining(420)).toBe("07:00");
    expect(formatRemaining(5)).toBe("00:05");
    expect(formatRemaining(0)).toBe("00:00");
    expect(formatRemaining(-75)).toBe("+01:15");
    expect(formatRemaining(3_725)).toBe("62:05");
  });
});

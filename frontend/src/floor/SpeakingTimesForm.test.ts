import { describe, expect, it } from "vitest";
import type { Meeting } from "../api/types";
import { speakingTimesOf } from "./SpeakingTimesForm";
import { DEFAULT_SPEAKING_TIME_S } from "./types";

const meeting = (extra: object) => ({ id: 7, title: "Kỳ họp thứ nhất", state: "published", ...extra }) as unknown as Meeting;

describe("speakingTimesOf", () => {
  it("takes the meeting's own times", () => {
    const times = { discussion: 300, debate: 120, question: 90, answer: 240, point_of_order: 30 };
    expect(speakingTimesOf(meeting({ speaking_time_s: times }))).toEqual(times);
  });

  it("falls back to API.md's defaults for kinds the server did not send", () => {
    expect(speakingTimesOf(meeting({ speaking_time_s: { debate: 150 } }))).toEqual({ ...DEFAULT_SPEAKING_TIME_S, debate: 150 });
    expect(speakingTimesOf(meeting({}))).toEqual({ discussion: 420, debate: 180, question: 120, answer: 300, point_of_order: 60 });
  });
});

import { describe, expect, it } from "vitest";
import { documentInfo, meeting, poll, pollResult } from "../test/fixtures";
import { isAnnounced, publicAvailability, publicDocuments, rememberAnnounced, whenAndWhere } from "./publicView";

describe("publicAvailability", () => {
  it("is not available when the server refuses, even after the meeting was shown", () => {
    expect(publicAvailability("unauthenticated", null)).toBe("unavailable");
    expect(publicAvailability("forbidden", null)).toBe("unavailable");
    expect(publicAvailability("unauthenticated", meeting())).toBe("unavailable");
  });

  it("loads until the first snapshot, then shows the meeting (also while reconnecting)", () => {
    expect(publicAvailability("connecting", null)).toBe("loading");
    expect(publicAvailability("live", meeting())).toBe("shown");
    expect(publicAvailability("reconnecting", meeting())).toBe("shown");
  });
});

describe("publicDocuments", () => {
  it("never lists a confidential document", () => {
    const shown = publicDocuments([documentInfo(1), documentInfo(2, { confidential: true }), documentInfo(3)]);
    expect(shown.map((document) => document.id)).toEqual([1, 3]);
  });
});

describe("rememberAnnounced", () => {
  const closed = (id: number) => poll({ id, state: "closed", result: pollResult() });

  it("keeps only closed polls with a result", () => {
    expect(isAnnounced(poll())).toBe(false);
    expect(isAnnounced(poll({ state: "closed", result: null }))).toBe(false);
    expect(rememberAnnounced([], poll())).toEqual([]);
    expect(rememberAnnounced([], null)).toEqual([]);
  });

  it("keeps each announced poll when the next one opens, newest first", () => {
    let known = rememberAnnounced([], closed(1));
    known = rememberAnnounced(known, poll({ id: 2 }));
    known = rememberAnnounced(known, closed(2));
    expect(known.map((seen) => seen.id)).toEqual([2, 1]);
  });

  it("answers the same array when nothing is new, and replaces a poll seen again", () => {
    const first = closed(1);
    const known = rememberAnnounced([], first);
    expect(rememberAnnounced(known, first)).toBe(known);
    const again = closed(1);
    const replaced = rememberAnnounced(known, again);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toBe(again);
  });
});

describe("whenAndWhere", () => {
  const format = (iso: string) => `T(${iso})`;

  it("gives the time and the place", () => {
    expect(whenAndWhere(meeting({ location: " Hội trường tỉnh " }), format)).toBe("T(2026-12-08T01:00:00+00:00) · Hội trường tỉnh");
  });

  it("gives the time alone when there is no place", () => {
    expect(whenAndWhere(meeting({ location: "  " }), format)).toBe("T(2026-12-08T01:00:00+00:00)");
  });
});

import { describe, expect, it } from "vitest";
import { documentInfo, meeting, poll, pollResult } from "../test/fixtures";
import type { OparlFile, OparlMeeting, PopoloVoteEvent } from "./oparl";
import {
  documentIdOfFile,
  documentLinks,
  isAnnounced,
  liveWatch,
  mergeResults,
  NO_OPEN_DATA,
  openDataOf,
  pollResultOf,
  publicAvailability,
  publicDocuments,
  rememberAnnounced,
  reloadsOpenData,
  voteEventResult,
  whenAndWhere,
  type LiveWatch,
  type PublicResult,
} from "./publicView";

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

// --- The open data ------------------------------------------------------------------------

const BASE = "https://kyhop.example.vn/oparl/v1";

function file(documentId: number, name = `Tài liệu ${documentId}`): OparlFile {
  return {
    id: `${BASE}/files/${documentId}`,
    type: "https://schema.oparl.org/1.1/File",
    name,
    fileName: `tai-lieu-${documentId}.pdf`,
    mimeType: "application/pdf",
    size: 1000,
    accessUrl: `${BASE}/files/${documentId}/access`,
    downloadUrl: `${BASE}/files/${documentId}/download`,
  };
}

/** A VoteEvent as the server embeds it: `kyhop:result` without the empty lists. */
function voteEvent(pollId: number, endDate: string, overrides: Partial<PopoloVoteEvent> = {}): PopoloVoteEvent {
  const { votes: _votes, ...result } = pollResult({ passed: true, outcome: "adopted", seated: 60, present: 50, cast: 40 });
  return {
    identifier: String(pollId),
    motion: { text: `Biểu quyết ${pollId}`, requirement: "Quá nửa tổng số đại biểu", result: "pass" },
    start_date: endDate,
    end_date: endDate,
    result: "pass",
    "kyhop:result": result,
    ...overrides,
  };
}

function oparlMeeting(overrides: Partial<OparlMeeting> = {}): OparlMeeting {
  return {
    id: `${BASE}/meetings/7`,
    type: "https://schema.oparl.org/1.1/Meeting",
    name: "Kỳ họp thứ mười hai",
    resultsProtocol: file(40, "Biên bản kỳ họp"),
    auxiliaryFile: [file(41)],
    agendaItem: [
      { id: `${BASE}/agenda-items/1`, number: "1", name: "Khai mạc", "kyhop:voteEvents": [voteEvent(31, "2026-12-08T01:30:00+00:00")] },
      {
        id: `${BASE}/agenda-items/2`,
        number: "2",
        name: "Nghị quyết về dự toán",
        resolutionFile: file(10),
        auxiliaryFile: [file(11), file(12)],
        "kyhop:voteEvents": [voteEvent(32, "2026-12-08T02:00:00+00:00"), voteEvent(33, "2026-12-08T02:30:00+00:00")],
      },
      { id: `${BASE}/agenda-items/3`, number: "3", name: "Bế mạc" },
    ],
    ...overrides,
  };
}

describe("openDataOf", () => {
  it("takes every vote event's result, in the agenda's order, and every File by document id", () => {
    const data = openDataOf(oparlMeeting());
    expect(data.results.map((result) => [result.id, result.title, result.endedAt])).toEqual([
      ["31", "Biểu quyết 31", "2026-12-08T01:30:00+00:00"],
      ["32", "Biểu quyết 32", "2026-12-08T02:00:00+00:00"],
      ["33", "Biểu quyết 33", "2026-12-08T02:30:00+00:00"],
    ]);
    expect(data.results[0]!.result).toEqual(pollResult({ passed: true, outcome: "adopted", seated: 60, present: 50, cast: 40 }));
    expect([...data.files.keys()].sort((a, b) => a - b)).toEqual([10, 11, 12, 40, 41]);
    expect(data.files.get(10)).toBe(`${BASE}/files/10/access`);
    expect(data.files.get(40)).toBe(`${BASE}/files/40/access`);
  });

  it("gives nothing for a meeting that is not (or no longer) public: a 404 or a tombstone", () => {
    expect(openDataOf(null)).toBe(NO_OPEN_DATA);
    const tombstone = { id: `${BASE}/meetings/7`, type: "https://schema.oparl.org/1.1/Meeting", created: "2026-12-01T08:00:00+07:00", modified: "2026-12-09T08:00:00+07:00", deleted: true };
    expect(openDataOf(tombstone)).toBe(NO_OPEN_DATA);
    // Even a tombstone that (wrongly) carried more: nothing of it is shown.
    expect(openDataOf({ ...oparlMeeting(), deleted: true })).toBe(NO_OPEN_DATA);
  });

  it("throws on an answer that is not a Meeting (the page says the open data failed)", () => {
    expect(() => openDataOf("<html>")).toThrow();
    expect(() => openDataOf([])).toThrow();
    expect(() => openDataOf({ name: "no id" })).toThrow();
  });

  it("takes a meeting with no items, files or votes (absent, as OParl leaves empty lists out)", () => {
    const data = openDataOf({ id: `${BASE}/meetings/7`, type: "https://schema.oparl.org/1.1/Meeting" });
    expect(data.results).toEqual([]);
    expect(data.files.size).toBe(0);
  });

  it("leaves out what it cannot use, and never links anything but http(s)", () => {
    const data = openDataOf(
      oparlMeeting({
        resultsProtocol: { ...file(40), accessUrl: "javascript:alert(1)" },
        auxiliaryFile: [{ ...file(41), id: `${BASE}/files/` }, { ...file(42), accessUrl: "/oparl/v1/files/42/access" }, file(43)],
        agendaItem: [
          {
            id: `${BASE}/agenda-items/1`,
            "kyhop:voteEvents": [
              voteEvent(31, "2026-12-08T01:30:00+00:00", { "kyhop:result": undefined }),
              { ...voteEvent(32, "2026-12-08T02:00:00+00:00"), identifier: "" },
              voteEvent(33, "2026-12-08T02:30:00+00:00"),
              voteEvent(33, "2026-12-08T02:30:00+00:00"),
            ],
          },
        ],
      }),
    );
    expect([...data.files.keys()]).toEqual([43]);
    expect(data.results.map((result) => result.id)).toEqual(["33"]);
  });
});

describe("pollResultOf", () => {
  it("is the app's PollResult, with the counts absent read as none", () => {
    const { counts: _counts, ...noCounts } = pollResult();
    expect(pollResultOf(noCounts)).toEqual(pollResult({ counts: [] }));
    expect(pollResultOf(pollResult({ elected: [1], tied: [2, 3], decisive_option_id: 1 }))).toEqual(pollResult({ elected: [1], tied: [2, 3], decisive_option_id: 1 }));
  });

  it("never takes the named votes", () => {
    expect(pollResultOf(pollResult({ votes: [{ user_id: 5, option_ids: [1] }] }))).toEqual(pollResult());
  });

  it("is null for something that is not a result", () => {
    expect(pollResultOf(null)).toBeNull();
    expect(pollResultOf(pollResult({ basis: "everyone" as never }))).toBeNull();
    expect(pollResultOf(pollResult({ threshold: "most" as never }))).toBeNull();
    expect(pollResultOf({ ...pollResult(), base: "60" })).toBeNull();
    expect(pollResultOf({ ...pollResult(), passed: "yes" })).toBeNull();
    expect(pollResultOf({ ...pollResult(), counts: [{ label: "Tán thành" }] })).toBeNull();
    expect(pollResultOf({ ...pollResult(), counts: "none" })).toBeNull();
  });
});

describe("voteEventResult", () => {
  it("has the poll's id, title and end, or no title and no end when the event has none", () => {
    const { motion: _motion, end_date: _end, ...bare } = voteEvent(31, "2026-12-08T01:30:00+00:00");
    expect(voteEventResult(bare)).toEqual({ id: "31", title: "", result: expect.any(Object) as unknown, endedAt: null });
  });
});

describe("documentIdOfFile", () => {
  it("is the last segment of the File's id", () => {
    expect(documentIdOfFile(`${BASE}/files/12`)).toBe(12);
    expect(documentIdOfFile(`${BASE}/files/12/`)).toBe(12);
    expect(documentIdOfFile("/oparl/v1/files/7")).toBe(7);
  });

  it("is null for anything else", () => {
    expect(documentIdOfFile(`${BASE}/files/abc`)).toBeNull();
    expect(documentIdOfFile(`${BASE}/files/0`)).toBeNull();
    expect(documentIdOfFile(12)).toBeNull();
    expect(documentIdOfFile(undefined)).toBeNull();
  });
});

describe("mergeResults", () => {
  const closedAt = (minutes: number) => new Date(Date.UTC(2026, 11, 8, 1, minutes)).toISOString();
  const published = (id: number, minutes: number, title = `Biểu quyết ${id}`): PublicResult => ({
    id: String(id),
    title,
    result: pollResult({ base: id }),
    endedAt: closedAt(minutes),
  });
  const live = (id: number, minutes: number | null) =>
    poll({ id, title: `Trực tiếp ${id}`, state: "closed", result: pollResult({ base: 100 + id }), closed_at: minutes === null ? null : closedAt(minutes) });

  it("shows every closed poll's result, newest first", () => {
    const merged = mergeResults([live(34, 40)], [published(31, 10), published(33, 30), published(32, 20)]);
    expect(merged.map((result) => result.id)).toEqual(["34", "33", "32", "31"]);
  });

  it("takes the live one for the same poll", () => {
    const announced = live(32, 20);
    const merged = mergeResults([announced], [published(31, 10), published(32, 20, "Tiêu đề cũ")]);
    expect(merged.map((result) => result.id)).toEqual(["32", "31"]);
    expect(merged[0]!.title).toBe("Trực tiếp 32");
    expect(merged[0]!.result).toBe(announced.result); // the same object: the chart knows it is the live poll's
  });

  it("puts a live result with no known end first, and takes the end from the open data when it has it", () => {
    const merged = mergeResults([live(35, null), live(32, null)], [published(31, 10), published(32, 20)]);
    expect(merged.map((result) => [result.id, result.endedAt])).toEqual([
      ["35", null],
      ["32", closedAt(20)],
      ["31", closedAt(10)],
    ]);
  });

  it("compares instants, whatever the offset", () => {
    const vietnam: PublicResult = { ...published(31, 0), endedAt: "2026-12-08T09:00:00+07:00" }; // 02:00 UTC
    const utc: PublicResult = { ...published(32, 0), endedAt: "2026-12-08T01:30:00+00:00" };
    expect(mergeResults([], [utc, vietnam]).map((result) => result.id)).toEqual(["31", "32"]);
  });

  it("never takes a live poll that is not closed with a result", () => {
    expect(mergeResults([poll({ id: 36 })], [published(31, 10)]).map((result) => result.id)).toEqual(["31"]);
  });

  it("is empty with nothing", () => {
    expect(mergeResults([], [])).toEqual([]);
  });
});

describe("documentLinks", () => {
  const files = new Map([
    [1, `${BASE}/files/1/access`],
    [2, `${BASE}/files/2/access`],
  ]);

  it("links each public document to its File, and leaves one not yet published a title", () => {
    const shown = documentLinks([documentInfo(1), documentInfo(3)], files);
    expect(shown.map(({ document, href }) => [document.id, href])).toEqual([
      [1, `${BASE}/files/1/access`],
      [3, null],
    ]);
  });

  it("never lists a confidential document, even if a File had its id", () => {
    const shown = documentLinks([documentInfo(1), documentInfo(2, { confidential: true })], files);
    expect(shown.map(({ document }) => document.id)).toEqual([1]);
  });
});

describe("reloadsOpenData", () => {
  const watch = (status: LiveWatch["status"], closedPoll: string | null = null): LiveWatch => ({ status, closedPoll });

  it("watches the closed poll on screen", () => {
    expect(liveWatch("live", poll({ id: 31, state: "closed", result: pollResult() }))).toEqual(watch("live", "31"));
    expect(liveWatch("live", poll({ id: 31 }))).toEqual(watch("live"));
    expect(liveWatch("connecting", null)).toEqual(watch("connecting"));
  });

  it("loads again when a poll closes while live", () => {
    expect(reloadsOpenData(watch("live"), watch("live", "31"), false)).toBe(true);
    expect(reloadsOpenData(watch("live", "31"), watch("live", "32"), false)).toBe(true);
    expect(reloadsOpenData(watch("live", "31"), watch("live"), false)).toBe(false); // the next poll opened
  });

  it("does not load again for the first snapshot (the page just loaded it)", () => {
    expect(reloadsOpenData(watch("connecting"), watch("live", "31"), false)).toBe(false);
    expect(reloadsOpenData(watch("connecting"), watch("live"), false)).toBe(false);
  });

  it("loads again when the connection is back, and when it comes while the open data had failed", () => {
    expect(reloadsOpenData(watch("reconnecting"), watch("live"), false)).toBe(true);
    expect(reloadsOpenData(watch("reconnecting", "31"), watch("live", "31"), false)).toBe(true);
    expect(reloadsOpenData(watch("connecting"), watch("live"), true)).toBe(true);
  });

  it("never while not live", () => {
    expect(reloadsOpenData(watch("live"), watch("reconnecting"), false)).toBe(false);
    expect(reloadsOpenData(watch("live"), watch("forbidden"), true)).toBe(false);
    expect(reloadsOpenData(watch("connecting"), watch("reconnecting", "31"), true)).toBe(false);
  });
});

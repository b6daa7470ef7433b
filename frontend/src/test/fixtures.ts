// Test data shaped like the server's answers (MeetingOut, AgendaItemOut, DocumentOut, …).
import type { AgendaItem, Attendance, Council, CouncilRef, DocumentInfo, Meeting } from "../api/types";
import type { Poll, PollCount, PollResult } from "../api/voting";
import type { EventMessage, SnapshotMessage } from "../live/messages";

const AT = "2026-12-08T01:00:00+00:00";

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 7,
    council_id: 1,
    number: 12,
    title: "Kỳ họp thứ mười hai",
    kind: "regular",
    public: true,
    location: "Hội trường tỉnh",
    starts_at: AT,
    ends_at: null,
    state: "in_progress",
    current_item_id: null,
    seq: 0,
    created_at: AT,
    updated_at: AT,
    ...overrides,
  };
}

export function agendaItem(id: number, overrides: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id,
    meeting_id: 7,
    parent_id: null,
    position: id - 1,
    number: String(id),
    depth: 0,
    title: `Nội dung ${id}`,
    description: "",
    presenter: "",
    sitting_id: null,
    duration_min: null,
    state: "pending",
    public: true,
    ...overrides,
  };
}

export function documentInfo(id: number, overrides: Partial<DocumentInfo> = {}): DocumentInfo {
  return {
    id,
    meeting_id: 7,
    title: `Tờ trình ${id}`,
    kind: "proposal",
    version: 1,
    pages: 3,
    size: 1000,
    sha256: "a".repeat(64),
    confidential: false,
    agenda_item_id: 1,
    filename: `to-trinh-${id}.pdf`,
    status: "ready",
    pages_done: 3,
    url: `/api/v1/documents/${id}/file?version=1`,
    created_at: AT,
    updated_at: AT,
    ...overrides,
  };
}

export function attendance(present: number, seated = 60): Attendance {
  const required = Math.ceil((seated * 2) / 3);
  return { seated, present, online: 0, quorum_required: required, quorate: present >= required, items: [] };
}

export function poll(overrides: Partial<Poll> = {}): Poll {
  return {
    id: 31,
    title: "Thông qua Nghị quyết về dự toán ngân sách",
    state: "open",
    secret: false,
    options: [
      { id: 1, label: "Tán thành" },
      { id: 2, label: "Không tán thành" },
      { id: 3, label: "Không biểu quyết" },
    ],
    progress: { eligible: 60, voted: 0 },
    ...overrides,
  };
}

/** Vote counts for options 1, 2, 3, … in this order. */
export function counts(...entries: Array<[label: string, votes: number]>): PollCount[] {
  return entries.map(([label, votes], index) => ({ option_id: index + 1, label, votes }));
}

/** A closed poll's result: a resolution on a 60-seat council (31 votes needed), not adopted. */
export function pollResult(overrides: Partial<PollResult> = {}): PollResult {
  return {
    counts: counts(["Tán thành", 30], ["Không tán thành", 10], ["Không biểu quyết", 0]),
    basis: "seated",
    threshold: "majority",
    base: 60,
    required: 31,
    passed: false,
    ...overrides,
  };
}

export function snapshot(seq: number, overrides: Partial<SnapshotMessage["data"]> = {}): SnapshotMessage {
  return {
    type: "snapshot",
    seq,
    data: {
      meeting: meeting(),
      agenda: [agendaItem(1), agendaItem(2), agendaItem(3)],
      documents: [documentInfo(10)],
      attendance: attendance(0),
      poll: null,
      ...overrides,
    },
  };
}

export function event(seq: number, type: string, data: Record<string, unknown> = {}): EventMessage {
  return { type, seq, at: AT, data };
}

export function councilRef(id: number, name: string, overrides: Partial<CouncilRef> = {}): CouncilRef {
  return { id, name, code: `C${id}`, level: "commune", unit_kind: "commune", dissolved_on: null, ...overrides };
}

export function council(overrides: Partial<Council> = {}): Council {
  return {
    id: 1,
    name: "HĐND xã An Phú",
    level: "commune",
    unit_kind: "commune",
    code: "AP",
    parent_id: null,
    quorum_numerator: 2,
    quorum_denominator: 3,
    dissolved_on: null,
    predecessors: [],
    successors: [],
    children: [],
    created_at: "2025-07-01T00:00:00+00:00",
    ...overrides,
  };
}

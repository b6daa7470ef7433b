// Test data shaped like the server's record (MinutesOut, ResolutionOut, SignatureOut).
import type { Minutes, MinutesNote, Resolution, Signature } from "./types";

const AT = "2026-12-08T01:00:00+00:00";

export function note(itemId: number, text = `Thảo luận nội dung ${itemId}`): MinutesNote {
  return { agenda_item_id: itemId, text, updated_at: AT };
}

export function minutes(overrides: Partial<Minutes> = {}): Minutes {
  return { meeting_id: 7, state: "draft", version: 0, notes: [], document_id: null, finalized_at: null, ...overrides };
}

export function resolution(id: number, overrides: Partial<Resolution> = {}): Resolution {
  return {
    id,
    council_id: 1,
    number: `${id}/NQ-HĐND`,
    year: 2026,
    title: `Nghị quyết ${id}`,
    adopted_on: "2026-12-08",
    meeting_id: 7,
    agenda_item_id: 1,
    public: true,
    poll: null,
    document: null,
    created_at: AT,
    ...overrides,
  };
}

export function signature(overrides: Partial<Signature> = {}): Signature {
  return {
    signer: "Nguyễn Văn An",
    signed_at: "2026-12-08T02:05:09+00:00",
    intact: true,
    valid: true,
    trusted: true,
    certificate: { subject: "CN=Nguyễn Văn An", issuer: "CN=Kỳ Họp CA", serial: "0a1b", not_after: "2027-12-31T16:59:59+00:00" },
    problems: [],
    ...overrides,
  };
}

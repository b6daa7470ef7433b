// The record's shapes as the server sends them (API.md "The record: minutes, resolutions,
// signatures"; MinutesOut, ResolutionOut, SignatureOut). Spelled out here because the generated
// schema predates the record.

export type MinutesState = "draft" | "final";

/** The secretary's summary of one agenda item's discussion (tóm tắt thảo luận). */
export interface MinutesNote {
  agenda_item_id: number;
  text: string;
  updated_at: string | null;
}

/** The minutes' head: what a `minutes.updated` event carries beside the note. */
export interface MinutesHead {
  meeting_id: number;
  state: MinutesState;
  /** Counts the draft's changes. */
  version: number;
  /** The final minutes, a document of kind `minutes`. */
  document_id: number | null;
  finalized_at: string | null;
}

export interface Minutes extends MinutesHead {
  notes: MinutesNote[];
}

export interface ResolutionPoll {
  id: number;
  title: string;
  secret: boolean;
  passed: boolean;
  /** In words: "Thông qua", "Không thông qua", … */
  outcome: string;
  counts: { label: string; votes: number }[];
  base: number;
  required: number;
}

export interface ResolutionDocument {
  id: number;
  title: string;
  url: string;
}

export interface Resolution {
  id: number;
  council_id: number;
  /** "12/NQ-HĐND" */
  number: string;
  year: number;
  title: string;
  /** YYYY-MM-DD */
  adopted_on: string;
  meeting_id: number;
  agenda_item_id: number;
  public: boolean;
  poll: ResolutionPoll | null;
  document: ResolutionDocument | null;
  created_at: string;
}

export interface ResolutionCreate {
  number?: string;
  title: string;
  agenda_item_id: number;
  poll_id?: number;
  document_id?: number;
}

export interface Certificate {
  subject: string;
  issuer: string;
  /** hexadecimal */
  serial: string;
  not_after: string;
}

/** Why a signature is not all it should be (app/record/signing_schemas.py). */
export const SIGNATURE_PROBLEMS = [
  "modified",
  "bad_signature",
  "changed_after",
  "expired",
  "not_yet_valid",
  "revoked",
  "untrusted",
  "key_usage",
  "chain_invalid",
  "timestamp_invalid",
  "damaged",
] as const;

export type SignatureProblem = (typeof SIGNATURE_PROBLEMS)[number];

export interface Signature {
  /** The certificate's common name. */
  signer: string;
  signed_at: string | null;
  /** The signed bytes are unchanged. */
  intact: boolean;
  valid: boolean;
  /** The certificate chains to a root the server trusts. */
  trusted: boolean;
  timestamped?: boolean;
  certificate: Certificate | null;
  problems: string[];
}

// The messages of the live channel (API.md "Live channel", docs/live.md), as they arrive.
import type { AgendaItem, Attendance, DocumentInfo, Meeting } from "../api/types";
import type { Poll } from "../api/voting";
import type { Speaker } from "../floor/types";
import type { Question } from "../questions/types";
import type { Minutes, Resolution } from "../record/types";

export interface SnapshotData {
  meeting: Meeting;
  agenda: AgendaItem[];
  documents: DocumentInfo[];
  attendance: Attendance | null;
  poll: Poll | null;
  /** The current item's list of speakers ([] without a current item). */
  speakers?: Speaker[];
  /** The meeting's questions this reader may see (chất vấn). */
  questions?: Question[];
  /** The minutes with the notes this reader may see. */
  minutes?: Minutes;
  /** The meeting's resolutions (the public ones for a guest). */
  resolutions?: Resolution[];
}

export interface SnapshotMessage {
  type: "snapshot";
  seq: number;
  /** The server's clock as the message left it (docs/live.md). */
  server_time?: string;
  data: SnapshotData;
}

export interface EventMessage {
  type: string;
  seq: number;
  at?: string;
  server_time?: string;
  data: Record<string, unknown>;
}

export type LiveMessage = SnapshotMessage | EventMessage;

export function isSnapshot(message: LiveMessage): message is SnapshotMessage {
  return message.type === "snapshot";
}

/** Parses one websocket text frame; null for anything that is not a sequenced message. */
export function parseLiveMessage(text: string): LiveMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const message = value as { type?: unknown; seq?: unknown; data?: unknown };
  if (typeof message.type !== "string" || typeof message.seq !== "number" || !Number.isInteger(message.seq)) {
    return null;
  }
  const data = message.data && typeof message.data === "object" ? message.data : {};
  return { ...(message as LiveMessage), data } as LiveMessage;
}

// What a tablet remembers about its ballot in each poll, across reloads: the one
// Idempotency-Key for that poll, whether it voted, and — for open (named) polls only — the
// choice. A secret ballot's choice is never written anywhere on the device.
import type { PollId } from "../api/voting";

export interface BallotRecord {
  key: string;
  voted: boolean;
  choice: PollId[] | null;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const storageKey = (pollId: PollId) => `kyhop.ballot.${String(pollId)}`;

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function readBallot(store: KeyValueStore, pollId: PollId): BallotRecord | null {
  try {
    const text = store.getItem(storageKey(pollId));
    return text ? (JSON.parse(text) as BallotRecord) : null;
  } catch {
    return null;
  }
}

/** The poll's Idempotency-Key: made once, then the same for every retry and reload. */
export function ballotKey(store: KeyValueStore, pollId: PollId, makeKey: () => string = newKey): string {
  const known = readBallot(store, pollId);
  if (known) return known.key;
  const record: BallotRecord = { key: makeKey(), voted: false, choice: null };
  store.setItem(storageKey(pollId), JSON.stringify(record));
  return record.key;
}

export function recordVote(store: KeyValueStore, pollId: PollId, secret: boolean, choice: PollId[] | null): void {
  const key = ballotKey(store, pollId);
  const record: BallotRecord = { key, voted: true, choice: secret ? null : choice };
  store.setItem(storageKey(pollId), JSON.stringify(record));
}

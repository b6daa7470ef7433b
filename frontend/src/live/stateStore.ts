// The last known state of a meeting, kept on the tablet so the meeting screen opens with the
// agenda and documents when the network is down, and the live channel resumes with `since`
// from where the tablet was (the server replays what it missed, or sends a fresh snapshot).
import { EMPTY_LIVE_STATE, type LiveState } from "./state";

const PREFIX = "kyhop.live.";
const FORMAT = 1;

export interface LiveStateStore {
  load: () => LiveState | null;
  save: (state: LiveState) => void;
}

type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export function encodeLiveState(state: LiveState): string {
  return JSON.stringify({ format: FORMAT, state });
}

/** The stored state, or null for anything that is not one this version wrote. */
export function decodeLiveState(text: string | null): LiveState | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { format?: unknown; state?: Partial<LiveState> };
    const state = value.state;
    if (value.format !== FORMAT || !state || typeof state.seq !== "number" || !state.meeting) return null;
    if (!Array.isArray(state.agenda) || !Array.isArray(state.documents)) return null;
    return { ...EMPTY_LIVE_STATE, ...state };
  } catch {
    return null;
  }
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function storedLiveState(meetingId: number, store: Storage | null = storage()): LiveStateStore {
  const key = PREFIX + meetingId;
  return {
    load: () => decodeLiveState(store?.getItem(key) ?? null),
    save: (state) => {
      if (state.seq === null) return;
      try {
        store?.setItem(key, encodeLiveState(state));
      } catch {
        // storage full: the tablet still works online
      }
    },
  };
}

/** On logout: no meeting's state stays on the device. */
export function forgetLiveStates(store: Storage | null = storage()): void {
  if (!store) return;
  const keys: string[] = [];
  for (let index = 0; index < store.length; index++) {
    const key = store.key(index);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}

import { describe, expect, it } from "vitest";
import { snapshot } from "../test/fixtures";
import { applySnapshot, EMPTY_LIVE_STATE } from "./state";
import { decodeLiveState, encodeLiveState, forgetLiveStates, storedLiveState } from "./stateStore";

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
    key: (index: number) => [...values.keys()][index] ?? null,
    get length() {
      return values.size;
    },
  };
}

describe("stored live state", () => {
  it("round-trips a meeting's state", () => {
    const state = applySnapshot(snapshot(42));
    expect(decodeLiveState(encodeLiveState(state))).toEqual(state);
  });

  it("ignores what it cannot use", () => {
    expect(decodeLiveState(null)).toBeNull();
    expect(decodeLiveState("{not json")).toBeNull();
    expect(decodeLiveState(JSON.stringify({ format: 99, state: applySnapshot(snapshot(1)) }))).toBeNull();
    expect(decodeLiveState(encodeLiveState(EMPTY_LIVE_STATE))).toBeNull();
  });

  it("keeps one entry per meeting and forgets them all on logout", () => {
    const storage = memoryStorage();
    storage.setItem("kyhop.token", "t");
    storedLiveState(7, storage).save(applySnapshot(snapshot(3)));
    storedLiveState(8, storage).save(applySnapshot(snapshot(4)));
    storedLiveState(9, storage).save(EMPTY_LIVE_STATE); // nothing known yet: nothing written
    expect(storedLiveState(7, storage).load()?.seq).toBe(3);
    expect([...storage.values.keys()].sort()).toEqual(["kyhop.live.7", "kyhop.live.8", "kyhop.token"]);
    forgetLiveStates(storage);
    expect([...storage.values.keys()]).toEqual(["kyhop.token"]);
  });
});

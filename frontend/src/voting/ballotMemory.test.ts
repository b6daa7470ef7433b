import { describe, expect, it } from "vitest";
import { ballotKey, readBallot, recordVote, type KeyValueStore } from "./ballotMemory";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe("ballot memory", () => {
  it("makes one key per poll and keeps it", () => {
    const store = memoryStore();
    let made = 0;
    const make = () => `key-${++made}`;
    expect(ballotKey(store, 31, make)).toBe("key-1");
    expect(ballotKey(store, 31, make)).toBe("key-1");
    expect(ballotKey(store, 32, make)).toBe("key-2");
  });

  it("keeps the choice of an open poll", () => {
    const store = memoryStore();
    recordVote(store, 31, false, [1]);
    expect(readBallot(store, 31)).toMatchObject({ voted: true, choice: [1] });
  });

  it("never writes the choice of a secret ballot", () => {
    const store = memoryStore();
    const key = ballotKey(store, 40);
    recordVote(store, 40, true, [2]);
    expect(readBallot(store, 40)).toEqual({ key, voted: true, choice: null });
    expect([...store.data.values()].join()).not.toContain("[2]");
  });
});

import { describe, expect, it } from "vitest";
import { FIRST_DELAY_MS, MAX_DELAY_MS, reconnectDelay } from "./backoff";

describe("reconnectDelay", () => {
  it("doubles from the first delay", () => {
    const highest = () => 0.999999;
    expect(reconnectDelay(0, highest)).toBe(FIRST_DELAY_MS);
    expect(reconnectDelay(1, highest)).toBe(2 * FIRST_DELAY_MS);
    expect(reconnectDelay(3, highest)).toBe(8 * FIRST_DELAY_MS);
  });

  it("never waits longer than the cap", () => {
    expect(reconnectDelay(50, () => 0.999999)).toBe(MAX_DELAY_MS);
  });

  it("waits at least half the ceiling, so jitter cannot make it zero", () => {
    expect(reconnectDelay(0, () => 0)).toBe(FIRST_DELAY_MS / 2);
    expect(reconnectDelay(50, () => 0)).toBe(MAX_DELAY_MS / 2);
  });
});

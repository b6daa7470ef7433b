import { describe, expect, it } from "vitest";
import { CLOCK_SAMPLES, median, ServerClock } from "./clock";

const SERVER = Date.parse("2026-12-08T01:00:00Z");
const at = (ms: number) => new Date(SERVER + ms).toISOString();

describe("ServerClock", () => {
  it("reads the local clock until a message tells the server's time", () => {
    const clock = new ServerClock();
    expect(clock.known).toBe(false);
    expect(clock.now(1_000)).toBe(1_000);
  });

  it("adds the offset of server_time to the local clock", () => {
    const clock = new ServerClock();
    // this device's clock is 90 s fast
    clock.observe(at(0), SERVER + 90_000);
    expect(clock.known).toBe(true);
    expect(clock.offsetMs).toBe(-90_000);
    expect(clock.now(SERVER + 95_000)).toBe(SERVER + 5_000);
  });

  it("takes the median of the last few, so one late message does not move it", () => {
    const clock = new ServerClock();
    clock.observe(at(0), SERVER + 10);
    clock.observe(at(1_000), SERVER + 1_012);
    clock.observe(at(2_000), SERVER + 2_900); // held up 900 ms on the way
    clock.observe(at(3_000), SERVER + 3_011);
    expect(clock.offsetMs).toBe(-11.5);
  });

  it("keeps only the last samples", () => {
    const clock = new ServerClock();
    for (let index = 0; index < CLOCK_SAMPLES; index++) clock.observe(at(index * 1000), SERVER + index * 1000 - 500);
    for (let index = 0; index < CLOCK_SAMPLES; index++) clock.observe(at(10_000 + index * 1000), SERVER + 10_000 + index * 1000 - 800);
    expect(clock.offsetMs).toBe(800);
  });

  it("starts over when the local clock is changed", () => {
    const clock = new ServerClock();
    clock.observe(at(0), SERVER);
    clock.observe(at(1_000), SERVER + 1_000);
    clock.observe(at(2_000), SERVER + 2_000 - 3_600_000); // set an hour back
    expect(clock.offsetMs).toBe(3_600_000);
  });

  it("ignores messages without a readable server_time", () => {
    const clock = new ServerClock();
    clock.observe(undefined, SERVER);
    clock.observe("not a time", SERVER);
    expect(clock.known).toBe(false);
  });

  it("tells its listeners when the estimate changes", () => {
    const clock = new ServerClock();
    let calls = 0;
    const stop = clock.subscribe(() => calls++);
    clock.observe(at(0), SERVER - 2_000);
    clock.observe(at(1_000), SERVER - 1_000); // same offset: nothing new
    expect(calls).toBe(1);
    stop();
    clock.observe(at(5_000), SERVER);
    expect(calls).toBe(1);
  });
});

describe("median", () => {
  it("of odd, even and no values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

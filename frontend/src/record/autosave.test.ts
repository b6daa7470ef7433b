// Autosaving a note: a second after typing stops, at once on blur, never losing typed text.
import { describe, expect, it } from "vitest";
import { createAutosave, isUnsaved, type AutosaveState, type Timers } from "./autosave";

/** Timers run by hand: advance(ms) fires those due. */
function manualTimers() {
  let now = 0;
  let next = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    set: (callback, ms) => {
      pending.set(++next, { at: now + ms, callback });
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...pending]) {
      if (timer.at <= now) {
        pending.delete(handle);
        timer.callback();
      }
    }
  };
  return { timers, advance, count: () => pending.size };
}

/** A save whose answers the test gives: resolve() / reject() the oldest call. */
function manualSave() {
  const calls: { text: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const save = (text: string) => new Promise<void>((resolve, reject) => calls.push({ text, resolve, reject }));
  return { save, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const clock = manualTimers();
  const server = manualSave();
  const states: AutosaveState[] = [];
  const autosave = createAutosave({ save: server.save, onState: (state) => states.push(state), delayMs: 1000, timers: clock.timers });
  const status = () => states.at(-1)?.status ?? "idle";
  return { clock, server, autosave, status, states };
}

describe("autosave", () => {
  it("saves once, a second after typing stops, the latest text", async () => {
    const { clock, server, autosave, status } = setup();
    autosave.change("Đại");
    clock.advance(600);
    autosave.change("Đại biểu");
    clock.advance(600);
    expect(server.calls).toEqual([]);
    expect(status()).toBe("pending");
    clock.advance(400);
    expect(server.calls.map((call) => call.text)).toEqual(["Đại biểu"]);
    expect(status()).toBe("saving");
    server.calls[0]!.resolve();
    await settle();
    expect(status()).toBe("saved");
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it("saves at once on blur, and not again when the timer would have run", async () => {
    const { clock, server, autosave, status } = setup();
    autosave.change("Ý kiến");
    autosave.flush();
    expect(server.calls.map((call) => call.text)).toEqual(["Ý kiến"]);
    server.calls[0]!.resolve();
    await settle();
    clock.advance(2000);
    expect(server.calls).toHaveLength(1);
    expect(status()).toBe("saved");
  });

  it("a blur with nothing typed saves nothing", () => {
    const { server, autosave } = setup();
    autosave.flush();
    expect(server.calls).toEqual([]);
  });

  it("a failed save keeps the text as unsaved, and the next change saves it all again", async () => {
    const { clock, server, autosave, status, states } = setup();
    autosave.change("Nội dung dài");
    clock.advance(1000);
    server.calls[0]!.reject(new Error("offline"));
    await settle();
    expect(status()).toBe("error");
    expect(states.at(-1)?.error).toEqual(new Error("offline"));
    expect(autosave.hasUnsaved()).toBe(true);
    autosave.change("Nội dung dài hơn");
    clock.advance(1000);
    expect(server.calls.map((call) => call.text)).toEqual(["Nội dung dài", "Nội dung dài hơn"]);
    server.calls[1]!.resolve();
    await settle();
    expect(status()).toBe("saved");
  });

  it("a blur after a failure tries again with the same text", async () => {
    const { clock, server, autosave } = setup();
    autosave.change("A");
    clock.advance(1000);
    server.calls[0]!.reject(new Error("500"));
    await settle();
    autosave.flush();
    expect(server.calls.map((call) => call.text)).toEqual(["A", "A"]);
  });

  it("typing on during a save: one save at a time, then the newer text", async () => {
    const { clock, server, autosave, status } = setup();
    autosave.change("một");
    clock.advance(1000);
    autosave.change("một hai");
    clock.advance(1000); // its delay runs out while the first save is still out
    expect(server.calls).toHaveLength(1);
    server.calls[0]!.resolve();
    await settle();
    expect(server.calls.map((call) => call.text)).toEqual(["một", "một hai"]);
    expect(status()).toBe("saving");
    server.calls[1]!.resolve();
    await settle();
    expect(status()).toBe("saved");
  });

  it("a save failing while newer text waits goes on to the newer text, not to an error", async () => {
    const { clock, server, autosave, status } = setup();
    autosave.change("một");
    clock.advance(1000);
    autosave.change("một hai");
    server.calls[0]!.reject(new Error("offline"));
    await settle();
    expect(status()).toBe("pending");
    clock.advance(1000);
    expect(server.calls.map((call) => call.text)).toEqual(["một", "một hai"]);
  });

  it("dispose stops the timer and saves what is left", () => {
    const { clock, server, autosave } = setup();
    autosave.change("rời trang");
    autosave.dispose();
    expect(server.calls.map((call) => call.text)).toEqual(["rời trang"]);
    expect(clock.count()).toBe(0);
  });

  it("says which states hold text the server does not have", () => {
    expect(["pending", "saving", "error"].every((status) => isUnsaved(status as never))).toBe(true);
    expect(isUnsaved("saved") || isUnsaved("idle")).toBe(false);
  });
});

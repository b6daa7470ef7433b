import { describe, expect, it } from "vitest";
import { jumpOffer, UNKNOWN_WATCH, watchCurrent } from "./followChair";

describe("follow the chair in the reader", () => {
  it("remembers the current item once the meeting's state is known", () => {
    expect(watchCurrent(UNKNOWN_WATCH, null, false)).toBe(UNKNOWN_WATCH);
    const watch = watchCurrent(UNKNOWN_WATCH, 4, true);
    expect(watch).toEqual({ known: true, seen: 4 });
    expect(watchCurrent(watch, 5, true)).toBe(watch);
  });

  it("offers the new current item when the chair moves away from the document's item", () => {
    const watch = watchCurrent(UNKNOWN_WATCH, 4, true);
    expect(jumpOffer(watch, 4, 4, true)).toBeNull(); // nothing moved
    expect(jumpOffer(watch, 5, 4, true)).toBe(5);
    expect(jumpOffer(watch, 5, null, true)).toBe(5); // a general document
  });

  it("does not offer when following is off, the state is unknown, the meeting closed, or the document belongs to the new item", () => {
    const watch = watchCurrent(UNKNOWN_WATCH, 4, true);
    expect(jumpOffer(watch, 5, 4, false)).toBeNull();
    expect(jumpOffer(UNKNOWN_WATCH, 5, 4, true)).toBeNull();
    expect(jumpOffer(watch, null, 4, true)).toBeNull();
    expect(jumpOffer(watch, 5, 5, true)).toBeNull();
  });

  it("stays quiet after the offer was answered, until the chair moves again", () => {
    const answered = { known: true, seen: 5 };
    expect(jumpOffer(answered, 5, 4, true)).toBeNull();
    expect(jumpOffer(answered, 6, 4, true)).toBe(6);
  });
});

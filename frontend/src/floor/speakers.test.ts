import { describe, expect, it } from "vitest";
import { speaker } from "./fixtures";
import { currentSpeaker, interruptedSpeaker, moveBefore, moveInOrder, myEntries, nextSpeakers, placeInList, waitingSpeakers } from "./speakers";

describe("currentSpeaker", () => {
  it("is the one speaking, else the one paused, else nobody", () => {
    expect(currentSpeaker([speaker(1), speaker(2, { state: "done" })])).toBeNull();
    expect(currentSpeaker([speaker(1), speaker(2, { state: "paused" })])?.id).toBe(2);
    const pointOfOrder = [speaker(2, { state: "paused" }), speaker(3, { state: "speaking", kind: "point_of_order" })];
    expect(currentSpeaker(pointOfOrder)?.id).toBe(3);
    expect(interruptedSpeaker(pointOfOrder)?.id).toBe(2);
    expect(interruptedSpeaker([speaker(2, { state: "paused" })])).toBeNull();
  });
});

describe("waiting list", () => {
  const list = [speaker(4, { position: 3 }), speaker(5, { position: 0, kind: "point_of_order" }), speaker(6, { position: 1 }), speaker(7, { state: "done", position: 2 })];

  it("in order of position, only those waiting", () => {
    expect(waitingSpeakers(list).map((s) => s.id)).toEqual([5, 6, 4]);
    expect(nextSpeakers(list, 2).map((s) => s.id)).toEqual([5, 6]);
  });

  it("a place counts from 1; none when not waiting", () => {
    expect(placeInList(list, 4)).toBe(3);
    expect(placeInList(list, 7)).toBeNull();
  });

  it("my entries still on the list", () => {
    const mine = [speaker(1, { user_id: 9 }), speaker(2, { user_id: 9, state: "withdrawn" }), speaker(3, { user_id: 9, state: "paused" }), speaker(4)];
    expect(myEntries(mine, 9).map((s) => s.id)).toEqual([1, 3]);
    expect(myEntries(mine, undefined)).toEqual([]);
  });
});

describe("moving in the order", () => {
  it("up and down by one, clamped", () => {
    expect(moveInOrder([1, 2, 3], 2, -1)).toEqual([2, 1, 3]);
    expect(moveInOrder([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(moveInOrder([1, 2, 3], 1, -1)).toEqual([1, 2, 3]);
    expect(moveInOrder([1, 2, 3], 9, 1)).toEqual([1, 2, 3]);
  });

  it("dropped onto another: takes its place", () => {
    expect(moveBefore([1, 2, 3, 4], 4, 2)).toEqual([1, 4, 2, 3]);
    expect(moveBefore([1, 2, 3, 4], 1, 3)).toEqual([2, 3, 1, 4]);
    expect(moveBefore([1, 2, 3], 1, 1)).toEqual([1, 2, 3]);
  });
});

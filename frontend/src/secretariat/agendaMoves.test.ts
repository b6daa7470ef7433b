import { describe, expect, it } from "vitest";
import type { AgendaItem } from "../api/types";
import { agendaItem } from "../test/fixtures";
import { dropChange, dropPlaceAt, indent, moveDown, moveUp, outdent, subtreeOf } from "./agendaMoves";

// 1 Khai mạc
// 2 Nghị quyết
//   2.1 Tờ trình (21)
//   2.2 Thẩm tra (22)
// 3 Bầu cử
// 4 Bế mạc
const agenda: AgendaItem[] = [
  agendaItem(1),
  agendaItem(2),
  agendaItem(21, { parent_id: 2, position: 0, depth: 1, number: "2.1" }),
  agendaItem(22, { parent_id: 2, position: 1, depth: 1, number: "2.2" }),
  agendaItem(3, { position: 2 }),
  agendaItem(4, { position: 3 }),
];

describe("agenda moves", () => {
  it("move an item up or down among its siblings, its children with it, as a full order", () => {
    expect(moveUp(agenda, 3)).toEqual({ kind: "order", itemIds: [1, 3, 2, 21, 22, 4] });
    expect(moveDown(agenda, 2)).toEqual({ kind: "order", itemIds: [1, 3, 2, 21, 22, 4] });
    expect(moveDown(agenda, 21)).toEqual({ kind: "order", itemIds: [1, 2, 22, 21, 3, 4] });
  });

  it("do nothing at the ends", () => {
    expect(moveUp(agenda, 1)).toBeNull();
    expect(moveDown(agenda, 4)).toBeNull();
    expect(moveUp(agenda, 21)).toBeNull();
    expect(moveDown(agenda, 22)).toBeNull();
    expect(moveUp(agenda, 99)).toBeNull();
  });

  it("indent under the sibling above (as its last child) and outdent to just after the parent", () => {
    expect(indent(agenda, 3)).toEqual({ kind: "move", itemId: 3, parentId: 2, position: 2 });
    expect(indent(agenda, 2)).toEqual({ kind: "move", itemId: 2, parentId: 1, position: 0 });
    expect(indent(agenda, 22)).toEqual({ kind: "move", itemId: 22, parentId: 21, position: 0 });
    expect(indent(agenda, 1)).toBeNull();
    expect(indent(agenda, 21)).toBeNull();
    expect(outdent(agenda, 22)).toEqual({ kind: "move", itemId: 22, parentId: null, position: 2 });
    expect(outdent(agenda, 3)).toBeNull();
  });

  it("outdent keeps the order the agenda reads in (the siblings below become children)", () => {
    // 2.1 out: it follows 2; 2.2, which was below it, stays below it as 3.1 — not above it.
    expect(outdent(agenda, 21)).toEqual({
      kind: "moves",
      moves: [
        { itemId: 21, parentId: null, position: 2 },
        { itemId: 22, parentId: 21, position: 0 },
      ],
    });
    // Outdenting the two children one after the other: 2.1 then 2.2 (the last child) → 1, 2, 21, 22, 3, 4.
    const afterFirst: AgendaItem[] = [
      agendaItem(1),
      agendaItem(2),
      agendaItem(21, { position: 2 }),
      agendaItem(22, { parent_id: 21, position: 0, depth: 1, number: "3.1" }),
      agendaItem(3, { position: 3 }),
      agendaItem(4, { position: 4 }),
    ];
    expect(outdent(afterFirst, 22)).toEqual({ kind: "move", itemId: 22, parentId: null, position: 3 });
  });

  it("turn a drop beside a sibling into an order", () => {
    expect(dropChange(agenda, 4, 1, "before")).toEqual({ kind: "order", itemIds: [4, 1, 2, 21, 22, 3] });
    expect(dropChange(agenda, 1, 3, "after")).toEqual({ kind: "order", itemIds: [2, 21, 22, 3, 1, 4] });
    expect(dropChange(agenda, 3, 2, "after")).toBeNull(); // already there
  });

  it("turn a drop at another level into a move", () => {
    expect(dropChange(agenda, 4, 21, "after")).toEqual({ kind: "move", itemId: 4, parentId: 2, position: 1 });
    expect(dropChange(agenda, 22, 1, "before")).toEqual({ kind: "move", itemId: 22, parentId: null, position: 0 });
    expect(dropChange(agenda, 3, 1, "inside")).toEqual({ kind: "move", itemId: 3, parentId: 1, position: 0 });
    expect(dropChange(agenda, 4, 2, "inside")).toEqual({ kind: "move", itemId: 4, parentId: 2, position: 2 });
  });

  it("dropping inside the current parent moves the item to the end of it", () => {
    expect(dropChange(agenda, 21, 2, "inside")).toEqual({ kind: "order", itemIds: [1, 2, 22, 21, 3, 4] });
    expect(dropChange(agenda, 22, 2, "inside")).toBeNull();
  });

  it("never drop an item into itself or its own children", () => {
    expect(subtreeOf(agenda, 2)).toEqual(new Set([2, 21, 22]));
    expect(dropChange(agenda, 2, 21, "inside")).toBeNull();
    expect(dropChange(agenda, 2, 22, "after")).toBeNull();
    expect(dropChange(agenda, 2, 2, "before")).toBeNull();
  });

  it("choose before / inside / after from where the pointer is on the row", () => {
    expect(dropPlaceAt(2, 40)).toBe("before");
    expect(dropPlaceAt(20, 40)).toBe("inside");
    expect(dropPlaceAt(38, 40)).toBe("after");
  });
});

// Reordering and nesting the agenda, as pure computations on the agenda in display order
// (AgendaItemOut: id, parent_id, position, depth). Each gesture becomes one request:
//
// - within the same parent (move up / down, a drop beside a sibling):
//   PUT /api/v1/meetings/{id}/agenda/order with every item id in the new display order
//   (children follow their parent);
// - to another parent (indent, outdent, a drop inside or beside an item of another level):
//   PATCH /api/v1/agenda-items/{id} with parent_id and position (0-based among the new siblings);
// - outdenting an item that has siblings below it: several such PATCHes, in order, so that the
//   agenda reads in the same order afterwards (the siblings below become its children).
import type { AgendaItem } from "../api/types";

export interface AgendaMove {
  itemId: number;
  parentId: number | null;
  position: number;
}

export type AgendaChange = { kind: "order"; itemIds: number[] } | ({ kind: "move" } & AgendaMove) | { kind: "moves"; moves: AgendaMove[] };

export type DropPlace = "before" | "after" | "inside";

interface Tree {
  children: Map<number | null, number[]>;
  parent: Map<number, number | null>;
}

function treeOf(agenda: AgendaItem[]): Tree {
  const children = new Map<number | null, number[]>();
  const parent = new Map<number, number | null>();
  const known = new Set(agenda.map((item) => item.id));
  for (const item of agenda) {
    // An item whose parent is not visible here is shown at the top level.
    const parentId = item.parent_id !== null && known.has(item.parent_id) ? item.parent_id : null;
    parent.set(item.id, parentId);
    const siblings = children.get(parentId) ?? [];
    siblings.push(item.id);
    children.set(parentId, siblings);
  }
  return { children, parent };
}

function flatten(tree: Tree, parentId: number | null = null, into: number[] = []): number[] {
  for (const id of tree.children.get(parentId) ?? []) {
    into.push(id);
    flatten(tree, id, into);
  }
  return into;
}

/** The item and everything below it. */
export function subtreeOf(agenda: AgendaItem[], id: number): Set<number> {
  const tree = treeOf(agenda);
  const found = new Set<number>([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const child of tree.children.get(stack.pop()!) ?? []) {
      found.add(child);
      stack.push(child);
    }
  }
  return found;
}

/** The whole order after placing `itemId` at `index` among its own siblings. */
function reorderAmongSiblings(agenda: AgendaItem[], itemId: number, index: number): AgendaChange | null {
  const tree = treeOf(agenda);
  const parentId = tree.parent.get(itemId);
  if (parentId === undefined) return null;
  const siblings = tree.children.get(parentId) ?? [];
  const from = siblings.indexOf(itemId);
  const to = Math.max(0, Math.min(index, siblings.length - 1));
  if (from === -1 || from === to) return null;
  const reordered = siblings.filter((id) => id !== itemId);
  reordered.splice(to, 0, itemId);
  tree.children.set(parentId, reordered);
  return { kind: "order", itemIds: flatten(tree) };
}

function siblingIndex(agenda: AgendaItem[], itemId: number): { parentId: number | null; siblings: number[]; index: number } | null {
  const tree = treeOf(agenda);
  const parentId = tree.parent.get(itemId);
  if (parentId === undefined) return null;
  const siblings = tree.children.get(parentId) ?? [];
  return { parentId, siblings, index: siblings.indexOf(itemId) };
}

export function moveUp(agenda: AgendaItem[], itemId: number): AgendaChange | null {
  const place = siblingIndex(agenda, itemId);
  return place && place.index > 0 ? reorderAmongSiblings(agenda, itemId, place.index - 1) : null;
}

export function moveDown(agenda: AgendaItem[], itemId: number): AgendaChange | null {
  const place = siblingIndex(agenda, itemId);
  return place && place.index < place.siblings.length - 1 ? reorderAmongSiblings(agenda, itemId, place.index + 1) : null;
}

/** Under the sibling just above it, as its last child. */
export function indent(agenda: AgendaItem[], itemId: number): AgendaChange | null {
  const place = siblingIndex(agenda, itemId);
  if (!place || place.index <= 0) return null;
  const newParent = place.siblings[place.index - 1]!;
  const tree = treeOf(agenda);
  return { kind: "move", itemId, parentId: newParent, position: (tree.children.get(newParent) ?? []).length };
}

/**
 * Out of its parent, just after it, keeping the order the agenda reads in: the siblings that
 * were below it come along as its last children (as outlines do), instead of ending up above it.
 */
export function outdent(agenda: AgendaItem[], itemId: number): AgendaChange | null {
  const place = siblingIndex(agenda, itemId);
  if (!place || place.parentId === null) return null;
  const parent = siblingIndex(agenda, place.parentId);
  if (!parent) return null;
  const out: AgendaMove = { itemId, parentId: parent.parentId, position: parent.index + 1 };
  const below = place.siblings.slice(place.index + 1);
  if (below.length === 0) return { kind: "move", ...out };
  const ownChildren = (treeOf(agenda).children.get(itemId) ?? []).length;
  return { kind: "moves", moves: [out, ...below.map((id, index) => ({ itemId: id, parentId: itemId, position: ownChildren + index }))] };
}

/** Dropping `draggedId` before, after or inside `targetId`; null when it would change nothing or make a cycle. */
export function dropChange(agenda: AgendaItem[], draggedId: number, targetId: number, place: DropPlace): AgendaChange | null {
  if (subtreeOf(agenda, draggedId).has(targetId)) return null;
  const dragged = siblingIndex(agenda, draggedId);
  const target = siblingIndex(agenda, targetId);
  if (!dragged || !target) return null;
  if (place === "inside") {
    const tree = treeOf(agenda);
    const children = tree.children.get(targetId) ?? [];
    if (dragged.parentId === targetId) return reorderAmongSiblings(agenda, draggedId, children.length - 1);
    return { kind: "move", itemId: draggedId, parentId: targetId, position: children.length };
  }
  // Position among the target's siblings once the dragged item has left them.
  const others = target.siblings.filter((id) => id !== draggedId);
  const index = others.indexOf(targetId) + (place === "after" ? 1 : 0);
  if (dragged.parentId === target.parentId) return reorderAmongSiblings(agenda, draggedId, index);
  return { kind: "move", itemId: draggedId, parentId: target.parentId, position: index };
}

/** Where a pointer over a row drops: the top quarter before, the bottom quarter after, else inside. */
export function dropPlaceAt(offsetY: number, height: number): DropPlace {
  if (height <= 0 || offsetY < height * 0.25) return "before";
  if (offsetY > height * 0.75) return "after";
  return "inside";
}

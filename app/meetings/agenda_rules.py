"""The agenda tree as pure functions: order, numbers ("1", "2", "2.1"), reordering, moves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


class Node(Protocol):
    id: int
    parent_id: int | None
    position: int


@dataclass(frozen=True)
class Placed:
    id: int
    depth: int
    number: str


class AgendaRuleError(ValueError):
    """`code` is a message code of app.i18n."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _children(nodes: Iterable[Node]) -> dict[int | None, list[Node]]:
    children: dict[int | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    for siblings in children.values():
        siblings.sort(key=lambda n: (n.position, n.id))
    return children


def layout(nodes: Sequence[Node]) -> list[Placed]:
    """Depth-first order with each item's displayed number."""
    children = _children(nodes)
    placed: list[Placed] = []

    def walk(parent: int | None, prefix: str, depth: int) -> None:
        for index, node in enumerate(children.get(parent, []), start=1):
            number = f"{prefix}{index}"
            placed.append(Placed(node.id, depth, number))
            walk(node.id, f"{number}.", depth + 1)

    walk(None, "", 0)
    return placed


def subtree(nodes: Sequence[Node], root_id: int) -> set[int]:
    """The item and all its descendants."""
    children = _children(nodes)
    found = {root_id}
    stack = [root_id]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child.id)
            stack.append(child.id)
    return found


def sibling_positions_after_insert(
    nodes: Sequence[Node], *, parent_id: int | None, position: int | None, moving_id: int | None = None
) -> tuple[int, dict[int, int]]:
    """Where an item lands among its new siblings (0-based, clamped) and the siblings' new
    positions, compacted to 0..n so numbering stays dense."""
    siblings = [n for n in _children(nodes).get(parent_id, []) if n.id != moving_id]
    index = len(siblings) if position is None else max(0, min(position, len(siblings)))
    order = [n.id for n in siblings]
    order.insert(index, -1)
    return index, {node_id: pos for pos, node_id in enumerate(order) if node_id != -1}


def check_move(nodes: Sequence[Node], *, item_id: int, new_parent_id: int | None) -> None:
    if new_parent_id is None:
        return
    if new_parent_id in subtree(nodes, item_id):
        raise AgendaRuleError("agenda_cycle")


def positions_from_order(nodes: Sequence[Node], item_ids: Sequence[int]) -> dict[int, int]:
    """A full new order of every item (parents keep their children): each item's position
    among its siblings becomes its rank in `item_ids`."""
    known = {n.id for n in nodes}
    if len(item_ids) != len(set(item_ids)) or set(item_ids) != known:
        raise AgendaRuleError("agenda_order_mismatch")
    rank = {item_id: index for index, item_id in enumerate(item_ids)}
    positions: dict[int, int] = {}
    for siblings in _children(nodes).values():
        for position, node in enumerate(sorted(siblings, key=lambda n: rank[n.id])):
            positions[node.id] = position
    return positions


class PublicNode(Node, Protocol):
    public: bool


def hidden_from_guests(nodes: Sequence[PublicNode]) -> set[int]:
    """Items guests do not see: those not public, and everything below them."""
    by_id = {node.id: node for node in nodes}
    hidden: set[int] = set()
    for placed in layout(nodes):
        node = by_id[placed.id]
        if not node.public or node.parent_id in hidden:
            hidden.add(node.id)
    return hidden

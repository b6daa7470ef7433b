"""The agenda tree's pure rules, directly and with generated trees (hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.meetings.agenda_rules import (
    AgendaRuleError,
    check_move,
    layout,
    positions_from_order,
    sibling_positions_after_insert,
    subtree,
)


@dataclass
class N:
    id: int
    parent_id: int | None
    position: int


TREE = [N(1, None, 0), N(2, None, 1), N(3, 2, 0), N(4, 2, 1), N(5, 4, 0), N(6, None, 2)]


def test_layout_numbers_like_an_agenda() -> None:
    assert [(p.id, p.number, p.depth) for p in layout(TREE)] == [
        (1, "1", 0), (2, "2", 0), (3, "2.1", 1), (4, "2.2", 1), (5, "2.2.1", 2), (6, "3", 0)]


def test_subtree_and_cycles() -> None:
    assert subtree(TREE, 2) == {2, 3, 4, 5}
    with pytest.raises(AgendaRuleError) as error:
        check_move(TREE, item_id=2, new_parent_id=5)
    assert error.value.code == "agenda_cycle"
    check_move(TREE, item_id=5, new_parent_id=1)


def test_insert_positions_are_clamped_and_dense() -> None:
    index, others = sibling_positions_after_insert(TREE, parent_id=None, position=1)
    assert index == 1 and others == {1: 0, 2: 2, 6: 3}
    index, _ = sibling_positions_after_insert(TREE, parent_id=None, position=99)
    assert index == 3


def test_order_must_be_a_permutation() -> None:
    with pytest.raises(AgendaRuleError):
        positions_from_order(TREE, [1, 2, 3])
    with pytest.raises(AgendaRuleError):
        positions_from_order(TREE, [1, 1, 2, 3, 4, 5])
    positions = positions_from_order(TREE, [6, 4, 5, 3, 2, 1])
    placed = layout([N(n.id, n.parent_id, positions[n.id]) for n in TREE])
    assert [(p.id, p.number) for p in placed] == [
        (6, "1"), (2, "2"), (4, "2.1"), (5, "2.1.1"), (3, "2.2"), (1, "3")]


@st.composite
def trees(draw: st.DrawFn) -> list[N]:
    count = draw(st.integers(min_value=1, max_value=25))
    nodes: list[N] = []
    for node_id in range(1, count + 1):
        parent = draw(st.sampled_from([None, *[n.id for n in nodes]]))
        nodes.append(N(node_id, parent, draw(st.integers(min_value=0, max_value=5))))
    return nodes


@given(trees(), st.randoms())
def test_any_reorder_keeps_every_item_under_its_parent(nodes: list[N], rnd) -> None:  # type: ignore[no-untyped-def]
    order = [n.id for n in nodes]
    rnd.shuffle(order)
    positions = positions_from_order(nodes, order)
    moved = [N(n.id, n.parent_id, positions[n.id]) for n in nodes]
    placed = layout(moved)
    assert sorted(p.id for p in placed) == sorted(n.id for n in nodes)
    seen: set[int] = set()
    parent_of = {n.id: n.parent_id for n in nodes}
    for p in placed:  # a child always comes after its parent
        assert parent_of[p.id] is None or parent_of[p.id] in seen
        seen.add(p.id)
    # siblings appear in the relative order the client asked for
    rank = {item_id: i for i, item_id in enumerate(order)}
    by_parent: dict[int | None, list[int]] = {}
    for p in placed:
        by_parent.setdefault(parent_of[p.id], []).append(p.id)
    for siblings in by_parent.values():
        assert siblings == sorted(siblings, key=rank.__getitem__)
    # numbers are unique and dense: "1", "2", … at each level
    numbers = [p.number for p in placed]
    assert len(set(numbers)) == len(numbers)

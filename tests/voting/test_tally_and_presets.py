"""The result of a closed poll and the settings of each kind of poll, as plain functions."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import Invalid
from app.voting.presets import check_choice, settle
from app.voting.tally import OptionCount, elected, tally


def _counts(*votes: int) -> list[OptionCount]:
    return [OptionCount(option_id=index + 1, label=f"P{index + 1}", votes=v) for index, v in enumerate(votes)]


def test_resolution_examples() -> None:
    rule = dict(preset="resolution", basis="seated", threshold="majority", seats=1, seated=50, present=30)
    assert tally(counts=_counts(26, 4, 0), cast=30, **rule)["passed"] is True
    failed = tally(counts=_counts(25, 5, 0), cast=30, **rule)
    assert (failed["passed"], failed["base"], failed["required"], failed["outcome"]) == (False, 50, 26, "rejected")
    two_thirds = dict(rule, threshold="two_thirds")
    assert tally(counts=_counts(33, 0, 0), cast=33, **two_thirds)["passed"] is False
    assert tally(counts=_counts(34, 0, 0), cast=34, **two_thirds)["required"] == 34
    # Abstaining counts as cast: on the "cast" basis 16 of 30 passes, 15 does not.
    cast_rule = dict(rule, basis="cast")
    assert tally(counts=_counts(16, 4, 10), cast=30, **cast_rule)["passed"] is True
    assert tally(counts=_counts(15, 5, 10), cast=30, **cast_rule)["passed"] is False


def test_confidence_tests_the_low_rating() -> None:
    rule = dict(preset="confidence", basis="seated", threshold="majority", seats=1, seated=50, present=50, cast=50)
    low = tally(counts=_counts(10, 14, 26), **rule)
    assert (low["passed"], low["decisive_option_id"], low["outcome"]) == (True, 3, "low_confidence")
    kept = tally(counts=_counts(30, 10, 10), **rule)
    assert (kept["passed"], kept["outcome"]) == (False, "low_confidence_not_reached")


def test_election_seats_and_ties() -> None:
    assert elected(_counts(9, 6, 4), required=6, seats=2) == ([1, 2], [])
    assert elected(_counts(9, 7, 7), required=6, seats=2) == ([1], [2, 3])  # a tie for the last seat
    assert elected(_counts(5, 5, 4), required=6, seats=2) == ([], [])
    result = tally(preset="election", counts=_counts(9, 7, 7), basis="seated", threshold="majority", seats=2,
                   seated=10, present=10, cast=10)
    assert (result["elected"], result["tied"], result["passed"]) == ([1], [2, 3], False)


@given(seated=st.integers(0, 600), data=st.data())
def test_passed_means_the_decisive_votes_reach_the_fraction(seated, data) -> None:  # type: ignore[no-untyped-def]
    present = data.draw(st.integers(0, seated))
    votes = data.draw(st.lists(st.integers(0, present), min_size=3, max_size=3).filter(lambda v: sum(v) <= present))
    basis = data.draw(st.sampled_from(["seated", "present", "cast"]))
    threshold = data.draw(st.sampled_from(["majority", "two_thirds"]))
    result = tally(preset="resolution", counts=_counts(*votes), basis=basis, threshold=threshold, seats=1,
                   seated=seated, present=present, cast=sum(votes))
    base = {"seated": seated, "present": present, "cast": sum(votes)}[basis]
    share = Fraction(votes[0], base) if base else Fraction(0)
    expected = base > 0 and (share > Fraction(1, 2) if threshold == "majority" else share >= Fraction(2, 3))
    assert result["passed"] is expected
    assert result["base"] == base
    # `required` is the smallest number that passes.
    if base:
        required = result["required"]
        assert (Fraction(required, base) > Fraction(1, 2)) if threshold == "majority" else (Fraction(required, base) >= Fraction(2, 3))
        assert not ((Fraction(required - 1, base) > Fraction(1, 2)) if threshold == "majority"
                    else (Fraction(required - 1, base) >= Fraction(2, 3)))


@given(votes=st.lists(st.integers(0, 50), min_size=1, max_size=8), seats=st.integers(1, 8), required=st.integers(1, 50))
def test_elected_never_exceeds_the_seats_and_beats_everyone_left_out(votes, seats, required) -> None:  # type: ignore[no-untyped-def]
    seats = min(seats, len(votes))
    winners, tied = elected(_counts(*votes), required=required, seats=seats)
    assert len(winners) <= seats and not set(winners) & set(tied)
    by_id = {index + 1: v for index, v in enumerate(votes)}
    for winner in winners:
        assert by_id[winner] >= required
        assert all(by_id[winner] > by_id[other] for other in by_id if other not in winners and other not in tied)
    if tied:
        assert len(winners) + len(tied) > seats and len({by_id[t] for t in tied}) == 1


def test_preset_settings() -> None:
    assert settle("resolution", options=None, secret=None, max_choices=None, allow_change=False).options == (
        "Tán thành", "Không tán thành", "Không biểu quyết")
    assert settle("confidence", options=None, secret=None, max_choices=None, allow_change=False).secret is True
    assert settle("custom", options=["A", "B", "C"], secret=None, max_choices=2, allow_change=True).max_choices == 2
    with pytest.raises(Invalid) as refused:
        settle("election", options=["A"], secret=False, max_choices=None, allow_change=False)
    assert refused.value.code == "poll_must_be_secret"


@pytest.mark.parametrize(("chosen", "code"), [([], "no_option_chosen"), ([1, 1], "option_chosen_twice"),
                                              ([9], "invalid_option"), ([1, 2, 3], "too_many_choices")])
def test_bad_choices(chosen, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Invalid) as refused:
        check_choice(chosen, allowed={1, 2, 3}, max_choices=2)
    assert refused.value.code == code
    assert check_choice([3, 1], allowed={1, 2, 3}, max_choices=2) == [1, 3]

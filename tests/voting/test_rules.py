"""The law's arithmetic, directly and for random councils (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from app.voting.rules import (
    Basis,
    Threshold,
    decide,
    is_quorate,
    meets,
    quorum_required,
    required_votes,
)


def test_examples_from_the_law() -> None:
    # 50 seated: 26 in favour passes a majority of seated even if only 30 are present; 25 does not.
    assert decide(26, basis=Basis.SEATED, threshold=Threshold.MAJORITY, seated=50, present=30,
                  cast=30).passed
    assert not decide(25, basis=Basis.SEATED, threshold=Threshold.MAJORITY, seated=50, present=30,
                      cast=30).passed
    assert required_votes(50, Threshold.TWO_THIRDS) == 34
    assert required_votes(50, Threshold.MAJORITY) == 26
    assert required_votes(51, Threshold.MAJORITY) == 26
    assert required_votes(3, Threshold.TWO_THIRDS) == 2
    # half is not more than half
    assert not decide(25, basis=Basis.PRESENT, threshold=Threshold.MAJORITY, seated=60, present=50,
                      cast=50).passed
    assert quorum_required(50) == 34 and quorum_required(60) == 40 and quorum_required(0) == 0
    assert is_quorate(34, 50) and not is_quorate(33, 50)


def test_nobody_seated_never_passes() -> None:
    outcome = decide(0, basis=Basis.CAST, threshold=Threshold.MAJORITY, seated=10, present=0, cast=0)
    assert outcome.base == 0 and not outcome.passed


councils = st.integers(min_value=1, max_value=500).flatmap(
    lambda seated: st.tuples(st.just(seated), st.integers(min_value=0, max_value=seated)).flatmap(
        lambda sp: st.tuples(st.just(sp[0]), st.just(sp[1]),
                             st.integers(min_value=0, max_value=sp[1])).flatmap(
            lambda spc: st.tuples(st.just(spc[0]), st.just(spc[1]), st.just(spc[2]),
                                  st.integers(min_value=0, max_value=spc[2])))))


@given(councils, st.sampled_from(list(Basis)), st.sampled_from(list(Threshold)))
def test_outcome_matches_the_fraction(council, basis, threshold) -> None:  # type: ignore[no-untyped-def]
    seated, present, cast, votes_for = council
    outcome = decide(votes_for, basis=basis, threshold=threshold, seated=seated, present=present,
                     cast=cast)
    base = {Basis.SEATED: seated, Basis.PRESENT: present, Basis.CAST: cast}[basis]
    assert outcome.base == base
    assert outcome.passed == meets(votes_for, base, threshold)
    if base > 0:
        # the required number is the least that meets the threshold
        assert meets(outcome.required, base, threshold)
        assert not meets(outcome.required - 1, base, threshold)
        limit = Fraction(1, 2) if threshold is Threshold.MAJORITY else Fraction(2, 3)
        assert (Fraction(votes_for, base) > limit if threshold is Threshold.MAJORITY
                else Fraction(votes_for, base) >= limit) == outcome.passed


@given(st.integers(min_value=1, max_value=1000), st.integers(min_value=0, max_value=1000),
       st.integers(min_value=1, max_value=10), st.integers(min_value=1, max_value=10))
def test_quorum_is_at_least_the_fraction(seated, present, numerator, denominator) -> None:  # type: ignore[no-untyped-def]
    if numerator > denominator:
        numerator, denominator = denominator, numerator
    present = min(present, seated)
    assert is_quorate(present, seated, numerator, denominator) == (
        Fraction(present, seated) >= Fraction(numerator, denominator))

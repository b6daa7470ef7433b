"""The law's arithmetic for votes and quorum, as plain functions (no database).

Luật Tổ chức chính quyền địa phương: a resolution passes when MORE THAN HALF of the total number
of seated deputies vote in favour; some decisions need AT LEAST TWO THIRDS. The base can also be
those present or the votes cast, when a council decides so for a poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Basis(StrEnum):
    SEATED = "seated"  # tổng số đại biểu: every deputy holding a seat with a voting right
    PRESENT = "present"  # those checked in
    CAST = "cast"  # ballots cast (a ballot for "không biểu quyết" is cast)


class Threshold(StrEnum):
    MAJORITY = "majority"  # more than one half
    TWO_THIRDS = "two_thirds"  # at least two thirds


def base_count(basis: Basis, *, seated: int, present: int, cast: int) -> int:
    return {Basis.SEATED: seated, Basis.PRESENT: present, Basis.CAST: cast}[basis]


def required_votes(base: int, threshold: Threshold) -> int:
    """The smallest number of votes that meets the threshold over `base` (never below 1)."""
    if base <= 0:
        return 1
    if threshold is Threshold.MAJORITY:
        return base // 2 + 1  # more than half: 50 → 26, 51 → 26
    return -(-2 * base // 3)  # at least two thirds, rounded up: 50 → 34, 30 → 20


def meets(votes: int, base: int, threshold: Threshold) -> bool:
    """Exact rational comparison, the definition `required_votes` must agree with."""
    if base <= 0:
        return False
    share = Fraction(votes, base)
    return share > Fraction(1, 2) if threshold is Threshold.MAJORITY else share >= Fraction(2, 3)


@dataclass(frozen=True)
class Outcome:
    base: int
    required: int
    passed: bool


def decide(votes_for: int, *, basis: Basis, threshold: Threshold, seated: int, present: int,
           cast: int) -> Outcome:
    base = base_count(basis, seated=seated, present=present, cast=cast)
    required = required_votes(base, threshold)
    return Outcome(base=base, required=required, passed=base > 0 and votes_for >= required)


def quorum_required(seated: int, numerator: int = 2, denominator: int = 3) -> int:
    """Deputies who must be present: at least numerator/denominator of those seated."""
    return -(-seated * numerator // denominator) if seated > 0 else 0


def is_quorate(present: int, seated: int, numerator: int = 2, denominator: int = 3) -> bool:
    return seated > 0 and present >= quorum_required(seated, numerator, denominator)

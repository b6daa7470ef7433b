"""A closed poll's result from its counters, as a plain function (no database).

The rule (basis × threshold, see rules.py) is tested on the poll's decisive option:
- resolution, custom: the first option (Tán thành / the proposal) — `passed` means adopted;
- confidence: "Tín nhiệm thấp" — `passed` means the low-confidence threshold was reached, which is
  what the law acts on (more than half: may resign; two thirds: a vote of confidence follows);
- election: each candidate; those reaching the required number are elected, best first, up to the
  number of seats (`max_choices`); candidates tied for the last seat are not elected (another round
  is needed) — `passed` means every seat was filled.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from app.voting.rules import Basis, Threshold, decide

LOW_CONFIDENCE_POSITION = 2  # "Tín nhiệm thấp", the third option of the confidence preset


@dataclass(frozen=True)
class OptionCount:
    option_id: int
    label: str
    votes: int


def elected(counts: list[OptionCount], *, required: int, seats: int) -> tuple[list[int], list[int]]:
    """(elected ids, ids tied for the last seat) among candidates reaching `required` votes."""
    qualified = sorted((c for c in counts if c.votes >= required), key=lambda c: -c.votes)
    if len(qualified) <= seats:
        return [c.option_id for c in qualified], []
    cut = qualified[seats - 1].votes
    if qualified[seats].votes < cut:
        return [c.option_id for c in qualified[:seats]], []
    above = [c.option_id for c in qualified if c.votes > cut]
    tied = [c.option_id for c in qualified if c.votes == cut]
    return above, tied


def tally(*, preset: str, counts: list[OptionCount], basis: str, threshold: str, seats: int,
          seated: int, present: int, cast: int) -> dict[str, Any]:
    rule = partial(decide, basis=Basis(basis), threshold=Threshold(threshold), seated=seated,
                   present=present, cast=cast)
    outcome = rule(0)  # base and required do not depend on the votes
    result: dict[str, Any] = {
        "counts": [{"option_id": c.option_id, "label": c.label, "votes": c.votes} for c in counts],
        "basis": basis, "threshold": threshold, "base": outcome.base, "required": outcome.required,
        "seated": seated, "present": present, "cast": cast,
    }
    if preset == "election":
        winners, tied = elected(counts, required=outcome.required, seats=seats)
        result.update(passed=outcome.base > 0 and len(winners) == seats, elected=winners, tied=tied,
                      outcome="elected" if winners else "none_elected")
        return result
    decisive = counts[LOW_CONFIDENCE_POSITION if preset == "confidence" else 0]
    passed = rule(decisive.votes).passed
    if preset == "confidence":
        name = "low_confidence" if passed else "low_confidence_not_reached"
    else:
        name = "adopted" if passed else "rejected"
    result.update(passed=passed, decisive_option_id=decisive.option_id, outcome=name)
    return result

"""Choosing the letters to send for a track, and the set's readiness score.

The set score is `strength × (1 − penalties of unmet requirements)`:
- strength averages the best `min_letters` values (a missing letter counts as 0), and each
  further letter adds `fourth_letter_weight × (value − fourth_letter_min_value)`, so a weak
  extra letter lowers the score and is left out;
- each requirement of the track that the set does not meet costs its penalty.

Readiness is the best set score over all sets of at most `max_letters` viable letters.
The search is exact: letters that at least `max_letters` others beat on every count are
dropped (one of those others can always take their place), then a branch-and-bound search
explores the rest in value order and stops a branch as soon as it cannot win.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from lorkit import rules
from lorkit.letters import Letter
from lorkit.rules import Requirement, TrackRules

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class RequirementResult:
    requirement: Requirement
    met: bool
    have: int
    need: int

    def to_dict(self) -> dict[str, object]:
        r = self.requirement
        return {
            "code": r.code,
            "label": r.label,
            "met": self.met,
            "have": self.have,
            "need": self.need,
            "finding": r.finding,
        }


def _uncapped_strength(values: Sequence[float], track: TrackRules) -> float:
    base = track.min_letters
    total = sum(values[:base]) / base
    for v in values[base:]:
        total += track.fourth_letter_weight * (v - track.fourth_letter_min_value)
    return total


def strength(values: Sequence[float], track: TrackRules) -> float:
    """Strength of a set from its letter values, sorted high to low."""
    return max(0.0, min(100.0, _uncapped_strength(values, track)))


def _needed(req: Requirement, size: int) -> int:
    if req.min is not None:
        return req.min
    assert req.min_share is not None
    # ceil(size × share) without float surprises at exact halves
    return -(-round(size * req.min_share * 1000) // 1000)


def requirement_results(letters: Sequence[Letter], track: TrackRules) -> list[RequirementResult]:
    out = []
    for req in track.requirements:
        have = sum(1 for x in letters if req.feature in x.features)
        need = _needed(req, len(letters))
        out.append(RequirementResult(req, have >= need, have, need))
    return out


def penalty(results: Sequence[RequirementResult]) -> float:
    """What the unmet requirements cost. A requirement suppressed by another unmet one (no
    US IM letter, when there is no IM letter at all) is the same gap and is not charged.
    The total is capped (scoring.toml's set_score.max_penalty) so that adding a letter to a
    short set always shows up in the score."""
    unmet = {r.requirement.code for r in results if not r.met}
    charged = (
        r.requirement.penalty
        for r in results
        if not r.met and r.requirement.suppressed_by not in unmet
    )
    return min(rules.scoring().set_score.max_penalty, sum(charged))


def _scores(letters: Sequence[Letter], track: TrackRules) -> tuple[float, float]:
    """(set score, the same without the cap at 100)."""
    values = sorted((x.values[track.id] for x in letters), reverse=True)
    uncapped = _uncapped_strength(values, track)
    keep = 1.0 - penalty(requirement_results(letters, track))
    return max(0.0, min(100.0, uncapped)) * keep, uncapped * keep


def set_score(letters: Sequence[Letter], track: TrackRules) -> float:
    return _scores(letters, track)[0]


def _relevant(letter: Letter, track: TrackRules) -> frozenset[str]:
    return letter.features & {r.feature for r in track.requirements}


def candidates(letters: Sequence[Letter], track: TrackRules) -> list[Letter]:
    """Viable letters that could belong to a best set, best value first."""
    viable = [x for x in letters if x.viable]
    groups: dict[frozenset[str], list[tuple[float, int]]] = {}
    for x in viable:
        groups.setdefault(_relevant(x, track), []).append((-x.values[track.id], x.index))
    for ranks in groups.values():
        ranks.sort()
    kept = []
    for x in viable:
        mine = _relevant(x, track)
        key = (-x.values[track.id], x.index)
        beaten_by = sum(bisect_left(ranks, key) for feats, ranks in groups.items() if feats >= mine)
        if beaten_by < track.max_letters:
            kept.append(x)
    kept.sort(key=lambda x: (-x.values[track.id], x.index))
    return kept


def best_set(letters: Sequence[Letter], track: TrackRules) -> tuple[list[Letter], float]:
    """The highest-scoring set; ties go to fewer letters, then to higher-valued ones.

    When several sets reach the cap of 100, the uncapped score decides between them, so a
    strong extra letter (which adds to the set) is still chosen and a weak one is not.
    """
    pool = candidates(letters, track)
    values = [x.values[track.id] for x in pool]
    best: list[int] = []
    best_key: tuple[float, float, int, tuple[int, ...]] = (-1.0, float("-inf"), 0, ())
    best_score = 0.0

    def bound(chosen_values: list[float], start: int) -> float:
        room = track.max_letters - len(chosen_values)
        top = 0.0
        for extra in range(room + 1):
            trial = sorted(chosen_values + values[start : start + extra], reverse=True)
            top = max(top, strength(trial, track))
        return top

    def visit(chosen: list[int], start: int) -> None:
        nonlocal best, best_key, best_score
        if chosen:
            score, uncapped = _scores([pool[i] for i in chosen], track)
            key = (round(score, 9), round(uncapped, 9), -len(chosen), tuple(-i for i in chosen))
            if key > best_key:
                best, best_key, best_score = list(chosen), key, score
        if len(chosen) == track.max_letters:
            return
        chosen_values = [values[i] for i in chosen]
        for nxt in range(start, len(pool)):
            if bound(chosen_values, nxt) < best_score - _EPS:
                # values only fall from here on, so later branches are bounded lower still
                break
            chosen.append(nxt)
            visit(chosen, nxt + 1)
            chosen.pop()

    visit([], 0)
    return [pool[i] for i in best], best_score

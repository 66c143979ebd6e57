"""Choosing the letters to send for a track, and the set's readiness score.

The set score is `strength × (1 − penalties of unmet requirements)`:
- strength averages the best `min_letters` values (a missing letter counts as 0), and each
  further letter adds `fourth_letter_weight × (value − fourth_letter_min_value)`;
- each requirement of the track that the set does not meet costs its penalty. A requirement
  counts credible letters only (see `lorkit.letters`): a weak letter never ticks a box.

A set may hold more than `min_letters` letters only when every letter in it is strong for
the track (value at least `fourth_letter_min_value`, no warning or error of its own): three
strong letters beat four average ones. Letters that are never sent are never chosen.

Readiness is the best set score over all allowed sets of at most `max_letters` letters.
The search is exact: letters that at least `max_letters` others beat on every count are
dropped (one of those others can always take their place), then a branch-and-bound search
explores the rest in value order and stops a branch as soon as it cannot win.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lorkit import rules
from lorkit.letters import Letter
from lorkit.rules import Requirement, TrackRules

_EPS = 1e-9
# A pseudo-feature for the pruning: a strong letter is only replaceable by a strong one.
_STRONG = "(strong)"


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


def set_strength(letters: Sequence[Letter], track: TrackRules) -> float:
    """The strength of a set of letters, before requirement penalties."""
    return strength(sorted((x.values[track.id] for x in letters), reverse=True), track)


def _needed(req: Requirement, size: int) -> int:
    if req.min is not None:
        return req.min
    assert req.min_share is not None
    # ceil(size × share) without float surprises at exact halves
    return -(-round(size * req.min_share * 1000) // 1000)


def counted(letters: Sequence[Letter], track: TrackRules) -> list[Letter]:
    """The letters of a set that count towards the track's requirements: the credible ones."""
    return [x for x in letters if x.credible.get(track.id, False)]


def requirement_results(letters: Sequence[Letter], track: TrackRules) -> list[RequirementResult]:
    """Each requirement met or not, counting credible letters only (a share is a share of
    the credible letters)."""
    credible = counted(letters, track)
    out = []
    for req in track.requirements:
        have = sum(1 for x in credible if req.feature in x.features)
        need = _needed(req, len(credible))
        out.append(RequirementResult(req, have >= need, have, need))
    return out


def allowed(letters: Sequence[Letter], track: TrackRules) -> bool:
    """Whether the set may be sent: no never-sent letter, at most `max_letters`, and more than
    `min_letters` only when every letter is strong for the track."""
    if len(letters) > track.max_letters or not all(x.viable for x in letters):
        return False
    return len(letters) <= track.min_letters or all(x.strong.get(track.id) for x in letters)


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
    """The score of a set, whether or not it is `allowed`."""
    return _scores(letters, track)[0]


def _relevant(letter: Letter, track: TrackRules) -> frozenset[str]:
    """What a letter brings to a set beyond its value, as features a replacement must also
    have: the requirement features it counts for (none unless credible); for a share
    requirement, that it does not dilute the share (a credible letter without the feature
    does); and whether it is strong enough for a larger set."""
    credible = bool(letter.credible.get(track.id))
    feats: set[str] = set()
    for r in track.requirements:
        has = credible and r.feature in letter.features
        if has:
            feats.add(r.feature)
        if r.min_share is not None and (has or not credible):
            feats.add(f"(keeps {r.feature})")
    if letter.strong.get(track.id):
        feats.add(_STRONG)
    return frozenset(feats)


def candidates(letters: Sequence[Letter], track: TrackRules) -> list[Letter]:
    """Letters that can be sent and could belong to a best set, best value first."""
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


def _scorer(
    pool: Sequence[Letter], track: TrackRules
) -> Callable[[Sequence[int]], tuple[float, float]]:
    """`_scores` for sets of `pool` letters given by index, best value first, with each
    letter's requirement features looked up once: the search scores thousands of sets."""
    reqs = track.requirements
    cred = [bool(x.credible.get(track.id)) for x in pool]
    hits = [
        tuple(c and r.feature in x.features for r in reqs) for x, c in zip(pool, cred, strict=True)
    ]
    values = [x.values[track.id] for x in pool]
    cap = rules.scoring().set_score.max_penalty

    def score(chosen: Sequence[int]) -> tuple[float, float]:
        size = sum(cred[i] for i in chosen)
        unmet = {
            r.code for j, r in enumerate(reqs) if sum(hits[i][j] for i in chosen) < _needed(r, size)
        }
        charged = sum(r.penalty for r in reqs if r.code in unmet and r.suppressed_by not in unmet)
        keep = 1.0 - min(cap, charged)
        uncapped = _uncapped_strength([values[i] for i in chosen], track)
        return max(0.0, min(100.0, uncapped)) * keep, uncapped * keep

    return score


def _constraint(
    pool: Sequence[Letter], track: TrackRules, must: Sequence[tuple[str, int]]
) -> Callable[[Sequence[int]], bool]:
    if not must:
        return lambda chosen: True
    hits = [
        tuple(bool(x.credible.get(track.id)) and feature in x.features for feature, _ in must)
        for x in pool
    ]
    needs = [need for _, need in must]

    def meets(chosen: Sequence[int]) -> bool:
        return all(sum(hits[i][j] for i in chosen) >= need for j, need in enumerate(needs))

    return meets


def best_set(
    letters: Sequence[Letter], track: TrackRules, must: Sequence[tuple[str, int]] = ()
) -> tuple[list[Letter], float]:
    """The highest-scoring allowed set; ties go to fewer letters, then to higher-valued ones.

    When several sets reach the cap of 100, the uncapped score decides between them, so a
    strong extra letter (which adds to the set) is still chosen and a weak one is not.

    `must`: (feature, count) pairs a set has to meet among its credible letters to be chosen
    at all (a program's own rules); no set meets them → ([], 0.0).
    """
    pool = candidates(letters, track)
    meets = _constraint(pool, track, must)
    smallest, largest = track.min_letters, track.max_letters  # read once: the search is hot
    values = [x.values[track.id] for x in pool]
    strong = [bool(x.strong.get(track.id)) for x in pool]
    scores = _scorer(pool, track)
    best: list[int] = []
    best_key: tuple[float, float, int, tuple[int, ...]] = (-1.0, float("-inf"), 0, ())
    best_score = 0.0

    def bound(chosen_values: list[float], start: int) -> float:
        room = largest - len(chosen_values)
        top = 0.0
        for extra in range(room + 1):
            trial = sorted(chosen_values + values[start : start + extra], reverse=True)
            top = max(top, strength(trial, track))
        return top

    def visit(chosen: list[int], start: int, all_strong: bool) -> None:
        nonlocal best, best_key, best_score
        if chosen and meets(chosen):
            score, uncapped = scores(chosen)
            key = (round(score, 9), round(uncapped, 9), -len(chosen), tuple(-i for i in chosen))
            if key > best_key:
                best, best_key, best_score = list(chosen), key, score
        if len(chosen) == largest:
            return
        if len(chosen) >= smallest and not all_strong:
            return  # a larger set needs every letter strong
        chosen_values = [values[i] for i in chosen]
        for nxt in range(start, len(pool)):
            if len(chosen) >= smallest and not strong[nxt]:
                continue
            if bound(chosen_values, nxt) < best_score - _EPS:
                # values only fall from here on, so later branches are bounded lower still
                break
            chosen.append(nxt)
            visit(chosen, nxt + 1, all_strong and strong[nxt])
            chosen.pop()

    visit([], 0, True)
    return [pool[i] for i in best], best_score

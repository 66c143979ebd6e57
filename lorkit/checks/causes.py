"""What holds a letter back, in words that fit the cause.

A letter's value is a product of factors (see `lorkit.letters`); the factor that costs the
most is its main weakness. Each weakness has a phrase about one letter ("it comes from
outside the US"), a noun phrase about several ("letters from outside the US") and a fix
that fits it: the fix for an internist's letter in a Pediatrics set is a pediatrician's
letter, not "longer contact".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lorkit.letters import Factor, Letter
from lorkit.rules import RuleBook, TrackRules
from lorkit.selection import set_score
from lorkit.wording import and_list, num


@dataclass(frozen=True, slots=True)
class Weakness:
    key: str  # the factor and its value, e.g. "tier:7", "location", "status:candidate"
    about_letter: str  # completes "… because …": "it comes from outside the US"
    about_letters: str  # a noun phrase: "letters from outside the US"
    fix: str  # a full sentence


# key → (about one letter, about several, fix). Fixes may name rule-book terms and {track}.
_WORDS: Mapping[str, tuple[str, str, str]] = {
    "location": (
        "it comes from outside the US",
        "letters from outside the US",
        "A letter from a US physician who supervised your clinical work counts for more.",
    ),
    "relationship:indirect": (
        "the writer saw your work only indirectly",
        "writers who saw your work only indirectly",
        "Prefer a writer who supervised your clinical work directly.",
    ),
    "relationship:research-only": (
        "the writer knows you from research only",
        "writers who know you from research only",
        "Prefer a clinical supervisor; keep a research letter as a supplement.",
    ),
    "relationship:social": (
        "the writer knows you socially, not from your work",
        "writers who know you socially",
        "Choose a writer who supervised your clinical work instead.",
    ),
    "experience:observership": (
        "it comes from an observership",
        "letters from observerships",
        "Prefer a writer from a hands-on rotation (sub-internship, elective or externship).",
    ),
    "experience:research": (
        "it comes from research, not clinical work",
        "letters from research rather than clinical work",
        "Prefer a clinical supervisor; keep a research letter as a supplement.",
    ),
    "experience:unlinked": (
        "no experience is linked to it",
        "writers with no linked experience",
        "Link the experience where the writer saw your work, so that lorkit can weigh it.",
    ),
    "duration": (
        "you spent little time together",
        "short rotations",
        "Prefer a writer from a rotation of {long_rotation_weeks} working weeks or more.",
    ),
    "status:candidate": (
        "you have not asked the writer yet",
        "writers you have not asked yet",
        "Ask for a strong letter: once the writer agrees, the letter counts for more.",
    ),
    "status:asked": (
        "the writer has not agreed yet",
        "writers who have not agreed yet",
        "Follow up on your request: once the writer agrees to a strong letter, it counts for more.",
    ),
    "status:hesitant": (
        "the writer sounded hesitant",
        "hesitant writers",
        "Thank the writer and ask someone else.",
    ),
    "role": (
        "the writer is not a practising physician",
        "writers who are not practising physicians",
        "Prefer a physician who supervised your clinical work.",
    ),
    "strong": (
        "you did not ask for a strong letter",
        "requests that did not ask for a strong letter",
        "Ask plainly whether the writer can write a strong letter.",
    ),
    "waiver": (
        "you have not waived your right to read it",
        "letters you have not waived the right to read",
        "Waive your right to see the letter when you create the ERAS request.",
    ),
    "goal": (
        "the writer does not know your goal",
        "writers who do not know your goal",
        "Tell the writer your goal and why, with your personal statement draft.",
    ),
    "self-draft": (
        "the writer asked you to draft it",
        "letters you were asked to draft",
        "Choose another writer: a letter you drafted yourself is not an honest letter.",
    ),
    "recency": (
        "the work it describes is years back",
        "letters about work from years back",
        "Ask for a letter from a recent experience, or an updated letter that covers your "
        "recent work.",
    ),
    "tier:2": (
        "the writer leads the program but did not supervise you directly",
        "senior writers who did not supervise you directly",
        "Prefer an attending who supervised you day to day.",
    ),
    "tier:3": (
        "the writer is a subspecialist or saw you only indirectly",
        "subspecialists and indirect contacts",
        "A general pediatrician who supervised you directly counts for more.",
    ),
    "tier:4": (
        "the writer is a family-medicine or internal-medicine physician, not a pediatrician",
        "letters from family medicine or internal medicine",
        "For {track}, a pediatrician's letter counts for more.",
    ),
    "tier:5": (
        "the writer is a research mentor rather than a clinical supervisor",
        "research mentors",
        "For {track}, a clinical supervisor's letter counts for more.",
    ),
    "tier:6": (
        "the writer is a pediatrician outside the US",
        "pediatricians outside the US",
        "A US pediatrician who supervised your clinical work counts for more.",
    ),
    "tier:7": (
        "the writer's field is not pediatrics (or the writer is not a clinical physician)",
        "writers outside pediatrics",
        "For {track}, a letter from a pediatrician who supervised your clinical work counts "
        "for more: what holds the value down is the writer's field, not the time together.",
    ),
    "slot:supplementary": (
        "it fills no core department (a research mentor, a non-physician or non-clinical writer)",
        "letters that fill no core department",
        "For {track}, an attending from internal medicine, pediatrics or another core "
        "clinical field counts for more.",
    ),
    "slot:core-clinical": (
        "it comes from outside internal medicine and pediatrics",
        "letters from outside internal medicine and pediatrics",
        "An internal-medicine or pediatrics attending who supervised you counts a little more.",
    ),
    "slot:im": (
        "it covers one department only",
        "letters that cover one department",
        "A Med-Peds physician who saw you on a combined service counts a little more.",
    ),
}
_FALLBACK = (
    "its value is low",
    "weaker letters",
    "Prefer a writer who supervised your clinical work directly, recently and for weeks.",
)


def _key(f: Factor, letter: Letter) -> str:
    w = letter.writer
    if f.name == "relationship":
        return f"relationship:{w.relationship.value}"
    if f.name == "status":
        return f"status:{w.status.value}"
    if f.name == "experience":
        rot = letter.rotation
        if rot is None:
            return "experience:unlinked"
        return (
            "experience:observership" if rot.kind.value == "observership" else "experience:research"
        )
    if f.name == "tier":
        return f"tier:{letter.tier}"
    if f.name == "slot":
        return "slot:im" if letter.slot in ("im", "peds") else f"slot:{letter.slot}"
    return f.name


def losses(letter: Letter, track: TrackRules) -> dict[str, float]:
    """Value points each weakness costs the letter for the track (largest first)."""
    factors = [
        *letter.quality_factors,
        *(f for f in letter.value_factors.get(track.id, []) if f.name != "quality"),
    ]
    value = letter.values.get(track.id, 0.0)
    out: dict[str, float] = {}
    for f in factors:
        if f.multiplier >= 1:
            continue
        key = _key(f, letter)
        # what the value would gain without this factor
        gain = value / f.multiplier - value if f.multiplier > 0 else 100.0
        out[key] = out.get(key, 0.0) + gain
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def _weakness(key: str, track: TrackRules, book: RuleBook) -> Weakness:
    one, many, fix = _WORDS.get(key, _FALLBACK)
    return Weakness(key, one, many, fix.format_map({**book.terms, "track": track.label}))


def weakness(letter: Letter, track: TrackRules, book: RuleBook) -> Weakness:
    """The letter's main weakness for the track."""
    costs = losses(letter, track)
    return _weakness(next(iter(costs), ""), track, book)


def set_weakness(letters: Sequence[Letter], track: TrackRules, book: RuleBook) -> Weakness:
    """The weakness that costs a set of letters the most value points in all."""
    total: dict[str, float] = {}
    for x in letters:
        for key, cost in losses(x, track).items():
            total[key] = total.get(key, 0.0) + cost
    best = max(total, key=lambda k: total[k], default="")
    return _weakness(best, track, book)


def never_sent_words(letter: Letter) -> str:
    """Why a never-sent letter is left out, as a sentence."""
    reason = letter.never_sent
    if reason == "declined":
        return "Declined: this writer will not write a letter."
    if reason == "social":
        return (
            "Never sent: the writer knows you socially, not from your clinical work. Choose "
            "someone who supervised you."
        )
    return "Never sent: the writer asked you to draft the letter yourself. Choose someone else."


def _titles(codes: Sequence[str]) -> str:
    from lorkit.checks.base import DEFINED

    titles = {r.code: r.title for r in DEFINED}
    return and_list([titles.get(c, c).lower() for c in codes])


def fourth_letter_words(
    letter: Letter, track: TrackRules, selected: Sequence[Letter], book: RuleBook
) -> tuple[str, str]:
    """(reason, advice) for a letter left out of a set that had room for one more: why it is
    not sent as the optional fourth letter, and what would change that (a sentence without
    its final full stop)."""
    name = letter.writer.name
    value = letter.values.get(track.id, 0.0)
    floor = num(track.fourth_letter_min_value)
    if value < track.fourth_letter_min_value:
        w = weakness(letter, track, book)
        return (
            f"a letter beyond the first {track.min_letters} must be worth at least {floor}, "
            f"and {w.about_letter}",
            f"{w.fix} Until then, send the stronger letters as they are",
        )
    if letter.concerns:
        return (
            f"it has a problem of its own to fix first ({_titles(letter.concerns)})",
            f"Deal with that first (see the findings about {name}); until then, send the "
            "stronger letters as they are",
        )
    weaker = [x for x in selected if not x.strong.get(track.id)]
    if weaker:
        names = and_list([x.writer.name for x in weaker])
        verb = "is" if len(weaker) == 1 else "are"
        return (
            f"a letter beyond the first {track.min_letters} goes only when every letter in the "
            f"set is strong, and the letter from {names} {verb} not",
            f"Send the {len(selected)} letters as they are; once the letter from {names} "
            f"{verb} strong too, {name}'s can join them",
        )
    before = set_score(selected, track)
    after = set_score([*selected, letter], track)
    return (
        f"adding it would change the set's score from {before:.0f} to {after:.0f}",
        "Send the stronger set as it is",
    )

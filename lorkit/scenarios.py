"""Scenarios: named what-ifs assessed beside the profile, never changing it.

A scenario (SPEC r2 §3) leaves letters out, assumes other statuses for some writers, and adds
planned experiences and writers. `apply` builds the changed profile as a copy (the letters it
leaves out become what-if exclusions, exactly like the Assessment page's what-if box), and
`assess_scenario` assesses it with the ordinary engine.

`compare` reads two assessments of the same applicant (the profile as entered and a scenario,
or the page with and without its what-if) and says what changed and why, from the engine's own
results: which letters enter or leave each track's set and what they are worth, which
requirements are newly met or unmet, which must-fix problems appear or go, and how each
program's coverage moves. Everything is ordered by the profile's own order, so the same two
assessments always give the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lorkit import rules
from lorkit.assessment import Assessment, TrackAssessment, assess
from lorkit.checks.causes import weakness
from lorkit.enums import Kind, Location, RotationSpecialty, Severity, Status, Verdict
from lorkit.letters import NEVER_SENT_REASONS, Letter
from lorkit.models import Profile, Rotation, Scenario
from lorkit.registry import title
from lorkit.text_safety import shown
from lorkit.wording import and_list, of_100, plural

# How many reasons one sentence gives, and how many changes it names, before it summarises.
MAX_REASONS = 3
MAX_CAUSES = 3
MAX_PROGRAMS_NAMED = 3

# "with {name} …": the status a scenario assumes, in words.
STATUS_WORDS = {
    Status.CANDIDATE: "with {name} not asked yet",
    Status.ASKED: "with {name} asked and not yet answering",
    Status.AGREED_STRONG: "with {name} agreeing to write a strong letter",
    Status.HESITANT: "with {name} sounding hesitant",
    Status.DECLINED: "with {name} declining",
    Status.UPLOADED: "with {name}'s letter uploaded",
}


# --- applying a scenario -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applied:
    """A scenario applied to a profile: the changed copy, and the letters it leaves out."""

    profile: Profile
    excluded: frozenset[str]


def apply(profile: Profile, scenario: Scenario) -> Applied:
    """The profile as the scenario imagines it. The input is never changed: writers whose
    status the scenario sets are copies, and the lists are new lists."""
    statuses = scenario.set_status
    writers = [
        w.model_copy(update={"status": statuses[w.id]}) if w.id in statuses else w
        for w in [*profile.writers, *scenario.add_writers]
    ]
    changed = profile.model_copy(
        update={
            "rotations": [*profile.rotations, *scenario.add_rotations],
            "writers": writers,
            # the copy is one possible profile, not a place to keep what-ifs
            "scenarios": [],
        }
    )
    return Applied(changed, frozenset(scenario.leave_out))


def find(profile: Profile, scenario_id: str) -> Scenario | None:
    return next((s for s in profile.scenarios if s.id == scenario_id), None)


def assess_scenario(profile: Profile, scenario: Scenario, as_of: date | None = None) -> Assessment:
    """The ordinary assessment of the profile as the scenario imagines it."""
    applied = apply(profile, scenario)
    return assess(applied.profile, as_of, excluded=applied.excluded)


# --- what differs between two assessments --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    """What differs in the inputs of two assessments of one applicant, in writer order."""

    left_out: tuple[Letter, ...]  # considered before, not now (as they were before)
    back_in: tuple[Letter, ...]  # left out before, considered now
    added: tuple[Letter, ...]  # writers only the second profile has
    status: tuple[Letter, ...]  # a writer's status differs (as it is now)
    edited: tuple[Letter, ...]  # other facts about a writer differ (as it is now)
    new_rotations: tuple[Rotation, ...]  # experiences only the second profile has

    @property
    def touched(self) -> frozenset[str]:
        """Writer ids the difference is about."""
        groups = (self.left_out, self.back_in, self.added, self.status, self.edited)
        return frozenset(x.id for group in groups for x in group)

    @property
    def empty(self) -> bool:
        return not (self.touched or self.new_rotations)


def difference(before: Assessment, after: Assessment) -> Difference:
    then = {x.id: x for x in before.letters}
    now = {x.id: x for x in after.letters}
    considered_then = {x.id for x in before.considered}
    considered_now = {x.id for x in after.considered}
    left_out = [then[i] for i in then if i in considered_then and i not in considered_now]
    back_in = [now[i] for i in now if i in then and i in considered_now - considered_then]
    added = [now[i] for i in now if i not in then and i in considered_now]
    status, edited = [], []
    for i, x in now.items():
        if i not in then or i not in considered_now:
            continue
        old = then[i].writer
        if old.status != x.writer.status:
            status.append(x)
        elif old != x.writer:
            edited.append(x)
    known = {r.id for r in before.profile.rotations}
    rotations = tuple(r for r in after.profile.rotations if r.id not in known)
    return Difference(
        tuple(left_out), tuple(back_in), tuple(added), tuple(status), tuple(edited), rotations
    )


def _article(phrase: str) -> str:
    spoken_vowel = phrase[:1] in "aeiou8" or phrase.startswith(("11-", "18-"))
    return f"{'an' if spoken_vowel else 'a'} {phrase}"


def _common_noun(label: str) -> str:
    """'Internal medicine' → 'internal medicine'; 'Med-Peds' and 'IM subspecialty' stay."""
    return label if any(c.isupper() for c in label[1:]) else label.lower()


def rotation_words(r: Rotation) -> str:
    """'a 4-week US internal medicine sub-internship at Mercy Hospital'."""
    parts = [f"{r.weeks}-week"]
    if r.location == Location.US:
        parts.append("US")
    service = _common_noun(RotationSpecialty(r.specialty).short)
    kind = _common_noun(Kind(r.kind).short)
    parts += [service] if kind == service else [service, kind]
    where = " outside the US" if r.location != Location.US else ""
    return f"{_article(' '.join(parts))}{where} at {r.institution}"


def _letters_of(letters: Sequence[Letter]) -> str:
    """'Dr. A's letter' or 'the letters from Dr. A and Dr. B'."""
    names = [x.writer.name for x in letters]
    if len(names) == 1:
        return f"{names[0]}'s letter"
    return f"the letters from {and_list(names)}"


def _added_words(x: Letter, new_rotations: set[str]) -> str:
    if x.rotation is not None and x.rotation.id in new_rotations:
        return f"with {rotation_words(x.rotation)} and a letter from {x.writer.name} there"
    return f"with a letter from {x.writer.name}"


def cause_clauses(diff: Difference) -> list[str]:
    """Each change in words ("without Dr. A's letter", "with Dr. B declining"), in the order
    left out, back in, statuses, added, edited, new experiences without a writer."""
    out = []
    if diff.left_out:
        out.append(f"without {_letters_of(diff.left_out)}")
    if diff.back_in:
        out.append(f"with {_letters_of(diff.back_in)} back in")
    out += [STATUS_WORDS[x.writer.status].format(name=x.writer.name) for x in diff.status]
    new_rotations = {r.id for r in diff.new_rotations}
    out += [_added_words(x, new_rotations) for x in diff.added]
    out += [f"with {x.writer.name}'s details changed" for x in diff.edited]
    staffed = {x.rotation.id for x in diff.added if x.rotation is not None}
    out += [f"with {rotation_words(r)}" for r in diff.new_rotations if r.id not in staffed]
    return out


def cause(diff: Difference) -> str:
    """The changes as the opening of a sentence: 'Without Dr. A's letter and with …'."""
    clauses = cause_clauses(diff)
    if len(clauses) > MAX_CAUSES:
        rest = len(clauses) - (MAX_CAUSES - 1)
        clauses = [*clauses[: MAX_CAUSES - 1], f"{rest} other {plural(rest, 'change')}"]
    text = and_list(clauses)
    return text[:1].upper() + text[1:]


# --- per track -----------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """'At least 3 letters' → 'at least 3 letters'; 'US letters' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@dataclass(frozen=True, slots=True)
class TrackChange:
    track: str
    label: str
    readiness_before: int
    readiness_after: int
    verdict_before: str  # verdict codes
    verdict_after: str
    entered: tuple[str, ...]  # writer ids in the second set only, in its order
    left: tuple[str, ...]  # writer ids in the first set only, in its order
    now_met: tuple[str, ...]  # requirement codes
    now_unmet: tuple[str, ...]
    sentence: str

    @property
    def changed(self) -> bool:
        return (
            self.readiness_before != self.readiness_after
            or self.verdict_before != self.verdict_after
            or bool(self.entered or self.left)
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "track": self.track,
            "readiness": {"current": self.readiness_before, "scenario": self.readiness_after},
            "verdict": {"current": self.verdict_before, "scenario": self.verdict_after},
            "entered": list(self.entered),
            "left": list(self.left),
            "now_met": list(self.now_met),
            "now_unmet": list(self.now_unmet),
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class _Pair:
    """One track in both assessments."""

    before: TrackAssessment
    after: TrackAssessment
    then: Assessment
    now: Assessment
    diff: Difference

    @property
    def entered(self) -> list[Letter]:
        ids = {x.id for x in self.before.selected}
        return [x for x in self.after.selected if x.id not in ids]

    @property
    def left(self) -> list[Letter]:
        ids = {x.id for x in self.after.selected}
        return [x for x in self.before.selected if x.id not in ids]

    def value(self, x: Letter) -> float:
        return x.values.get(self.before.track, 0.0)

    def requirements(self, met: bool) -> list[str]:
        """Requirement labels that are `met` now and were not before."""
        old = {r.requirement.code: r.met for r in self.before.requirements}
        return [
            r.requirement.label
            for r in self.after.requirements
            if r.met == met and old.get(r.requirement.code) == (not met)
        ]


def _movement(pair: _Pair) -> str:
    label = pair.before.rules.label
    a, b = pair.before.readiness, pair.after.readiness
    if b > a:
        text = f"{label} readiness rises from {a} to {b}"
    elif b < a:
        text = f"{label} readiness falls from {a} to {b}"
    else:
        text = f"{label} readiness stays at {a}"
    va, vb = pair.before.verdict, pair.after.verdict
    if va != vb:
        text += f" and the verdict moves from {va.label.lower()} to {vb.label.lower()}"
    return text


def _worth(pair: _Pair, x: Letter) -> str:
    """What a letter is worth, and for a letter below the strong floor its main weakness,
    which explains the value: 'is worth only 28 of 100, too little to count, because …'."""
    track = pair.after.rules
    value = pair.value(x)
    if not x.credible.get(track.id):
        text = f"is worth only {of_100(value)}, too little to count"
    else:
        text = f"is worth {of_100(value)}"
    if value < track.fourth_letter_min_value:
        text += f", because {weakness(x, track, rules.book()).about_letter}"
    return text


def _own_exit(pair: _Pair, x: Letter) -> str | None:
    """Why a letter left the set because of what happened to it (it can no longer be sent,
    or it is worth less now), or None when another letter simply displaced it."""
    current = next((y for y in pair.now.letters if y.id == x.id), None)
    if current is None:
        return None
    if current.never_sent is not None:
        reason = NEVER_SENT_REASONS[current.never_sent]
        return f"{x.writer.name}'s letter can no longer be sent ({reason})"
    if pair.value(current) < pair.value(x) - 0.5:
        return (
            f"{x.writer.name}'s letter drops out of the set, now worth "
            f"{of_100(pair.value(current))} instead of {pair.value(x):.0f}"
        )
    return None


def _exit_reasons(pair: _Pair) -> list[str]:
    """Letters that leave the set other than by being left out, and why."""
    explained = {x.id for x in pair.diff.left_out}
    out = []
    for x in pair.left:
        if x.id in explained:
            continue
        reason = _own_exit(pair, x)
        if reason is None and not pair.entered:
            reason = f"{x.writer.name}'s letter drops out of the set"
        if reason is not None:
            out.append(reason)
    if pair.left and not pair.entered:
        out.append(
            "no other letter takes its place"
            if len(pair.left) == 1
            else "no other letters take their place"
        )
    return out


def _entry_reasons(pair: _Pair) -> list[str]:
    """Letters that join the set, each with what it is worth, paired in order with the ones
    they replace."""
    out = []
    left = pair.left
    added = {x.id for x in pair.diff.added}
    # letters already named: by the change itself, or by why they left
    named = {x.id for x in pair.diff.left_out} | {
        x.id for x in left if _own_exit(pair, x) is not None
    }
    for i, x in enumerate(pair.entered):
        what = f"{x.writer.name}'s {'new ' if x.id in added else ''}letter"
        if i < len(left):
            gone = left[i]
            lone = len(left) == 1 and gone.id in named
            place = "its place" if lone else f"{gone.writer.name}'s place"
            out.append(f"{what} takes {place} in the set and {_worth(pair, x)}")
        else:
            out.append(f"{what} joins the set and {_worth(pair, x)}")
    return out


def _requirement_reasons(pair: _Pair) -> list[str]:
    out = []
    unmet = pair.requirements(met=False)
    met = pair.requirements(met=True)
    if unmet:
        out.append(f"the set no longer has {and_list([_lower_first(r) for r in unmet])}")
    if met:
        out.append(f"the set now has {and_list([_lower_first(r) for r in met])}")
    return out


def _value_reasons(pair: _Pair) -> list[str]:
    """Letters in both sets whose worth moved (a status assumed, a fact changed)."""
    then = {x.id: x for x in pair.before.selected}
    out = []
    for x in pair.after.selected:
        old = then.get(x.id)
        if old is None:
            continue
        a, b = round(pair.value(old)), round(pair.value(x))
        if a != b:
            out.append(f"{x.writer.name}'s letter is now worth {b} of 100 instead of {a}")
    return out


_RANK = {v: i for i, v in enumerate(Verdict)}  # best first


def _blocking(a: Assessment, t: TrackAssessment) -> dict[tuple[str, str | None], str]:
    """The must-fix findings that hold a track's verdict down, by (code, writer)."""
    ids = {x.id for x in t.selected}
    out = {}
    for f in a.findings:
        if f.severity != Severity.ERROR:
            continue
        about_track = f.track == t.track
        about_profile = f.track is None and f.program_id is None
        if about_track or (about_profile and (f.writer_id is None or f.writer_id in ids)):
            out[(f.code, f.writer_id)] = title(f.code, f.track)
    return out


def _finding_reasons(pair: _Pair) -> list[str]:
    """Must-fix problems that appear or go, when they move the verdict."""
    if pair.before.verdict == pair.after.verdict:
        return []
    # a requirement's own finding is already said by the requirement
    said = {
        r.requirement.finding
        for t in (pair.before, pair.after)
        for r in t.requirements
        if r.requirement.label in pair.requirements(True) + pair.requirements(False)
    }
    then = {k: v for k, v in _blocking(pair.then, pair.before).items() if k[0] not in said}
    now = {k: v for k, v in _blocking(pair.now, pair.after).items() if k[0] not in said}
    worse = _RANK[pair.after.verdict] > _RANK[pair.before.verdict]
    if worse:
        appeared = [t for k, t in now.items() if k not in then]
        return [f"a must-fix problem appears: {_lower_first(t)}" for t in appeared]
    gone = [t for k, t in then.items() if k not in now]
    return [f"a must-fix problem is gone: {_lower_first(t)}" for t in gone]


def _unchanged_reasons(pair: _Pair) -> list[str]:
    """Why a change touched nothing in this track's set."""
    chosen = {x.id for x in pair.before.selected} | {x.id for x in pair.after.selected}
    out = []
    out_of_set = [x for x in pair.diff.left_out if x.id not in chosen]
    if out_of_set and len(out_of_set) == len(pair.diff.left_out):
        them = "that letter was" if len(out_of_set) == 1 else "those letters were"
        out.append(f"{them} not in the recommended set")
    others = [
        x for x in (*pair.diff.status, *pair.diff.added, *pair.diff.back_in) if x.id not in chosen
    ]
    for x in others:
        if x.never_sent is not None:
            out.append(
                f"{x.writer.name}'s letter cannot be sent ({NEVER_SENT_REASONS[x.never_sent]})"
            )
        else:
            out.append(
                f"{x.writer.name}'s letter still does not make the set: it {_worth(pair, x)}"
            )
    return out


def track_reasons(pair: _Pair) -> list[str]:
    """Why the track moved (or did not), most telling first."""
    reasons = [
        *_exit_reasons(pair),
        *_entry_reasons(pair),
        *_requirement_reasons(pair),
        *_value_reasons(pair),
        *_finding_reasons(pair),
    ]
    if not reasons:
        reasons = _unchanged_reasons(pair)
    if not reasons:
        same = [x.id for x in pair.before.selected] == [x.id for x in pair.after.selected]
        reasons = ["the same letters are sent" if same else "the set's letters change"]
    return reasons[:MAX_REASONS]


def _sentence(opening: str, pair: _Pair) -> str:
    movement = _movement(pair)
    text = f"{opening}, {movement}" if opening else movement[:1].upper() + movement[1:]
    # reasons may hold commas of their own, so they are kept apart by semicolons
    return f"{text}: {'; '.join(track_reasons(pair))}."


def _track_change(pair: _Pair, opening: str) -> TrackChange:
    def codes(met: bool) -> tuple[str, ...]:
        old = {r.requirement.code: r.met for r in pair.before.requirements}
        return tuple(
            r.requirement.code
            for r in pair.after.requirements
            if r.met == met and old.get(r.requirement.code) == (not met)
        )

    return TrackChange(
        track=pair.before.track,
        label=pair.before.rules.label,
        readiness_before=pair.before.readiness,
        readiness_after=pair.after.readiness,
        verdict_before=pair.before.verdict.value,
        verdict_after=pair.after.verdict.value,
        entered=tuple(x.id for x in pair.entered),
        left=tuple(x.id for x in pair.left),
        now_met=codes(True),
        now_unmet=codes(False),
        sentence=_sentence(opening, pair),
    )


# --- per program ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgramChange:
    program_id: str
    name: str
    status_before: str  # ProgramStatus codes
    status_after: str
    entered: tuple[str, ...]  # writer ids assigned only in the second assessment
    left: tuple[str, ...]
    now_unmet: tuple[str, ...]  # rule labels
    now_met: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.status_before != self.status_after or bool(self.entered or self.left)

    def to_dict(self) -> dict[str, object]:
        return {
            "program_id": self.program_id,
            "name": self.name,
            "status": {"current": self.status_before, "scenario": self.status_after},
            "entered": list(self.entered),
            "left": list(self.left),
            "now_met": list(self.now_met),
            "now_unmet": list(self.now_unmet),
        }


def program_changes(before: Assessment, after: Assessment) -> list[ProgramChange]:
    """Each program on both lists, in list order: its status and assigned letters before and
    after."""
    now = {p.program.id: p for p in after.programs}
    out = []
    for p in before.programs:
        q = now.get(p.program.id)
        if q is None:
            continue
        then_ids = [x.id for x in p.selected]
        now_ids = [x.id for x in q.selected]
        old_unmet = {r.code for r in p.unmet}
        new_unmet = {r.code for r in q.unmet}
        out.append(
            ProgramChange(
                program_id=p.program.id,
                name=p.program.name,
                status_before=p.status.value,
                status_after=q.status.value,
                entered=tuple(i for i in now_ids if i not in then_ids),
                left=tuple(i for i in then_ids if i not in now_ids),
                now_unmet=tuple(r.label for r in q.unmet if r.code not in old_unmet),
                now_met=tuple(r.label for r in p.unmet if r.code not in new_unmet),
            )
        )
    return out


_STATUS_WORDS = {
    "covered": "is now covered",
    "gaps": "now has gaps",
    "ineligible": "is now out of reach (not eligible)",
}


def _program_words(c: ProgramChange) -> str:
    if c.status_before == c.status_after:
        return ""
    text = f"{c.name} {_STATUS_WORDS.get(c.status_after, c.status_after)}"
    if c.now_unmet:
        text += f" (it misses {and_list([_lower_first(r) for r in c.now_unmet])})"
    elif c.now_met:
        text += f" ({and_list([_lower_first(r) for r in c.now_met])} is met)"
    return text


def programs_sentence(changes: Sequence[ProgramChange]) -> str:
    """One sentence about the programs whose coverage moved, or ''."""
    moved = [w for w in (_program_words(c) for c in changes) if w]
    letters_only = sum(1 for c in changes if c.changed and c.status_before == c.status_after)
    if not moved and not letters_only:
        return ""
    parts = moved[:MAX_PROGRAMS_NAMED]
    if len(moved) > MAX_PROGRAMS_NAMED:
        rest = len(moved) - MAX_PROGRAMS_NAMED
        parts.append(f"{rest} more {plural(rest, 'program')} change status")
    if letters_only:
        parts.append(
            f"the letters to assign change for {letters_only} "
            f"{'other ' if moved else ''}{plural(letters_only, 'program')}"
        )
    text = "Per program: " + and_list(parts)
    return text + "."


# --- the comparison ------------------------------------------------------------------------


@dataclass(slots=True)
class Comparison:
    """Two assessments of one applicant side by side: `before` (the profile as entered) and
    `after` (a scenario, or the what-if)."""

    before: Assessment
    after: Assessment
    difference: Difference
    tracks: list[TrackChange]
    programs: list[ProgramChange]
    sentences: list[str]
    scenario: Scenario | None = None

    @property
    def summary(self) -> str:
        return " ".join(self.sentences)

    def to_dict(self) -> dict[str, object]:
        s = self.scenario
        return {
            "id": s.id if s else None,
            "name": s.name if s else None,
            "summary": self.summary,
            "tracks": [t.to_dict() for t in self.tracks],
            "programs": [p.to_dict() for p in self.programs],
        }


def compare(before: Assessment, after: Assessment, scenario: Scenario | None = None) -> Comparison:
    """What changed from `before` to `after` and why: one sentence per track (the first opens
    with the changes, the others follow it), and one about programs when any moved."""
    diff = difference(before, after)
    opening = cause(diff)
    tracks = []
    for i, t in enumerate(before.tracks):
        other = next((u for u in after.tracks if u.track == t.track), None)
        if other is None:
            continue
        pair = _Pair(t, other, before, after, diff)
        tracks.append(_track_change(pair, opening if i == 0 else ""))
    programs = program_changes(before, after)
    sentences = [t.sentence for t in tracks]
    if diff.empty and tracks and not any(t.changed for t in tracks):
        sentences = [_nothing_sentence(tracks)]
    extra = programs_sentence(programs)
    if extra:
        sentences.append(extra)
    return Comparison(before, after, diff, tracks, programs, sentences, scenario)


def _nothing_sentence(tracks: Sequence[TrackChange]) -> str:
    parts = [f"{t.label} stays at {t.readiness_before}" for t in tracks]
    return f"Nothing differs from the profile as entered: {and_list(parts)}, with the same letters."


def explain(before: Assessment, after: Assessment) -> str:
    """What changed between two assessments of one applicant, and why, in plain sentences."""
    return compare(before, after).summary


def compare_scenarios(
    profile: Profile, as_of: date | None = None, base: Assessment | None = None
) -> list[Comparison]:
    """Every saved scenario of the profile against the profile as entered (`base`: its
    assessment with no letters left out, when already made for the same date)."""
    if base is None or base.excluded:
        base = assess(profile, as_of)
    return [
        compare(base, assess_scenario(profile, s, base.as_of), scenario=s)
        for s in profile.scenarios
    ]


# --- one saved scenario, by id (the CLI's `assess --scenario`) ------------------------------


class UnknownScenario(LookupError):
    """No scenario with that id; the message names the ones there are."""

    def __init__(self, scenario_id: str, known: Sequence[str]) -> None:
        there = f"the file has {', '.join(known)}" if known else "the file has no scenarios"
        super().__init__(f"no scenario with the id {shown(scenario_id)}; {there}")


def scenario_view(profile: Profile, scenario_id: str, as_of: date | None = None) -> Comparison:
    """The saved scenario `scenario_id` assessed (`.after`) and compared with the profile as
    entered (`.before`)."""
    scenario = find(profile, scenario_id)
    if scenario is None:
        raise UnknownScenario(scenario_id, [s.id for s in profile.scenarios])
    base = assess(profile, as_of)
    return compare(base, assess_scenario(profile, scenario, base.as_of), scenario)


def heading(c: Comparison) -> str:
    """Lines that say which scenario a report reflects, and what it changes."""
    s = c.scenario
    name = f"{s.name} ({s.id})" if s is not None else "a what-if"
    lines = [f"Scenario: {name}. A what-if, not the profile as entered."]
    lines += [f"  {sentence}" for sentence in c.sentences]
    return "\n".join(lines) + "\n\n"

"""Next steps: for each track below ready, the actions that would raise readiness most.

Every gain is measured, not guessed: lorkit copies the profile, applies the action to the
copy (the stored profile never changes) and assesses it again. To stay fast it redoes only
what readiness depends on, the way `lorkit.assess` does it: the letters the action touches
are valued again and each track below ready picks its best set anew (tests check every
gain against a full `assess`; `apply_step` gives the changed profile to assess). The
actions it models, in the order that breaks ties:

1. ask a candidate (assumed outcome: they agree to write a strong letter, knowing your goal);
2. replace a hesitant writer (leave them out; another writer from the same experience
   agrees to write a strong letter);
3. share your goal with a writer who does not know it;
4. waive the right to see a letter;
5. ask a writer plainly for a strong letter;
6. leave out a letter that carries a must-fix finding (this never shows as a gain while
   the best set is chosen from every letter, so it is not searched);
7. add a hands-on US rotation in a department (pediatrics, internal medicine, Med-Peds)
   with an attending there who agrees to write a strong letter: an experience already
   planned that has no writer yet, or else a new block of the rule book's "long" length
   that ends by the ask-by date (skipped when it no longer fits before that date);
8. replace a letter that an age band flags with a recent one from the same field.

Only positive gains are listed, best first (ties: action order, then writer order), at most
`limit` per track. A track below ready with no helpful action gets one step that says so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from lorkit import rules
from lorkit.assessment import Assessment, assess
from lorkit.enums import (
    HANDS_ON_KINDS,
    Kind,
    LabelledEnum,
    Location,
    Relationship,
    Role,
    RotationSpecialty,
    Setting,
    Severity,
    Specialty,
    Status,
    Verdict,
)
from lorkit.letters import Letter, assess_letters
from lorkit.models import Profile, Rotation, Writer
from lorkit.plan import ask_by
from lorkit.rules import TrackRules
from lorkit.selection import best_set
from lorkit.wording import num

DEFAULT_LIMIT = 5


class NextAction(LabelledEnum):
    """The actions next steps model; their order breaks ties between equal gains."""

    ASK = ("ask", "Ask a candidate for a strong letter")
    REPLACE_HESITANT = ("replace-hesitant", "Replace a hesitant writer")
    SHARE_GOAL = ("share-goal", "Tell a writer your goal")
    WAIVE = ("waive", "Waive your right to see a letter")
    ASK_STRONG = ("ask-strong", "Ask plainly for a strong letter")
    DROP_HARMFUL = ("drop-harmful", "Leave out a harmful letter")
    ADD_ROTATION = ("add-rotation", "Add a hands-on US rotation with a writer there")
    REPLACE_STALE = ("replace-stale", "Replace an old letter with a recent one")
    NONE = ("none", "Nothing lorkit models raises readiness")


ORDER = {a: i for i, a in enumerate(NextAction)}


@dataclass(frozen=True, slots=True)
class Change:
    """What an action does to a copy of the profile."""

    updates: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # writer id → fields
    leave_out: tuple[str, ...] = ()  # writer ids left out of consideration, as in a what-if
    add_rotations: tuple[Rotation, ...] = ()
    add_writers: tuple[Writer, ...] = ()


@dataclass(frozen=True, slots=True)
class NextStep:
    track: str
    action: NextAction
    writer_id: str | None
    gain: int  # readiness points for `track`, measured
    message: str  # the whole step in plain words, with the gain
    advice: str = ""  # the action in plain words, without the gain
    condition: str = ""  # what the gain assumes ("if they agree"), or ""
    change: Change = field(default_factory=Change)

    @property
    def helps(self) -> bool:
        """False for the step that says nothing modelled helps."""
        return self.action != NextAction.NONE

    def to_dict(self) -> dict[str, object]:
        return {
            "track": self.track,
            "action": self.action.value,
            "writer_id": self.writer_id,
            "gain": self.gain,
            "message": self.message,
        }


def apply_change(profile: Profile, change: Change) -> Profile:
    """A copy of the profile with the change's updates and additions (its leave-outs are
    what-if exclusions: see `apply_step`)."""
    writers = [
        w.model_copy(update=dict(change.updates[w.id])) if w.id in change.updates else w
        for w in profile.writers
    ]
    return profile.model_copy(
        update={
            "writers": [*writers, *change.add_writers],
            "rotations": [*profile.rotations, *change.add_rotations],
        }
    )


def apply_step(
    profile: Profile, step: NextStep, excluded: Collection[str] = ()
) -> tuple[Profile, frozenset[str]]:
    """The profile and the what-if exclusions with the step applied: assess them to see it."""
    return apply_change(profile, step.change), frozenset(excluded) | set(step.change.leave_out)


# --- the actions that could help -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Option:
    action: NextAction
    writer_id: str | None
    order: int  # writer order (or department order) among options of one action
    advice: str
    condition: str  # what the gain assumes ("if they agree"), or ""
    change: Change


STRONG_YES = {
    "status": Status.AGREED_STRONG,
    "asked_for_strong": True,
    "knows_goal": True,
}
# (department, the rotation specialties in it, the writer specialty of a new attending there,
# the words for it)
DEPARTMENTS = (
    ("peds", ("pediatrics", "peds-subspecialty"), "pediatrics", "pediatrics"),
    ("im", ("internal-medicine", "im-subspecialty"), "internal-medicine", "internal-medicine"),
    ("med-peds", ("med-peds",), "med-peds", "combined Med-Peds"),
)
NEW_ID = "next-step"


def never_sent(w: Writer) -> bool:
    """A writer whose letter is never sent: declined, a social contact, or one who asked the
    applicant to draft the letter (SPEC r2 §4)."""
    return (
        w.status == Status.DECLINED
        or w.relationship == Relationship.SOCIAL
        or w.asked_to_self_draft
    )


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class _Ids:
    """Fresh ids for added rows that never clash with the profile's."""

    def __init__(self, profile: Profile) -> None:
        self.used = {r.id for r in profile.rotations} | {w.id for w in profile.writers}
        self.n = 0

    def new(self, kind: str) -> str:
        while True:
            self.n += 1
            candidate = f"{NEW_ID}-{kind}{self.n}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate


def block_weeks() -> int:
    """The rule book's "long" time together, in weeks (`long_min_weeks`, or the older
    `long_min_days` rounded up to whole weeks)."""
    d = rules.scoring().quality.duration
    own = getattr(d, "long_min_weeks", None)
    if isinstance(own, int):
        return own
    return -(-int(getattr(d, "long_min_days", 0)) // 7)


def _new_block(profile: Profile, as_of: date) -> tuple[date, date] | None:
    """A block of the rule book's long-rotation length (whole calendar weeks) that ends by
    the ask-by date and starts after today, or None when none fits any more."""
    end = ask_by(profile.applicant.submission_date)
    start = end - timedelta(days=7 * block_weeks() - 1)
    return (start, end) if start > as_of else None


def _writer_like(w: Writer, new_id: str, name: str, **changes: Any) -> Writer:
    """A new writer with w's standing (role, field, place, contact) who agrees to write a
    strong letter."""
    fields: dict[str, Any] = {
        "id": new_id,
        "name": name,
        "title": None,
        "asked_on": None,
        "letter_date": None,
        "waived": True,
        "asked_to_self_draft": False,
        "packet": [],
        "steps_done": [],
        "drafts": {},
        "notes": None,
        **STRONG_YES,
        **changes,
    }
    if "previous_season" in Writer.model_fields:  # a new letter is this season's
        fields["previous_season"] = False
    return w.model_copy(update=fields)


@cache
def _templates() -> tuple[Writer, Rotation]:
    """A writer and an experience to copy hypothetical rows from (copying a validated row
    is much faster than building one). Placeholders only: nothing of any applicant's."""
    writer = Writer.model_validate(
        {
            "id": "template",
            "name": "Template",
            "role": "attending",
            "specialty": "pediatrics",
            "location": "us",
            "relationship": "direct-supervision",
            "status": "agreed-strong",
        }
    )
    rotation = Rotation.model_validate(
        {
            "id": "template",
            "institution": "Template",
            "location": "us",
            "specialty": "pediatrics",
            "setting": "inpatient",
            "kind": "elective",
            "start": "2000-01-01",
            "end": "2000-01-28",
        }
    )
    return writer, rotation


def _attending(new_id: str, name: str, specialty: str, rotation_id: str) -> Writer:
    """A US attending who directly supervised the work and agrees to write a strong letter."""
    return _templates()[0].model_copy(
        update={
            "id": new_id,
            "name": name,
            "role": Role.ATTENDING,
            "specialty": Specialty(specialty),
            "location": Location.US,
            "rotation_id": rotation_id,
            "relationship": Relationship.DIRECT,
            "waived": True,
            **STRONG_YES,
        }
    )


def _rotation(rid: str, institution: str, **fields: Any) -> Rotation:
    """A hypothetical experience, from valid values."""
    return _templates()[1].model_copy(
        update={
            "id": rid,
            "institution": institution,
            "location": Location(fields["location"]),
            "specialty": RotationSpecialty(fields["specialty"]),
            "setting": Setting(fields["setting"]),
            "kind": Kind(fields["kind"]),
            "start": fields["start"],
            "end": fields["end"],
        }
    )


def _writer_options(a: Assessment, excluded: Collection[str], ids: _Ids) -> list[_Option]:
    profile = a.profile
    goal = " and ".join(t.rules.label for t in a.tracks)
    chosen = {x.id for t in a.tracks if t.verdict != Verdict.READY for x in t.selected}
    errors = {f.writer_id for f in a.findings if f.severity == Severity.ERROR and f.writer_id}
    out: list[_Option] = []
    for i, w in enumerate(profile.writers):
        if w.id in excluded or never_sent(w):
            continue
        status = Status(w.status)
        name = w.name
        if status == Status.CANDIDATE:
            advice = f"Ask {name} for a strong letter"
            if not w.knows_goal:
                advice += " and tell them your goal"
            change = Change(updates={w.id: STRONG_YES})
            out.append(_Option(NextAction.ASK, w.id, i, advice, "if they agree", change))
        if status == Status.HESITANT:
            other = ids.new("w")
            new = _writer_like(w, other, "Another writer (in place of a hesitant one)")
            where = "the same experience" if w.rotation_id else "the same place"
            out.append(
                _Option(
                    NextAction.REPLACE_HESITANT,
                    w.id,
                    i,
                    f"Thank {name}, who sounded hesitant, and ask another physician from "
                    f"{where} instead",
                    "if they agree to write a strong letter",
                    Change(leave_out=(w.id,), add_writers=(new,)),
                )
            )
        asked = status in (Status.ASKED, Status.AGREED_STRONG, Status.HESITANT)
        if asked and not w.knows_goal:
            out.append(
                _Option(
                    NextAction.SHARE_GOAL,
                    w.id,
                    i,
                    f"Tell {name} you are applying to {goal}, and why",
                    "",
                    Change(updates={w.id: {"knows_goal": True}}),
                )
            )
        if status != Status.UPLOADED and not w.waived:
            out.append(
                _Option(
                    NextAction.WAIVE,
                    w.id,
                    i,
                    f"Waive your right to see {name}'s letter in the ERAS letter request",
                    "",
                    Change(updates={w.id: {"waived": True}}),
                )
            )
        if asked and not w.asked_for_strong:
            out.append(
                _Option(
                    NextAction.ASK_STRONG,
                    w.id,
                    i,
                    f"Ask {name} plainly whether they can write a strong letter",
                    "if they can",
                    Change(updates={w.id: {"asked_for_strong": True}}),
                )
            )
        if w.id in chosen and w.id in errors:
            out.append(
                _Option(
                    NextAction.DROP_HARMFUL,
                    w.id,
                    i,
                    f"Leave out {name}'s letter",
                    "",
                    Change(leave_out=(w.id,)),
                )
            )
    return out


def _unstaffed(profile: Profile, specialties: Sequence[str], latest: date) -> Rotation | None:
    """The longest hands-on US experience in these specialties that has no writer yet and
    ends in time for an ask at its end."""
    staffed = {w.rotation_id for w in profile.writers}
    fits = [
        r
        for r in profile.rotations
        if r.location == "us"
        and r.kind in HANDS_ON_KINDS
        and r.specialty in specialties
        and r.id not in staffed
        and r.end <= latest
    ]
    return max(fits, key=lambda r: r.days, default=None)


def _rotation_options(profile: Profile, as_of: date, ids: _Ids) -> list[_Option]:
    """Per department, a writer on an experience already entered that has none, and else a
    new block; existing experiences come first, so they win a tie."""
    latest = ask_by(profile.applicant.submission_date)
    block = _new_block(profile, as_of)
    length = block_weeks()
    existing_options, new_options = [], []
    for order, (_, specialties, writer_specialty, words) in enumerate(DEPARTMENTS):
        existing = _unstaffed(profile, specialties, latest)
        if existing is not None:
            specialty = str(existing.specialty)
            who = _attending(ids.new("w"), "Attending on that experience", specialty, existing.id)
            tense = (
                "supervised"
                if existing.end < as_of
                else ("supervises" if existing.start <= as_of else "will supervise")
            )
            existing_options.append(
                _Option(
                    NextAction.ADD_ROTATION,
                    None,
                    order,
                    f"Ask the attending who {tense} you at {existing.institution} "
                    f"({existing.start:%B %Y}) for a strong letter",
                    "if they agree",
                    Change(add_writers=(who,)),
                )
            )
            continue
        if block is None:
            continue
        rid = ids.new("r")
        rotation = _rotation(
            rid,
            f"A US {words} rotation (planned)",
            location="us",
            specialty=writer_specialty,
            setting="inpatient",
            kind="elective",
            start=block[0],
            end=block[1],
        )
        who = _attending(
            ids.new("w"), f"Attending on the US {words} rotation", writer_specialty, rid
        )
        new_options.append(
            _Option(
                NextAction.ADD_ROTATION,
                None,
                len(DEPARTMENTS) + order,
                f"Do a {length}-week hands-on US {words} rotation (a sub-internship, elective or "
                f"externship) ending by {_long(block[1])}, and ask the attending who supervises "
                "you for a strong letter",
                "if they agree",
                Change(add_rotations=(rotation,), add_writers=(who,)),
            )
        )
    return existing_options + new_options


def _stale_options(a: Assessment, excluded: Collection[str], ids: _Ids) -> list[_Option]:
    profile = a.profile
    block = _new_block(profile, a.as_of)
    if block is None:
        return []
    length = block_weeks()
    out = []
    for x in a.letters:
        w = x.writer
        if x.age_band.finding is None or w.id in excluded or never_sent(w):
            continue
        old = x.rotation
        rid = ids.new("r")
        specialty = str(old.specialty) if old is not None else str(w.specialty)
        rotation = _rotation(
            rid,
            "A recent experience (in place of an old letter)",
            location=str(w.location),
            specialty=specialty,
            setting=str(old.setting) if old is not None else "mixed",
            kind=str(old.kind) if old is not None else "elective",
            start=block[0],
            end=block[1],
        )
        new = _writer_like(
            w, ids.new("w"), "A recent writer (in place of an old letter)", rotation_id=rid
        )
        recent = (
            f"a recent {_field_words(specialty)} experience (for example a {length}-week one "
            f"ending by {_long(block[1])})"
        )
        if w.status == Status.CANDIDATE:  # no letter yet: ask someone more recent instead
            advice = (
                f"Instead of {w.name}, who saw your work {num(x.age_years)} years before "
                f"submission, ask a writer from {recent}"
            )
        else:
            advice = (
                f"Replace {w.name}'s letter ({num(x.age_years)} years old at submission) with "
                f"one from {recent}"
            )
        out.append(
            _Option(
                NextAction.REPLACE_STALE,
                w.id,
                x.index,
                advice,
                "if that writer agrees to write a strong letter",
                Change(leave_out=(w.id,), add_rotations=(rotation,), add_writers=(new,)),
            )
        )
    return out


FIELD_WORDS = {  # a rotation's field, as it reads before "experience"
    "pediatrics": "pediatrics",
    "peds-subspecialty": "pediatric-subspecialty",
    "internal-medicine": "internal-medicine",
    "im-subspecialty": "internal-medicine subspecialty",
    "med-peds": "Med-Peds",
    "family-medicine": "family-medicine",
    "research": "research",
}


def _field_words(specialty: str) -> str:
    return FIELD_WORDS.get(specialty, "similar")


# --- measuring and ranking -------------------------------------------------------------------


class _Measure:
    """Readiness gains per track of the profile with a change applied: the computation
    `assess` makes for readiness (each letter assessed on its own, the best set of the
    letters in play, its score rounded), redone only for the letters the change touches and
    the tracks below ready. tests/unit/test_next_steps.py checks it against `assess`.

    A change that only leaves letters out is not searched: it never raises readiness (the
    best set was chosen from more letters)."""

    def __init__(
        self, a: Assessment, excluded: frozenset[str], tracks: Sequence[TrackRules]
    ) -> None:
        self.a = a
        self.excluded = excluded
        self.tracks = tracks
        self.before = {t.track: t.readiness for t in a.tracks}
        self.measured = 0  # how many best-set searches ran (for the benchmark)

    def _letters(self, change: Change) -> tuple[list[Letter], list[Letter]]:
        """Every letter with the change applied, and the letters it touched."""
        profile = self.a.profile
        letters = list(self.a.letters)
        position = {w.id: i for i, w in enumerate(profile.writers)}
        touched = [
            (position[wid], profile.writers[position[wid]].model_copy(update=dict(fields)))
            for wid, fields in change.updates.items()
        ]
        touched += [(len(letters) + k, w) for k, w in enumerate(change.add_writers)]
        if not touched:
            return letters, []
        # each letter is assessed on its own: assess just these, in a copy that has them
        alone = profile.model_copy(
            update={
                "writers": [w for _, w in touched],
                "rotations": [*profile.rotations, *change.add_rotations],
            }
        )
        fresh = []
        for (i, _), letter in zip(touched, assess_letters(alone, self.a.as_of), strict=True):
            letter = replace(letter, index=i)
            fresh.append(letter)
            if i < len(letters):
                letters[i] = letter
            else:
                letters.append(letter)
        return letters, fresh

    def gains(
        self,
        change: Change,
        tracks: Sequence[TrackRules] | None = None,
        prepared: tuple[list[Letter], list[Letter]] | None = None,
    ) -> dict[str, int]:
        """The positive readiness gain per track below ready (or per one of `tracks`)."""
        letters, fresh = prepared if prepared is not None else self._letters(change)
        if not fresh:
            return {}
        out = self.excluded | set(change.leave_out)
        pool = [x for x in letters if x.id not in out]
        found = {}
        for track in self.tracks if tracks is None else tracks:
            self.measured += 1
            gain = int(best_set(pool, track)[1] + 0.5) - self.before[track.id]
            if gain > 0:
                found[track.id] = gain
        return found

    def prepare(self, options: Sequence[_Option]) -> list[tuple[list[Letter], list[Letter]]]:
        """Each option's letters, worked out once for every track."""
        return [self._letters(o.change) for o in options]

    def best_rotation(
        self,
        options: Sequence[_Option],
        prepared: Sequence[tuple[list[Letter], list[Letter]]],
        track: TrackRules,
    ) -> tuple[int, _Option] | None:
        """The add-a-rotation option with the best gain for the track (ties: experiences
        already entered first, then the higher value for the track, then the department
        order). An option whose new letter an earlier one matches or beats on everything
        the track counts cannot do better, so it is not searched."""
        fresh = [p[1][0] for p in prepared]
        existing = [not o.change.add_rotations for o in options]
        order = sorted(
            range(len(options)),
            key=lambda i: (not existing[i], -fresh[i].values[track.id], options[i].order),
        )
        best: tuple[int, int, _Option] | None = None
        for rank, i in enumerate(order):
            if any(_dominates(fresh[j], fresh[i], track) for j in order[:rank]):
                continue
            gain = self.gains(options[i].change, [track], prepared[i]).get(track.id, 0)
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, rank, options[i])
        return None if best is None else (best[0], best[2])


def _dominates(a: Letter, b: Letter, track: TrackRules) -> bool:
    """Whether letter a does at least as much as b in any set for the track: a value as high,
    every requirement feature b brings, the same share features, and (where the letters say)
    counting and standing as strong whenever b does."""
    t = track.id
    if (b.viable and not a.viable) or a.values[t] < b.values[t]:
        return False
    used = {r.feature for r in track.requirements}
    shares = {r.feature for r in track.requirements if r.min_share is not None}
    fa, fb = a.features & used, b.features & used
    if not fa >= fb or fa & shares != fb & shares:
        return False
    for name in ("credible", "strong"):  # per-track flags of the letter, where it has them
        flags_a, flags_b = getattr(a, name, None), getattr(b, name, None)
        if not (isinstance(flags_a, Mapping) and isinstance(flags_b, Mapping)):
            continue
        has_a, has_b = bool(flags_a.get(t)), bool(flags_b.get(t))
        # a strong letter only adds options; a credible one also counts in a share, which
        # is no loss when it brings every share feature
        if has_b and not has_a:
            return False
        if has_a and not has_b and name == "credible" and not shares <= fa:
            return False
    return True


def _blocked(a: Assessment, track: str, selected: Sequence[Letter]) -> bool:
    ids = {x.id for x in selected}
    return any(
        f.severity == Severity.ERROR
        and (f.track == track or (f.track is None and (f.writer_id is None or f.writer_id in ids)))
        for f in a.findings
    )


def _nothing(a: Assessment, track_id: str) -> NextStep:
    t = a.track(track_id)
    label = t.rules.label
    advice = (
        f"No action lorkit can model raises {label} readiness: look for a writer from "
        "another recent hands-on experience"
    )
    if _blocked(a, track_id, t.selected):
        advice += ", and fix what the findings under Must fix name"
    return NextStep(track_id, NextAction.NONE, None, 0, advice + ".", advice)


def next_steps(
    profile: Profile,
    as_of: date,
    *,
    excluded: Collection[str] = (),
    assessment: Assessment | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[NextStep]:
    """The next steps for every track below ready, best gain first (then track order, action
    order and writer order); `assessment` may pass the profile's assessment already made
    with the same date and exclusions."""
    excluded = frozenset(excluded)
    a = assessment if assessment is not None else assess(profile, as_of, excluded)
    below = [t for t in a.tracks if t.verdict != Verdict.READY]
    if not below:
        return []
    ids = _Ids(profile)
    options = [*_writer_options(a, excluded, ids), *_stale_options(a, excluded, ids)]
    found: dict[str, list[tuple[int, _Option]]] = {t.track: [] for t in below}
    measure = _Measure(a, excluded, [t.rules for t in below])
    for option in options:
        for track_id, gain in measure.gains(option.change).items():
            found[track_id].append((gain, option))
    rotations = _rotation_options(profile, as_of, ids)
    prepared = measure.prepare(rotations)
    for t in below:
        best = measure.best_rotation(rotations, prepared, t.rules) if rotations else None
        if best is not None:
            found[t.track].append(best)
    steps: list[NextStep] = []
    track_order = {t.track: i for i, t in enumerate(a.tracks)}
    for t in below:
        ranked = sorted(found[t.track], key=lambda g: (-g[0], ORDER[g[1].action], g[1].order))
        # (one new rotation per track at most: best_rotation keeps the best department)
        picked = ranked[:limit]
        if not picked:
            steps.append(_nothing(a, t.track))
            continue
        for gain, option in picked:
            assumes = f", {option.condition}" if option.condition else ""
            message = f"{option.advice}: +{gain} readiness for {t.rules.label}{assumes}."
            steps.append(
                NextStep(
                    t.track,
                    option.action,
                    option.writer_id,
                    gain,
                    message,
                    option.advice,
                    option.condition,
                    option.change,
                )
            )
    writer_order = {w.id: i for i, w in enumerate(profile.writers)}
    return sorted(
        steps,
        key=lambda s: (
            -s.gain,
            track_order[s.track],
            ORDER[s.action],
            writer_order.get(s.writer_id or "", len(writer_order)),
        ),
    )

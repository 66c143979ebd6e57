"""Each program on the applicant's list: does it take the applicant, which letters to assign
to it in ERAS, and which of its own letter rules those letters meet.

A program is one more source of requirements for the rule book's selection, not a second
engine: its rules become requirements added to its track's own (with the penalties of
scoring.toml's [programs] table), letters it does not count leave the pool, and
`lorkit.selection.best_set` chooses at most `letters_max` letters from the one writer pool
every program shares. A program never changes the track's own recommended set.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from lorkit import rules
from lorkit.csv_io import guard_cell
from lorkit.enums import ChairLetter, Kind, ObservershipLetters, ProgramStatus, Visa
from lorkit.findings import Finding, program_findings
from lorkit.letters import Letter
from lorkit.models import Applicant, Profile, Program
from lorkit.rules import Requirement, TrackRules
from lorkit.selection import best_set
from lorkit.wording import plural

# The letter feature (see lorkit.rules.FEATURES) each counted rule counts, among the letters
# that are credible for the program's track.
LETTERS_MIN = "letters-min"
CHAIR = "chair-letter"
PEDIATRIC = "pediatric-letters"
IM = "im-letters"
US = "us-letters"
OBSERVERSHIP = "observership"
LETTER_AGE = "letter-age"
FEATURE = {LETTERS_MIN: "any", CHAIR: "chair", PEDIATRIC: "pediatric", IM: "im", US: "us_clinical"}
RULE_ORDER = (LETTERS_MIN, CHAIR, PEDIATRIC, IM, US, OBSERVERSHIP, LETTER_AGE)
SHEET_LETTERS = 4  # ERAS assigns at most four letters to a program


@dataclass(frozen=True, slots=True)
class ProgramRule:
    """One of a program's letter rules, and whether the letters chosen for it meet it."""

    code: str
    label: str
    met: bool
    required: bool  # False for a rule the program only prefers
    detail: str  # what counts, or why it is not met, in a sentence
    fix: str  # what to do when it is not met

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "met": self.met,
            "label": self.label,
            "required": self.required,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Ineligibility:
    reason: str
    fix: str


@dataclass(slots=True)
class ProgramResult:
    program: Program
    status: ProgramStatus
    selected: list[Letter]  # the letters to assign, in order
    rules: list[ProgramRule]
    ineligible: list[Ineligibility]
    caveats: list[str]  # what could not be checked
    not_counted: dict[str, str]  # writer id → why this program does not count the letter
    findings: list[Finding] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.ineligible

    @property
    def reasons(self) -> list[str]:
        return [i.reason for i in self.ineligible] + self.caveats

    @property
    def unmet(self) -> list[ProgramRule]:
        return [r for r in self.rules if r.required and not r.met]

    def to_dict(self) -> dict[str, object]:
        p = self.program
        return {
            "program_id": p.id,
            "name": p.name,
            "track": p.track,
            "status": self.status.value,
            "eligible": self.eligible,
            "reasons": self.reasons,
            "selected": [x.id for x in self.selected],
            "requirements": [r.to_dict() for r in self.rules],
            "not_counted": [{"writer_id": k, "reason": v} for k, v in self.not_counted.items()],
        }


# --- eligibility ----------------------------------------------------------------------------

_VISA_WORDS = {"j1": "J-1", "h1b": "H-1B"}
_NEEDED = {Visa.J1: {"j1"}, Visa.H1B: {"h1b"}, Visa.EITHER: {"j1", "h1b"}}


def _visa_problem(applicant: Applicant, program: Program) -> Ineligibility | None:
    if not applicant.needs_visa or program.visa is None:
        return None
    sponsored = {v.value for v in program.visa}
    if sponsored & _NEEDED[applicant.visa]:
        return None
    fix = (
        "Take it off your list unless you can train on a visa it sponsors; sponsorship "
        "changes from year to year, so check its page before you decide."
    )
    if not sponsored:
        return Ineligibility("it sponsors no visas, and you need one", fix)
    offered = " and ".join(_VISA_WORDS[v] for v in sorted(sponsored))
    need = {Visa.J1: "a J-1", Visa.H1B: "an H-1B"}[applicant.visa]
    return Ineligibility(f"it sponsors {offered} visas only, and you need {need}", fix)


def _graduation_problem(applicant: Applicant, program: Program) -> Ineligibility | None:
    limit = program.graduation_within_years
    if limit is None or applicant.graduation_year is None:
        return None
    years = applicant.submission_date.year - applicant.graduation_year
    if years <= limit:
        return None
    return Ineligibility(
        f"it takes applicants who graduated within {_n(limit, 'year')}, and you "
        f"graduated {_n(years, 'year')} before you apply",
        "Take it off your list, or ask the program whether recent US clinical work can make "
        "up for the gap.",
    )


def _eligibility(profile: Profile, program: Program) -> tuple[list[Ineligibility], list[str]]:
    applicant = profile.applicant
    problems: list[Ineligibility] = []
    if program.track not in applicant.tracks:
        label = rules.track(program.track).label
        problems.append(
            Ineligibility(
                f"it is a {label} program, and {label} is not one of your tracks",
                f"Add {label} to your tracks on the Profile page if you apply to it, or take "
                "the program off your list.",
            )
        )
    problems += [p for p in (_visa_problem(applicant, program),) if p]
    problems += [p for p in (_graduation_problem(applicant, program),) if p]
    caveats = []
    if applicant.needs_visa and program.visa is None:
        caveats.append("Its visa sponsorship is not known: check it before you apply.")
    if program.graduation_within_years is not None and applicant.graduation_year is None:
        caveats.append(
            f"It takes applicants who graduated within "
            f"{_n(program.graduation_within_years, 'year')}: add your graduation year on "
            "the Profile page to check."
        )
    return problems, caveats


# --- the rules a program adds -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Counted:
    """A rule that counts letters with a feature."""

    code: str
    label: str
    need: int
    required: bool


def _counted_rules(track: TrackRules, program: Program) -> list[_Counted]:
    count = min(program.letters_min or track.min_letters, program.letters_max)
    out = [_Counted(LETTERS_MIN, f"At least {_n(count, 'letter')}", count, True)]
    if program.chair_letter in (ChairLetter.REQUIRED, ChairLetter.PREFERRED):
        preferred = program.chair_letter == ChairLetter.PREFERRED
        label = "A letter from a department chair" + (" (preferred)" if preferred else "")
        out.append(_Counted(CHAIR, label, 1, not preferred))
    for code, need, what in (
        (PEDIATRIC, program.min_pediatric_letters, "from pediatricians"),
        (IM, program.min_im_letters, "from internists"),
        (US, program.min_us_letters, "from US physicians who saw your clinical work"),
    ):
        if need:
            out.append(_Counted(code, f"At least {_n(need, 'letter')} {what}", need, True))
    return out


def _track_asks_as_much(track: TrackRules, c: _Counted) -> bool:
    """Whether one of the track's own requirements already counts this feature as high."""
    feature = FEATURE[c.code]
    return any(r.feature == feature and (r.min or 0) >= c.need for r in track.requirements)


def _added(track: TrackRules, program: Program, counted: list[_Counted]) -> list[_Counted]:
    """The program's required rules that ask more than its track's own requirements."""
    out = []
    for c in counted:
        if not c.required:
            continue
        if c.code == LETTERS_MIN:
            if program.letters_min is not None and c.need > track.min_letters:
                out.append(c)
        elif not _track_asks_as_much(track, c):
            out.append(c)
    return out


# (track, letters, the requirements and size that decide the choice, what it must meet)
_ChoiceKey = tuple[str, tuple[str, ...], tuple[object, ...], int, tuple[tuple[str, int], ...]]


def _choice_key(
    pool: Sequence[Letter], rules_: TrackRules, must: list[tuple[str, int]]
) -> _ChoiceKey:
    reqs = tuple(
        (r.code, r.feature, r.min, r.min_share, r.penalty, r.suppressed_by)
        for r in rules_.requirements
    )
    return (rules_.id, tuple(x.id for x in pool), reqs, rules_.max_letters, tuple(must))


def _choose(
    pool: Sequence[Letter],
    track: TrackRules,
    program: Program,
    counted: list[_Counted],
    memo: dict[_ChoiceKey, list[Letter]],
) -> list[Letter]:
    """The best letters under the program's rules. When the best-scoring choice misses one of
    the program's own rules and another choice meets them all, that choice wins: meeting a
    program's published rule comes before a stronger-looking set (so adding a letter never
    turns a covered program into one with gaps)."""
    chosen_rules = _selection_rules(track, program, counted)
    must = [(FEATURE[c.code], c.need) for c in _added(track, program, counted)]
    # programs with the same effective rules share one search (most rules are unknown)
    key = _choice_key(pool, chosen_rules, must)
    if key in memo:
        return list(memo[key])
    selected, _ = best_set(pool, chosen_rules)
    # (the whole pool meeting each rule is a quick necessary condition for a second search)
    if must and not _meet(selected, must, track.id) and _meet(pool, must, track.id):
        constrained, _ = best_set(pool, chosen_rules, must)
        selected = constrained or selected
    memo[key] = sorted(selected, key=lambda x: (-x.values[track.id], x.index))
    return list(memo[key])


def _meet(letters: Sequence[Letter], must: list[tuple[str, int]], track_id: str) -> bool:
    credible = [x for x in letters if x.credible.get(track_id)]
    return all(sum(1 for x in credible if f in x.features) >= need for f, need in must)


def _selection_rules(track: TrackRules, program: Program, counted: list[_Counted]) -> TrackRules:
    """The track's rules with the program's added: its letter counts as requirements (unless
    a track requirement already asks as much), and its own maximum."""
    scoring = rules.scoring().programs
    size = counted[0].need
    requirements: list[Requirement] = []
    for r in track.requirements:
        if r.feature == "any" and r.min is not None:
            r = r.model_copy(update={"min": min(max(r.min, size), program.letters_max)})
        requirements.append(r)
    for c in counted[1:]:
        if _track_asks_as_much(track, c):
            continue
        penalty = scoring.rule_penalty if c.required else scoring.preferred_penalty
        requirements.append(
            Requirement(
                code=f"program-{c.code}",
                label=c.label,
                feature=FEATURE[c.code],
                min=c.need,
                penalty=penalty,
                finding="program-rule-unmet",
            )
        )
    return track.model_copy(
        update={
            "requirements": tuple(requirements),
            "max_letters": min(track.max_letters, program.letters_max),
        }
    )


def months_old(start: date, on: date) -> int:
    """Whole months from `start` to `on`."""
    months = (on.year - start.year) * 12 + on.month - start.month
    return months - (1 if on.day < start.day else 0)


@dataclass(slots=True)
class _Pool:
    letters: list[Letter]  # letters the program counts
    observership: list[Letter]  # left out: from an observership it does not count
    too_old: list[Letter]  # left out: older than it accepts
    not_counted: dict[str, str]


def _pool(letters: Sequence[Letter], program: Program, submission: date) -> _Pool:
    pool = _Pool([], [], [], {})
    for x in letters:
        if not x.viable:
            continue
        observed = x.rotation is not None and x.rotation.kind == Kind.OBSERVERSHIP
        limit = program.letter_max_age_months
        age = months_old(x.aged_from, submission)
        if observed and program.observership_letters == ObservershipLetters.NOT_ACCEPTED:
            pool.observership.append(x)
            pool.not_counted[x.id] = (
                "it comes from an observership, which this program does not count"
            )
        elif limit is not None and age > limit:
            pool.too_old.append(x)
            pool.not_counted[x.id] = (
                f"it will be {_n(age, 'month')} old when you apply, and this program "
                f"takes letters up to {_n(limit, 'month')} old"
            )
        else:
            pool.letters.append(x)
    return pool


_FIXES = {
    LETTERS_MIN: "Ask one more writer who supervised your clinical work, so that this program "
    "receives as many letters as it asks for.",
    CHAIR: "Ask the chair of a department where you rotated (for Med-Peds, usually the "
    "internal-medicine chair) for a letter; chairs often write from the notes of the "
    "attendings who supervised you.",
    PEDIATRIC: "Ask a pediatrician who supervised your work for a letter, ideally from a "
    "hands-on pediatric rotation.",
    IM: "Ask an internist who supervised your work for a letter, ideally from a hands-on "
    "internal-medicine rotation.",
    US: "Get hands-on US clinical experience (a sub-internship, elective or externship) and ask "
    "the attending who supervised you there.",
    OBSERVERSHIP: "Replace the observership letters for this program with letters from hands-on "
    "work (a sub-internship, elective, externship or clinical job).",
    LETTER_AGE: "Ask the writers of the older letters to update them with a fresh date, or ask "
    "someone who supervised you more recently.",
}


def _n(count: int, word: str) -> str:
    return f"{count} {plural(count, word)}"


def _names(letters: Iterable[Letter]) -> str:
    names = [x.writer.name for x in letters]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _count_rule(c: _Counted, have: int, selected: Sequence[Letter]) -> ProgramRule:
    met = have >= c.need
    if c.code == CHAIR:
        chairs = [x for x in selected if "chair" in x.features]
        detail = (
            f"{_names(chairs)}'s letter comes from a department chair."
            if chairs
            else "None of the letters you can send here comes from a department chair."
        )
    elif met:
        detail = f"The letters chosen for it have {have}."
    elif have == 0:
        detail = f"None of the letters you can send here counts for this; it asks for {c.need}."
    else:
        detail = (
            f"Only {have} of the letters you can send here count for this; it asks for {c.need}."
        )
    return ProgramRule(c.code, c.label, met, c.required, detail, _FIXES[c.code])


def _cause_rule(
    code: str,
    label: str,
    left_out: Sequence[Letter],
    counted: Sequence[_Counted],
    have: dict[str, int],
    credible_pool: Sequence[Letter],
    track_id: str,
) -> ProgramRule:
    """A rule about letters the program does not count (observership letters, or letters
    older than it accepts): unmet when leaving those letters out is what leaves one of its
    counted rules short."""
    credible_left = [x for x in left_out if x.credible.get(track_id)]
    caused = []
    for c in counted:
        if have[c.code] >= c.need:
            continue
        feature = FEATURE[c.code]
        now = sum(1 for x in credible_pool if feature in x.features)
        back = sum(1 for x in credible_left if feature in x.features)
        if now < c.need <= now + back:
            caused.append(c.label[0].lower() + c.label[1:])
    if caused:
        which = "this letter" if len(left_out) == 1 else "these letters"
        detail = (
            f"It cannot count {which}: {_names(left_out)}; without "
            f"{'it' if len(left_out) == 1 else 'them'} the letters fall short of "
            f"{'; '.join(caused)}."
        )
        return ProgramRule(code, label, False, True, detail, _FIXES[code])
    if left_out:
        detail = f"Not sent here: {_names(left_out)}; the other letters meet its rules."
    else:
        detail = "None of your letters is affected."
    return ProgramRule(code, label, True, True, detail, _FIXES[code])


def _rules(
    program: Program,
    track: TrackRules,
    counted: list[_Counted],
    selected: list[Letter],
    pool: _Pool,
) -> list[ProgramRule]:
    credible = [x for x in selected if x.credible.get(track.id)]
    have = {c.code: sum(1 for x in credible if FEATURE[c.code] in x.features) for c in counted}
    out = [_count_rule(c, have[c.code], selected) for c in counted]
    credible_pool = [x for x in pool.letters if x.credible.get(track.id)]
    if program.observership_letters == ObservershipLetters.NOT_ACCEPTED:
        out.append(
            _cause_rule(
                OBSERVERSHIP,
                "Observership letters are not counted",
                pool.observership,
                counted,
                have,
                credible_pool,
                track.id,
            )
        )
    if program.letter_max_age_months is not None:
        limit = _n(program.letter_max_age_months, "month")
        out.append(
            _cause_rule(
                LETTER_AGE,
                f"Letters at most {limit} old when you apply",
                pool.too_old,
                counted,
                have,
                credible_pool,
                track.id,
            )
        )
    return out


def _status(ineligible: list[Ineligibility], checked: list[ProgramRule]) -> ProgramStatus:
    if ineligible:
        return ProgramStatus.INELIGIBLE
    if any(r.required and not r.met for r in checked):
        return ProgramStatus.GAPS
    return ProgramStatus.COVERED


def assess_program(
    profile: Profile,
    letters: Sequence[Letter],
    program: Program,
    memo: dict[_ChoiceKey, list[Letter]] | None = None,
) -> ProgramResult:
    """One program: eligibility, the best letters to assign under its rules, and its rules.
    `memo`: choices already made for other programs of the same list."""
    ineligible, caveats = _eligibility(profile, program)
    if program.track not in profile.applicant.tracks:
        # letters are valued for the applicant's own tracks only
        result = ProgramResult(program, ProgramStatus.INELIGIBLE, [], [], ineligible, caveats, {})
    else:
        track = rules.track(program.track)
        counted = _counted_rules(track, program)
        pool = _pool(letters, program, profile.applicant.submission_date)
        selected = _choose(pool.letters, track, program, counted, {} if memo is None else memo)
        checked = _rules(program, track, counted, selected, pool)
        result = ProgramResult(
            program,
            _status(ineligible, checked),
            selected,
            checked,
            ineligible,
            caveats,
            pool.not_counted,
        )
    result.findings = program_findings(result)
    return result


def assess_programs(profile: Profile, letters: Sequence[Letter]) -> list[ProgramResult]:
    """Every program on the list, in list order. `letters`: the letters in consideration
    (a what-if leaves some out)."""
    memo: dict[_ChoiceKey, list[Letter]] = {}
    return [assess_program(profile, letters, p, memo) for p in profile.programs]


# How a count of programs in each status reads: "3 covered", "1 with gaps", "1 not eligible".
COUNT_WORDS = {
    ProgramStatus.COVERED: "covered",
    ProgramStatus.GAPS: "with gaps",
    ProgramStatus.INELIGIBLE: "not eligible",
}


def status_counts(results: Iterable[ProgramResult]) -> dict[ProgramStatus, int]:
    counts = dict.fromkeys(ProgramStatus, 0)
    for r in results:
        counts[r.status] += 1
    return counts


# --- the ERAS assignment sheet ------------------------------------------------------------

SHEET_COLUMNS = (
    "Program",
    "Track",
    "Status",
    *(f"Letter {i}" for i in range(1, SHEET_LETTERS + 1)),
    "Unmet rules",
    "Eligibility",
)


def assignment_rows(results: Iterable[ProgramResult]) -> list[dict[str, str]]:
    """One row per program: the letters to assign to it in ERAS, in order, and what is
    missing. Cells are plain text (the CSV writer guards them)."""
    rows = []
    for r in results:
        names = [x.writer.name for x in r.selected] + [""] * SHEET_LETTERS
        row = {
            "Program": r.program.name,
            "Track": rules.track(r.program.track).label,
            "Status": r.status.value,
            **{f"Letter {i + 1}": names[i] for i in range(SHEET_LETTERS)},
            "Unmet rules": "; ".join(f"{u.label}: {u.detail}" for u in r.unmet),
            "Eligibility": " ".join(
                [f"Not eligible: {i.reason}." for i in r.ineligible] + r.caveats
            ),
        }
        rows.append(row)
    return rows


def assignment_csv(results: Iterable[ProgramResult]) -> str:
    """The ERAS assignment sheet as CSV, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)
    for row in assignment_rows(results):
        writer.writerow([guard_cell(row[c]) for c in SHEET_COLUMNS])
    return out.getvalue()

"""The rule book: every number and switch lorkit's rules use, read from `lorkit/data/`.

`scoring.toml` holds what every track shares (letter-quality weights, age bands, plan
offsets, the cap on requirement penalties, the packet); `tracks/<id>.toml` holds one track
each (letter counts, requirements, tier or slot table, recency factors, verdict bands,
packet extras, the e-mail paragraph). A new track is a new file.

`book()` loads both once (cached), validates them completely and checks every
cross-reference: the findings a file names exist in the finding registry and can be raised
from that place, tier and slot tables cover everything the letters module produces, recency
factors cover every age band, the plan offsets are in a sensible order. Broken data is
refused on load with one located line per problem, such as
`lorkit/data/tracks/med-peds.toml: requirements[2].finding: no finding 'x'`, never later
with a KeyError. Set `LORKIT_DATA_DIR` to read another folder (then `clear_caches()`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Formatter
from types import MappingProxyType
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lorkit import wording

# A multiplier in [0, 1]: 1.0 means "nothing lost"; 0 only for "declined".
Factor = Annotated[float, Field(ge=0, le=1)]
# A share of a letter's quality that counts for a track: (0, 1].
Weight = Annotated[float, Field(gt=0, le=1)]

# The letter features a requirement may count (see letters.LetterFacts.features).
FEATURES = (
    "any",
    "pediatric",
    "im",
    "combined",
    "peds_core",
    "im_core",
    "us",
    "us_clinical",
    "us_pediatric",
    "us_peds_core",
    "us_im_core",
    "knows_goal",
    "chair",
)

# How many reminders the plan sends (a gentle one and a last one): see lorkit.actions.
REMINDERS = 2

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def data_dir() -> Path:
    """Where the rule files live: $LORKIT_DATA_DIR, else the package's own data/ folder
    (lorkit/data/, which the wheel carries too)."""
    override = os.environ.get("LORKIT_DATA_DIR")
    return Path(override) if override else _PACKAGE_DATA


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- scoring.toml -------------------------------------------------------------------------


class AgeBand(_Strict):
    code: str
    label: str
    max_years: float | None = Field(default=None, gt=0)
    finding: str | None = None


class AgeBands(_Strict):
    bands: tuple[AgeBand, ...] = Field(min_length=1)


class Duration(_Strict):
    """Time together, in working weeks (see `lorkit.models.working_weeks`)."""

    long_min_weeks: int = Field(gt=0)
    medium_min_weeks: int = Field(gt=0)
    long: Factor
    medium: Factor
    short: Factor
    unlinked: Factor


class Flags(_Strict):
    not_asked_for_strong: Factor
    not_waived: Factor
    goal_not_known: Factor
    asked_to_self_draft: Factor


class Quality(_Strict):
    location: dict[str, Factor]
    relationship: dict[str, Factor]
    experience: dict[str, Factor]
    duration: Duration
    status: dict[str, Factor]
    role: dict[str, Factor]
    flags: Flags


class PlanOffsets(_Strict):
    ask_from_days: int = Field(gt=0)
    ask_by_days: int = Field(ge=0)
    reminder_days: tuple[int, ...]
    mention_from_days: int = Field(ge=0)
    mention_by_days: int = Field(ge=0)
    ask_at_end_before_days: int = Field(ge=0)
    ask_at_end_after_days: int = Field(ge=0)
    packet_within_days: int = Field(ge=0)


class Timing(_Strict):
    short_rotation_weeks: int = Field(gt=0)
    reminder_window_days: int = Field(gt=0)
    graduation_gap_years: int = Field(gt=0)


class NarrativeSupport(_Strict):
    settings: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()  # the experience's service
    kinds: tuple[str, ...] = ()
    writer_specialties: tuple[str, ...] = ()  # the writer's own field, whatever the service


class SetScore(_Strict):
    max_penalty: float = Field(gt=0, le=1)


class ProgramScoring(_Strict):
    """How a program's own letter rules weigh when its letters are chosen."""

    rule_penalty: float = Field(gt=0, le=1)
    preferred_penalty: float = Field(ge=0, le=1)


class Packet(_Strict):
    always: tuple[str, ...] = Field(min_length=1)


class Scoring(_Strict):
    age_bands: AgeBands
    quality: Quality
    plan: PlanOffsets
    timing: Timing
    set_score: SetScore
    programs: ProgramScoring
    packet: Packet
    narrative: dict[str, NarrativeSupport]


# --- tracks/*.toml ------------------------------------------------------------------------


class Requirement(_Strict):
    code: str
    label: str
    feature: str
    min: int | None = Field(default=None, ge=1)
    min_share: float | None = Field(default=None, gt=0, le=1)
    penalty: float = Field(ge=0, le=1)
    finding: str
    suppressed_by: str | None = None

    @field_validator("feature")
    @classmethod
    def _known_feature(cls, v: str) -> str:
        if v not in FEATURES:
            raise ValueError(f"unknown feature {v!r}; use one of {', '.join(FEATURES)}")
        return v

    @model_validator(mode="after")
    def _one_threshold(self) -> Requirement:
        if (self.min is None) == (self.min_share is None):
            raise ValueError("give exactly one of min or min_share")
        return self


class VerdictBands(_Strict):
    ready: float = Field(ge=0, le=100)
    nearly_ready: float = Field(ge=0, le=100)
    at_risk: float = Field(ge=0, le=100)


class AskEmail(_Strict):
    """A paragraph the ask e-mail adds for this track, with `{reason}` taken from the
    applicant's first career focus that has one."""

    paragraph: str = Field(min_length=1)
    fallback_reason: str = Field(min_length=1)
    reasons: dict[str, str] = Field(default_factory=dict)


class TrackRules(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    label: str = Field(min_length=1)
    short_label: str | None = None
    order: int = 100
    relevance_model: Literal["tiers", "slots"]
    relevance_note: str = ""
    max_letters: int = Field(ge=1, le=8)
    # A letter counts towards a requirement only when its value reaches this ("credible").
    credible_min_value: float = Field(ge=0, le=100)
    # A letter beyond min_letters is sent only when every letter in the set reaches this and
    # has no warning or error of its own.
    fourth_letter_min_value: float = Field(ge=0, le=100)
    fourth_letter_weight: float = Field(ge=0, le=1)
    set_findings: tuple[str, ...] = ()
    verdict: VerdictBands
    recency_factors: dict[str, Weight]
    tiers: dict[int, Weight] | None = None
    slots: dict[str, Weight] | None = None
    requirements: tuple[Requirement, ...] = Field(min_length=1)
    packet_extras: tuple[str, ...] = ()
    ask_email: AskEmail | None = None

    @property
    def short(self) -> str:
        """The name to use where space is short ("Med-Peds")."""
        return self.short_label or self.label

    @property
    def min_letters(self) -> int:
        for r in self.requirements:
            if r.feature == "any" and r.min:
                return r.min
        return 1


# --- errors -------------------------------------------------------------------------------


class RuleProblem(NamedTuple):
    file: str
    where: str  # dotted path in the file, e.g. requirements[2].finding ("" for the whole file)
    message: str

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.file}: {where}{self.message}"


class RulesError(RuntimeError):
    """The rule data is missing or malformed: a deployment problem, not a user one.

    `str()` is the first problem, one located line; `problems` holds them all."""

    def __init__(self, problems: Iterable[RuleProblem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self.problems[0]) if self.problems else "invalid rule data")


# --- the rule book ------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RuleBook:
    """Everything in `lorkit/data/` that lorkit's rules read, validated."""

    directory: Path
    scoring: Scoring
    tracks: Mapping[str, TrackRules]  # in display order
    files: Mapping[str, str]  # "scoring" and each track id → the file it came from, as shown
    terms: Mapping[str, str] = field(default_factory=dict)  # see wording.terms

    def track(self, track_id: str) -> TrackRules:
        return self.tracks[track_id]

    def requirements_naming(self, code: str) -> list[tuple[TrackRules, Requirement]]:
        """Every (track, requirement) whose unmet requirement raises finding `code`."""
        return [(t, r) for t in self.tracks.values() for r in t.requirements if r.finding == code]

    def tracks_raising(self, code: str) -> list[TrackRules]:
        """The tracks whose rules can raise set finding `code`."""
        return [
            t
            for t in self.tracks.values()
            if code in t.set_findings or any(r.finding == code for r in t.requirements)
        ]

    def band_index(self, code: str) -> int | None:
        """The age band that raises letter finding `code`, if any."""
        bands = self.scoring.age_bands.bands
        return next((i for i, b in enumerate(bands) if b.finding == code), None)


def shown_path(path: Path, directory: Path) -> str:
    """A rule file as messages name it: `lorkit/data/…` for the package's own data, the
    path as given for a folder from $LORKIT_DATA_DIR."""
    if directory == _PACKAGE_DATA:
        return (Path("lorkit") / "data" / path.relative_to(directory)).as_posix()
    return str(path)


# --- reading and validating one file ------------------------------------------------------


def _where(loc: tuple[Any, ...]) -> tuple[str, str]:
    """A pydantic location as a dotted path, and a note for a bad dict key."""
    out = ""
    key_note = ""
    for part in loc:
        if part == "[key]":
            key_note = "the key "
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out, key_note


def _plain(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "unknown key: lorkit reads no rule by that name"
    message = str(error.get("msg", "is invalid"))
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    message = message.replace("Input should be", "should be").split(", unable to parse")[0]
    if kind.endswith("_parsing") or kind.endswith("_type"):
        message = f"{message} (got {error.get('input')!r})"
    return message


def _pydantic_problems(exc: ValidationError, file: str) -> list[RuleProblem]:
    problems = []
    for error in exc.errors():
        where, key_note = _where(tuple(error.get("loc", ())))
        problems.append(RuleProblem(file, where, key_note + _plain(error)))
    return problems


M = TypeVar("M", bound=BaseModel)


def _parse(model: type[M], path: Path, file: str, problems: list[RuleProblem]) -> M | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(RuleProblem(file, "", "the file is missing"))
        return None
    except OSError as exc:
        problems.append(RuleProblem(file, "", f"cannot be read ({exc.strerror or exc})"))
        return None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(RuleProblem(file, "", f"is not valid TOML: {exc}"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, file))
        return None


# --- cross-references ----------------------------------------------------------------------------


class _Problems(list[RuleProblem]):
    """The problems found in one file."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file

    def add(self, where: str, message: str) -> None:
        self.append(RuleProblem(self.file, where, message))

    def table(
        self, where: str, table: Mapping[Any, Any], expected: Iterable[Any], what: str
    ) -> None:
        """A table that must have exactly one entry per expected key."""
        expected = list(expected)
        needed = ", ".join(map(str, expected))
        for key in expected:
            if key not in table:
                self.add(where, f"missing {what} {key!r} (needed: {needed})")
        for key in table:
            if key not in expected:
                self.add(f"{where}.{key}", f"no {what} {key!r}; use {needed}")

    def values(self, where: str, values: Iterable[str], allowed: Iterable[str], what: str) -> None:
        """Every value must be one of `allowed`."""
        allowed = list(allowed)
        for i, v in enumerate(values):
            if v not in allowed:
                self.add(f"{where}[{i}]", f"no {what} {v!r}; use {', '.join(allowed)}")

    def raised_from(self, where: str, code: str, switch: str) -> None:
        """`code` must be a registered finding that the rule data raises from `switch`."""
        from lorkit.registry import REGISTRY

        rule = REGISTRY.get(code)
        if rule is None:
            self.add(where, f"no finding {code!r}")
        elif rule.switch.value != switch:
            self.add(where, f"{code!r} cannot be named here: it is {rule.switch.label}")


def _scoring_problems(s: Scoring, file: str) -> list[RuleProblem]:
    from lorkit.enums import PacketItem

    p = _Problems(file)
    _age_band_problems(p, s.age_bands.bands)
    _quality_problems(p, s.quality)
    _plan_problems(p, s.plan)
    p.values("packet.always", s.packet.always, [m.value for m in PacketItem], "packet item")
    _narrative_problems(p, s.narrative)
    return p


def _age_band_problems(p: _Problems, bands: tuple[AgeBand, ...]) -> None:
    """Age bands: increasing, only the last one open-ended, findings that an age band raises."""
    for i, b in enumerate(bands):
        at = f"age_bands.bands[{i}]"
        first = next(j for j, other in enumerate(bands) if other.code == b.code)
        if first != i:
            p.add(f"{at}.code", f"{b.code!r} is used twice (also bands[{first}])")
        if i == len(bands) - 1 and b.max_years is not None:
            p.add(f"{at}.max_years", "the last band must be open-ended (no max_years)")
        if i < len(bands) - 1 and b.max_years is None:
            p.add(f"{at}.max_years", "only the last band may be open-ended")
        before = bands[i - 1].max_years if i else None
        if b.max_years is not None and before is not None and b.max_years <= before:
            p.add(
                f"{at}.max_years",
                f"{wording.num(b.max_years)} is not above the band before it "
                f"({wording.num(before)}): age bands must be in increasing order",
            )
        if b.finding is not None:
            p.raised_from(f"{at}.finding", b.finding, "age_bands.bands[].finding")


def _quality_problems(p: _Problems, q: Quality) -> None:
    """Quality tables: one factor for every value the profile format allows."""
    from lorkit import enums
    from lorkit.letters import EXPERIENCES

    for name, table, enum in (
        ("location", q.location, enums.Location),
        ("relationship", q.relationship, enums.Relationship),
        ("status", q.status, enums.Status),
        ("role", q.role, enums.Role),
    ):
        p.table(f"quality.{name}", table, [m.value for m in enum], name)
    p.table("quality.experience", q.experience, EXPERIENCES, "experience")
    d = q.duration
    if d.medium_min_weeks >= d.long_min_weeks:
        p.add(
            "quality.duration.medium_min_weeks",
            f"{d.medium_min_weeks} must be below long_min_weeks ({d.long_min_weeks})",
        )


def _plan_problems(p: _Problems, plan: PlanOffsets) -> None:
    """Plan offsets: the ask window opens before it closes; the reminders after it, in order."""
    if plan.ask_by_days >= plan.ask_from_days:
        p.add(
            "plan.ask_by_days",
            f"{plan.ask_by_days} days before submission is not after ask_from_days "
            f"({plan.ask_from_days}): the ask window would close before it opens",
        )
    reminders = plan.reminder_days
    if len(reminders) != REMINDERS:
        p.add(
            "plan.reminder_days",
            f"give exactly {REMINDERS} reminders (a gentle one, then a last one); "
            f"got {len(reminders)}",
        )
    for i, days in enumerate(reminders):
        at = f"plan.reminder_days[{i}]"
        if days <= 0:
            p.add(at, f"{days}: a reminder must come before submission")
        elif days > plan.ask_by_days:
            p.add(at, f"{days} days is before the ask-by date ({plan.ask_by_days} days)")
        if i and days >= reminders[i - 1]:
            p.add(
                at,
                f"{days} is not after the reminder before it ({reminders[i - 1]} days): "
                "list reminders from the earliest to the latest",
            )
    if plan.mention_from_days > plan.mention_by_days:
        p.add(
            "plan.mention_from_days",
            f"{plan.mention_from_days} is after mention_by_days ({plan.mention_by_days})",
        )


def _narrative_problems(p: _Problems, narrative: Mapping[str, NarrativeSupport]) -> None:
    """Narrative: every career focus, with real settings, specialties and kinds."""
    from lorkit import enums

    p.table("narrative", narrative, [m.value for m in enums.CareerFocus], "career focus")
    for focus, support in narrative.items():
        at = f"narrative.{focus}"
        p.values(f"{at}.settings", support.settings, enums.Setting.labels(), "setting")
        p.values(
            f"{at}.specialties", support.specialties, enums.RotationSpecialty.labels(), "specialty"
        )
        p.values(f"{at}.kinds", support.kinds, enums.Kind.labels(), "kind")
        p.values(
            f"{at}.writer_specialties",
            support.writer_specialties,
            enums.Specialty.labels(),
            "writer specialty",
        )


def _track_problems(t: TrackRules, s: Scoring, file: str) -> list[RuleProblem]:
    p = _Problems(file)
    _requirement_problems(p, t)
    _set_finding_problems(p, t)
    _relevance_problems(p, t)
    # recency: one factor per age band of scoring.toml
    p.table("recency_factors", t.recency_factors, [b.code for b in s.age_bands.bands], "age band")
    _threshold_problems(p, t)
    _packet_extra_problems(p, t, s)
    _ask_email_problems(p, t)
    return p


def _requirement_problems(p: _Problems, t: TrackRules) -> None:
    """Requirements: unique codes, findings a requirement raises, minimums a set can meet."""
    codes = [r.code for r in t.requirements]
    for i, r in enumerate(t.requirements):
        at = f"requirements[{i}]"
        if codes.index(r.code) != i:
            p.add(
                f"{at}.code", f"{r.code!r} is used twice (also requirements[{codes.index(r.code)}])"
            )
        p.raised_from(f"{at}.finding", r.finding, "requirements[].finding")
        if r.min is not None and r.min > t.max_letters:
            p.add(
                f"{at}.min",
                f"{r.min} can never be met: a set holds at most max_letters ({t.max_letters})",
            )
        if r.suppressed_by is not None and r.suppressed_by not in codes:
            p.add(f"{at}.suppressed_by", f"no requirement {r.suppressed_by!r}")
        elif r.suppressed_by == r.code:
            p.add(f"{at}.suppressed_by", "a requirement cannot suppress itself")


def _set_finding_problems(p: _Problems, t: TrackRules) -> None:
    """The set checks the track switches on by name."""
    for i, code in enumerate(t.set_findings):
        p.raised_from(f"set_findings[{i}]", code, "set_findings")
        if code in t.set_findings[:i]:
            p.add(f"set_findings[{i}]", f"{code!r} is listed twice")


def _relevance_problems(p: _Problems, t: TrackRules) -> None:
    """Relevance tables: complete for what the letters module produces."""
    from lorkit.letters import SLOTS, TIER_LABELS

    if t.relevance_model == "tiers":
        if t.tiers is None:
            p.add("tiers", "a 'tiers' track needs a [tiers] table")
        else:
            p.table("tiers", t.tiers, list(TIER_LABELS), "tier")
    elif t.slots is None:
        p.add("slots", "a 'slots' track needs a [slots] table")
    else:
        p.table("slots", t.slots, list(SLOTS), "slot")


def _threshold_problems(p: _Problems, t: TrackRules) -> None:
    """Verdict bands, letter values and letter counts in a workable order."""
    v = t.verdict
    if not v.at_risk < v.nearly_ready < v.ready:
        p.add(
            "verdict",
            f"the bands must rise: at_risk ({wording.num(v.at_risk)}) < nearly_ready "
            f"({wording.num(v.nearly_ready)}) < ready ({wording.num(v.ready)})",
        )
    if t.credible_min_value > t.fourth_letter_min_value:
        p.add(
            "credible_min_value",
            f"{wording.num(t.credible_min_value)} is above fourth_letter_min_value "
            f"({wording.num(t.fourth_letter_min_value)}): a letter strong enough to send as a "
            "fourth must also count",
        )
    if t.min_letters > t.max_letters:
        p.add("max_letters", f"{t.max_letters} is below the minimum of {t.min_letters} letters")


def _packet_extra_problems(p: _Problems, t: TrackRules, s: Scoring) -> None:
    """Packet extras: real packet items, none already in every packet."""
    from lorkit.enums import PacketItem

    p.values("packet_extras", t.packet_extras, [m.value for m in PacketItem], "packet item")
    for i, item in enumerate(t.packet_extras):
        if item in s.packet.always:
            p.add(f"packet_extras[{i}]", f"{item!r} is already in every packet (scoring.toml)")


def _ask_email_problems(p: _Problems, t: TrackRules) -> None:
    """The e-mail paragraph: only the {reason} placeholder, reasons for real career focuses."""
    from lorkit.enums import CareerFocus

    if t.ask_email is None:
        return
    names = {n for _, n, _, _ in Formatter().parse(t.ask_email.paragraph) if n is not None}
    for name in sorted(names - {"reason"}):
        p.add("ask_email.paragraph", f"unknown placeholder {{{name}}}; use only {{reason}}")
    focuses = [m.value for m in CareerFocus]
    for key in t.ask_email.reasons:
        if key not in focuses:
            p.add(f"ask_email.reasons.{key}", f"no career focus {key!r}; use {', '.join(focuses)}")


def load_book(directory: Path) -> RuleBook:
    """Read and validate every rule file in `directory`; raise RulesError with every problem."""
    problems: list[RuleProblem] = []
    scoring_path = directory / "scoring.toml"
    scoring_file = shown_path(scoring_path, directory)
    parsed_scoring = _parse(Scoring, scoring_path, scoring_file, problems)
    tracks: dict[str, TrackRules] = {}
    files: dict[str, str] = {"scoring": scoring_file}
    paths = sorted((directory / "tracks").glob("*.toml"))
    if not paths:
        folder = shown_path(directory / "tracks", directory)
        problems.append(RuleProblem(folder, "", f"no track rules found in {folder}"))
    for path in paths:
        file = shown_path(path, directory)
        t = _parse(TrackRules, path, file, problems)
        if t is None:
            continue
        if t.id in tracks:
            problems.append(
                RuleProblem(
                    file, "id", f"track id {t.id!r} is defined twice (also in {files[t.id]})"
                )
            )
            continue
        tracks[t.id] = t
        files[t.id] = file
    if parsed_scoring is not None:
        problems += _scoring_problems(parsed_scoring, scoring_file)
        for t in tracks.values():
            problems += _track_problems(t, parsed_scoring, files[t.id])
    if problems or parsed_scoring is None:
        raise RulesError(problems)
    ordered = MappingProxyType(dict(sorted(tracks.items(), key=lambda kv: (kv[1].order, kv[0]))))
    return RuleBook(
        directory=directory,
        scoring=parsed_scoring,
        tracks=ordered,
        files=files,
        terms=wording.terms(parsed_scoring, ordered),
    )


@cache
def book() -> RuleBook:
    """The rule book in force, loaded once. After pointing $LORKIT_DATA_DIR elsewhere or
    editing a rule file in a running process, call `clear_caches()`."""
    return load_book(data_dir())


def clear_caches() -> None:
    """Forget the loaded rule book (the next call reads the files again)."""
    book.cache_clear()


# --- shortcuts ----------------------------------------------------------------------------


def scoring() -> Scoring:
    return book().scoring


def tracks() -> Mapping[str, TrackRules]:
    """Every track's rules, in display order."""
    return book().tracks


def track(track_id: str) -> TrackRules:
    return book().tracks[track_id]


def track_ids() -> tuple[str, ...]:
    return tuple(book().tracks)

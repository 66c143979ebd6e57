"""What a finding rule is, and the helpers that define one.

A finding rule is one object: its code, severity and scope, the words that explain it
(title, when it fires, why it matters, where the advice comes from), the message and fix
templates, and the check that raises it. Templates use `{name}` placeholders: the numbers
of the rule book (see `lorkit.wording.terms`) and the terms the check yields for each
finding (a writer's name, how many letters a set has…).

A check is a function `(context, rule)`. A letter check returns the terms of its finding,
or None (a letter raises a code at most once); a set or profile check yields one dict of
terms per finding to raise, and a profile check about one writer adds `writer_id` to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from string import Formatter
from typing import TYPE_CHECKING, Any, TypeAlias

from lorkit.enums import LabelledEnum, Severity
from lorkit.letters import Letter
from lorkit.models import Profile
from lorkit.rules import RuleBook, TrackRules
from lorkit.selection import RequirementResult

if TYPE_CHECKING:  # lorkit.programs runs these checks, so it cannot be imported here
    from lorkit.programs import ProgramResult


class Scope(LabelledEnum):
    """What a finding is about."""

    LETTER = ("letter", "About one letter", "a letter")
    SET = ("set", "About a track's letter set", "the set")
    PROFILE = ("profile", "About the whole profile and its dates", "the profile")
    PROGRAM = ("program", "About one program on your list", "a program")


class Switch(LabelledEnum):
    """Where the rule data decides whether (and for which track) a finding can fire."""

    ALWAYS = ("always", "raised by its own check")
    REQUIREMENT = (
        "requirements[].finding",
        "raised when a track requirement that names it is not met",
    )
    SET_FINDINGS = (
        "set_findings",
        "raised by its own check, for the tracks whose set_findings list it",
    )
    AGE_BAND = ("age_bands.bands[].finding", "raised for a letter in the age band that names it")


# Where the advice comes from, in plain words.
PEDS_GUIDE = "the Pediatrics letters guide"
MEDPEDS_GUIDE = "the Med-Peds letters guide"
BOTH_GUIDES = "the Pediatrics and Med-Peds letters guides"
ERAS = "ERAS rules"
PROGRAMS = "what programs say on their websites and in advising pages"
LORKIT = "lorkit's own scoring model"

# A tag: the letter findings that say why a letter is never sent. A never-sent letter raises
# only these (its other problems no longer matter: the advice is to choose someone else).
NEVER_SENT = "never-sent"


@dataclass(frozen=True, slots=True)
class LetterContext:
    letter: Letter
    track_labels: tuple[str, ...]  # the applicant's tracks
    book: RuleBook


@dataclass(frozen=True, slots=True)
class SetContext:
    track: TrackRules
    letters: Sequence[Letter]  # every letter still in consideration
    selected: Sequence[Letter]  # the recommended set
    results: Sequence[RequirementResult]
    book: RuleBook


@dataclass(frozen=True, slots=True)
class ProfileContext:
    profile: Profile
    letters: Sequence[Letter]  # every letter still in consideration
    selected_ids: frozenset[str]  # in the recommended set of any track
    as_of: date
    book: RuleBook
    # letters not yet uploaded that a track's set needs to meet its requirements
    needed_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ProgramContext:
    result: ProgramResult  # one program, with its letters chosen and its rules checked
    book: RuleBook


Terms: TypeAlias = Mapping[str, object]
# letter checks: Terms | None; set and profile checks: Iterable[Terms]
Check: TypeAlias = Callable[[Any, "FindingRule"], Any]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@dataclass(frozen=True, slots=True)
class FindingRule:
    code: str
    severity: Severity
    scope: Scope
    title: str  # template
    when: str  # template: when it fires
    why: str  # template: why it matters
    source: str  # where the advice comes from, in plain words
    message: str  # template
    fix: str  # template
    check: Check
    example: Mapping[str, str]  # sample terms of one finding, for docs and tests
    switch: Switch = Switch.ALWAYS
    tags: frozenset[str] = field(default_factory=frozenset)
    # whether the message or fix names a rule-book number (a placeholder no check fills)
    uses_book: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        named = placeholders(self.message) | placeholders(self.fix)
        object.__setattr__(self, "uses_book", bool(named - set(self.example)))

    def render(self, terms: Terms, book: RuleBook) -> tuple[str, str]:
        """(message, fix) for one finding."""
        values = {**book.terms, **terms} if self.uses_book else terms
        return self.message.format_map(values), self.fix.format_map(values)


DEFINED: list[FindingRule] = []


def define(rule: FindingRule) -> FindingRule:
    """Add a rule to the registry (in definition order; codes are unique)."""
    if any(r.code == rule.code for r in DEFINED):
        raise ValueError(f"finding {rule.code!r} is defined twice")
    DEFINED.append(rule)
    return rule


def finding(
    code: str,
    severity: Severity,
    scope: Scope,
    *,
    title: str,
    when: str,
    why: str,
    source: str,
    message: str,
    fix: str,
    example: Mapping[str, str] | None = None,
    switch: Switch = Switch.ALWAYS,
    tags: Iterable[str] = (),
) -> Callable[[Check], FindingRule]:
    """Decorate a check to make it the check of a new finding rule."""

    def wrap(check: Check) -> FindingRule:
        return define(
            FindingRule(
                code=code,
                severity=severity,
                scope=scope,
                title=title,
                when=when,
                why=why,
                source=source,
                message=message,
                fix=fix,
                check=check,
                example=dict(example or {}),
                switch=switch,
                tags=frozenset(tags),
            )
        )

    return wrap

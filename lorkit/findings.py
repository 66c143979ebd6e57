"""Running the registry's checks: letters, chosen sets and dates in, findings out.

Which findings exist, and the words and checks behind each, live in `lorkit.registry`
(one object per code); this module only runs them in the right scope and sorts the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from lorkit import rules
from lorkit.checks.base import (
    NEVER_SENT,
    FindingRule,
    LetterContext,
    ProfileContext,
    ProgramContext,
    SetContext,
    Terms,
)
from lorkit.enums import Severity, Status
from lorkit.letters import Letter
from lorkit.models import Profile
from lorkit.registry import REGISTRY, Scope, in_scope
from lorkit.selection import RequirementResult

if TYPE_CHECKING:
    from lorkit.programs import ProgramResult

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_LETTER_RULES = in_scope(Scope.LETTER)
_NEVER_SENT_RULES = tuple(r for r in _LETTER_RULES if NEVER_SENT in r.tags)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    track: str | None
    writer_id: str | None
    message: str
    fix: str
    program_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "track": self.track,
            "writer_id": self.writer_id,
            "program_id": self.program_id,
            "message": self.message,
            "fix": self.fix,
        }


def _raise(
    rule: FindingRule,
    terms: Terms,
    book: rules.RuleBook,
    *,
    track: str | None = None,
    writer_id: str | None = None,
) -> Finding:
    if "writer_id" in terms:  # a profile check names the writer a finding is about
        values = dict(terms)
        writer_id = str(values.pop("writer_id"))
        terms = values
    message, fix = rule.render(terms, book)
    return Finding(rule.code, rule.severity, track, writer_id, message, fix)


def letter_findings(letter: Letter, tracks: Sequence[str]) -> list[Finding]:
    """What the letter-scope rules say about one letter: nothing for a declined writer, and
    for another letter that is never sent only why (its other problems no longer matter)."""
    if letter.writer.status == Status.DECLINED:
        return []
    book = rules.book()
    ctx = LetterContext(letter, tuple(book.tracks[t].label for t in tracks), book)
    out = []
    for r in _LETTER_RULES if letter.viable else _NEVER_SENT_RULES:
        terms = r.check(ctx, r)
        if terms is not None:
            out.append(_raise(r, terms, book, writer_id=letter.id))
    return out


def set_findings(
    track: rules.TrackRules,
    letters: Sequence[Letter],
    selected: Sequence[Letter],
    results: Sequence[RequirementResult],
) -> list[Finding]:
    """The findings of a track's set: its unmet requirements (each raises the finding it
    names), then the set checks the track switches on in `set_findings`."""
    book = rules.book()
    ctx = SetContext(track, letters, selected, results, book)
    codes = list(dict.fromkeys(r.finding for r in track.requirements))
    codes += [c for c in track.set_findings if c not in codes]
    out = []
    for code in codes:
        r = REGISTRY[code]
        out += [_raise(r, terms, book, track=track.id) for terms in r.check(ctx, r)]
    return out


def profile_findings(
    profile: Profile,
    letters: Sequence[Letter],
    selected_ids: set[str],
    as_of: date,
    needed_ids: Iterable[str] = (),
) -> list[Finding]:
    """What the profile-scope rules say about the whole profile and its dates. `needed_ids`:
    letters not yet uploaded that a track's set needs to meet its requirements."""
    book = rules.book()
    ctx = ProfileContext(
        profile, letters, frozenset(selected_ids), as_of, book, frozenset(needed_ids)
    )
    return [_raise(r, terms, book) for r in in_scope(Scope.PROFILE) for terms in r.check(ctx, r)]


def sort_findings(
    findings: Iterable[Finding],
    writer_order: dict[str, int],
    program_order: dict[str, int] | None = None,
) -> list[Finding]:
    programs = program_order or {}
    return sorted(
        findings,
        key=lambda f: (
            SEVERITY_ORDER[f.severity],
            f.track or "",
            programs.get(f.program_id or "", -1),
            writer_order.get(f.writer_id or "", -1),
            f.code,
        ),
    )


def program_findings(result: ProgramResult) -> list[Finding]:
    """What the program-scope rules say about one program on the list."""
    book = rules.book()
    ctx = ProgramContext(result, book)
    return [
        replace(_raise(r, terms, book), program_id=result.program.id)
        for r in in_scope(Scope.PROGRAM)
        for terms in r.check(ctx, r)
    ]

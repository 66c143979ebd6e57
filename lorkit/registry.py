"""The registry of findings: every code lorkit can raise, as a linter's rule catalogue.

Each code is one `FindingRule` (see `lorkit.checks.base`), defined beside its check in
`lorkit/checks/letters.py`, `sets.py` or `profile.py`. This module collects them and
describes them in words, with the numbers of the rule book filled in: the Method page, the
README table (`python -m lorkit codes --format markdown`), the CLI and the Assessment page
all read these descriptions, so a code is explained in exactly one place.
"""

from __future__ import annotations

import json
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType

from lorkit import rules
from lorkit.checks import letters as _letter_checks  # noqa: F401  (defines the rules)
from lorkit.checks import profile as _profile_checks  # noqa: F401
from lorkit.checks import programs as _program_checks  # noqa: F401
from lorkit.checks import sets as _set_checks  # noqa: F401
from lorkit.checks.base import DEFINED, FindingRule, Scope, Switch, placeholders
from lorkit.enums import Severity
from lorkit.rules import RuleBook
from lorkit.wording import band_phrase, distinct, share

__all__ = [
    "REGISTRY",
    "Description",
    "FindingRule",
    "Scope",
    "Switch",
    "describe",
    "in_scope",
    "placeholders",
    "rule",
    "table",
    "tagged",
    "title",
]

# By scope (letter, set, profile, program), then in the order the checks modules define them.
_ORDER = list(Scope)
REGISTRY: Mapping[str, FindingRule] = MappingProxyType(
    {r.code: r for r in sorted(DEFINED, key=lambda r: _ORDER.index(r.scope))}
)
_BY_SCOPE = {scope: tuple(r for r in REGISTRY.values() if r.scope == scope) for scope in Scope}


def rule(code: str) -> FindingRule:
    return REGISTRY[code]


def in_scope(scope: Scope) -> tuple[FindingRule, ...]:
    """The rules about one scope, in registry order."""
    return _BY_SCOPE[scope]


def tagged(tag: str) -> tuple[str, ...]:
    """The codes carrying a tag, e.g. "plan" for the findings the Plan page shows."""
    return tuple(code for code, r in REGISTRY.items() if tag in r.tags)


# --- descriptions with the rule book's numbers --------------------------------------------


@dataclass(frozen=True, slots=True)
class Description:
    code: str
    severity: Severity
    scope: Scope
    title: str
    when: str
    why: str
    source: str
    switch: Switch
    tracks: tuple[str, ...]  # set findings: the tracks whose rules can raise it
    active: bool  # False: nothing in the current rule data raises it
    tags: tuple[str, ...]

    @property
    def about(self) -> str:
        """What the finding is about, in a few words ("letter", "set: Pediatrics, Med-Peds")."""
        if self.scope != Scope.SET:
            return self.scope.value
        return "set: " + (", ".join(self.tracks) if self.tracks else "no track")

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data.update(
            severity=self.severity.value,
            scope=self.scope.value,
            switch=self.switch.value,
            tracks=list(self.tracks),
            tags=list(self.tags),
            about=self.about,
        )
        return data


def _requirement_terms(book: RuleBook, code: str, track_id: str | None) -> dict[str, str]:
    pairs = [(t, r) for t, r in book.requirements_naming(code) if track_id in (None, t.id)]
    mins = [(str(r.min), t.short) for t, r in pairs if r.min is not None]
    shares = [(share(r.min_share), t.short) for t, r in pairs if r.min_share is not None]
    others = [(share(1 - r.min_share), t.short) for t, r in pairs if r.min_share is not None]
    return {
        "need": distinct(mins) or "the required number of",
        "share": distinct(shares) or "the required share",
        "other_share": distinct(others) or "the allowed share",
    }


def _band_terms(book: RuleBook, code: str) -> dict[str, str]:
    index = book.band_index(code)
    if index is None:
        return {"band": "too many years"}
    return {"band": band_phrase(book.scoring.age_bands.bands, index)}


def describe_terms(code: str, book: RuleBook, track_id: str | None = None) -> Mapping[str, str]:
    """The placeholders a rule's title, "when" and "why" may use: the rule book's numbers,
    plus the numbers of the requirement or age band that raises it."""
    r = REGISTRY[code]
    extra: dict[str, str] = {}
    if r.switch == Switch.REQUIREMENT:
        extra = _requirement_terms(book, code, track_id)
    elif r.switch == Switch.AGE_BAND:
        extra = _band_terms(book, code)
    return ChainMap(extra, dict(book.terms))


def describe(code: str, book: RuleBook | None = None, track_id: str | None = None) -> Description:
    """A finding rule in words, with the numbers of the rule book in force (of one track's
    requirements when `track_id` is given)."""
    book = book or rules.book()
    r = REGISTRY[code]
    values = describe_terms(code, book, track_id)
    tracks: tuple[str, ...] = ()
    active = True
    if r.scope == Scope.SET:
        tracks = tuple(t.short for t in book.tracks_raising(code))
        active = bool(tracks)
    elif r.switch == Switch.AGE_BAND:
        active = book.band_index(code) is not None
    return Description(
        code=r.code,
        severity=r.severity,
        scope=r.scope,
        title=r.title.format_map(values),
        when=r.when.format_map(values),
        why=r.why.format_map(values),
        source=r.source,
        switch=r.switch,
        tracks=tracks,
        active=active,
        tags=tuple(sorted(r.tags)),
    )


def title(code: str, track_id: str | None = None) -> str:
    """A finding's title, with the numbers of its track's rules."""
    return describe(code, track_id=track_id).title


def descriptions(book: RuleBook | None = None) -> list[Description]:
    book = book or rules.book()
    return [describe(code, book) for code in REGISTRY]


# --- the table of codes -------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(fmt: str = "text", book: RuleBook | None = None) -> str:
    """Every code as a Markdown table (the README's), JSON or plain text."""
    rows = descriptions(book)
    if fmt == "json":
        return json.dumps([d.to_dict() for d in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| Code | Severity | About | Fires when |", "|---|---|---|---|"]
        lines += [
            f"| `{d.code}` | {d.severity.value} | {_cell(d.about)} | {_cell(d.when)} |"
            for d in rows
        ]
        return "\n".join(lines) + "\n"
    if fmt == "text":
        width = max(len(d.code) for d in rows)
        about = max(len(d.about) for d in rows)
        return "".join(
            f"{d.code:<{width}}  {d.severity.value:<7}  {d.about:<{about}}  {d.when}\n"
            for d in rows
        )
    raise ValueError(f"unknown format {fmt!r}")

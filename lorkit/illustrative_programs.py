"""The illustrative program list shipped with lorkit (lorkit/data/programs/illustrative.toml).

A handful of real programs' published letter rules, in lorkit's own words, each with the
address it was read from and the date. Program pages change every season, so the app
labels every entry "Illustrative — verify on the program's site". An entry is checked with
the same `Program` model as a profile's programs when the file is loaded; a broken entry
stops the load with one located line, like the rule book.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lorkit.enums import ChairLetter, ObservershipLetters
from lorkit.models import Program
from lorkit.profile_io import problems_from
from lorkit.rules import data_dir, track_ids

FILE = Path("programs") / "illustrative.toml"
LABEL = "Illustrative — verify on the program's site"
ERAS_MOST = Program.model_fields["letters_max"].default  # letters ERAS lets a program receive


class IllustrativeError(ValueError):
    """The illustrative list cannot be read; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class IllustrativeProgram:
    key: str  # names the entry for good; not the id it gets on the applicant's list
    program: Program

    @property
    def as_of(self) -> date | None:
        return self.program.as_of


def path() -> Path:
    return data_dir() / FILE


def _entry(where: str, raw: Any) -> IllustrativeProgram:
    if not isinstance(raw, dict):
        raise IllustrativeError(f"{where}: expected a table of program fields")
    fields = dict(raw)
    key = fields.pop("key", None)
    if not isinstance(key, str) or not key:
        raise IllustrativeError(f"{where}.key: every entry needs a key")
    for needed in ("source_url", "as_of"):
        if needed not in fields:
            raise IllustrativeError(
                f"{where}.{needed}: every entry says where and when it was read"
            )
    try:
        # The key doubles as the id while the entry is only shown; adding it gives a fresh id.
        program = Program.model_validate({"id": key, **fields})
    except ValidationError as exc:
        first = problems_from(exc)[0]
        raise IllustrativeError(f"{where}.{first.where}: {first.message}") from None
    return IllustrativeProgram(key, program)


@cache
def _load(file: Path, tracks: tuple[str, ...]) -> tuple[IllustrativeProgram, ...]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()  # a rule-data folder of its own ($LORKIT_DATA_DIR) may ship no list
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IllustrativeError(f"{file}: {exc}") from None
    entries = data.get("programs", [])
    if not isinstance(entries, list):
        raise IllustrativeError(f"{file}: programs must be a list of tables")
    out: list[IllustrativeProgram] = []
    for i, raw in enumerate(entries):
        # A program of a track this rule book does not have is not shown (and not checked).
        if isinstance(raw, dict) and raw.get("track") not in tracks:
            continue
        entry = _entry(f"{file}: programs[{i}]", raw)
        if entry.key in {e.key for e in out}:
            raise IllustrativeError(f"{file}: programs[{i}].key: {entry.key!r} is used twice")
        out.append(entry)
    return tuple(out)


def illustrative_programs() -> tuple[IllustrativeProgram, ...]:
    """The entries for the tracks in the rule book, in the file's order."""
    return _load(path(), track_ids())


def find(key: str) -> IllustrativeProgram | None:
    return next((e for e in illustrative_programs() if e.key == key), None)


def as_row(entry: IllustrativeProgram, new_id: str) -> dict[str, Any]:
    """The entry as a row of the applicant's program list, with a fresh id; its notes say
    where it came from, so the reminder to verify travels with it."""
    row = entry.program.model_dump(mode="json")
    row["id"] = new_id
    read = f" (read {entry.as_of.isoformat()})" if entry.as_of else ""
    origin = f"From lorkit's illustrative list{read}: verify on the program's site."
    notes = entry.program.notes
    row["notes"] = f"{origin} {notes}" if notes else origin
    return row


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _count_rules(p: Program) -> list[str]:
    out: list[str] = []
    if p.letters_min is not None:
        most = f" (reads at most {p.letters_max})" if p.letters_max < ERAS_MOST else ""
        out.append(f"at least {_plural(p.letters_min, 'letter', 'letters')}{most}")
    for n, who in (
        (p.min_pediatric_letters, "a pediatrician"),
        (p.min_im_letters, "an internist"),
        (p.min_us_letters, "a US physician"),
    ):
        if n:
            out.append(f"{n} or more from {who}" if n > 1 else f"at least 1 from {who}")
    if p.min_us_letters == 0:
        out.append("letters need not come from the US")
    return out


def rule_summary(p: Program) -> str:
    """The rules a program states, in a few plain words; unknown rules are left out."""
    parts = _count_rules(p)
    chair = {
        ChairLetter.REQUIRED: "a chair letter is required",
        ChairLetter.PREFERRED: "a chair letter is preferred",
        ChairLetter.NOT_REQUIRED: "no chair letter needed",
    }.get(p.chair_letter)
    parts += [chair] if chair else []
    if p.observership_letters == ObservershipLetters.NOT_ACCEPTED:
        parts.append("observership letters not counted")
    if p.letter_max_age_months is not None:
        parts.append(f"letters from the last {p.letter_max_age_months} months")
    if p.graduation_within_years is not None:
        parts.append(f"graduated within {_plural(p.graduation_within_years, 'year', 'years')}")
    if p.visa == []:
        parts.append("sponsors no visa")
    elif p.visa is not None:
        names = " or ".join(v.label for v in p.visa)
        parts.append(f"visa: {names} only" if len(p.visa) == 1 else f"visa: {names}")
    if not parts:
        return "States none of the letter rules lorkit checks."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def clear_cache() -> None:
    _load.cache_clear()

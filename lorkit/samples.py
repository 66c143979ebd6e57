"""The sample applicants shipped in lorkit/data/samples, with a line about each.

The samples are dated absolutely (a submission in September 2027 and experiences before it).
`shift_to_next_season` moves a sample's dates by whole years so that it reads as the coming
application season whenever it is opened; the file on disk never changes.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lorkit.rules import data_dir


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    title: str
    blurb: str


SAMPLES = (
    Sample(
        "pediatrics-guide-example",
        "Pediatrics, US experience",
        "The Pediatrics guide's example: US wards, clinic and NICU months, an internal-medicine "
        "month with adolescents and a research year. Ready, with four strong letters.",
    ),
    Sample(
        "med-peds-complete",
        "Med-Peds, complete",
        "US internal-medicine, pediatrics and family-medicine letters: ready for Med-Peds, where "
        "family medicine fills the third place, but one pediatrician short for Pediatrics.",
    ),
    Sample(
        "home-country-heavy",
        "Mostly home-country letters",
        "A reapplicant who graduated years ago: home-country pediatricians, US observerships, "
        "last season's letter and a family friend. Shows what to fix, with two saved "
        "what-if scenarios to compare.",
    ),
    Sample(
        "early-stage",
        "Early stage, rotations ahead",
        "Student electives from years back that will count as old letters, a home-country "
        "letter, and US rotations still to come: the plan shows when to mention and ask.",
    ),
)


def sample_path(name: str) -> Path:
    return data_dir() / "samples" / f"{name}.json"


def load_sample(name: str) -> dict[str, Any]:
    if name not in {s.name for s in SAMPLES}:
        raise KeyError(name)
    return json.loads(sample_path(name).read_text(encoding="utf-8"))


# --- moving a sample to the coming season ----------------------------------------------------

_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR_KEYS = frozenset({"graduation_year"})


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def seasons_ahead(submission: date, today: date) -> int:
    """Whole years to add to `submission` so that it is the next submission date on or after
    `today` (negative for a sample dated further ahead than that)."""
    years = today.year - submission.year
    if _add_years(submission, years) < today:
        years += 1
    return years


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, dict):
        return {
            k: (
                v + years
                if k in _YEAR_KEYS and isinstance(v, int) and not isinstance(v, bool)
                else _shift(v, years)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_shift(v, years) for v in value]
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            return _add_years(date.fromisoformat(value), years).isoformat()
        except ValueError:
            return value
    return value


def shift_to_next_season(raw: dict[str, Any], today: date) -> dict[str, Any]:
    """A copy of a sample profile (a raw dict) with every date, and the graduation year,
    moved by the same whole number of years, so that its submission date is the next one on
    or after `today`: the sample then reads as the coming application season. Experiences
    keep their place relative to the submission date (a rotation three months before it stays
    three months before it). A dict without a readable submission date is returned as a copy
    unchanged."""
    out = copy.deepcopy(raw)
    applicant = raw.get("applicant") if isinstance(raw, dict) else None
    text = applicant.get("submission_date") if isinstance(applicant, dict) else None
    if not isinstance(text, str) or not _ISO_DAY.match(text):
        return out
    try:
        submission = date.fromisoformat(text)
    except ValueError:
        return out
    years = seasons_ahead(submission, today)
    return out if years == 0 else _shift(out, years)

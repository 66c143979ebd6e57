"""Small builders for hand-made test profiles.

Every default describes the strongest ordinary case: a US pediatric attending who
supervised the applicant directly for four weeks on a hands-on US rotation, agreed to
write a strong letter, and knows the applicant's goal. Tests change one thing at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from lorkit.models import Profile

SUBMISSION = date(2027, 9, 8)

# A rotation's specialty and setting that match each writer specialty.
HOME_SERVICE = {
    "pediatrics": "pediatrics",
    "peds-subspecialty": "peds-subspecialty",
    "internal-medicine": "internal-medicine",
    "im-subspecialty": "im-subspecialty",
    "med-peds": "med-peds",
    "family-medicine": "family-medicine",
    "other-clinical": "other-clinical",
    "non-clinical": "non-clinical",
}


def rotation(rid: str = "r1", **changes: Any) -> dict[str, Any]:
    """A four-week hands-on US pediatrics sub-internship that ended before AS_OF."""
    data: dict[str, Any] = {
        "id": rid,
        "institution": "Test Children's Hospital",
        "location": "us",
        "specialty": "pediatrics",
        "setting": "inpatient",
        "kind": "sub-internship",
        "start": "2026-06-01",
        "end": "2026-06-28",
    }
    data.update(changes)
    return data


def writer(wid: str = "w1", **changes: Any) -> dict[str, Any]:
    """A strong letter: US pediatric attending, direct supervision, agreed to write strongly."""
    data: dict[str, Any] = {
        "id": wid,
        "name": f"Dr. {wid}",
        "role": "attending",
        "specialty": "pediatrics",
        "location": "us",
        "rotation_id": "r1",
        "relationship": "direct-supervision",
        "status": "agreed-strong",
        "asked_on": None,
        "letter_date": None,
        "waived": True,
        "asked_for_strong": True,
        "knows_goal": True,
        "peds_exposure": False,
        "asked_to_self_draft": False,
    }
    data.update(changes)
    return data


# A recent four-week Monday-to-Friday block (26 days: 4 working weeks) that ended before
# AS_OF and less than a year before SUBMISSION, so that its letter counts in full.
RECENT_START = "2026-10-05"
RECENT_END = "2026-10-30"


def letter_pair(
    n: int | str,
    *,
    specialty: str = "pediatrics",
    location: str = "us",
    kind: str = "sub-internship",
    start: str = RECENT_START,
    end: str = RECENT_END,
    service: str | None = None,
    **writer_changes: Any,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A writer (id w<n>) and their own recent four-week rotation (id r<n>) on the matching
    service."""
    rot = rotation(
        f"r{n}",
        specialty=service or HOME_SERVICE[specialty],
        location=location,
        kind=kind,
        start=start,
        end=end,
    )
    wr = writer(
        f"w{n}", specialty=specialty, location=location, rotation_id=f"r{n}", **writer_changes
    )
    return rot, wr


def profile_dict(
    pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]] = (),
    *,
    rotations: Sequence[dict[str, Any]] = (),
    writers: Sequence[dict[str, Any]] = (),
    tracks: Sequence[str] = ("pediatrics",),
    submission: date = SUBMISSION,
    career_focus: Sequence[str] = (),
) -> dict[str, Any]:
    rots = list(rotations)
    wrs = list(writers)
    for rot, wr in pairs:
        rots.append(rot)
        wrs.append(wr)
    return {
        "format": "lorkit-profile",
        "version": 1,
        "applicant": {
            "name": "Test Applicant",
            "tracks": list(tracks),
            "submission_date": submission.isoformat(),
            "graduation_year": 2024,
            "needs_visa": True,
            "career_focus": list(career_focus),
        },
        "rotations": rots,
        "writers": wrs,
    }


def make_profile(
    pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]] = (), **kwargs: Any
) -> Profile:
    """A validated Profile built from writer/rotation pairs and/or loose lists."""
    return Profile.model_validate(profile_dict(pairs, **kwargs))


def strong_pediatrics_set(count: int = 3) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """`count` strong US pediatric letters: a Pediatrics set with nothing to report."""
    return [letter_pair(i) for i in range(1, count + 1)]


def strong_med_peds_set() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """US IM, US pediatrics and US Med-Peds letters: a Med-Peds set with nothing to report."""
    return [
        letter_pair("im", specialty="internal-medicine"),
        letter_pair("peds", specialty="pediatrics"),
        letter_pair("mp", specialty="med-peds"),
    ]


def years_before(day: date, years: float) -> str:
    """The ISO date `years` (365.25-day years) before `day`, for letter ages."""
    return (day - timedelta(days=round(years * 365.25))).isoformat()

"""Rule-book numbers in plain words, for finding texts, captions, the calendar and Method.

Nothing here holds a threshold: every function renders a number it is given, so when the
rule data changes, every sentence built from it changes too. No lorkit imports at module
level (the rule book imports this module while it loads).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lorkit.rules import AgeBand, RuleBook, Scoring, TrackRules, VerdictBands

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def num(x: float) -> str:
    """2.0 → "2", 1.5 → "1.5", 1.43 → "1.4"."""
    x = round(float(x), 1)
    return str(int(x)) if x == int(x) else f"{x:.1f}"


def weeks(days: float) -> str:
    """A number of days as a number of weeks: 14 → "2", 10 → "1.4"."""
    return num(days / 7)


def span(days: float, *, words: bool = False) -> str:
    """A number of days as a duration in weeks: 14 → "2 weeks", 7 → "1 week" (or, with
    `words`, "two weeks" / "one week" for whole weeks up to ten)."""
    count = weeks(days)
    unit = "week" if count == "1" else "weeks"
    if words and count.isdigit() and int(count) < len(_WORDS):
        count = _WORDS[int(count)]
    return f"{count} {unit}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """The word for `count` things: plural(1, "letter") → "letter", plural(3, …) → "letters"."""
    return word if count == 1 else (many or word + "s")


def of_100(value: float, floor: float | None = None) -> str:
    """A letter's value on its scale: 43.6 → "44 of 100". Next to a `floor` the value is
    below, it never rounds up to the floor: 69.9 next to 70 → "69.9 of 100"."""
    if floor is not None and value < floor <= round(value):
        return f"{math.floor(value * 10) / 10:.1f} of 100"
    return f"{value:.0f} of 100"


def share(fraction: float) -> str:
    """0.5 → "half", 0.25 → "25%"."""
    return "half" if math.isclose(fraction, 0.5) else f"{fraction * 100:.0f}%"


def and_list(items: Sequence[str]) -> str:
    """["a"] → "a", ["a", "b"] → "a and b", ["a", "b", "c"] → "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def numbered_repeats(labels: Iterable[str]) -> list[str]:
    """The labels with " (2)", " (3)" after a repeat, so that each names one row or column:
    two writers or scenarios may share a name."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def distinct(values: Iterable[tuple[str, str]]) -> str:
    """One number when every track agrees, else each with its tracks: values are
    (number, track label) pairs. [("3", "A"), ("3", "B")] → "3";
    [("3", "A"), ("4", "B")] → "3 (A) or 4 (B)"."""
    by_number: dict[str, list[str]] = {}
    for number, label in values:
        by_number.setdefault(number, []).append(label)
    if len(by_number) <= 1:
        return next(iter(by_number), "")
    return " or ".join(f"{n} ({', '.join(labels)})" for n, labels in by_number.items())


# --- age bands ----------------------------------------------------------------------------


def band_edges(bands: Sequence[AgeBand], index: int) -> tuple[float, float | None]:
    """(lower, upper) edge in years of band `index`; the last band has no upper edge."""
    lower = 0.0 if index == 0 else bands[index - 1].max_years or 0.0
    return lower, bands[index].max_years


def band_phrase(bands: Sequence[AgeBand], index: int) -> str:
    """How old a letter in band `index` is: "between 2 and 3 years", "more than 3 years",
    "up to 1 year"."""
    lower, upper = band_edges(bands, index)
    if upper is None:
        return f"more than {_years(lower)}"
    if lower == 0:
        return f"up to {_years(upper)}"
    return f"between {num(lower)} and {num(upper)} years"


def _years(x: float) -> str:
    return f"{num(x)} {'year' if num(x) == '1' else 'years'}"


# --- the terms every finding text may use -------------------------------------------------


def terms(scoring: Scoring, tracks: Mapping[str, TrackRules]) -> dict[str, str]:
    """The rule-book numbers a finding's title, "when", "why", message or fix may name, as
    `{name}` placeholders. Per-track numbers are given once when every track agrees."""
    plan = scoring.plan
    timing = scoring.timing
    duration = scoring.quality.duration
    first_reminder, last_reminder = plan.reminder_days[0], plan.reminder_days[-1]
    values = tracks.values()
    return {
        "short_rotation_weeks": str(timing.short_rotation_weeks),
        "long_rotation_weeks": str(duration.long_min_weeks),
        "medium_rotation_weeks": str(duration.medium_min_weeks),
        "graduation_gap_years": str(timing.graduation_gap_years),
        "credible_min_value": distinct((num(t.credible_min_value), t.short) for t in values),
        "fourth_letter_min_value": distinct(
            (num(t.fourth_letter_min_value), t.short) for t in values
        ),
        "ready": distinct((num(t.verdict.ready), t.short) for t in values),
        "ask_from_weeks": weeks(plan.ask_from_days),
        "ask_by_weeks": weeks(plan.ask_by_days),
        "first_reminder": span(first_reminder),
        "last_reminder": span(last_reminder),
        "reminder_window_weeks": weeks(timing.reminder_window_days),
        "max_penalty": f"{scoring.set_score.max_penalty:.0%}",
        "max_letters": distinct((str(t.max_letters), t.short) for t in tracks.values()),
        "min_letters": distinct((str(t.min_letters), t.short) for t in tracks.values()),
    }


# --- captions -----------------------------------------------------------------------------


def verdict_edges(v: VerdictBands) -> tuple[int, int, int]:
    """The lowest whole readiness of each band: (ready, nearly ready, at risk)."""
    return math.ceil(v.ready), math.ceil(v.nearly_ready), math.ceil(v.at_risk)


def verdict_phrase(v: VerdictBands) -> str:
    """ "80 or more is ready (if nothing must be fixed), 60–79 nearly ready, 40–59 at risk,
    below 40 not ready" for integer readiness."""
    ready, nearly, risk = verdict_edges(v)
    return (
        f"{ready} or more is ready (if nothing must be fixed), {nearly}–{ready - 1} nearly "
        f"ready, {risk}–{nearly - 1} at risk, below {risk} not ready"
    )


def verdict_caption(tracks: Sequence[TrackRules]) -> str:
    """The verdict bands of these tracks in one sentence (each track named only when the
    tracks' bands differ)."""
    phrases: dict[str, list[str]] = {}
    for t in tracks:
        phrases.setdefault(verdict_phrase(t.verdict), []).append(t.short)
    if len(phrases) <= 1:
        return next(iter(phrases), "")
    return "; ".join(f"{and_list(labels)}: {p}" for p, labels in phrases.items())


def recency_caption(book: RuleBook) -> str:
    """ "Letters past 2 years lose weight; past 3 years they count against you." from the age
    bands that raise a finding and that finding's severity."""
    from lorkit.enums import Severity
    from lorkit.registry import REGISTRY

    effect = {Severity.ERROR: "count against you", Severity.WARNING: "lose weight"}
    bands = book.scoring.age_bands.bands
    parts: list[str] = []
    for i, band in enumerate(bands):
        if not band.finding or band.finding not in REGISTRY:
            continue
        lower, _ = band_edges(bands, i)
        what = effect.get(REGISTRY[band.finding].severity, "are flagged")
        parts.append(f"past {num(lower)} years" + (f" {what}" if not parts else f" they {what}"))
    if not parts:
        return ""
    return "Letters " + "; ".join(parts) + "."

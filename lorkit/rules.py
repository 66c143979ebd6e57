"""Rules as data: the shared scoring weights and one file per track, validated on load.

Changing a threshold or adding a track means editing `data/`, not this code.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

Factor = float  # a multiplier in (0, 1]; 0 only for "declined"

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
)


def data_dir() -> Path:
    """Where the rule files live: $LORKIT_DATA_DIR, else the repository's data/."""
    override = os.environ.get("LORKIT_DATA_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "data"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgeBand(_Strict):
    code: str
    label: str
    max_years: float | None = None
    finding: str | None = None


class AgeBands(_Strict):
    bands: tuple[AgeBand, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> AgeBands:
        edges = [b.max_years for b in self.bands[:-1]]
        if any(e is None for e in edges) or self.bands[-1].max_years is not None:
            raise ValueError("only the last age band may be open-ended, and it must be")
        if edges != sorted(edges):
            raise ValueError("age bands must be in increasing order")
        return self


class Duration(_Strict):
    long_min_days: int = Field(gt=0)
    medium_min_days: int = Field(gt=0)
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
    ask_from_days: int
    ask_by_days: int
    reminder_days: tuple[int, ...]
    mention_from_days: int
    mention_by_days: int


class Timing(_Strict):
    short_rotation_days: int
    reminder_window_days: int


class NarrativeSupport(_Strict):
    settings: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


class Scoring(_Strict):
    age_bands: AgeBands
    quality: Quality
    plan: PlanOffsets
    timing: Timing
    narrative: dict[str, NarrativeSupport]


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
    ready: float
    nearly_ready: float
    at_risk: float


class TrackRules(_Strict):
    id: str
    label: str
    order: int = 100
    relevance_model: Literal["tiers", "slots"]
    max_letters: int = Field(ge=1, le=8)
    fourth_letter_min_value: float = Field(ge=0, le=100)
    fourth_letter_weight: float = Field(ge=0, le=1)
    set_findings: tuple[str, ...] = ()
    verdict: VerdictBands
    recency_factors: dict[str, Factor]
    tiers: dict[int, Factor] | None = None
    slots: dict[str, Factor] | None = None
    requirements: tuple[Requirement, ...]

    @model_validator(mode="after")
    def _table_for_model(self) -> TrackRules:
        if self.relevance_model == "tiers" and not self.tiers:
            raise ValueError("a 'tiers' track needs a [tiers] table")
        if self.relevance_model == "slots" and not self.slots:
            raise ValueError("a 'slots' track needs a [slots] table")
        codes = [r.code for r in self.requirements]
        if len(codes) != len(set(codes)):
            raise ValueError("requirement codes must be unique")
        for r in self.requirements:
            if r.suppressed_by and r.suppressed_by not in codes:
                raise ValueError(f"{r.code}: suppressed_by names no requirement")
        return self

    @property
    def min_letters(self) -> int:
        for r in self.requirements:
            if r.feature == "any" and r.min:
                return r.min
        return 1


class RulesError(RuntimeError):
    """A rule file is missing or malformed: a deployment problem, not a user one."""


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path}: {exc}") from exc


M = TypeVar("M", bound=BaseModel)


def _validated(model: type[M], path: Path) -> M:
    try:
        return model.model_validate(_read_toml(path))
    except ValidationError as exc:
        raise RulesError(f"{path}: {exc}") from exc


@cache
def scoring() -> Scoring:
    rules = _validated(Scoring, data_dir() / "scoring.toml")
    bands = {b.code for b in rules.age_bands.bands}
    for t in _load_tracks(data_dir()).values():
        if set(t.recency_factors) != bands:
            raise RulesError(f"track {t.id}: recency_factors must cover the bands {sorted(bands)}")
    return rules


@cache
def _load_tracks(directory: Path) -> dict[str, TrackRules]:
    tracks: dict[str, TrackRules] = {}
    for path in sorted((directory / "tracks").glob("*.toml")):
        rules = _validated(TrackRules, path)
        if rules.id in tracks:
            raise RulesError(f"{path}: track id {rules.id!r} is defined twice")
        tracks[rules.id] = rules
    if not tracks:
        raise RulesError(f"no track rules found in {directory / 'tracks'}")
    return dict(sorted(tracks.items(), key=lambda kv: (kv[1].order, kv[0])))


def tracks() -> dict[str, TrackRules]:
    """Every track's rules, in display order."""
    return _load_tracks(data_dir())


def track(track_id: str) -> TrackRules:
    return tracks()[track_id]


def track_ids() -> tuple[str, ...]:
    return tuple(tracks())

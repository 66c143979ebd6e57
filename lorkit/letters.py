"""What each letter is (department, tier, slot, age) and what it is worth.

Quality (0–100) is the letter's own likely strength; a track's value (0–100) is how much
of that quality counts for the track, after its tier or slot and the letter's age.

Some letters are never sent: a declined writer, a social contact, a writer who asked the
applicant to draft the letter. The rest are *credible* for a track when their value reaches
the track's `credible_min_value`: only credible letters count towards a requirement. A
credible letter is also *strong* for a track when its value reaches `fourth_letter_min_value`
and it has no warning or error finding of its own: only a set of strong letters may hold
more than the minimum number (the optional fourth letter).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from lorkit import rules
from lorkit.enums import (
    HANDS_ON_KINDS,
    PHYSICIAN_ROLES,
    SENIOR_ROLES,
    Kind,
    Location,
    Relationship,
    Role,
    RotationSpecialty,
    Specialty,
    Status,
)
from lorkit.models import Profile, Rotation, Writer

if TYPE_CHECKING:
    from lorkit.findings import Finding

PEDIATRIC_FIELDS = frozenset({Specialty.PEDIATRICS, Specialty.PEDS_SUBSPECIALTY})
IM_FIELDS = frozenset({Specialty.INTERNAL_MEDICINE, Specialty.IM_SUBSPECIALTY})
PEDS_EXPOSURE_FIELDS = frozenset(
    {
        Specialty.FAMILY_MEDICINE,
        Specialty.INTERNAL_MEDICINE,
        Specialty.IM_SUBSPECIALTY,
        Specialty.MED_PEDS,
    }
)
ASKED_STATUSES = frozenset({Status.ASKED, Status.AGREED_STRONG, Status.HESITANT, Status.UPLOADED})

TIER_LABELS = {
    1: "US pediatric physician who supervised you directly",
    2: "US pediatric program leadership or chair, without direct supervision",
    3: "US pediatric subspecialist, or US pediatrician with indirect contact",
    4: "US family-medicine or IM physician who saw you with children",
    5: "US pediatric research mentor",
    6: "Pediatric physician outside the US",
    7: "Non-pediatric, non-clinical, non-physician or social",
}
TIER_SHORT_LABELS = {
    1: "US pediatrician, direct",
    2: "US peds leader, not direct",
    3: "US subspecialist / indirect",
    4: "US FM or IM with children",
    5: "US peds research mentor",
    6: "Pediatrician outside US",
    7: "Other",
}
SLOT_LABELS = {
    "im": "Internal medicine",
    "peds": "Pediatrics",
    "med-peds": "Combined (Med-Peds physician)",
    "core-clinical": "Core clinical (family medicine or another field)",
    "supplementary": "Supplementary",
}
SLOTS = tuple(SLOT_LABELS)
# The kinds of experience quality weighs (scoring.toml's [quality.experience] table).
EXPERIENCES = ("hands-on", "research", "observership", "unlinked")

# Why a letter is never sent (Letter.never_sent), in the order they are checked.
DECLINED = "declined"
SOCIAL = "social"
SELF_DRAFT = "self-draft"
NEVER_SENT_REASONS = {
    DECLINED: "the writer declined",
    SOCIAL: "the writer knows you socially, not from your work",
    SELF_DRAFT: "the writer asked you to draft it yourself",
}


@dataclass(frozen=True, slots=True)
class Factor:
    """One thing that moved a score: a multiplier (1.0 = nothing lost) and why."""

    name: str
    label: str
    multiplier: float

    def to_dict(self) -> dict[str, object]:
        return {"factor": self.name, "label": self.label, "multiplier": round(self.multiplier, 4)}


@dataclass(slots=True)
class Letter:
    writer: Writer
    index: int
    rotation: Rotation | None
    pediatric: bool
    im: bool
    combined: bool
    us: bool
    physician: bool
    us_clinical: bool
    hands_on: bool  # linked to a hands-on experience (not an observership or research)
    never_sent: str | None  # DECLINED, SOCIAL or SELF_DRAFT; None for a letter that can go
    days_together: int | None
    weeks_together: int | None  # working weeks (lorkit.models.working_weeks)
    aged_from: date  # the day its age is counted from
    age_years: float
    age_band: rules.AgeBand
    tier: int
    slot: str
    quality: float
    quality_factors: list[Factor]
    features: frozenset[str]
    values: dict[str, float] = field(default_factory=dict)
    value_factors: dict[str, list[Factor]] = field(default_factory=dict)
    credible: dict[str, bool] = field(default_factory=dict)  # per track: counts for requirements
    strong: dict[str, bool] = field(default_factory=dict)  # per track: may join a larger set
    findings: list[Finding] = field(default_factory=list)  # its own letter findings
    concerns: tuple[str, ...] = ()  # the codes of its own warning and error findings

    @property
    def id(self) -> str:
        return self.writer.id

    @property
    def viable(self) -> bool:
        """Whether the letter can be sent at all (it is not a never-sent letter)."""
        return self.never_sent is None


def rotation_department(rotation: Rotation | None) -> str | None:
    if rotation is None:
        return None
    return {
        RotationSpecialty.PEDIATRICS: "peds",
        RotationSpecialty.PEDS_SUBSPECIALTY: "peds",
        RotationSpecialty.INTERNAL_MEDICINE: "im",
        RotationSpecialty.IM_SUBSPECIALTY: "im",
        RotationSpecialty.MED_PEDS: "combined",
    }.get(rotation.specialty, "other")


def departments(writer: Writer, rotation: Rotation | None) -> tuple[bool, bool, bool]:
    """(pediatric, im, combined) for a writer seen on a rotation.

    A pediatrician counts as pediatric unless the shared experience was an adult service
    (and an internist likewise); a Med-Peds physician counts for the department of the
    service, or for both, and as a combined letter, when the service was not one-sided.
    """
    dept = rotation_department(rotation)
    if writer.specialty in PEDIATRIC_FIELDS:
        return dept != "im", False, False
    if writer.specialty in IM_FIELDS:
        return False, dept != "peds", False
    if writer.specialty == Specialty.MED_PEDS:
        if dept == "peds":
            return True, False, False
        if dept == "im":
            return False, True, False
        return True, True, True
    return False, False, False


def aged_from(writer: Writer, rotation: Rotation | None, as_of: date) -> date:
    """The day a letter's age is counted from: the earlier of the letter's date and the end
    of the experience where the writer saw the work. A letter written in 2027 about work done
    in 2023 is a 2023 letter for recency.

    A letter not yet written is dated when it can be written: the experience's end, or today
    if that is later. An experience under way counts as ending today; one still ahead, at its
    end. An unlinked writer's letter counts from its date, or from today.
    """
    if writer.letter_date is not None:
        written = writer.letter_date
    elif rotation is not None:
        written = max(rotation.end, as_of)
    else:
        written = as_of
    if rotation is None:
        return written
    seen = as_of if rotation.start <= as_of < rotation.end else rotation.end
    return min(written, seen)


def never_sent(writer: Writer) -> str | None:
    """Why a letter is never sent (declined, social contact, self-drafted), or None."""
    if writer.status == Status.DECLINED:
        return DECLINED
    if writer.relationship == Relationship.SOCIAL:
        return SOCIAL
    if writer.asked_to_self_draft:
        return SELF_DRAFT
    return None


def age_band(years: float) -> rules.AgeBand:
    bands = rules.scoring().age_bands.bands
    for band in bands[:-1]:
        assert band.max_years is not None
        if years <= band.max_years:
            return band
    return bands[-1]


def pediatric_tier(letter_writer: Writer, pediatric: bool, us: bool, physician: bool) -> int:
    w = letter_writer
    if w.relationship == Relationship.SOCIAL or not physician:
        return 7
    if not us:
        return 6 if pediatric else 7
    if pediatric:
        if w.role == Role.RESEARCH_MENTOR or w.relationship == Relationship.RESEARCH_ONLY:
            return 5
        if w.role in SENIOR_ROLES and w.relationship != Relationship.DIRECT:
            return 2
        if w.specialty == Specialty.PEDS_SUBSPECIALTY:
            return 3
        return 1 if w.relationship == Relationship.DIRECT else 3
    if (
        w.specialty in PEDS_EXPOSURE_FIELDS
        and w.peds_exposure
        and w.role != Role.RESEARCH_MENTOR
        and w.relationship in (Relationship.DIRECT, Relationship.INDIRECT)
    ):
        return 4
    return 7


def med_peds_slot(w: Writer, pediatric: bool, im: bool, combined: bool, physician: bool) -> str:
    """The Med-Peds slot: a department (im, peds, med-peds), `core-clinical` for a physician
    who saw the clinical work in family medicine or another clinical field (the Med-Peds
    guide accepts such a letter as the third), else `supplementary` (research mentors,
    non-physicians, non-clinical faculty, social contacts)."""
    if (
        not physician
        or w.role == Role.RESEARCH_MENTOR
        or w.relationship in (Relationship.SOCIAL, Relationship.RESEARCH_ONLY)
    ):
        return "supplementary"
    if combined:
        return "med-peds"
    if im:
        return "im"
    if pediatric:
        return "peds"
    if w.specialty == Specialty.NON_CLINICAL:
        return "supplementary"
    return "core-clinical"


def _quality(
    w: Writer, rotation: Rotation | None, days: int | None, weeks: int | None
) -> tuple[float, list[Factor]]:
    q = rules.scoring().quality
    factors = [
        Factor("location", Location(w.location).label, q.location[w.location]),
        Factor("relationship", Relationship(w.relationship).label, q.relationship[w.relationship]),
    ]
    if rotation is None:
        factors.append(Factor("experience", "No linked experience", q.experience["unlinked"]))
        factors.append(Factor("duration", "Time together unknown", q.duration.unlinked))
    else:
        if rotation.kind in HANDS_ON_KINDS:
            exp, label = "hands-on", f"Hands-on {Kind(rotation.kind).label.lower()}"
        elif rotation.kind == Kind.OBSERVERSHIP:
            exp, label = "observership", "Observership only"
        else:
            exp, label = "research", "Research experience"
        factors.append(Factor("experience", label, q.experience[exp]))
        assert days is not None and weeks is not None
        d = q.duration
        if weeks >= d.long_min_weeks:
            factors.append(Factor("duration", f"{weeks} working weeks together", d.long))
        elif weeks >= d.medium_min_weeks:
            factors.append(Factor("duration", f"{weeks} working weeks together", d.medium))
        else:
            factors.append(Factor("duration", f"Only {days} days together", d.short))
    factors.append(Factor("status", Status(w.status).label, q.status[w.status]))
    factors.append(Factor("role", Role(w.role).label, q.role[w.role]))
    flags = q.flags
    if w.status in ASKED_STATUSES and not w.asked_for_strong:
        factors.append(
            Factor("strong", "Not asked for a strong letter", flags.not_asked_for_strong)
        )
    if not w.waived:
        factors.append(Factor("waiver", "Right to see the letter not waived", flags.not_waived))
    if not w.knows_goal:
        factors.append(Factor("goal", "Does not know your career goal", flags.goal_not_known))
    if w.asked_to_self_draft:
        factors.append(
            Factor("self-draft", "Asked you to draft the letter", flags.asked_to_self_draft)
        )
    quality = 100.0
    for f in factors:
        quality *= f.multiplier
    return quality, factors


def assess_letter(
    profile: Profile, index: int, rotations: dict[str, Rotation], as_of: date
) -> Letter:
    w = profile.writers[index]
    rotation = rotations.get(w.rotation_id) if w.rotation_id else None
    pediatric, im, combined = departments(w, rotation)
    us = w.location == Location.US
    physician = w.role in PHYSICIAN_ROLES
    us_clinical = (
        us and physician and w.relationship in (Relationship.DIRECT, Relationship.INDIRECT)
    )
    days = rotation.days if rotation is not None else None
    weeks = rotation.weeks if rotation is not None else None
    start = aged_from(w, rotation, as_of)
    age_days = max(0, (profile.applicant.submission_date - start).days)
    years = age_days / 365.25
    quality, q_factors = _quality(w, rotation, days, weeks)
    slot = med_peds_slot(w, pediatric, im, combined, physician)
    features = _features(w, pediatric, im, slot, us, us_clinical)
    return Letter(
        writer=w,
        index=index,
        rotation=rotation,
        pediatric=pediatric,
        im=im,
        combined=combined,
        us=us,
        physician=physician,
        us_clinical=us_clinical,
        hands_on=rotation is not None and rotation.kind in HANDS_ON_KINDS,
        never_sent=never_sent(w),
        days_together=days,
        weeks_together=weeks,
        aged_from=start,
        age_years=years,
        age_band=age_band(years),
        tier=pediatric_tier(w, pediatric, us, physician),
        slot=slot,
        quality=quality,
        quality_factors=q_factors,
        features=frozenset(features),
    )


def _features(
    w: Writer, pediatric: bool, im: bool, slot: str, us: bool, us_clinical: bool
) -> frozenset[str]:
    """The facts about a letter that track requirements count (see rules.FEATURES). A
    requirement counts only credible letters (see `Letter.credible`)."""
    peds_core = slot in ("peds", "med-peds")
    im_core = slot in ("im", "med-peds")
    flags = {
        "any": True,
        "pediatric": pediatric,
        "im": im,
        "combined": slot == "med-peds",
        "peds_core": peds_core,
        "im_core": im_core,
        "us": us,
        "us_clinical": us_clinical,
        "us_pediatric": us_clinical and pediatric,
        "us_peds_core": us_clinical and peds_core,
        "us_im_core": us_clinical and im_core,
        "knows_goal": w.knows_goal,
        "chair": w.role == Role.DEPARTMENT_CHAIR,
    }
    return frozenset(name for name, present in flags.items() if present)


def value_for_track(letter: Letter, track: rules.TrackRules) -> tuple[float, list[Factor]]:
    if track.relevance_model == "tiers":
        assert track.tiers is not None
        relevance = Factor(
            "tier", f"Tier {letter.tier}: {TIER_LABELS[letter.tier]}", track.tiers[letter.tier]
        )
    else:
        assert track.slots is not None
        relevance = Factor("slot", f"{SLOT_LABELS[letter.slot]} slot", track.slots[letter.slot])
    recency = Factor(
        "recency",
        f"{letter.age_years:.1f} years old at submission, counted from "
        f"{letter.aged_from:%b %Y} ({letter.age_band.label})",
        track.recency_factors[letter.age_band.code],
    )
    value = letter.quality * relevance.multiplier * recency.multiplier
    quality = Factor("quality", f"Letter quality {letter.quality:.0f}/100", letter.quality / 100)
    return value, [quality, relevance, recency]


def assess_letters(profile: Profile, as_of: date) -> list[Letter]:
    """Every writer's letter: its facts, quality, value and standing per track, and its own
    letter findings (which decide whether it is strong enough to join a larger set)."""
    from lorkit.enums import Severity
    from lorkit.findings import letter_findings

    rotations = {r.id: r for r in profile.rotations}
    chosen = [rules.track(t) for t in profile.applicant.tracks]
    letters = []
    for i in range(len(profile.writers)):
        letter = assess_letter(profile, i, rotations, as_of)
        letter.findings = letter_findings(letter, profile.applicant.tracks)
        letter.concerns = tuple(
            f.code for f in letter.findings if f.severity in (Severity.ERROR, Severity.WARNING)
        )
        for track in chosen:
            value, factors = value_for_track(letter, track)
            letter.values[track.id] = value
            letter.value_factors[track.id] = factors
            credible = letter.viable and value >= track.credible_min_value
            letter.credible[track.id] = credible
            letter.strong[track.id] = (
                credible and value >= track.fourth_letter_min_value and not letter.concerns
            )
        letters.append(letter)
    return letters

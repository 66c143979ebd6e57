"""Turning letters, chosen sets and dates into findings: code, severity, message and fix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lorkit import rules
from lorkit.catalogue import CODES
from lorkit.enums import SENIOR_ROLES, Kind, Relationship, Role, Severity, Status
from lorkit.letters import Letter
from lorkit.models import Profile
from lorkit.plan import ask_window
from lorkit.selection import RequirementResult

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
EXPECTING_LETTER = frozenset({Status.ASKED, Status.AGREED_STRONG, Status.HESITANT})


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    track: str | None
    writer_id: str | None
    message: str
    fix: str

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "track": self.track,
            "writer_id": self.writer_id,
            "message": self.message,
            "fix": self.fix,
        }


def _make(
    code: str, message: str, fix: str, *, track: str | None = None, writer_id: str | None = None
) -> Finding:
    return Finding(code, CODES[code].severity, track, writer_id, message, fix)


def _goal_phrase(tracks: Sequence[str]) -> str:
    return " and ".join(rules.track(t).label for t in tracks)


def letter_findings(letter: Letter, tracks: Sequence[str]) -> list[Finding]:
    w = letter.writer
    if w.status == Status.DECLINED:
        return []
    name = w.name
    out: list[Finding] = []

    def add(code: str, message: str, fix: str) -> None:
        out.append(_make(code, message, fix, writer_id=w.id))

    rot = letter.rotation
    if rot is None:
        add(
            "no-linked-experience",
            f"{name} is not linked to any of your experiences.",
            "Link the rotation or job where this writer saw your work (Letter writers page).",
        )
    else:
        short_days = rules.scoring().timing.short_rotation_days
        if rot.days < short_days:
            add(
                "short-rotation",
                f"You spent only {rot.days} days with {name}.",
                "Prefer a writer from a rotation of 4 weeks or more; if you keep this one, "
                "remind them of specific patients you cared for together.",
            )
        if rot.kind == Kind.OBSERVERSHIP:
            add(
                "observership-only",
                f"{name} knows you from an observership.",
                "Pair this letter with one from a hands-on rotation (sub-internship, elective, "
                "externship) where you can.",
            )
    band_finding = letter.age_band.finding
    if band_finding == "aging-letter":
        add(
            "aging-letter",
            f"{name}'s letter will be {letter.age_years:.1f} years old at submission.",
            "Ask for an updated letter that covers your recent work, or replace it with one "
            "from a newer experience.",
        )
    elif band_finding == "old-letter":
        add(
            "old-letter",
            f"{name}'s letter will be {letter.age_years:.1f} years old at submission.",
            "Replace it with a letter from a recent experience; keep it only if nothing else "
            "exists.",
        )
    if w.relationship == Relationship.SOCIAL:
        add(
            "social-connection",
            f"{name} knows you socially, not from your clinical work.",
            "Choose a writer who supervised your clinical work instead.",
        )
    if w.role == Role.NON_PHYSICIAN:
        add(
            "non-physician-writer",
            f"{name} is not a physician.",
            "Prefer a physician who supervised you; keep this letter only if its context is "
            "truly exceptional.",
        )
    if w.role == Role.NON_CLINICAL_FACULTY:
        add(
            "non-clinical-writer",
            f"{name} is non-clinical faculty.",
            "Replace this letter with one from a clinical supervisor.",
        )
    if w.role in SENIOR_ROLES and w.relationship != Relationship.DIRECT:
        add(
            "distant-senior-writer",
            f"{name} holds a senior title but did not supervise you directly.",
            "Prefer an attending who supervised you day to day, unless this writer knows your "
            "work first-hand and in detail.",
        )
    if w.status == Status.HESITANT:
        add(
            "hesitant-writer",
            f"{name} agreed, but sounded hesitant.",
            "Thank them and ask another writer; keep this letter only as a last resort.",
        )
    # Advice about how to ask is moot once the letter is uploaded.
    if w.status in EXPECTING_LETTER and not w.asked_for_strong:
        add(
            "strong-not-requested",
            f"You asked {name} without asking for a strong letter.",
            "Ask plainly whether they feel able to write a strong letter; it lets them step "
            "aside gracefully if not.",
        )
    if not w.knows_goal and w.status != Status.UPLOADED:
        add(
            "goal-not-shared",
            f"{name} does not know you are applying to {_goal_phrase(tracks)}.",
            "Tell them your goal and why, and send your personal statement draft with the packet.",
        )
    if not w.waived:
        add(
            "not-waived",
            f"You have not waived your right to see {name}'s letter.",
            "Waive the right in ERAS when you create the letter request.",
        )
    if w.asked_to_self_draft:
        add(
            "self-draft-request",
            f"{name} asked you to draft your own letter.",
            "Decline politely and offer your CV and a summary of your work instead; if they "
            "insist, choose another writer.",
        )
    return out


def _names(letters: Iterable[Letter]) -> str:
    return ", ".join(x.writer.name for x in letters)


def set_findings(
    track: rules.TrackRules,
    letters: Sequence[Letter],
    selected: Sequence[Letter],
    results: Sequence[RequirementResult],
) -> list[Finding]:
    out: list[Finding] = []
    unmet = {r.requirement.code for r in results if not r.met}
    selected_ids = {x.id for x in selected}
    for r in results:
        req = r.requirement
        if r.met or (req.suppressed_by and req.suppressed_by in unmet):
            continue
        message, fix = _requirement_text(req.finding, r, track, selected)
        out.append(_make(req.finding, message, fix, track=track.id))
    viable = [x for x in letters if x.viable]
    by_value = sorted(viable, key=lambda x: (-x.values[track.id], x.index))
    if "too-many-letters" in track.set_findings and len(viable) > track.max_letters:
        out.append(
            _make(
                "too-many-letters",
                f"{len(viable)} letters could be used for {track.label}, but a program receives at "
                f"most {track.max_letters}. Assign these: {_names(selected)}.",
                "In ERAS, assign the recommended letters to each program yourself; later uploads "
                "are not assigned automatically.",
                track=track.id,
            )
        )
    if (
        "weak-fourth-letter" in track.set_findings
        and track.min_letters <= len(selected) < track.max_letters
    ):
        left_out = [x for x in by_value if x.id not in selected_ids]
        if left_out:
            best = left_out[0]
            out.append(
                _make(
                    "weak-fourth-letter",
                    f"{best.writer.name}'s letter (worth {best.values[track.id]:.0f}) is left out "
                    f"of the {track.label} set: adding it would lower the set's score.",
                    "Send the stronger set as it is, or make this letter stronger (longer contact, "
                    "a clear request for a strong letter) before adding it.",
                    track=track.id,
                )
            )
    return out


def _requirement_text(
    code: str, r: RequirementResult, track: rules.TrackRules, selected: Sequence[Letter]
) -> tuple[str, str]:
    have, need = r.have, r.need
    t = track.label
    if code == "too-few-letters":
        return (
            f"Only {have} usable letter{'s' if have != 1 else ''} for {t}; programs usually "
            f"ask for {need}.",
            "Add writers from recent clinical experiences, starting with rotations you can "
            "still do before submission.",
        )
    if code == "too-few-pediatric-letters":
        return (
            f"{have} of your {t} letters come from pediatricians; aim for at least {need}.",
            "Add a pediatric writer, ideally an attending from a US pediatrics rotation.",
        )
    if code == "no-us-clinical-letter":
        return (
            f"None of your {t} letters comes from a US physician who saw your clinical work.",
            "Plan a hands-on US rotation (sub-internship, elective or externship) and ask its "
            "attending for a letter.",
        )
    if code == "no-us-pediatric-letter":
        return (
            f"None of your {t} letters comes from a US pediatrician who saw your clinical work.",
            "Aim for at least one US pediatrics rotation and a letter from its attending.",
        )
    if code == "home-country-majority":
        others = len(selected) - have
        return (
            f"{others} of the {len(selected)} letters in your {t} set are not from US writers "
            "who know your work.",
            "Replace a home-country letter with a US clinical letter where you can.",
        )
    if code == "missing-im-letter":
        return (
            f"No clinical internal-medicine letter in your {t} set.",
            "Ask an internal-medicine attending who supervised you, ideally on a US inpatient "
            "rotation.",
        )
    if code == "missing-pediatric-letter":
        return (
            f"No clinical pediatrics letter in your {t} set.",
            "Ask a pediatric attending who supervised you, ideally on a US rotation.",
        )
    if code == "no-med-peds-letter":
        return (
            "No letter comes from a Med-Peds physician on a combined service.",
            "Welcome but optional: if a rotation with Med-Peds faculty is possible, ask "
            "there; otherwise strong IM and pediatrics letters are enough.",
        )
    if code == "few-us-clinical-letters":
        return (
            f"Only {have} of your {t} letters {'comes' if have == 1 else 'come'} from US "
            f"physicians who saw your clinical work; aim for at least {need}.",
            "Add a letter from a hands-on US rotation in internal medicine or pediatrics.",
        )
    if code == "non-us-core-letter":
        dept = "internal-medicine" if r.requirement.feature == "us_im_core" else "pediatrics"
        return (
            f"Your {dept} letter comes only from outside the US.",
            f"Add a US {dept} letter; keep the home-country one as a supplement.",
        )
    if code == "combined-fit-unaddressed":
        return (
            f"No writer in your {t} set knows you are applying to Med-Peds.",
            "Brief at least one writer on why you want combined training and ask whether they "
            "can comment on your fit for it.",
        )
    raise KeyError(code)


def _supports(letter: Letter, focus: str) -> bool:
    support = rules.scoring().narrative.get(focus)
    rot = letter.rotation
    if support is None or rot is None:
        return False
    return (
        rot.setting in support.settings
        or rot.specialty in support.specialties
        or rot.kind in support.kinds
    )


def profile_findings(
    profile: Profile, letters: Sequence[Letter], selected_ids: set[str], as_of: date
) -> list[Finding]:
    out: list[Finding] = []
    chosen = [x for x in letters if x.id in selected_ids]
    for focus in profile.applicant.career_focus:
        if chosen and not any(_supports(x, focus) for x in chosen):
            out.append(
                _make(
                    "narrative-mismatch",
                    f"You list '{focus.label}' as a focus, but none of your recommended letters "
                    "comes from that kind of experience.",
                    "Add a writer from that setting, or tell your writers about this goal so they "
                    "can connect what they saw to it.",
                )
            )
    submission = profile.applicant.submission_date
    _, ask_by = ask_window(submission)
    reminder_start = submission - timedelta(days=rules.scoring().timing.reminder_window_days)
    for x in letters:
        w = x.writer
        if w.status == Status.CANDIDATE and w.id in selected_ids and as_of > ask_by:
            out.append(
                _make(
                    "late-ask",
                    f"You have not asked {w.name} yet, and the ask-by date ({ask_by}) has passed.",
                    "Ask this week and send the whole packet with the request.",
                    writer_id=w.id,
                )
            )
        expecting = w.status in EXPECTING_LETTER or (
            w.status == Status.CANDIDATE and w.id in selected_ids
        )
        if expecting and as_of > submission:
            out.append(
                _make(
                    "upload-overdue",
                    f"Your submission date ({submission}) has passed and {w.name}'s letter is not "
                    "uploaded.",
                    "Contact the writer today; if the letter cannot come soon, assign another one "
                    "in ERAS.",
                    writer_id=w.id,
                )
            )
        elif w.status in EXPECTING_LETTER and reminder_start <= as_of <= submission:
            out.append(
                _make(
                    "reminder-due",
                    f"Submission is {(submission - as_of).days} days away and {w.name}'s letter is "
                    "not uploaded.",
                    "Send a short, polite reminder with your deadline and offer any missing "
                    "information.",
                    writer_id=w.id,
                )
            )
    return out


def sort_findings(findings: Iterable[Finding], writer_order: dict[str, int]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            SEVERITY_ORDER[f.severity],
            f.track or "",
            writer_order.get(f.writer_id or "", -1),
            f.code,
        ),
    )

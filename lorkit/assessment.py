"""One call from a profile to everything lorkit says about it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from lorkit import rules
from lorkit.checks.causes import fourth_letter_words, never_sent_words
from lorkit.enums import Severity, Status, Verdict
from lorkit.findings import Finding, profile_findings, set_findings, sort_findings
from lorkit.letters import Letter, assess_letters
from lorkit.models import Profile
from lorkit.plan import PlanEntry, build_plan
from lorkit.programs import ProgramResult, assess_programs
from lorkit.registry import REGISTRY
from lorkit.selection import RequirementResult, best_set, requirement_results
from lorkit.wording import of_100

ASSESSMENT_FORMAT = "lorkit-assessment"
ASSESSMENT_VERSION = 1


@dataclass(slots=True)
class TrackAssessment:
    rules: rules.TrackRules
    selected: list[Letter]
    score: float
    readiness: int
    verdict: Verdict
    requirements: list[RequirementResult]
    left_out: dict[str, str]

    @property
    def track(self) -> str:
        return self.rules.id

    def to_dict(self) -> dict[str, object]:
        return {
            "track": self.track,
            "readiness": self.readiness,
            "verdict": self.verdict.value,
            "selected": [x.id for x in self.selected],
            "requirements": [r.to_dict() for r in self.requirements],
            "left_out": [{"writer_id": k, "reason": v} for k, v in self.left_out.items()],
        }


@dataclass(slots=True)
class Assessment:
    profile: Profile
    as_of: date
    letters: list[Letter]
    tracks: list[TrackAssessment]
    findings: list[Finding]
    plan: list[PlanEntry]
    excluded: frozenset[str] = frozenset()
    programs: list[ProgramResult] = field(default_factory=list)

    @property
    def considered(self) -> list[Letter]:
        """Letters still in play: not left out by a what-if."""
        return [x for x in self.letters if x.id not in self.excluded]

    def track(self, track_id: str) -> TrackAssessment:
        return next(t for t in self.tracks if t.track == track_id)

    def letter(self, writer_id: str) -> Letter:
        return next(x for x in self.letters if x.id == writer_id)

    def to_dict(self) -> dict[str, object]:
        chosen = list(self.profile.applicant.tracks)
        letters = []
        for x in self.letters:
            item: dict[str, object] = {
                "writer_id": x.id,
                "viable": x.viable,
                "never_sent": x.never_sent,
                "quality": round(x.quality, 1),
                "weeks_together": x.weeks_together,
                "aged_from": x.aged_from.isoformat(),
                "age_years": round(x.age_years, 2),
                "age_band": x.age_band.code,
            }
            tiers = {t: x.tier for t in chosen if rules.track(t).relevance_model == "tiers"}
            slots = {t: x.slot for t in chosen if rules.track(t).relevance_model == "slots"}
            if tiers:
                item["tiers"] = tiers
            if slots:
                item["slots"] = slots
            item["values"] = {t: round(v, 1) for t, v in x.values.items()}
            item["credible"] = dict(x.credible)
            item["strong"] = dict(x.strong)
            item["factors"] = {
                "quality": [f.to_dict() for f in x.quality_factors],
                **{t: [f.to_dict() for f in fs] for t, fs in x.value_factors.items()},
            }
            letters.append(item)
        return {
            "format": ASSESSMENT_FORMAT,
            "version": ASSESSMENT_VERSION,
            "as_of": self.as_of.isoformat(),
            "submission_date": self.profile.applicant.submission_date.isoformat(),
            "tracks": [t.to_dict() for t in self.tracks],
            "letters": letters,
            "findings": [f.to_dict() for f in self.findings],
            "plan": [p.to_dict() for p in self.plan],
            "programs": [p.to_dict() for p in self.programs],
        }


def verdict_for(readiness: int, has_error: bool, bands: rules.VerdictBands) -> Verdict:
    if readiness < bands.at_risk:
        return Verdict.NOT_READY
    if has_error or readiness < bands.nearly_ready:
        return Verdict.AT_RISK
    if readiness < bands.ready:
        return Verdict.NEARLY_READY
    return Verdict.READY


def _left_out_reasons(
    track: rules.TrackRules, letters: Sequence[Letter], selected: Sequence[Letter]
) -> dict[str, str]:
    """Why each letter not in the recommended set was left out, in a sentence."""
    book = rules.book()
    chosen = {x.id for x in selected}
    reasons: dict[str, str] = {}
    weakest = min((x.values[track.id] for x in selected), default=0.0)
    for x in letters:
        if x.id in chosen:
            continue
        value = x.values[track.id]
        shown = of_100(value, track.fourth_letter_min_value)
        if not x.viable:
            reasons[x.id] = never_sent_words(x)
        elif len(selected) > track.min_letters and not x.strong.get(track.id):
            # a set this large holds strong letters only
            reason, _ = fourth_letter_words(x, track, selected, book)
            reasons[x.id] = f"Value {shown}: not sent, because {reason}."
        elif len(selected) >= track.max_letters:
            if value > weakest:
                reasons[x.id] = (
                    f"Value {of_100(value)} on its own, but the chosen letters meet more of the "
                    f"{track.label} requirements."
                )
            else:
                reasons[x.id] = (
                    f"A program receives at most {track.max_letters} letters and the chosen ones "
                    f"are worth more (this one: value {of_100(value)}; the weakest chosen: "
                    f"{of_100(weakest)})."
                )
        elif len(selected) >= track.min_letters:
            reason, _ = fourth_letter_words(x, track, selected, book)
            reasons[x.id] = f"Value {shown}: not sent, because {reason}."
        else:
            reasons[x.id] = (
                f"Value {of_100(value)}: the chosen letters meet more of the {track.label} "
                "requirements."
            )
    return reasons


def _complete(results: Sequence[RequirementResult]) -> bool:
    """Whether a set meets every requirement that matters (whose finding is more than
    worth knowing)."""
    return all(r.met or REGISTRY[r.requirement.finding].severity == Severity.INFO for r in results)


def needed_letters(
    letters: Sequence[Letter], sets: Sequence[tuple[rules.TrackRules, Sequence[Letter]]]
) -> frozenset[str]:
    """The letters not yet uploaded that a track's recommended set needs: those of a track
    whose uploaded letters alone do not meet its requirements. When the uploaded letters
    already make a complete set, a letter still on its way is an extra."""
    uploaded = [x for x in letters if x.viable and x.writer.status == Status.UPLOADED]
    needed: set[str] = set()
    for track, selected in sets:
        pending = [x.id for x in selected if x.writer.status != Status.UPLOADED]
        if not pending:
            continue
        ready_set, _ = best_set(uploaded, track)
        if ready_set and _complete(requirement_results(ready_set, track)):
            continue
        needed.update(pending)
    return frozenset(needed)


def _blocking_errors(
    findings: Sequence[Finding], track_id: str, selected_ids: Collection[str]
) -> bool:
    for f in findings:
        if f.severity != Severity.ERROR:
            continue
        if f.track == track_id:
            return True
        if f.track is None and (f.writer_id is None or f.writer_id in selected_ids):
            return True
    return False


def assess(
    profile: Profile, as_of: date | None = None, excluded: Collection[str] = ()
) -> Assessment:
    """Assess a profile. `excluded` writer ids are left out of consideration (what-if)."""
    as_of = as_of or date.today()
    tracks = list(profile.applicant.tracks)
    letters = assess_letters(profile, as_of)
    considered = [x for x in letters if x.id not in excluded]
    findings: list[Finding] = []
    for x in considered:
        findings += x.findings
    partial = []
    for track_id in tracks:
        track = rules.track(track_id)
        selected, score = best_set(considered, track)
        selected.sort(key=lambda x: (-x.values[track_id], x.index))
        results = requirement_results(selected, track)
        findings += set_findings(track, considered, selected, results)
        partial.append((track, selected, score, results))
    selected_ids = {x.id for _, sel, _, _ in partial for x in sel}
    needed: frozenset[str] = frozenset()
    if as_of > profile.applicant.submission_date:
        needed = needed_letters(considered, [(t, sel) for t, sel, _, _ in partial])
    findings += profile_findings(profile, considered, selected_ids, as_of, needed)
    programs = assess_programs(profile, considered)
    findings = sort_findings(
        findings + [f for p in programs for f in p.findings],
        {w.id: i for i, w in enumerate(profile.writers)},
        {p.id: i for i, p in enumerate(profile.programs)},
    )
    track_results = []
    for track, selected, score, results in partial:
        readiness = int(score + 0.5)
        ids = {x.id for x in selected}
        track_results.append(
            TrackAssessment(
                rules=track,
                selected=selected,
                score=score,
                readiness=readiness,
                verdict=verdict_for(
                    readiness, _blocking_errors(findings, track.id, ids), track.verdict
                ),
                requirements=results,
                left_out=_left_out_reasons(track, considered, selected),
            )
        )
    return Assessment(
        profile=profile,
        as_of=as_of,
        letters=letters,
        tracks=track_results,
        findings=findings,
        plan=[p for p in build_plan(profile, as_of) if p.writer_id not in excluded],
        excluded=frozenset(excluded),
        programs=programs,
    )

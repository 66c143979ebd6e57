"""A plain-text report of an assessment, for the terminal and the downloaded summary.

Every line goes through `for_terminal`: a name holding a line break, an escape sequence or
a text-direction override (data that somehow bypassed validation) is shown escaped, so it
can neither fake a report line nor act on the terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from lorkit.assessment import Assessment
from lorkit.enums import ProgramStatus, Severity, Status
from lorkit.letters import SLOT_LABELS
from lorkit.next_steps import NextStep, next_steps
from lorkit.programs import status_counts
from lorkit.text_safety import for_terminal


def _writer_names(a: Assessment) -> dict[str, str]:
    return {w.id: w.name for w in a.profile.writers}


def _days(days_left: int) -> str:
    if days_left == 0:
        return "today"
    n = abs(days_left)
    unit = "day" if n == 1 else "days"
    return f"{n} {unit} away" if days_left > 0 else f"{n} {unit} ago"


def _next_steps_lines(a: Assessment, steps: Sequence[NextStep]) -> list[str]:
    lines = ["Next steps:"]
    if not steps:
        lines.append("  Every track is ready: nothing to add.")
    for t in a.tracks:
        mine = [s for s in steps if s.track == t.track]
        if not mine:
            continue
        lines.append(f"  {t.rules.label}:")
        for i, s in enumerate(mine, 1):
            lines.append(f"    {i}. {s.message}" if s.helps else f"    {s.message}")
    return lines


def _plan_lines(a: Assessment) -> list[str]:
    names = _writer_names(a)
    lines = ["Plan:"]
    for e in a.plan:
        lines.append(f"  {names[e.writer_id]} ({Status(e.status).short.lower()}):")
        for step in e.steps:
            when = f"{step.start}" if step.start == step.end else f"{step.start} to {step.end}"
            lines.append(f"    {when}: {step.kind.label.lower()}")
    return lines


def _program_lines(a: Assessment) -> list[str]:
    counts = status_counts(a.programs)
    lines = [
        "Programs: "
        + ", ".join(f"{counts[s]} {s.short.lower()}" for s in ProgramStatus)
        + " (letters to assign in ERAS, in order)"
    ]
    for r in a.programs:
        letters = ", ".join(x.writer.name for x in r.selected) or "none"
        lines.append(f"  {r.program.name} [{r.status.short.lower()}]: {letters}")
        lines += [f"    - not eligible: {i.reason}" for i in r.ineligible]
        lines += [f"    - missing: {u.label}" for u in r.unmet]
    return lines


def text_report(a: Assessment, steps: Sequence[NextStep] | None = None) -> str:
    """The report; `steps` are the assessment's next steps when already worked out."""
    if steps is None:
        steps = next_steps(a.profile, a.as_of, excluded=a.excluded, assessment=a)
    p = a.profile.applicant
    names = _writer_names(a)
    days_left = (p.submission_date - a.as_of).days
    who = p.name or "Applicant"
    lines = [
        f"lorkit assessment: {who}",
        f"as of {a.as_of}, submission {p.submission_date} ({_days(days_left)})",
        "",
    ]
    for t in a.tracks:
        lines.append(f"{t.rules.label}: {t.verdict.label.upper()} (readiness {t.readiness}/100)")
        lines.append("  Recommended letters:")
        if not t.selected:
            lines.append("    (none yet)")
        for i, x in enumerate(t.selected, 1):
            where = (
                f"tier {x.tier}"
                if t.rules.relevance_model == "tiers"
                else (f"{SLOT_LABELS[x.slot].lower()} slot")
            )
            lines.append(
                f"    {i}. {x.writer.name}: value {x.values[t.track]:.0f} "
                f"(quality {x.quality:.0f}, {where}, {x.age_years:.1f} y old at submission)"
            )
        if t.left_out:
            lines.append("  Left out:")
            for wid, reason in t.left_out.items():
                lines.append(f"    - {names[wid]}: {reason}")
        lines.append("  Requirements:")
        for r in t.requirements:
            mark = "x" if r.met else " "
            lines.append(f"    [{mark}] {r.requirement.label} ({r.have}/{r.need})")
        lines.append("")
    lines += _next_steps_lines(a, steps)
    lines.append("")
    if a.programs:
        lines += _program_lines(a)
        lines.append("")
    programs = {r.program.id: r.program.name for r in a.programs}
    counts = Counter(f.severity for f in a.findings)
    lines.append(
        f"Findings: {counts[Severity.ERROR]} to fix, {counts[Severity.WARNING]} to consider, "
        f"{counts[Severity.INFO]} for information"
    )
    for f in a.findings:
        scope = f.track or (names.get(f.writer_id, "") if f.writer_id else "profile")
        if f.program_id:
            scope = programs.get(f.program_id, f.program_id)
        lines.append(f"  {f.severity.value.upper():<7} {f.code} [{scope}]")
        lines.append(f"          {f.message}")
        lines.append(f"          Fix: {f.fix}")
    if a.plan:
        lines.append("")
        lines += _plan_lines(a)
    return "\n".join(for_terminal(line) for line in lines) + "\n"

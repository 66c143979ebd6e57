"""Findings about a track's recommended set.

Most are raised by the track's own requirements: a track file names, for each requirement,
the finding its set raises when the requirement is not met (`requirements[].finding`).
The others have a check of their own and are switched on per track (`set_findings`).
"""

from __future__ import annotations

from collections.abc import Iterator

from lorkit.checks.base import (
    BOTH_GUIDES,
    ERAS,
    MEDPEDS_GUIDE,
    PEDS_GUIDE,
    FindingRule,
    Scope,
    SetContext,
    Switch,
    Terms,
    define,
    finding,
)
from lorkit.enums import Severity
from lorkit.wording import plural

SET = Scope.SET

# The department a requirement's feature is about, in the words of a finding.
FEATURE_DEPARTMENT = {
    "pediatric": "pediatrics",
    "peds_core": "pediatrics",
    "us_pediatric": "pediatrics",
    "us_peds_core": "pediatrics",
    "im": "internal-medicine",
    "im_core": "internal-medicine",
    "us_im_core": "internal-medicine",
}

REQUIREMENT_EXAMPLE = {
    "track": "Pediatrics",
    "have": "1",
    "need": "2",
    "letters": "letter",
    "comes": "comes",
    "others": "2",
    "set_size": "3",
    "department": "internal-medicine",
}


def unmet_requirement(c: SetContext, rule: FindingRule) -> Iterator[Terms]:
    """Each requirement of the track that names this finding and is not met, unless a
    requirement it is suppressed by is unmet too (no US IM letter, when there is no IM
    letter at all, is the same gap)."""
    unmet = {r.requirement.code for r in c.results if not r.met}
    for r in c.results:
        req = r.requirement
        if req.finding != rule.code or r.met:
            continue
        if req.suppressed_by and req.suppressed_by in unmet:
            continue
        yield {
            "track": c.track.label,
            "have": r.have,
            "need": r.need,
            "letters": plural(r.have, "letter"),
            "comes": "comes" if r.have == 1 else "come",
            "others": len(c.selected) - r.have,
            "set_size": len(c.selected),
            "department": FEATURE_DEPARTMENT.get(req.feature, "clinical"),
        }


def requirement_finding(
    code: str,
    severity: Severity,
    *,
    title: str,
    when: str,
    why: str,
    source: str,
    message: str,
    fix: str,
) -> FindingRule:
    """A set finding raised by unmet track requirements (see `unmet_requirement`)."""
    return define(
        FindingRule(
            code=code,
            severity=severity,
            scope=SET,
            title=title,
            when=when,
            why=why,
            source=source,
            message=message,
            fix=fix,
            check=unmet_requirement,
            example=REQUIREMENT_EXAMPLE,
            switch=Switch.REQUIREMENT,
        )
    )


requirement_finding(
    "too-few-letters",
    Severity.ERROR,
    title="Fewer than {need} letters",
    when="The recommended set has fewer than {need} letters that can still be used.",
    why="Most programs ask for {need} letters; an application with fewer is often not reviewed.",
    source=BOTH_GUIDES,
    message="Only {have} usable {letters} for {track}; programs usually ask for {need}.",
    fix="Add writers from recent clinical experiences, starting with rotations you can "
    "still do before submission.",
)

requirement_finding(
    "too-few-pediatric-letters",
    Severity.ERROR,
    title="Fewer than {need} pediatric letters",
    when="Fewer than {need} letters in the set come from pediatricians.",
    why="Without {need} letters from pediatricians programs may doubt your commitment to "
    "children's care.",
    source=PEDS_GUIDE,
    message="{have} of your {track} letters come from pediatricians; aim for at least {need}.",
    fix="Add a pediatric writer, ideally an attending from a US pediatrics rotation.",
)

requirement_finding(
    "no-us-clinical-letter",
    Severity.WARNING,
    title="No US clinical letter",
    when="No letter in the set comes from a US physician who saw your clinical work.",
    why="US letters show programs you can work in a US hospital; home-country letters "
    "usually carry less weight.",
    source=PEDS_GUIDE,
    message="None of your {track} letters comes from a US physician who saw your clinical work.",
    fix="Plan a hands-on US rotation (sub-internship, elective or externship) and ask its "
    "attending for a letter.",
)

requirement_finding(
    "no-us-pediatric-letter",
    Severity.WARNING,
    title="No US pediatric letter",
    when="No letter in the set comes from a US pediatrician who saw your clinical work.",
    why="A US pediatric letter is the strongest evidence that you fit US pediatrics.",
    source=PEDS_GUIDE,
    message="None of your {track} letters comes from a US pediatrician who saw your clinical work.",
    fix="Aim for at least one US pediatrics rotation and a letter from its attending.",
)

requirement_finding(
    "home-country-majority",
    Severity.WARNING,
    title="Most letters from outside the US",
    when="More than {other_share} of the letters in the set come from outside the US.",
    why="Programs look for US letters first; a set led by home-country letters reads as "
    "limited US experience.",
    source=PEDS_GUIDE,
    message="{others} of the {set_size} letters in your {track} set are not from US writers "
    "who know your work.",
    fix="Replace a home-country letter with a US clinical letter where you can.",
)


@finding(
    "too-many-letters",
    Severity.INFO,
    SET,
    title="More letters than a program receives",
    when="More than {max_letters} letters could be used for this track.",
    why="A program can be assigned at most {max_letters} letters, and letters added later are "
    "not assigned automatically: decide which ones each program gets.",
    source=ERAS,
    message="{count} letters could be used for {track}, but a program receives at most "
    "{max_letters}. Assign these: {names}.",
    fix="In ERAS, assign the recommended letters to each program yourself; later uploads are "
    "not assigned automatically.",
    example={"count": "5", "track": "Pediatrics", "max_letters": "4", "names": "Dr. A, Dr. B"},
    switch=Switch.SET_FINDINGS,
)
def too_many_letters(c: SetContext, rule: FindingRule) -> Iterator[Terms]:
    viable = [x for x in c.letters if x.viable]
    if len(viable) > c.track.max_letters:
        yield {
            "count": len(viable),
            "track": c.track.label,
            "max_letters": c.track.max_letters,
            "names": ", ".join(x.writer.name for x in c.selected),
        }


@finding(
    "weak-fourth-letter",
    Severity.INFO,
    SET,
    title="Fourth letter left out",
    when="A fourth letter exists, but it is weak enough that sending it would lower the set.",
    why="Four letters are the ceiling, not a target: a weak fourth letter dilutes three "
    "strong ones.",
    source=PEDS_GUIDE,
    message="{name}'s letter (worth {value}) is left out of the {track} set: adding it would "
    "lower the set's score.",
    fix="Send the stronger set as it is, or make this letter stronger (longer contact, a "
    "clear request for a strong letter) before adding it.",
    example={"name": "Dr. Example", "value": "41", "track": "Pediatrics"},
    switch=Switch.SET_FINDINGS,
)
def weak_fourth_letter(c: SetContext, rule: FindingRule) -> Iterator[Terms]:
    t = c.track
    if not t.min_letters <= len(c.selected) < t.max_letters:
        return
    chosen = {x.id for x in c.selected}
    left_out = sorted(
        (x for x in c.letters if x.viable and x.id not in chosen),
        key=lambda x: (-x.values[t.id], x.index),
    )
    if left_out:
        best = left_out[0]
        yield {"name": best.writer.name, "value": f"{best.values[t.id]:.0f}", "track": t.label}


requirement_finding(
    "missing-im-letter",
    Severity.ERROR,
    title="No internal-medicine letter",
    when="No clinical letter in the set comes from internal medicine.",
    why="Med-Peds programs expect at least one letter from each department.",
    source=MEDPEDS_GUIDE,
    message="No clinical internal-medicine letter in your {track} set.",
    fix="Ask an internal-medicine attending who supervised you, ideally on a US inpatient "
    "rotation.",
)

requirement_finding(
    "missing-pediatric-letter",
    Severity.ERROR,
    title="No pediatrics letter",
    when="No clinical letter in the set comes from pediatrics.",
    why="Med-Peds programs expect at least one letter from each department.",
    source=MEDPEDS_GUIDE,
    message="No clinical pediatrics letter in your {track} set.",
    fix="Ask a pediatric attending who supervised you, ideally on a US rotation.",
)

requirement_finding(
    "no-med-peds-letter",
    Severity.INFO,
    title="No Med-Peds physician's letter",
    when="No letter comes from a Med-Peds physician who saw you on a combined service.",
    why="Such a letter is welcome but not required; two strong US letters from IM and "
    "pediatrics are better than a weak Med-Peds one.",
    source=MEDPEDS_GUIDE,
    message="No letter comes from a Med-Peds physician on a combined service.",
    fix="Welcome but optional: if a rotation with Med-Peds faculty is possible, ask there; "
    "otherwise strong IM and pediatrics letters are enough.",
)

requirement_finding(
    "few-us-clinical-letters",
    Severity.WARNING,
    title="Fewer than {need} US clinical letters",
    when="Fewer than {need} letters in the set come from US physicians who saw your clinical work.",
    why="Advisors aim for at least 2–3 strong US clinical letters; some programs require one.",
    source=MEDPEDS_GUIDE,
    message="Only {have} of your {track} letters {comes} from US physicians who saw your "
    "clinical work; aim for at least {need}.",
    fix="Add a letter from a hands-on US rotation in internal medicine or pediatrics.",
)

requirement_finding(
    "non-us-core-letter",
    Severity.WARNING,
    title="Core letter only from outside the US",
    when="Your only internal-medicine letter, or your only pediatrics letter, is from outside "
    "the US.",
    why="A home-country letter should back up a US letter from the same department, not "
    "stand in for it.",
    source=MEDPEDS_GUIDE,
    message="Your {department} letter comes only from outside the US.",
    fix="Add a US {department} letter; keep the home-country one as a supplement.",
)

requirement_finding(
    "combined-fit-unaddressed",
    Severity.WARNING,
    title="Nobody speaks to combined training",
    when="No writer in the set knows you are applying to Med-Peds.",
    why="Programs look for a letter that says you would suit combined training; a writer who "
    "does not know your goal cannot say it.",
    source=MEDPEDS_GUIDE,
    message="No writer in your {track} set knows you are applying to Med-Peds.",
    fix="Brief at least one writer on why you want combined training and ask whether they "
    "can comment on your fit for it.",
)

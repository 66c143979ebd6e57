"""Findings about a track's recommended set.

Most are raised by the track's own requirements: a track file names, for each requirement,
the finding its set raises when the requirement is not met (`requirements[].finding`).
Requirements count credible letters only, so their messages say how many letters *count*
and name any letter in the set that is too weak to. The others have a check of their own
and are switched on per track (`set_findings`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lorkit.checks.base import (
    BOTH_GUIDES,
    ERAS,
    LORKIT,
    MEDPEDS_GUIDE,
    PEDS_GUIDE,
    PROGRAMS,
    FindingRule,
    Scope,
    SetContext,
    Switch,
    Terms,
    define,
    finding,
)
from lorkit.checks.causes import fourth_letter_words, set_weakness
from lorkit.enums import Kind, Severity
from lorkit.letters import Letter
from lorkit.selection import counted, set_strength
from lorkit.wording import and_list, num, of_100, plural

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
    "only": "Only 1 letter",
    "letters": "letter",
    "comes": "comes",
    "counts": "counts",
    "others": "2",
    "are": "are",
    "set_size": "3",
    "department": "internal-medicine",
    "weak_note": " (Dr. Example's letter, value 30 of 100, is too weak to count)",
}


def weak_note(letters: Sequence[Letter], track_id: str, floor: float) -> str:
    """ " (Dr. A's letter, value 30 of 100, is too weak to count)" for letters in a set that
    would have ticked a requirement's box but are not credible; "" for none."""
    if not letters:
        return ""
    if len(letters) == 1:
        x = letters[0]
        return (
            f" ({x.writer.name}'s letter, value {of_100(x.values[track_id], floor)}, is too "
            "weak to count)"
        )
    names = and_list([x.writer.name for x in letters])
    return f" (the letters from {names} are too weak to count)"


def unmet_requirement(c: SetContext, rule: FindingRule) -> Iterator[Terms]:
    """Each requirement of the track that names this finding and is not met, unless a
    requirement it is suppressed by is unmet too (no US IM letter, when there is no IM
    letter at all, is the same gap)."""
    unmet = {r.requirement.code for r in c.results if not r.met}
    credible = counted(c.selected, c.track)
    for r in c.results:
        req = r.requirement
        if req.finding != rule.code or r.met:
            continue
        if req.suppressed_by and req.suppressed_by in unmet:
            continue
        weak = [x for x in c.selected if x not in credible and req.feature in x.features]
        others = len(credible) - r.have
        yield {
            "track": c.track.label,
            "have": r.have,
            "need": r.need,
            "only": f"Only {r.have} {plural(r.have, 'letter')}" if r.have else "No letter",
            "letters": plural(r.have, "letter"),
            "comes": "comes" if r.have == 1 else "come",
            "counts": "counts" if r.have <= 1 else "count",
            "others": others,
            "are": "is" if others == 1 else "are",
            "set_size": len(credible),
            "department": FEATURE_DEPARTMENT.get(req.feature, "clinical"),
            "weak_note": weak_note(weak, c.track.id, c.track.credible_min_value),
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
    when="The recommended set has fewer than {need} letters that count: letters that are never "
    "sent, or worth less than {credible_min_value}, do not.",
    why="Most programs ask for {need} letters; an application with fewer is often not reviewed, "
    "and a weak letter that only fills a place does not help.",
    source=BOTH_GUIDES,
    message="{only} for {track} {counts}{weak_note}; programs usually ask for {need}.",
    fix="Add writers from recent clinical experiences, starting with rotations you can "
    "still do before submission.",
)

requirement_finding(
    "too-few-pediatric-letters",
    Severity.ERROR,
    title="Fewer than {need} pediatric letters",
    when="Fewer than {need} letters that count in the set come from pediatricians.",
    why="Without {need} letters from pediatricians programs may doubt your commitment to "
    "children's care.",
    source=PEDS_GUIDE,
    message="{only} from pediatricians {counts} for {track}{weak_note}; aim for at least {need}.",
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
    message="None of your {track} letters that count comes from a US physician who saw your "
    "clinical work{weak_note}.",
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
    message="None of your {track} letters that count comes from a US pediatrician who saw your "
    "clinical work{weak_note}.",
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
    message="{others} of the {set_size} letters that count in your {track} set {are} not from "
    "US writers.",
    fix="Replace a home-country letter with a US clinical letter where you can.",
)


@finding(
    "too-many-letters",
    Severity.INFO,
    SET,
    title="More letters than a program receives",
    when="More than {max_letters} letters that count could be used for this track.",
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
    usable = counted(c.letters, c.track)
    if len(usable) > c.track.max_letters:
        yield {
            "count": len(usable),
            "track": c.track.label,
            "max_letters": c.track.max_letters,
            "names": ", ".join(x.writer.name for x in c.selected),
        }


@finding(
    "weak-fourth-letter",
    Severity.INFO,
    SET,
    title="Fourth letter left out",
    when="The set has room for one more letter, but the best letter left out is not strong "
    "enough to send as a fourth: a set holds more than {min_letters} letters only when every "
    "letter is worth at least {fourth_letter_min_value} and has no warning of its own.",
    why="Four letters are the ceiling, not a target: three strong letters beat four average "
    "ones, and a weak fourth letter dilutes the others.",
    source=BOTH_GUIDES,
    message="{name}'s letter (value {value}) is not sent as a fourth {track} letter: {reason}.",
    fix="{advice}.",
    example={
        "name": "Dr. Example",
        "value": "41 of 100",
        "track": "Pediatrics",
        "reason": "the writer's field is not pediatrics",
        "advice": "For Pediatrics, a pediatrician's letter counts for more",
    },
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
        reason, advice = fourth_letter_words(best, t, c.selected, c.book)
        yield {
            "name": best.writer.name,
            "value": of_100(best.values[t.id], t.fourth_letter_min_value),
            "track": t.label,
            "reason": reason,
            "advice": advice,
        }


@finding(
    "no-hands-on-us-letter",
    Severity.WARNING,
    SET,
    title="No hands-on US letter",
    when="The set has US clinical letters, but every one of them comes from an observership.",
    why="An observer's letter cannot describe patient care you did yourself; some programs do "
    "not count observerships as clinical experience, and many want recent hands-on US work.",
    source=f"{MEDPEDS_GUIDE} and {PROGRAMS}",
    message="Every US letter in your {track} set comes from an observership ({names}).",
    fix="Plan a hands-on US rotation (sub-internship, elective or externship) and ask its "
    "attending for a letter.",
    example={"track": "Pediatrics", "names": "Dr. Example"},
    switch=Switch.SET_FINDINGS,
)
def no_hands_on_us_letter(c: SetContext, rule: FindingRule) -> Iterator[Terms]:
    us = [x for x in counted(c.selected, c.track) if x.us_clinical]
    if us and all(x.rotation is not None and x.rotation.kind == Kind.OBSERVERSHIP for x in us):
        yield {"track": c.track.label, "names": and_list([x.writer.name for x in us])}


@finding(
    "weak-set",
    Severity.WARNING,
    SET,
    title="Letters count, but are not strong enough",
    when="The set has enough letters that count, but their values are too low for the set to "
    "be ready (readiness {ready} or more).",
    why="Programs read how strongly a letter recommends you, not only who wrote it: a set of "
    "credible but middling letters does not stand out.",
    source=LORKIT,
    message="Your {track} letters count, but together they are not strong enough yet: their "
    "strength is {strength} where ready needs {ready}, and most points are lost to "
    "{weakness}.",
    fix="{advice}.",
    example={
        "track": "Pediatrics",
        "strength": "71 of 100",
        "weakness": "letters from outside the US",
        "advice": "A letter from a US physician who supervised your clinical work counts for more",
    },
    switch=Switch.SET_FINDINGS,
)
def weak_set(c: SetContext, rule: FindingRule) -> Iterator[Terms]:
    t = c.track
    credible = counted(c.selected, t)
    if len(credible) < t.min_letters:
        return  # too few letters count: that finding says it
    strength = set_strength(c.selected, t)
    if int(strength + 0.5) >= t.verdict.ready:
        return
    w = set_weakness(c.selected, t, c.book)
    yield {
        "track": t.label,
        "strength": of_100(strength),
        "ready": num(t.verdict.ready),
        "weakness": w.about_letters,
        "advice": w.fix.rstrip("."),
    }


requirement_finding(
    "missing-im-letter",
    Severity.ERROR,
    title="No internal-medicine letter",
    when="No clinical letter that counts in the set comes from internal medicine.",
    why="Med-Peds programs expect at least one letter from each department.",
    source=MEDPEDS_GUIDE,
    message="No clinical internal-medicine letter counts in your {track} set{weak_note}.",
    fix="Ask an internal-medicine attending who supervised you, ideally on a US inpatient "
    "rotation.",
)

requirement_finding(
    "missing-pediatric-letter",
    Severity.ERROR,
    title="No pediatrics letter",
    when="No clinical letter that counts in the set comes from pediatrics.",
    why="Med-Peds programs expect at least one letter from each department.",
    source=MEDPEDS_GUIDE,
    message="No clinical pediatrics letter counts in your {track} set{weak_note}.",
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
    when="Fewer than {need} letters that count in the set come from US physicians who saw your "
    "clinical work.",
    why="Advisors aim for at least two or three strong US clinical letters; some programs "
    "require one.",
    source=MEDPEDS_GUIDE,
    message="{only} from US physicians who saw your clinical work {counts} for {track}"
    "{weak_note}; aim for at least {need}.",
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
    message="Your {department} letter that counts comes only from outside the US{weak_note}.",
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

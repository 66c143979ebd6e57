"""Findings about one program on the applicant's list: whether it takes the applicant, and
which of its own letter rules the letters chosen for it do not meet (see lorkit.programs)."""

from __future__ import annotations

from collections.abc import Iterator

from lorkit.checks.base import ERAS, PROGRAMS, FindingRule, ProgramContext, Scope, Terms, finding
from lorkit.enums import Severity

PROGRAM = Scope.PROGRAM


@finding(
    "program-ineligible",
    Severity.WARNING,
    PROGRAM,
    title="A program on your list does not take you",
    when="A program's visa sponsorship does not include the visa you need, it takes only "
    "applicants who graduated more recently than you, or it belongs to a track you are not "
    "applying to.",
    why="Programs screen on visa and graduation year before they read any letter: an "
    "application there costs a fee and a letter assignment for nothing.",
    source=PROGRAMS,
    message="{program}: {reason}.",
    fix="{advice}.",
    example={
        "program": "Example Children's Hospital",
        "reason": "it sponsors J-1 visas only, and you need an H-1B",
        "advice": "Take it off your list, or ask the program whether the rule still holds",
    },
)
def program_ineligible(c: ProgramContext, rule: FindingRule) -> Iterator[Terms]:
    for problem in c.result.ineligible:
        yield {
            "program": c.result.program.name,
            "reason": problem.reason,
            "advice": problem.fix.rstrip("."),
        }


@finding(
    "program-rule-unmet",
    Severity.WARNING,
    PROGRAM,
    title="The letters for a program miss one of its rules",
    when="Even the best letters you can assign to a program leave one of its own rules unmet: "
    "a chair letter, a minimum of pediatric, internal-medicine or US letters, the number of "
    "letters, observership letters it does not count, or letters older than it accepts.",
    why="Programs publish rules of their own on top of the usual ones, and some filter "
    "applications that miss them before anyone reads a letter.",
    source=f"{PROGRAMS} and {ERAS}",
    message="{program}: {rule}. {detail}.",
    fix="{advice}.",
    example={
        "program": "Example Med-Peds Program",
        "rule": "At least 1 letter from a department chair",
        "detail": "None of your letters comes from a department chair",
        "advice": "Ask the chair of a department where you rotated for a letter, and give "
        "them the notes of the attendings who supervised you",
    },
)
def program_rule_unmet(c: ProgramContext, rule: FindingRule) -> Iterator[Terms]:
    for r in c.result.unmet:
        yield {
            "program": c.result.program.name,
            "rule": r.label,
            "detail": r.detail.rstrip("."),
            "advice": r.fix.rstrip("."),
        }

"""The rule book refuses broken rule data on load, with one located line per problem, and
`python -m lorkit` reports it as that one line (exit 2), never as a traceback later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lorkit import rules
from lorkit.cli import main
from tests.conftest import ROOT, SAMPLES_DIR
from tests.unit.conftest import edit

GUIDE = str(SAMPLES_DIR / "pediatrics-guide-example.json")


MED_PEDS = "tracks/med-peds.toml"
PEDS = "tracks/pediatrics.toml"
SCORING = "scoring.toml"

# (file, old text, new text, where, message): each corruption and the line that reports it
BROKEN = {
    "renamed finding code": (
        MED_PEDS,
        'finding = "missing-pediatric-letter"',
        'finding = "x"',
        "requirements[2].finding",
        "no finding 'x'",
    ),
    "finding raised from the wrong place": (
        MED_PEDS,
        'finding = "missing-pediatric-letter"',
        'finding = "old-letter"',
        "requirements[2].finding",
        "'old-letter' cannot be named here: it is raised for a letter in the age band that "
        "names it",
    ),
    "set finding that a requirement raises": (
        PEDS,
        'set_findings = ["too-many-letters", "weak-fourth-letter", "no-hands-on-us-letter", '
        '"weak-set"]',
        'set_findings = ["too-many-letters", "too-few-letters"]',
        "set_findings[1]",
        "'too-few-letters' cannot be named here: it is raised when a track requirement that "
        "names it is not met",
    ),
    "unknown set finding": (
        PEDS,
        'set_findings = ["too-many-letters", "weak-fourth-letter", "no-hands-on-us-letter", '
        '"weak-set"]',
        'set_findings = ["too-many-letter"]',
        "set_findings[0]",
        "no finding 'too-many-letter'",
    ),
    "age band naming an unknown finding": (
        SCORING,
        'finding = "old-letter"',
        'finding = "ancient-letter"',
        "age_bands.bands[3].finding",
        "no finding 'ancient-letter'",
    ),
    "missing tier": (
        PEDS,
        "4 = 0.75\n",
        "",
        "tiers",
        "missing tier 4 (needed: 1, 2, 3, 4, 5, 6, 7)",
    ),
    "tier the letters module never produces": (
        PEDS,
        "7 = 0.4\n",
        "7 = 0.4\n8 = 0.3\n",
        "tiers.8",
        "no tier 8; use 1, 2, 3, 4, 5, 6, 7",
    ),
    "missing slot": (
        MED_PEDS,
        "supplementary = 0.5\n",
        "",
        "slots",
        "missing slot 'supplementary' (needed: im, peds, med-peds, core-clinical, supplementary)",
    ),
    "missing recency band": (
        MED_PEDS,
        "gt3 = 0.45\n",
        "",
        "recency_factors",
        "missing age band 'gt3' (needed: le1, 1-2, 2-3, gt3)",
    ),
    "third reminder": (
        SCORING,
        "reminder_days = [14, 7]",
        "reminder_days = [21, 14, 7]",
        "plan.reminder_days",
        "give exactly 2 reminders (a gentle one, then a last one); got 3",
    ),
    "reminders out of order": (
        SCORING,
        "reminder_days = [14, 7]",
        "reminder_days = [7, 14]",
        "plan.reminder_days[1]",
        "14 is not after the reminder before it (7 days): list reminders from the earliest to "
        "the latest",
    ),
    "reminder before the ask-by date": (
        SCORING,
        "reminder_days = [14, 7]",
        "reminder_days = [35, 7]",
        "plan.reminder_days[0]",
        "35 days is before the ask-by date (28 days)",
    ),
    "ask window closing before it opens": (
        SCORING,
        "ask_by_days = 28",
        "ask_by_days = 60",
        "plan.ask_by_days",
        "60 days before submission is not after ask_from_days (56): the ask window would close "
        "before it opens",
    ),
    "unknown feature": (
        PEDS,
        'feature = "pediatric"',
        'feature = "paediatric"',
        "requirements[1].feature",
        "unknown feature 'paediatric'; use one of any, pediatric, im, combined, peds_core, "
        "im_core, us, us_clinical, us_pediatric, us_peds_core, us_im_core, knows_goal, chair",
    ),
    "duplicate requirement code": (
        PEDS,
        'code = "us-majority"',
        'code = "us-pediatric-letter"',
        "requirements[4].code",
        "'us-pediatric-letter' is used twice (also requirements[3])",
    ),
    "suppressed by no requirement": (
        MED_PEDS,
        'suppressed_by = "im-letter"',
        'suppressed_by = "imm-letter"',
        "requirements[4].suppressed_by",
        "no requirement 'imm-letter'",
    ),
    "minimum a set can never meet": (
        PEDS,
        "min = 3",
        "min = 5",
        "requirements[0].min",
        "5 can never be met: a set holds at most max_letters (4)",
    ),
    "verdict bands out of order": (
        PEDS,
        "ready = 80",
        "ready = 50",
        "verdict",
        "the bands must rise: at_risk (40) < nearly_ready (60) < ready (50)",
    ),
    "quality table missing a value": (
        SCORING,
        "non-us = 0.8\n",
        "",
        "quality.location",
        "missing location 'non-us' (needed: us, non-us)",
    ),
    "age bands out of order": (
        SCORING,
        "max_years = 2.0",
        "max_years = 0.5",
        "age_bands.bands[1].max_years",
        "0.5 is not above the band before it (1): age bands must be in increasing order",
    ),
    "credible floor above the fourth-letter floor": (
        PEDS,
        "credible_min_value = 35.0",
        "credible_min_value = 75.0",
        "credible_min_value",
        "75 is above fourth_letter_min_value (70): a letter strong enough to send as a fourth "
        "must also count",
    ),
    "durations out of order": (
        SCORING,
        "medium_min_weeks = 2",
        "medium_min_weeks = 4",
        "quality.duration.medium_min_weeks",
        "4 must be below long_min_weeks (4)",
    ),
    "narrative naming an unknown writer specialty": (
        SCORING,
        'writer_specialties = ["peds-subspecialty", "im-subspecialty"]',
        'writer_specialties = ["peds-sub"]',
        "narrative.subspecialty.writer_specialties[0]",
        "no writer specialty 'peds-sub'; use pediatrics, peds-subspecialty, internal-medicine, "
        "im-subspecialty, med-peds, family-medicine, other-clinical, non-clinical",
    ),
    "unknown packet extra": (
        MED_PEDS,
        'packet_extras = ["exam-scores", "combined-points"]',
        'packet_extras = ["exam-score"]',
        "packet_extras[0]",
        "no packet item 'exam-score'; use cv, personal-statement, work-summary, photo, "
        "eras-request, exam-scores, combined-points",
    ),
    "e-mail paragraph with an unknown placeholder": (
        MED_PEDS,
        "in {reason}.",
        "in {reasons}.",
        "ask_email.paragraph",
        "unknown placeholder {reasons}; use only {reason}",
    ),
    "unknown key": (
        PEDS,
        'id = "pediatrics"',
        'id = "pediatrics"\ncolour = "blue"',
        "colour",
        "unknown key: lorkit reads no rule by that name",
    ),
    "text for a number": (
        PEDS,
        "ready = 80",
        'ready = "eighty"',
        "verdict.ready",
        "should be a valid number (got 'eighty')",
    ),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_rule_data_is_refused_on_load_with_a_located_line(data_copy, kind):
    file, old, new, where, message = BROKEN[kind]
    edit(data_copy / file, old, new)
    with pytest.raises(rules.RulesError) as caught:
        rules.book()
    assert str(caught.value) == f"{data_copy / file}: {where}: {message}"
    assert caught.value.problems[0] == rules.RuleProblem(str(data_copy / file), where, message)


@pytest.mark.parametrize("kind", ["renamed finding code", "third reminder", "missing tier"])
@pytest.mark.parametrize("command", [["validate", GUIDE], ["assess", GUIDE], ["codes"]])
def test_the_cli_reports_broken_rule_data_in_one_line_and_exits_2(data_copy, capsys, kind, command):
    file, old, new, where, message = BROKEN[kind]
    edit(data_copy / file, old, new)
    code = main(command)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == f"lorkit: {data_copy / file}: {where}: {message}\n"


def test_validate_in_a_subprocess_fails_cleanly_on_broken_rules(data_copy):
    file, old, new, where, message = BROKEN["renamed finding code"]
    edit(data_copy / file, old, new)
    done = subprocess.run(
        [sys.executable, "-m", "lorkit", "validate", GUIDE],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        env={**os.environ, "LORKIT_DATA_DIR": str(data_copy)},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [f"lorkit: {data_copy / file}: {where}: {message}"]


def test_the_package_data_is_named_as_lorkit_data(data_copy, monkeypatch):
    # the message names the shipped files the way the repository and the wheel hold them
    edit(data_copy / MED_PEDS, 'finding = "missing-pediatric-letter"', 'finding = "x"')
    monkeypatch.delenv("LORKIT_DATA_DIR")
    monkeypatch.setattr(rules, "_PACKAGE_DATA", data_copy)
    rules.clear_caches()
    with pytest.raises(rules.RulesError) as caught:
        rules.book()
    assert str(caught.value) == (
        "lorkit/data/tracks/med-peds.toml: requirements[2].finding: no finding 'x'"
    )


def test_every_problem_is_kept_and_the_first_is_the_message(data_copy):
    edit(data_copy / PEDS, "4 = 0.75\n", "")
    edit(data_copy / MED_PEDS, "gt3 = 0.45\n", "")
    with pytest.raises(rules.RulesError) as caught:
        rules.book()
    wheres = [(Path(p.file).name, p.where) for p in caught.value.problems]
    assert wheres == [("med-peds.toml", "recency_factors"), ("pediatrics.toml", "tiers")]


def test_a_missing_scoring_file_is_named(data_copy):
    (data_copy / SCORING).unlink()
    with pytest.raises(rules.RulesError) as caught:
        rules.book()
    assert str(caught.value) == f"{data_copy / SCORING}: the file is missing"


def test_the_rule_book_is_loaded_once(data_copy):
    first = rules.book()
    edit(data_copy / PEDS, "ready = 80", "ready = 85")
    assert rules.book() is first, "the book is cached until clear_caches()"
    rules.clear_caches()
    assert rules.book().track("pediatrics").verdict.ready == 85


def test_importing_lorkit_does_not_load_the_rules(data_copy):
    # broken rules must not break `import lorkit` (the CLI reports them in one line)
    edit(data_copy / MED_PEDS, 'finding = "missing-pediatric-letter"', 'finding = "x"')
    done = subprocess.run(
        [sys.executable, "-c", "import lorkit, lorkit.cli, lorkit.registry, lorkit.schema"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        env={**os.environ, "LORKIT_DATA_DIR": str(data_copy)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_shipped_rule_book_has_the_numbers_the_texts_use():
    terms = rules.book().terms
    assert terms["short_rotation_weeks"] == "2"
    assert terms["long_rotation_weeks"] == "4"
    assert terms["graduation_gap_years"] == "5"
    assert (terms["credible_min_value"], terms["fourth_letter_min_value"]) == ("35", "70")
    assert terms["ready"] == "80"
    assert (terms["ask_by_weeks"], terms["ask_from_weeks"]) == ("4", "8")
    assert (terms["first_reminder"], terms["last_reminder"]) == ("2 weeks", "1 week")
    assert terms["max_penalty"] == "90%"
    assert (terms["min_letters"], terms["max_letters"]) == ("3", "4")

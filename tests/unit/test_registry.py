"""The finding registry: one complete object per code, texts whose numbers come from the rule
book, and no threshold typed in Python."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from lorkit import registry, rules, wording
from lorkit.checks.base import FindingRule, Scope, Switch, placeholders
from lorkit.cli import main
from lorkit.enums import Severity
from lorkit.registry import REGISTRY
from tests.conftest import ROOT
from tests.unit.conftest import edit

RULES = list(REGISTRY.values())
TEMPLATES = ("title", "when", "why", "message", "fix")


@pytest.mark.parametrize("r", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_every_field(r: FindingRule):
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", r.code)
    assert isinstance(r.severity, Severity)
    assert isinstance(r.scope, Scope)
    assert isinstance(r.switch, Switch)
    assert callable(r.check)
    for name in (*TEMPLATES, "source"):
        text = getattr(r, name)
        assert isinstance(text, str) and text.strip(), f"{r.code}: {name} is empty"
    for name in ("when", "why", "message", "fix"):
        assert getattr(r, name).rstrip().endswith((".", "?", ")")), f"{r.code}: {name}"
    assert r.code not in r.message and r.code not in r.fix, "messages are for people"


@pytest.mark.parametrize("r", RULES, ids=[r.code for r in RULES])
def test_the_source_is_named_in_plain_words(r: FindingRule):
    assert not re.search(r"seed|\.txt|\.md|/|\d{3}", r.source), r.source


@pytest.mark.parametrize("r", RULES, ids=[r.code for r in RULES])
def test_every_template_formats_with_the_rule_book(r: FindingRule):
    book = rules.book()
    d = registry.describe(r.code, book)
    for text in (d.title, d.when, d.why):
        assert "{" not in text and "}" not in text, text
    described = set(registry.describe_terms(r.code, book))
    for name in ("title", "when", "why"):
        assert placeholders(getattr(r, name)) <= described, (r.code, name)
    for name in ("message", "fix"):
        assert placeholders(getattr(r, name)) <= set(r.example) | set(book.terms), (r.code, name)
    message, fix = r.render(r.example, book)
    assert "{" not in message + fix


@pytest.mark.parametrize("r", RULES, ids=[r.code for r in RULES])
def test_no_rule_book_number_is_typed_in_a_template(r: FindingRule):
    typed = re.compile(r"\b\d+(?:\.\d+)? (?:weeks?|years?|days?)\b|\bfewer than \d", re.I)
    for name in TEMPLATES:
        assert not typed.search(getattr(r, name)), (r.code, name, getattr(r, name))


def test_the_codes_and_their_order():
    codes = list(REGISTRY)
    assert len(codes) == len(set(codes)) == 39
    scopes = [REGISTRY[c].scope for c in codes]
    assert scopes == sorted(scopes, key=list(Scope).index), "grouped by scope"
    assert registry.tagged("plan") == (
        "late-ask",
        "reminder-due",
        "upload-overdue",
        "assign-late-letters",
    )
    assert registry.tagged("never-sent") == ("social-connection", "self-draft-request")
    assert {r.code for r in registry.in_scope(Scope.LETTER)} >= {"aging-letter", "old-letter"}


def test_every_finding_the_shipped_rules_name_is_raisable_and_every_set_finding_used():
    book = rules.book()
    for d in registry.descriptions(book):
        assert d.active, f"{d.code}: nothing in the rule data raises it"
    assert registry.describe("too-few-letters", book).tracks == ("Pediatrics", "Med-Peds")
    assert registry.describe("missing-im-letter", book).tracks == ("Med-Peds",)


def test_the_descriptions_fill_in_the_shipped_numbers():
    d = registry.describe
    assert "less than 2 working weeks" in d("short-rotation").when
    assert d("aging-letter").when.startswith(
        "The letter will be between 2 and 3 years old on your submission date, counted from "
        "the end of the experience"
    )
    assert d("old-letter").when.startswith(
        "The letter will be more than 3 years old on your submission date"
    )
    assert "worth less than 35" in d("too-few-letters").when
    assert "worth at least 70" in d("weak-fourth-letter").when
    assert "(readiness 80 or more)" in d("weak-set").when
    assert "more than 5 years" in d("graduation-gap").when
    assert d("too-few-letters").title == "Fewer than 3 letters"
    assert d("too-few-pediatric-letters").title == "Fewer than 2 pediatric letters"
    assert d("few-us-clinical-letters", track_id="med-peds").title == (
        "Fewer than 2 US clinical letters"
    )
    assert "More than half" in d("home-country-majority").when
    assert "(4 weeks before submission)" in d("late-ask").when
    assert "4–8 weeks" in d("late-ask").why
    assert "2 weeks and again 1 week" in d("reminder-due").why
    assert "at most 4 letters" in d("too-many-letters").why
    assert d("no-linked-experience").source == "lorkit's own scoring model"


def test_changing_the_rule_data_changes_every_text_built_from_it(data_copy):
    edit(data_copy / "scoring.toml", "short_rotation_weeks = 2", "short_rotation_weeks = 3")
    edit(data_copy / "scoring.toml", "graduation_gap_years = 5", "graduation_gap_years = 3")
    edit(data_copy / "tracks" / "med-peds.toml", "credible_min_value = 35.0",
         "credible_min_value = 40.0")  # fmt: skip
    edit(data_copy / "scoring.toml", "reminder_days = [14, 7]", "reminder_days = [21, 7]")
    edit(data_copy / "scoring.toml", "max_years = 2.0", "max_years = 2.5")
    edit(data_copy / "tracks" / "pediatrics.toml", "min = 3", "min = 4")
    edit(data_copy / "tracks" / "pediatrics.toml", "ready = 80", "ready = 85")
    rules.clear_caches()
    book = rules.book()
    d = registry.describe
    assert "less than 3 working weeks" in d("short-rotation").when
    assert "more than 3 years" in d("graduation-gap").when
    assert "worth less than 35 (Pediatrics) or 40 (Med-Peds)" in d("too-few-letters").when
    assert "3 weeks and again 1 week" in d("reminder-due").why
    assert "between 2.5 and 3 years" in d("aging-letter").when
    assert d("too-few-letters").title == "Fewer than 4 (Pediatrics) or 3 (Med-Peds) letters"
    assert d("too-few-letters", track_id="pediatrics").title == "Fewer than 4 letters"
    assert wording.recency_caption(book) == (
        "Letters past 2.5 years lose weight; past 3 years they count against you."
    )
    assert wording.verdict_caption(list(book.tracks.values())) == (
        "Pediatrics: 85 or more is ready (if nothing must be fixed), 60–84 nearly ready, "
        "40–59 at risk, below 40 not ready; Med-Peds: 80 or more is ready (if nothing must be "
        "fixed), 60–79 nearly ready, 40–59 at risk, below 40 not ready"
    )


def test_the_shipped_captions():
    book = rules.book()
    assert wording.verdict_caption(list(book.tracks.values())) == (
        "80 or more is ready (if nothing must be fixed), 60–79 nearly ready, 40–59 at risk, "
        "below 40 not ready"
    )
    assert wording.recency_caption(book) == (
        "Letters past 2 years lose weight; past 3 years they count against you."
    )


@pytest.mark.parametrize(
    ("days", "plain", "words"),
    [(14, "2 weeks", "two weeks"), (7, "1 week", "one week"), (10, "1.4 weeks", "1.4 weeks")],
)
def test_spans_in_words(days, plain, words):
    assert wording.span(days) == plain
    assert wording.span(days, words=True) == words


# --- the table ------------------------------------------------------------------------------


def test_the_codes_table_in_each_format(capsys):
    assert main(["codes", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [x["code"] for x in data] == list(REGISTRY)
    for x in data:
        assert set(x) >= {"code", "severity", "scope", "title", "when", "why", "source", "about"}
    assert main(["codes", "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out.splitlines()
    assert markdown[0] == "| Code | Severity | About | Fires when |"
    assert len(markdown) == 2 + len(REGISTRY)
    assert main(["codes"]) == 0
    text = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in text] == list(REGISTRY)


# --- no threshold typed in Python ---------------------------------------------------------------

TYPED_NUMBER = re.compile(
    r"\b\d+(?:\.\d+)? ?(?:weeks?|years?)\b|\b\d+-(?:week|year)\b|\b(?:80|60|40) or more\b"
    r"|\bpast \d"
)


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_week_or_year_count_or_verdict_edge_is_typed_in_code():
    found = []
    for folder in ("lorkit", "ui", "app_pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, text in _strings(path):
                if TYPED_NUMBER.search(text):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert found == [], "render these from the rule book (lorkit.wording):\n" + "\n".join(found)

"""The Assessment page answers first: per track the verdict and readiness, the letters to
send (each with its own warnings, in plain words) and the top next steps come before the
what-if, the findings and the charts; nothing that must be fixed is folded away."""

from __future__ import annotations

from typing import Any

import pytest

from lorkit import registry
from lorkit.assessment import Assessment
from lorkit.enums import Severity
from tests.app.conftest import (
    badges,
    engine,
    open_sample,
    rev,
    sample_raw,
    unescape,
    walk,
)
from tests.conftest import SAMPLE_NAMES
from ui.next_steps import HEADING, TOP
from ui.text import md_escape

LETTERS = "**Letters to send**"
MARKS = {Severity.ERROR: ":red[:material/error:", Severity.WARNING: ":orange[:material/warning:"}


def page_items(at: Any) -> list[tuple[str, str]]:
    """(kind, text) of every element of the main area, in the order drawn."""
    out = []
    for node in walk(at.main):
        kind = getattr(node, "type", "")
        if kind in ("markdown", "header", "subheader", "caption", "metric", "multiselect"):
            value = node.value if kind != "multiselect" else node.label
            out.append((kind, str(value)))
        elif kind in ("vega_lite_chart", "arrow_vega_lite_chart", "table", "expander"):
            out.append((kind, ""))
    return out


def first_index(items: list[tuple[str, str]], kind: str, text: str = "") -> int:
    return next(i for i, (k, v) in enumerate(items) if k == kind and v.startswith(text))


def last_index(items: list[tuple[str, str]], kind: str, text: str = "") -> int:
    return max(i for i, (k, v) in enumerate(items) if k == kind and v.startswith(text))


def letter_blocks(at: Any) -> list[str]:
    return [m.value for m in at.main.markdown if m.value.startswith(LETTERS)]


def expected_letters(a: Assessment) -> list[list[tuple[str, list[tuple[Severity, str]]]]]:
    """Per track: ("name · status", [(severity, plain title)]) of each letter to send."""
    out = []
    for t in a.tracks:
        rows = []
        for x in t.selected:
            own = {
                (f.severity, registry.title(f.code, f.track or t.track))
                for f in a.findings
                if f.writer_id == x.id
                and f.severity in MARKS
                and f.track in (None, t.track)
                and f.program_id is None
            }
            errors_first = sorted(own, key=lambda p: (p[0] != Severity.ERROR, p[1]))
            rows.append((f"{x.writer.name} · {x.writer.status.short}", errors_first))
        out.append(rows)
    return out


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_first_screen_comes_before_everything_else(app, name):
    at = open_sample(app(), name)
    a = engine(sample_raw(name))
    items = page_items(at)

    # per track: the verdict, the readiness, the letters, then (below ready) the next steps
    verdicts = [i for i, (k, v) in enumerate(items) if k == "markdown" and "-badge[" in v]
    readiness = [i for i, (k, _) in enumerate(items) if k == "metric"]
    letters = [i for i, (k, v) in enumerate(items) if k == "markdown" and v.startswith(LETTERS)]
    steps = [i for i, (k, v) in enumerate(items) if k == "markdown" and v.startswith(HEADING)]
    assert len(verdicts) == len(readiness) == len(letters) == len(a.tracks)
    below_ready = [t for t in a.tracks if t.verdict.value != "ready"]
    assert len(steps) == len(below_ready)
    first_screen_end = max([*verdicts, *readiness, *letters, *steps])

    # and only then the what-if, the findings, the charts and the details
    for kind, text in (
        ("header", "What if"),
        ("header", "Findings"),
        ("header", "Readiness"),
        ("vega_lite_chart", ""),
        ("table", ""),
        ("expander", ""),
    ):
        assert first_index(items, kind, text) > first_screen_end, (kind, text)
    # the first screen is the verdicts' block: nothing else sits between its parts
    between = items[min(verdicts) : first_screen_end + 1]
    assert {k for k, _ in between} <= {"markdown", "metric", "caption"}
    assert not [v for _, v in between if v.startswith(("`", "**Left out"))]


@pytest.mark.parametrize("name", ["home-country-heavy", "early-stage"])
def test_each_letter_to_send_shows_its_own_warnings_in_plain_words(app, name):
    at = open_sample(app(), name)
    a = engine(sample_raw(name))
    blocks = letter_blocks(at)
    expected = expected_letters(a)
    assert any(marks for track in expected for _, marks in track), "no letter with a warning"
    for block, track in zip(blocks, expected, strict=True):
        lines = block.split("\n\n", 1)[1].splitlines()
        shown: list[tuple[str, list[str]]] = []
        for line in lines:
            if line.startswith("   "):  # a mark under the letter above
                shown[-1][1].append(line.strip().rstrip())
            else:
                shown.append((line.rstrip(), []))
        assert [unescape(letter.split(". ", 1)[1]) for letter, _ in shown] == [
            line for line, _ in track
        ]
        for (_, marks), (_, want) in zip(shown, track, strict=True):
            assert sorted(marks) == sorted(f"{MARKS[sev]} {md_escape(t)}]" for sev, t in want)
    # never a finding code on the first screen: the plain title says it
    codes = {f.code for f in a.findings}
    for block in blocks:
        assert not [c for c in codes if c in block]


def test_a_letter_with_an_error_is_marked_in_red_beside_it(app):
    at = open_sample(app(), "home-country-heavy")
    [block] = letter_blocks(at)
    a = engine(sample_raw("home-country-heavy"))
    old = next(f for f in a.findings if f.code == "old-letter")
    name = md_escape(next(w.name for w in a.profile.writers if w.id == old.writer_id))
    lines = block.splitlines()
    at_letter = next(i for i, line in enumerate(lines) if name in line)
    assert lines[at_letter + 1].strip().startswith(":red[:material/error:")
    assert registry.title("old-letter") in unescape(lines[at_letter + 1])


def test_findings_are_headed_lists_not_folded_away(app):
    at = open_sample(app(), "home-country-heavy")
    a = engine(sample_raw("home-country-heavy"))
    subheaders = [s.value for s in at.main.subheader]
    for severity, heading in ((Severity.ERROR, "Must fix"), (Severity.WARNING, "Should fix")):
        n = sum(f.severity == severity for f in a.findings)
        assert n and any(s.endswith(f"{heading} ({n})") for s in subheaders)
    # the only folded group on the page is the scoring detail, not a finding
    labels = [e.label for e in at.main.expander]
    assert not [x for x in labels if "fix" in x.lower() or "worth knowing" in x.lower()]
    texts = [m.value for m in at.main.markdown]
    for f in a.findings:
        assert any(md_escape(f.message) in t for t in texts), f.code


def test_the_first_screen_says_when_a_what_if_is_behind_it(app):
    at = open_sample(app(), "early-stage")
    a = engine(sample_raw("early-stage"))
    left_out = a.tracks[0].selected[0]
    at.multiselect(key=f"whatif_{rev(at)}").set_value([left_out.id]).run()
    context = at.main.caption[0].value
    assert "What-if" in context and md_escape(left_out.writer.name) in context
    # the first screen follows the what-if
    assert left_out.writer.name not in unescape(letter_blocks(at)[0])


def test_at_most_the_top_steps_on_the_first_screen(app):
    at = open_sample(app(), "early-stage")
    firsts = [m.value for m in at.main.markdown if m.value.startswith(HEADING)]
    assert firsts
    for block in firsts:
        lines = block.split("\n\n", 1)[1].splitlines()
        assert 1 <= len(lines) <= TOP
        assert lines[0].startswith("1. **+")
    # the rest, numbered on, further down the page
    assert any(m.value.startswith(f"{TOP + 1}. **+") for m in at.main.markdown)
    assert badges(at.main)

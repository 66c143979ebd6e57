"""The Assessment page shows each track's next steps: a short numbered list with the gains,
the top few on the first screen and the rest, numbered on, further down."""

from __future__ import annotations

import re
from datetime import date, timedelta

from lorkit.enums import Verdict
from lorkit.next_steps import NextStep, next_steps
from tests.app.conftest import (
    assert_clean,
    download_file,
    engine,
    markdown_texts,
    open_sample,
    put_profile,
    sample_raw,
    unescape,
)
from ui.next_steps import HEADING, TOP
from ui.text import md_escape

STEP = re.compile(r"^\d+\. \*\*\+")


def expected_steps(raw, excluded=()) -> list[NextStep]:
    a = engine(raw, excluded)
    return next_steps(a.profile, a.as_of, excluded=a.excluded, assessment=a)


def headings(at) -> int:
    """How many tracks show a "Next steps" block."""
    return sum(m.value.startswith(HEADING) for m in at.main.markdown)


def step_lists(at) -> list[str]:
    """Each numbered list of next steps on the page, as shown (Markdown), in page order:
    the first screen's lists (without their heading), then the lists further down."""
    out = []
    for m in at.main.markdown:
        text = m.value.removeprefix(HEADING).strip()
        if text and STEP.match(text):
            out.append(text)
    return out


def steps_by_track(at, tracks: int) -> list[list[str]]:
    """Per track, the lines of its top steps followed by the lines of its other steps."""
    lists = step_lists(at)
    top, rest = lists[:tracks], lists[tracks:]
    out = []
    for shown in top:
        lines = shown.splitlines()
        if len(lines) == TOP and rest and rest[0].startswith(f"{TOP + 1}. "):
            lines += rest.pop(0).splitlines()
        out.append(lines)
    assert not rest, f"lists that belong to no track: {rest}"
    return out


def shown_line(i: int, s: NextStep) -> str:
    line = f"{i}. **+{s.gain}** {md_escape(s.advice)}"
    return line + (f" ({md_escape(s.condition)})" if s.condition else "")


def test_a_sample_below_ready_shows_its_next_steps_with_their_gains(app):
    at = open_sample(app(), "early-stage")
    steps = expected_steps(sample_raw("early-stage"))
    a = engine(sample_raw("early-stage"))
    below = [t for t in a.tracks if t.verdict != Verdict.READY]
    assert below, "the early-stage sample is below ready"
    assert headings(at) == len(below)
    lists = steps_by_track(at, len(below))
    assert len(lists) == len(below)
    for shown, t in zip(lists, below, strict=True):
        mine = [s for s in steps if s.track == t.track and s.helps]
        assert shown == [shown_line(i, s) for i, s in enumerate(mine, 1)]
        assert f"**+{mine[0].gain}**" in shown[0]
    # the top steps come first, on the first screen; more than that waits further down
    first_screen = step_lists(at)[: len(below)]
    assert all(len(x.splitlines()) <= TOP for x in first_screen)
    # the advice reads as plain words once the Markdown escapes are taken off
    first = next(s for s in steps if s.helps)
    assert any(unescape(first.advice) in unescape("\n".join(x)) for x in lists)


def test_a_ready_sample_shows_no_next_steps(app):
    raw = sample_raw("pediatrics-guide-example")
    a = engine(raw)
    at = open_sample(app(), "pediatrics-guide-example")
    below = [t for t in a.tracks if t.verdict != Verdict.READY]
    assert headings(at) == len(below)
    if not below:
        assert step_lists(at) == []


def test_the_next_steps_follow_the_what_if(app):
    at = open_sample(app(), "early-stage")
    whatif = next(m for m in at.multiselect if (m.key or "").startswith("whatif_"))
    whatif.set_value(["w-peds-subi"]).run()
    assert_clean(at)
    steps = expected_steps(sample_raw("early-stage"), excluded={"w-peds-subi"})
    assert not [s for s in steps if s.writer_id == "w-peds-subi"]
    texts = "\n".join(step_lists(at))
    assert "Angela Russo" not in unescape(texts)
    for s in steps:
        if s.helps:
            assert md_escape(s.advice) in texts


def test_a_writers_name_in_a_step_is_never_markdown(app):
    raw = sample_raw("early-stage")
    hostile = "[Dr. X](http://example.com) **bold** <b>y</b>"
    for w in raw["writers"]:
        if w["id"] == "w-peds-subi":
            w["name"] = hostile
    at = open_sample(app(), "early-stage")
    put_profile(at, raw)
    at.run()
    assert_clean(at)
    lists = "\n".join(step_lists(at))
    assert md_escape(hostile) in lists
    texts = markdown_texts(at)
    assert not [t for t in texts if "example.com" in t or "](" in t or "<b>" in t]


def test_when_nothing_helps_the_page_says_so(app):
    raw = sample_raw("early-stage")
    # one uploaded letter, and no time left for another rotation before the ask-by date
    raw["writers"] = [{**raw["writers"][0], "status": "uploaded", "letter_date": "2024-12-20"}]
    raw["rotations"] = [r for r in raw["rotations"] if r["id"] == raw["writers"][0]["rotation_id"]]
    raw["applicant"]["submission_date"] = (date.today() + timedelta(days=40)).isoformat()
    steps = expected_steps(raw)
    assert steps and all(not s.helps for s in steps)
    at = open_sample(app(), "early-stage")
    put_profile(at, raw)
    at.run()
    assert_clean(at)
    captions = [c.value for c in at.main.caption]
    for s in steps:
        assert md_escape(s.message) in captions
    assert step_lists(at) == []


def test_the_downloaded_report_lists_the_next_steps(app):
    at = open_sample(app(), "early-stage")
    button = next(b for b in at.get("download_button") if "report" in b.proto.label)
    text = download_file(button).content.decode("utf-8")
    assert "Next steps:" in text
    for s in expected_steps(sample_raw("early-stage")):
        assert s.message in text

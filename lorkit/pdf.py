"""The one-page PDF for the applicant to keep: per track the verdict, the readiness and the
letters to send, the top next steps, the dated actions of the coming weeks, one chart, the
date it reflects and the what-if (if any).

Built with fpdf2 and HarfBuzz text shaping (uharfbuzz), with the Noto fonts shipped in
lorkit/data/fonts/, so that Latin, Greek, Cyrillic, Arabic (joined, right to left) and
Devanagari names come out right on any machine; a character none of them covers (Chinese,
Japanese, Korean…) is drawn as U+FFFD and the page says so. The chart is a Vega-Lite spec
turned into a PNG by vl-convert (fpdf2 cannot read vl-convert's SVG).

User text (names, titles, institutions) is always drawn as plain text: never through
fpdf2's markdown or HTML modes. The page is exactly one page, whatever the profile holds:
page breaks are off, every user text is cut to the lines it may take, long lists say
"and N more", and when the content is still too tall it is laid out again tighter.

`one_page_pdf` is the entry point; `summary` is the content as plain data (for tests and for
anyone who wants the same words elsewhere).
"""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from lorkit import registry, wording
from lorkit.actions import Action, ActionState, build_actions
from lorkit.assessment import Assessment, TrackAssessment
from lorkit.enums import Severity, Status, Verdict
from lorkit.letters import Letter
from lorkit.next_steps import NextStep, next_steps
from lorkit.plan import ask_by
from lorkit.programs import COUNT_WORDS, status_counts
from lorkit.text_safety import one_line

Paper = Literal["letter", "a4"]
PAPERS: tuple[Paper, ...] = ("letter", "a4")
ACTION_WEEKS = 8  # how far ahead "the coming weeks" look
MIME = "application/pdf"  # for a download button

FONT_DIR = Path(__file__).resolve().parent / "data" / "fonts"
# family → file stem; the first is the main font, the others fill in characters it lacks
FONTS = {
    "noto": "NotoSans",
    "noto-arabic": "NotoSansArabic",
    "noto-devanagari": "NotoSansDevanagari",
}
MAIN_FONT = "noto"
CHART_FONT = "Noto Sans"
MISSING = "\ufffd"  # drawn for a character no bundled font has

INK = (34, 34, 34)
MUTED = (90, 90, 90)
RULE = (150, 150, 150)
SHADE = (236, 236, 236)

WRITER_NOTE = {Severity.ERROR: "Must fix", Severity.WARNING: "Should fix"}
STATE_WORDS = {ActionState.OVERDUE: "Overdue", ActionState.DUE: "Due now"}
MAX_NAMED = 3  # names listed in the what-if line before "and N more"
NAME_CHARS = 40  # of each name there
SCENARIO_CHARS = 60  # of a scenario's name there
LATER = 4  # actions after the window shown under "Later", room permitting
MIN_ACTIONS = 5  # dated actions a layout must have room for (when there are that many)


# --- the content, as plain data ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LetterLine:
    """One letter to send, as the page shows it."""

    name: str
    detail: str  # title and institution, or ""
    status: str  # the writer's status in a word or two
    notes: tuple[tuple[str, str], ...]  # ("Must fix" or "Should fix", what) per severity


@dataclass(frozen=True, slots=True)
class StepLine:
    gain: str  # "+21": the readiness points the step adds, measured
    words: str  # the step and what the gain assumes


@dataclass(frozen=True, slots=True)
class TrackPart:
    label: str
    verdict: Verdict
    readiness: int
    met: int
    requirements: int
    letters: tuple[LetterLine, ...]
    steps: tuple[StepLine, ...]  # the next steps that help, best first
    steps_note: str  # said instead of steps when there are none


@dataclass(frozen=True, slots=True)
class ActionLine:
    when: str
    what: str
    who: str
    state: str  # "Overdue", "Due now" or ""


@dataclass(frozen=True, slots=True)
class Summary:
    title: str
    dates: str
    what_if: str  # "" when the page reflects the profile as saved
    tracks: tuple[TrackPart, ...]
    readiness_caption: str
    window: str  # the coming weeks, from and to
    actions: tuple[ActionLine, ...]  # every open action in the window, by date
    later: tuple[ActionLine, ...]  # the first few actions after the window
    programs: str  # "" when the profile lists no programs


def texts(s: Summary) -> list[str]:
    """Every text of the summary (to choose the fonts it needs)."""
    out = [s.title, s.dates, s.what_if, s.readiness_caption, s.window, s.programs]
    for t in s.tracks:
        out += [t.label, t.steps_note, *(x.words for x in t.steps)]
        out += [text for x in t.letters for text in (x.name, x.detail, x.status)]
        out += [n for x in t.letters for pair in x.notes for n in pair]
    for a in (*s.actions, *s.later):
        out += [a.when, a.what, a.who, a.state]
    return out


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def short_date(day: date, *, year: bool = True) -> str:
    return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"


def _span(start: date, end: date) -> str:
    if start == end:
        return short_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{short_date(end)}"
    return f"{short_date(start, year=start.year != end.year)} – {short_date(end)}"


def _days_phrase(days: int) -> str:
    if days == 0:
        return "today"
    n = abs(days)
    unit = wording.plural(n, "day")
    return f"{n} {unit} away" if days > 0 else f"{n} {unit} ago"


def cut(text: str, limit: int) -> str:
    """One line of user text, at most `limit` characters (cut with "…")."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(items: Sequence[str]) -> str:
    shown = [cut(name, NAME_CHARS) for name in items[:MAX_NAMED]]
    if len(items) > MAX_NAMED:
        shown.append(f"{len(items) - MAX_NAMED} more")
    return wording.and_list(shown)


def what_if_line(a: Assessment, scenario_name: str | None = None) -> str:
    """The what-if the page reflects, in a sentence ("" for the profile as saved)."""
    names = {w.id: w.name for w in a.profile.writers}
    left_out = [name for wid, name in names.items() if wid in a.excluded]
    if not scenario_name and not left_out:
        return ""
    head = f"What-if “{cut(scenario_name, SCENARIO_CHARS)}”" if scenario_name else "What-if"
    if left_out:
        letters = wording.plural(len(left_out), "the letter", "the letters")
        head += f": without {letters} from {_names(left_out)}"
    return head + ". Your saved profile is not changed by it."


def _letter_notes(a: Assessment, t: TrackAssessment, x: Letter) -> tuple[tuple[str, str], ...]:
    """The letter's errors and warnings on this track, by their short titles: a line "Must
    fix: …" and a line "Should fix: …" (either left out when empty)."""
    found = [
        f
        for f in a.findings
        if f.writer_id == x.id and f.track in (None, t.track) and f.program_id is None
    ]
    notes = []
    for severity, label in WRITER_NOTE.items():
        titles = dict.fromkeys(
            registry.title(f.code, t.track) for f in found if f.severity == severity
        )
        if titles:
            notes.append((label, "; ".join(titles)))
    return tuple(notes)


def _letter_line(a: Assessment, t: TrackAssessment, x: Letter) -> LetterLine:
    w = x.writer
    place = x.rotation.institution if x.rotation is not None else ""
    detail = " · ".join(one_line(s) for s in (w.title or "", place) if s)
    return LetterLine(one_line(w.name), detail, Status(w.status).short, _letter_notes(a, t, x))


def step_line(step: NextStep) -> StepLine:
    assumes = f" ({step.condition})" if step.condition else ""
    return StepLine(f"+{step.gain}", f"{step.advice}{assumes}.")


def _track_part(a: Assessment, t: TrackAssessment, steps: Sequence[NextStep]) -> TrackPart:
    mine = [s for s in steps if s.track == t.track]
    helpful = [step_line(s) for s in mine if s.helps]
    if helpful:
        note = ""
    elif mine:
        note = mine[0].message
    elif t.verdict == Verdict.READY:
        note = "Ready: keep to the dates below."
    else:
        note = "No next step is listed for this track."
    return TrackPart(
        label=t.rules.label,
        verdict=t.verdict,
        readiness=t.readiness,
        met=sum(r.met for r in t.requirements),
        requirements=len(t.requirements),
        letters=tuple(_letter_line(a, t, x) for x in t.selected),
        steps=tuple(helpful),
        steps_note=note,
    )


def _action_line(x: Action, names: dict[str, str]) -> ActionLine:
    who = names.get(x.writer_id or "", "")
    return ActionLine(_span(x.start, x.end), x.kind.label, who, STATE_WORDS.get(x.state, ""))


def open_actions(a: Assessment) -> list[Action]:
    """The plan's actions still to do, by date; none for a letter that is never sent (a
    declined writer has none anyway; a social contact or a writer who asked you to draft the
    letter should not get a packet or reminders)."""
    never = {x.id for x in a.letters if not x.viable}
    return [x for x in build_actions(a) if x.state != ActionState.DONE and x.writer_id not in never]


def _coming(a: Assessment, weeks: int) -> tuple[str, list[ActionLine], list[ActionLine]]:
    end = a.as_of + timedelta(weeks=weeks)
    names = {w.id: one_line(w.name) for w in a.profile.writers}
    todo = open_actions(a)
    inside = [x for x in todo if x.start <= end]
    later = [x for x in todo if x.start > end][:LATER]
    window = f"{short_date(a.as_of)} to {short_date(end)}"
    lines = [_action_line(x, names) for x in inside]
    return window, lines, [_action_line(x, names) for x in later]


def dates_line(a: Assessment) -> str:
    """The date the page reflects, the ask-by date (while it is ahead) and the submission."""
    submission = a.profile.applicant.submission_date
    parts = [f"As of {long_date(a.as_of)}"]
    if ask_by(submission) >= a.as_of:
        parts.append(f"ask every writer by {long_date(ask_by(submission))}")
    days = _days_phrase((submission - a.as_of).days)
    parts.append(f"ERAS submission {long_date(submission)} ({days})")
    return " · ".join(parts)


def programs_line(a: Assessment) -> str:
    if not a.programs:
        return ""
    counts = status_counts(a.programs)
    parts = [f"{counts.get(s, 0)} {words}" for s, words in COUNT_WORDS.items()]
    n = len(a.programs)
    return f"Programs on your list ({n}): " + ", ".join(parts) + "."


def summary(
    a: Assessment,
    steps: Sequence[NextStep] | None = None,
    *,
    scenario_name: str | None = None,
    weeks: int = ACTION_WEEKS,
) -> Summary:
    """What the page says, as plain data; `steps` are the assessment's next steps when
    already worked out."""
    if steps is None:
        steps = next_steps(a.profile, a.as_of, excluded=a.excluded, assessment=a)
    p = a.profile.applicant
    who = one_line(p.name or "")
    window, actions, later = _coming(a, weeks)
    return Summary(
        title=f"Letter plan for {who}" if who else "Your letter plan",
        dates=dates_line(a),
        what_if=what_if_line(a, scenario_name),
        tracks=tuple(_track_part(a, t, steps) for t in a.tracks),
        readiness_caption=(
            "Readiness (0–100) measures how well the letters to send meet what programs look "
            f"for: {wording.verdict_caption([t.rules for t in a.tracks])}."
        ),
        window=window,
        actions=tuple(actions),
        later=tuple(later),
        programs=programs_line(a),
    )


# --- the chart ---------------------------------------------------------------------------------

# Light tints of the app's verdict colours. In grey they all come out light: the verdict written
# in each band and the white lines between bands carry the meaning, and the dark bar and its
# number stand out from every band (tests/unit/test_pdf.py checks the contrast).
BAND_FILLS = {
    Verdict.NOT_READY: "#f3d9c9",
    Verdict.AT_RISK: "#f6e6bd",
    Verdict.NEARLY_READY: "#d3e8f4",
    Verdict.READY: "#cfe9dd",
}
BAR = "#1f4e79"


def readiness_spec(a: Assessment) -> dict[str, Any]:
    """A print-tuned Vega-Lite spec: each track's readiness as a dark bar over its verdict
    bands, each band named, the value written at the bar's end."""
    tracks = [t.rules.label for t in a.tracks]
    bands, labels = [], []
    for t in a.tracks:
        v = t.rules.verdict
        edges = (0.0, float(v.at_risk), float(v.nearly_ready), float(v.ready), 100.0)
        order = (Verdict.NOT_READY, Verdict.AT_RISK, Verdict.NEARLY_READY, Verdict.READY)
        for i, verdict in enumerate(order):
            row = {"track": t.rules.label, "from": edges[i], "to": edges[i + 1]}
            bands.append({**row, "fill": BAND_FILLS[verdict]})
            labels.append({**row, "band": verdict.label, "mid": (edges[i] + edges[i + 1]) / 2})
    bars = [{"track": t.rules.label, "readiness": t.readiness} for t in a.tracks]
    x = {"type": "quantitative", "scale": {"domain": [0, 100], "nice": False}}
    y = {"field": "track", "type": "nominal", "sort": tracks, "title": None}
    return {
        "width": 360,
        "height": 34 * len(tracks),
        "background": "white",
        "config": {
            "font": CHART_FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#222222"},
            "axisY": {"labelFontWeight": "bold", "labelLimit": 160, "domain": False},
        },
        "layer": [
            {
                "data": {"values": bands},
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                "encoding": {
                    "x": {
                        **x,
                        "field": "from",
                        "title": "Readiness (0–100)",
                        "axis": {"values": [0, 20, 40, 60, 80, 100], "grid": False},
                    },
                    "x2": {"field": "to"},
                    "y": y,
                    "color": {"field": "fill", "type": "nominal", "scale": None},
                },
            },
            {
                "data": {"values": labels},
                "mark": {"type": "text", "fontSize": 10, "color": "#333333", "dy": -9},
                "encoding": {
                    "x": {**x, "field": "mid"},
                    "y": y,
                    "text": {"field": "band", "type": "nominal"},
                },
            },
            {
                "data": {"values": bars},
                "mark": {"type": "bar", "height": 9, "color": BAR, "yOffset": 6},
                "encoding": {"x": {**x, "field": "readiness"}, "y": y},
            },
            {
                "data": {"values": bars},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 5,
                    "dy": 6,
                    "fontSize": 12,
                    "fontWeight": "bold",
                    "color": "#111111",
                },
                "encoding": {
                    "x": {**x, "field": "readiness"},
                    "y": y,
                    "text": {"field": "readiness", "type": "quantitative"},
                },
            },
        ],
    }


@cache
def _chart_fonts() -> None:
    """vl-convert draws text with the bundled Noto Sans, so the chart needs no system font."""
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))


@lru_cache(maxsize=64)
def _png(spec_json: str) -> bytes:
    # The spec holds track names and readiness numbers only, nothing about the applicant.
    import vl_convert

    _chart_fonts()
    return bytes(vl_convert.vegalite_to_png(json.loads(spec_json), scale=2))


def chart_png(a: Assessment) -> bytes:
    """The readiness chart as a PNG (kept per process for unchanged readiness)."""
    return _png(json.dumps(readiness_spec(a), sort_keys=True))


# --- laying out the page -----------------------------------------------------------------------

PT = 25.4 / 72  # mm per point


@dataclass(frozen=True, slots=True)
class Limits:
    """How big the text is and how much of each list the page takes; the page is laid out
    with the first level whose content fits."""

    size: float = 9.6  # body text, pt
    steps: int = 3  # next steps per track
    step_lines: int = 5  # lines each next step may take
    detail_lines: int = 2  # lines of a writer's title and institution (0: left out)
    note_lines: int = 2  # lines of a letter's note
    actions: int = 10  # dated actions
    chart: bool = True

    @property
    def small(self) -> float:
        return self.size - 1.0

    @property
    def line(self) -> float:
        return self.size * PT * 1.3

    @property
    def small_line(self) -> float:
        return self.small * PT * 1.3


LEVELS = (
    Limits(),
    Limits(step_lines=4, detail_lines=1),
    Limits(size=8.8, step_lines=3, detail_lines=1, actions=8),
    Limits(size=8.8, steps=2, step_lines=2, detail_lines=1, note_lines=1, actions=6),
    Limits(size=8.2, steps=2, step_lines=2, detail_lines=0, note_lines=1, actions=5),
    Limits(size=8.2, steps=1, step_lines=2, detail_lines=0, note_lines=1, actions=4, chart=False),
    Limits(size=7.6, steps=0, step_lines=1, detail_lines=0, note_lines=1, actions=3, chart=False),
)

MARGIN_X = 14.0
MARGIN_Y = 12.0
GAP = 7.0  # between track columns
NUMBER = 4.5  # width of a list number
STATUS = 21.0  # width of a letter's status
FOOTER = 9.0  # height kept for the footer
CHART_SHARE = 0.62  # of the width


class Overflow(Exception):
    """The content does not fit this level's layout."""


@cache
def _cmap(stem: str) -> frozenset[int]:
    """The characters a bundled font family draws (its Regular and Bold share them)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # (no type stubs)

    with TTFont(FONT_DIR / f"{stem}-Regular.ttf", lazy=True) as font:
        return frozenset(font.getBestCmap())


def _fonts_for(texts: Sequence[str]) -> list[str]:
    """The main family, and each fallback family that draws a character of the texts the
    main one lacks (loading a font takes time, so only those are loaded)."""
    wanted = {ord(ch) for text in texts for ch in text} - _cmap(FONTS[MAIN_FONT])
    fallbacks = [f for f, stem in FONTS.items() if f != MAIN_FONT and wanted & _cmap(stem)]
    return [MAIN_FONT, *fallbacks]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _needs_shaping(text: str, main: frozenset[int]) -> bool:
    """Whether text needs HarfBuzz: a character from a fallback font (Arabic, Devanagari),
    a combining mark or a joiner. Latin, Greek and Cyrillic in NFC lose only kerning without
    it (invisible at body size), and are measured many times faster."""
    return any(ord(ch) not in main or unicodedata.category(ch) in ("Mn", "Mc", "Cf") for ch in text)


class _Page:
    """One page being drawn, with the helpers that keep every text inside its box."""

    def __init__(self, paper: Paper, texts: Sequence[str], lim: Limits) -> None:
        from fpdf import FPDF

        pdf = FPDF(orientation="portrait", unit="mm", format=paper)
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN_X, MARGIN_Y, MARGIN_X)
        pdf.c_margin = 0
        families = _fonts_for(texts)
        for family in families:
            stem = FONTS[family]
            pdf.add_font(family, "", FONT_DIR / f"{stem}-Regular.ttf")
            pdf.add_font(family, "B", FONT_DIR / f"{stem}-Bold.ttf")
        if len(families) > 1:
            pdf.set_fallback_fonts(families[1:], exact_match=False)
        pdf.set_creator("lorkit")
        pdf.set_lang("en")
        pdf.add_page()
        self.pdf = pdf
        self.lim = lim
        self.main = _cmap(FONTS[MAIN_FONT])
        self.covered = frozenset().union(*(_cmap(FONTS[f]) for f in families))
        self.shaping = False
        self.kerning = False  # shape even Latin text (for the title, where kerning shows)
        self.strict = True  # a layout that does not fit raises Overflow
        self.left = MARGIN_X
        self.width = float(pdf.w) - 2 * MARGIN_X
        self.bottom = float(pdf.h) - MARGIN_Y
        # a character no bundled font has is in the texts (drawn as U+FFFD, and explained)
        self.missing = any(self._lost(ch) for text in texts for ch in _nfc(text))

    # text ---------------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """The text (NFC) with every character no bundled font draws replaced by U+FFFD (an
        invisible one dropped); text shaping is switched on for text that needs it."""
        out = []
        for ch in _nfc(text):
            if self._lost(ch):
                out.append(MISSING)
            elif ord(ch) in self.covered or ch == " ":
                out.append(ch)
        cleaned = "".join(out)
        shaping = self.kerning or _needs_shaping(cleaned, self.main)
        if shaping != self.shaping:
            self.pdf.set_text_shaping(shaping, direction="ltr" if shaping else None)
            self.shaping = shaping
        return cleaned

    def _lost(self, ch: str) -> bool:
        """A visible character no loaded font draws (an invisible one is simply dropped)."""
        return (
            ord(ch) not in self.covered
            and ch != " "
            and unicodedata.category(ch) not in ("Cf", "Mn", "Zs")
        )

    @property
    def footer(self) -> float:
        """The height kept for the footer (a line more when it explains U+FFFD)."""
        return FOOTER + (self.lim.small_line if self.missing else 0)

    def font(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(MAIN_FONT, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)

    def body(self, bold: bool = False, colour: tuple[int, int, int] = INK) -> float:
        """Body text; its line height."""
        self.font(self.lim.size, bold, colour)
        return self.lim.line

    def small(self, bold: bool = False, colour: tuple[int, int, int] = INK) -> float:
        """Small text; its line height."""
        self.font(self.lim.small, bold, colour)
        return self.lim.small_line

    def width_of(self, text: str) -> float:
        return float(self.pdf.get_string_width(self.clean(text)))

    def lines(self, text: str, width: float) -> int:
        """How many lines the text takes in `width` (the text already clean)."""
        if float(self.pdf.get_string_width(text)) <= width:
            return 1
        lines = self.pdf.multi_cell(
            width, 1, text, align="L", dry_run=True, output="LINES", markdown=False
        )
        return len(lines) if isinstance(lines, list) else 1

    def fit(self, text: str, width: float, lines: int) -> str:
        """The text, clean and cut with "…" so that it takes at most `lines` lines."""
        text = self.clean(text)
        if not text or self.lines(text, width) <= lines:
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # the longest start that fits with the ellipsis
            mid = (lo + hi + 1) // 2
            if self.lines(text[:mid].rstrip() + "…", width) <= lines:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def write(
        self, x: float, y: float, width: float, text: str, lines: int, height: float
    ) -> float:
        """Draw text in the current font, in at most `lines` lines; the y under it. Always
        plain text: fpdf2's markdown is off."""
        text = self.fit(text, width, lines)
        if not text:
            return y
        self.pdf.set_xy(x, y)
        if lines == 1:
            self.pdf.cell(width, height, text, align="L", markdown=False)
            return y + height
        self.pdf.multi_cell(width, height, text, align="L", markdown=False)
        return float(self.pdf.get_y())

    def check(self, y: float) -> float:
        """y, or Overflow when it is past the bottom margin (unless this is the last resort,
        which draws on and lets the paper's edge cut it)."""
        if self.strict and y > self.bottom + 0.01:
            raise Overflow
        return y


def _header(page: _Page, s: Summary) -> float:
    page.font(page.lim.size + 7, bold=True)
    page.kerning = True
    y = page.write(page.left, MARGIN_Y, page.width, s.title, 1, (page.lim.size + 7) * PT * 1.3)
    page.kerning = False
    h = page.body(colour=MUTED)
    y = page.write(page.left, y + 0.6, page.width, s.dates, 2, h)
    if s.what_if:
        y += 1.8
        h = page.body(bold=True)
        text = page.fit(s.what_if, page.width - 5, 3)
        box = page.lines(text, page.width - 5) * h + 2.6
        page.pdf.set_fill_color(*SHADE)
        page.pdf.set_draw_color(*INK)
        page.pdf.set_line_width(0.35)
        page.pdf.rect(page.left, y, page.width, box, style="DF")
        page.write(page.left + 2.5, y + 1.3, page.width - 5, text, 3, h)
        y += box
    return y + 2.5


def _chart(page: _Page, png: bytes, s: Summary, y: float) -> float:
    """The chart on the left, what readiness means on its right."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        w_px, h_px = img.size
    width = CHART_SHARE * page.width
    height = width * h_px / w_px
    page.pdf.image(io.BytesIO(png), x=page.left, y=y, w=width, h=height)
    x = page.left + width + GAP
    h = page.small(colour=MUTED)
    below = page.write(x, y + 1, page.left + page.width - x, s.readiness_caption, 6, h)
    return max(y + height, below) + 3


def _track_heading(page: _Page, t: TrackPart, x: float, y: float, width: float) -> float:
    title = (page.lim.size + 2) * PT * 1.3
    height = title + page.lim.small_line + 2.6
    page.pdf.set_fill_color(*SHADE)
    page.pdf.rect(x, y, width, height, style="F")
    page.font(page.lim.size + 2, bold=True)
    y2 = page.write(x + 1.8, y + 1.2, width - 3.6, f"{t.label}: {t.verdict.label}", 1, title)
    h = page.small(colour=MUTED)
    facts = f"Readiness {t.readiness} of 100 · {t.met} of {t.requirements} requirements met"
    page.write(x + 1.8, y2 + 0.2, width - 3.6, facts, 1, h)
    return y + height + 2.2


def _label(page: _Page, text: str, x: float, y: float, width: float) -> float:
    h = page.small(bold=True, colour=MUTED)
    return page.write(x, y, width, text.upper(), 1, h) + 0.5


def _letter(page: _Page, n: int, it: LetterLine, x: float, y: float, width: float) -> float:
    lim = page.lim
    h = page.body(colour=MUTED)
    page.write(x, y, NUMBER, f"{n}.", 1, h)
    page.body()
    page.write(x + width - STATUS, y, STATUS, it.status, 1, h)
    page.body(bold=True)
    inner, inner_w = x + NUMBER, width - NUMBER
    y = page.write(inner, y, inner_w - STATUS - 1.5, it.name, 1, h)
    if lim.detail_lines and it.detail:
        h = page.small(colour=MUTED)
        y = page.write(inner, y, inner_w, it.detail, lim.detail_lines, h)
    for label, words in it.notes:
        h = page.small(bold=True)
        label_w = page.width_of(f"{label}: ")
        page.write(inner, y, label_w + 0.5, f"{label}:", 1, h)
        page.small()
        y = page.write(inner + label_w, y, inner_w - label_w, words, lim.note_lines, h)
    return y + 1.4


def _steps(page: _Page, t: TrackPart, x: float, y: float, width: float) -> float:
    lim = page.lim
    if not t.steps:
        y = _label(page, "Next steps", x, y, width)
        h = page.body()
        return page.write(x, y, width, t.steps_note, lim.step_lines, h)
    y = _label(page, "Next steps, with the readiness each adds", x, y, width)
    shown = t.steps[: lim.steps]
    gain_w = page.width_of("+00") + 1.5
    for i, step in enumerate(shown, 1):
        h = page.body(colour=MUTED)
        page.write(x, y, NUMBER, f"{i}.", 1, h)
        page.body(bold=True)
        page.write(x + NUMBER, y, gain_w, step.gain, 1, h)
        page.body()
        inner = NUMBER + gain_w
        y = page.write(x + inner, y, width - inner, step.words, lim.step_lines, h) + 0.8
    rest = len(t.steps) - len(shown)
    if rest:
        h = page.small(colour=MUTED)
        more = f"and {rest} more {wording.plural(rest, 'step')}: see the Assessment page"
        y = page.write(x + NUMBER, y, width - NUMBER, more, 1, h)
    return y


def _letters(page: _Page, t: TrackPart, x: float, y: float, width: float) -> float:
    y = _label(page, "Letters to send", x, y, width)
    if not t.letters:
        h = page.body()
        y = page.write(x, y, width, "None yet: add letter writers in lorkit.", 1, h) + 1.4
    for n, it in enumerate(t.letters, 1):
        y = _letter(page, n, it, x, y, width)
    return y


def _tracks(page: _Page, s: Summary, y: float) -> float:
    """Two or more tracks side by side, each with its letters above its next steps; one
    track across the page, its letters beside its next steps."""
    n = max(1, len(s.tracks))
    width = (page.width - GAP * (n - 1)) / n
    bottom = y
    for i, t in enumerate(s.tracks):
        x = page.left + i * (width + GAP)
        top = _track_heading(page, t, x, y, width)
        if n == 1:
            half = (width - GAP) / 2
            end = max(_letters(page, t, x, top, half), _steps(page, t, x + half + GAP, top, half))
        else:
            end = _steps(page, t, x, _letters(page, t, x, top, width) + 1.0, width)
        bottom = max(bottom, end)
    return page.check(bottom) + 4


def _reserve(page: _Page, s: Summary) -> float:
    """Height kept free under the actions: the programs line and the footer."""
    return (page.lim.line + 2 if s.programs else 0) + page.footer


def _action_widths(page: _Page, s: Summary) -> tuple[float, float, float]:
    """Widths of the date, state and action columns (the writer takes the rest): the dates
    as wide as the widest of them, so the columns line up in both lists."""
    page.body()
    when = max((page.width_of(r.when) for r in (*s.actions, *s.later)), default=0.0)
    page.body(bold=True)
    state = max((page.width_of(r.state) for r in s.actions), default=0.0)
    return min(when + 3.5, 0.3 * page.width), state + 3.5 if state else 0.0, 0.37 * page.width


def _action_row(page: _Page, row: ActionLine, y: float, widths: tuple[float, ...]) -> float:
    h = page.body()
    row_h = h + 1.2
    cells = (
        (row.when, widths[0], False),
        (row.state, widths[1], True),
        (row.what, widths[2], False),
        (row.who, page.width - sum(widths), False),
    )
    x = page.left
    for text, w, bold in cells:
        if w <= 0:
            continue
        page.body(bold=bold)
        page.write(x, y + 0.5, w - 2, text, 1, h)
        x += w
    page.pdf.set_draw_color(*SHADE)
    page.pdf.set_line_width(0.25)
    page.pdf.line(page.left, y + row_h, page.left + page.width, y + row_h)
    return y + row_h


def _action_rows(page: _Page, s: Summary, rows: Sequence[ActionLine], y: float, more: str) -> float:
    """As many rows as the page has room for (at most the level's number); then, when some
    are left out and `more` names them, "and N more"."""
    row_h = page.lim.line + 1.2
    fits = int((page.bottom - _reserve(page, s) - y) // row_h)
    wanted = min(MIN_ACTIONS, page.lim.actions, len(rows)) + (len(rows) > fits)
    if more and page.strict and fits < wanted:
        raise Overflow  # the dated actions matter as much as the rest: lay out tighter
    count = min(page.lim.actions, len(rows), fits)
    if more and count < len(rows) and count + 1 > fits:
        count = max(1, fits - 1)  # keep a line for "and N more"
    widths = _action_widths(page, s)
    for row in rows[:count]:
        y = _action_row(page, row, y, widths)
    rest = len(rows) - count
    if rest and more:
        h = page.small(colour=MUTED)
        text = f"and {rest} more {wording.plural(rest, 'action')} {more}: see the Plan page"
        y = page.write(page.left, y + 0.6, page.width, text, 1, h)
    return y


def _coming_weeks(page: _Page, s: Summary, y: float) -> float:
    page.font(page.lim.size + 2, bold=True)
    title = (page.lim.size + 2) * PT * 1.3
    y = page.write(page.left, y, page.width, f"Coming weeks: {s.window}", 1, title) + 0.8
    if s.actions:
        y = page.check(_action_rows(page, s, s.actions, y, "in these weeks"))
    else:
        h = page.body()
        y = page.write(page.left, y, page.width, "Nothing to do in these weeks.", 1, h) + 0.8
    room = page.bottom - _reserve(page, s) - y
    if s.later and room > 3 * (page.lim.line + 1.2):  # the label and two rows at least
        y = _label(page, "Later", page.left, y + 2.5, page.width)
        y = _action_rows(page, s, s.later, y, "")
    return page.check(y) + 2


def _footer(page: _Page, s: Summary) -> None:
    y = page.bottom - page.footer + 2.5
    if s.programs:
        h = page.body(bold=True)
        page.write(page.left, y - h - 1.5, page.width, s.programs, 1, h)
    page.pdf.set_draw_color(*RULE)
    page.pdf.set_line_width(0.25)
    page.pdf.line(page.left, y, page.left + page.width, y)
    note = "Made with lorkit, a planning aid: always check each program's own letter requirements."
    if page.missing:
        note += f" {MISSING} marks a character these fonts cannot draw."
    h = page.small(colour=MUTED)
    page.write(page.left, y + 1.2, page.width, note, 2, h)


def _draw(chart: bytes, s: Summary, paper: Paper, lim: Limits, *, strict: bool = True) -> bytes:
    page = _Page(paper, texts(s), lim)
    page.strict = strict
    page.pdf.set_title(page.clean(s.title))
    y = _header(page, s)
    if lim.chart and s.tracks:
        y = _chart(page, chart, s, y)
    y = _tracks(page, s, y)
    y = _coming_weeks(page, s, y)
    page.check(y + _reserve(page, s))
    _footer(page, s)
    if page.pdf.pages_count != 1:  # never: page breaks are off
        raise Overflow
    return bytes(page.pdf.output())


def one_page_pdf(
    assessment: Assessment,
    steps: Sequence[NextStep] | None = None,
    *,
    paper: Paper = "letter",
    scenario_name: str | None = None,
    weeks: int = ACTION_WEEKS,
) -> bytes:
    """The one-page PDF of an assessment, for the applicant to keep.

    `steps`: the assessment's next steps when already worked out (else worked out here).
    `paper`: "letter" (US Letter) or "a4". `scenario_name`: the saved scenario the assessment
    reflects, if any (the letters a what-if leaves out are named from the assessment).
    `weeks`: how far ahead the dated actions look."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    s = summary(assessment, steps, scenario_name=scenario_name, weeks=weeks)
    chart = chart_png(assessment)
    for lim in LEVELS:
        try:
            return _draw(chart, s, paper, lim)
        except Overflow:
            continue
    # Two tracks fit with room to spare at the tightest level; only a rule book with many
    # more tracks gets here, and the page then stops where the paper does.
    return _draw(chart, s, paper, LEVELS[-1], strict=False)


def file_name(assessment: Assessment, paper: Paper = "letter") -> str:
    """A download name for the PDF, with no user text in it."""
    return f"lorkit-plan-{assessment.as_of.isoformat()}-{paper}.pdf"

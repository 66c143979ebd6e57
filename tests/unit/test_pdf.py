"""The one-page PDF: exactly one page on Letter and A4 for every sample and for a stress
profile, the words an applicant needs (name, verdicts, what-if, dates), names in Arabic and
Devanagari drawn with their own fonts, user text drawn literally.

Pages and text are read back with pypdf, a reader independent of fpdf2, so a test fails
when the PDF itself lacks what it should hold."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from lorkit import pdf
from lorkit.actions import ActionKind
from lorkit.assessment import Assessment, assess
from lorkit.enums import Status
from lorkit.models import Profile
from lorkit.next_steps import next_steps
from lorkit.plan import ASK_KINDS
from lorkit.profile_io import load_profile
from tests.conftest import AS_OF, SAMPLE_NAMES, SAMPLES_DIR
from tests.unit.builders import letter_pair, profile_dict, rotation, writer

# Page sizes in points: (width, height)
SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
ARABIC_NAME = "د. فاطمة الزهراء"
DEVANAGARI_NAME = "प्रिया शर्मा"


def sample_assessment(name: str, **kwargs: Any) -> Assessment:
    return assess(load_profile(SAMPLES_DIR / f"{name}.json"), AS_OF, **kwargs)


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    reader = read(data)
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (a wrapped sentence)."""
    return " ".join(text.split())


def font_names(data: bytes) -> set[str]:
    """The /FontName of every font the page uses, without the subset prefix (ABCDEF+)."""
    names = set()
    resources: Any = read(data).pages[0]["/Resources"]
    for font in resources["/Font"].values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        described = descendants[0].get_object() if descendants else font
        name = str(described["/FontDescriptor"]["/FontName"])
        names.add(name.lstrip("/").split("+", 1)[-1])
    return names


def check_one_page(data: bytes, paper: str) -> None:
    reader = read(data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(SIZES[paper], abs=0.5)


# --- a profile that pushes every list past what fits ---------------------------------------

LONG = "Dr. Maximiliana Alexandrina Konstantinopoulou-Vanderbilt de la Fuente y Montenegro"


def stress_profile(writers: int = 60, programs: int = 40, *, weak: bool = False) -> Profile:
    """Both tracks, many writers with long names, titles and institutions, experiences under
    way and ahead (so many actions fall in the coming weeks), a long applicant name and many
    programs. `weak`: every experience a short observership, half of them abroad, no letter
    waived, so that letters carry notes and the tracks have next steps."""
    rots, wrs = [], []
    kinds = ("candidate", "asked", "agreed-strong", "hesitant", "uploaded")
    fields = ("pediatrics", "internal-medicine", "med-peds", "peds-subspecialty")
    for i in range(writers):
        start = AS_OF + timedelta(days=7 * (i % 10) - 14)
        rots.append(
            rotation(
                f"r{i}",
                institution=("Saint Elizabeth's University Children's Hospital " * 4)[:200],
                specialty=fields[i % len(fields)],
                start=start.isoformat(),
                end=(start + timedelta(days=6 + 7 * (i % 4))).isoformat(),
                **({"kind": "observership", "location": ("us", "non-us")[i % 2]} if weak else {}),
            )
        )
        wrs.append(
            writer(
                f"w{i}",
                name=f"{LONG} {i}"[:120],
                title=("Associate Professor of Pediatrics and Internal Medicine, " * 4)[:200],
                specialty=fields[i % len(fields)],
                rotation_id=f"r{i}",
                status=kinds[i % len(kinds)],
                asked_on=(AS_OF - timedelta(days=3)).isoformat() if i % 5 else None,
                waived=bool(i % 3) and not weak,
                knows_goal=bool(i % 2),
                **(
                    {"location": ("us", "non-us")[i % 2], "relationship": "indirect"}
                    if weak
                    else {}
                ),
            )
        )
    data = profile_dict(rotations=rots, writers=wrs, tracks=("pediatrics", "med-peds"))
    data["applicant"]["name"] = ("Applicant With A Very Long Name " * 4)[:120]
    data["programs"] = [
        {
            "id": f"p{i}",
            "name": f"Program {i}",
            "track": ("pediatrics", "med-peds")[i % 2],
            "letters_min": 3,
            "chair_letter": ("required", "not-required")[i % 2],
            "visa": [] if i % 7 == 0 else None,
        }
        for i in range(programs)
    ]
    return Profile.model_validate(data)


# --- exactly one page --------------------------------------------------------------------------


@pytest.mark.parametrize("paper", pdf.PAPERS)
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_sample_is_one_page_on_both_papers(name, paper):
    check_one_page(pdf.one_page_pdf(sample_assessment(name), paper=paper), paper)


@pytest.mark.parametrize("weak", [False, True], ids=["strong", "weak"])
@pytest.mark.parametrize("paper", pdf.PAPERS)
def test_a_stress_profile_is_one_page_and_says_what_it_left_out(paper, weak):
    a = assess(stress_profile(weak=weak), AS_OF, excluded=[f"w{i}" for i in range(0, 60, 6)])
    data = pdf.one_page_pdf(a, paper=paper, scenario_name="S" * 120)
    check_one_page(data, paper)
    text = flat(text_of(data))
    if weak:  # the layout held the notes and the steps too
        assert "Should fix:" in text and "+" in text.split("NEXT STEPS", 1)[1]
    assert "more actions in these weeks" in text
    assert "…" in text  # long names and titles are cut, not wrapped over the page
    assert "What-if" in text and "7 more" in text  # 10 letters left out: 3 named, 7 more
    assert "Programs on your list (40)" in text


@pytest.mark.parametrize("weak", [False, True], ids=["strong", "weak"])
def test_the_tightest_layout_holds_two_tracks(weak):
    # strict: it raises when the content does not fit; the last level is the guarantee
    a = assess(stress_profile(weak=weak), AS_OF, excluded=["w1", "w2"])
    s = pdf.summary(a, scenario_name="S" * 120)
    for paper in pdf.PAPERS:
        check_one_page(pdf._draw(pdf.chart_png(a), s, paper, pdf.LEVELS[-1]), paper)


# --- the words -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_text_holds_the_name_the_date_and_each_verdict(name):
    a = sample_assessment(name)
    text = flat(text_of(pdf.one_page_pdf(a)))
    assert a.profile.applicant.name
    assert f"Letter plan for {a.profile.applicant.name}" in text
    assert f"As of {pdf.long_date(a.as_of)}" in text
    for t in a.tracks:
        assert f"{t.rules.label}: {t.verdict.label}" in text
        assert f"Readiness {t.readiness} of 100" in text
        for x in t.selected:
            assert x.writer.name in text
    assert "What-if" not in text  # the profile as saved


def test_nothing_internal_reaches_the_page():
    for name in SAMPLE_NAMES:
        a = sample_assessment(name)
        text = flat(text_of(pdf.one_page_pdf(a)))
        codes = {f.code for f in a.findings}
        assert not [c for c in codes if c in text], "finding codes are not for the applicant"
        assert "quality" not in text.lower() and "tier" not in text.lower()


def test_a_letter_with_a_finding_shows_a_plain_note_beside_it():
    a = sample_assessment("home-country-heavy")
    s = pdf.summary(a)
    noted = [x for t in s.tracks for x in t.letters if x.notes]
    assert noted
    for x in noted:
        for label, words in x.notes:
            assert label in ("Must fix", "Should fix") and words
    text = flat(text_of(pdf.one_page_pdf(a)))
    assert "Must fix: Letter too old" in text


def test_next_steps_come_from_the_engine_with_their_gains():
    a = sample_assessment("early-stage")
    steps = next_steps(a.profile, a.as_of, assessment=a)
    text = flat(text_of(pdf.one_page_pdf(a, steps)))
    best = steps[0]
    assert f"+{best.gain}" in text
    assert best.advice[:40] in text


def test_a_ready_track_says_so_instead_of_steps():
    a = sample_assessment("pediatrics-guide-example")
    part = pdf.summary(a).tracks[0]
    assert part.steps == () and part.steps_note.startswith("Ready")


def test_the_what_if_is_named_on_the_page():
    a0 = sample_assessment("pediatrics-guide-example")
    kim = next(w for w in a0.profile.writers if w.name == "Dr. Laura Kim")
    a = sample_assessment("pediatrics-guide-example", excluded=[kim.id])
    text = flat(text_of(pdf.one_page_pdf(a)))
    assert "What-if: without the letter from Dr. Laura Kim." in text
    assert "saved profile is not changed" in text
    assert (
        "Dr. Laura Kim"
        not in text.split("saved profile is not changed", 1)[1].split("Coming weeks")[0]
    )  # nor among the letters to send


def test_a_scenario_name_is_named_on_the_page():
    a = sample_assessment("med-peds-complete")
    text = flat(text_of(pdf.one_page_pdf(a, scenario_name="Add a US IM sub-internship")))
    assert "What-if “Add a US IM sub-internship”" in text


def test_actions_follow_the_writers_status():
    """No ask for a writer who agreed, is hesitant or uploaded; none for a letter that is never
    sent; every action in the window has its date."""
    for name in SAMPLE_NAMES:
        a = sample_assessment(name)
        status = {w.id: w.status for w in a.profile.writers}
        never = {x.id for x in a.letters if not x.viable}
        for action in pdf.open_actions(a):
            if action.kind in ASK_KINDS:
                assert status[action.writer_id or ""] == Status.CANDIDATE
            assert action.writer_id not in never
        s = pdf.summary(a)
        for row in (*s.actions, *s.later):
            assert row.when and row.what


def test_the_coming_weeks_list_the_due_asks_with_dates():
    a = sample_assessment("early-stage")
    s = pdf.summary(a)
    asks = [r for r in s.actions if r.what == ActionKind.ASK_NOW.label]
    assert asks and all(r.state == "Due now" for r in asks)
    text = flat(text_of(pdf.one_page_pdf(a)))
    assert f"Coming weeks: {s.window}" in text
    assert asks[0].when in text


def test_programs_are_counted_in_one_line():
    a = assess(stress_profile(writers=8, programs=12), AS_OF)
    line = pdf.programs_line(a)
    assert line.startswith("Programs on your list (12): ")
    counts = [int(part.split()[0]) for part in line.split(": ", 1)[1].rstrip(".").split(", ")]
    assert sum(counts) == 12
    assert pdf.programs_line(sample_assessment("early-stage")) == ""


# --- scripts and user text ----------------------------------------------------------------------


def scripts_profile(name: str, writer_name: str, title: str = "Pediatrician") -> Profile:
    data = profile_dict([letter_pair(1, name=writer_name, title=title), letter_pair(2)])
    data["applicant"]["name"] = name
    return Profile.model_validate(data)


def test_arabic_and_devanagari_names_embed_their_fonts():
    a = assess(scripts_profile(DEVANAGARI_NAME, ARABIC_NAME), AS_OF)
    fonts = font_names(pdf.one_page_pdf(a))
    assert any(f.startswith("NotoSansArabic") for f in fonts), fonts
    assert any(f.startswith("NotoSansDevanagari") for f in fonts), fonts
    assert any(f.startswith("NotoSans") and "Arabic" not in f and "Deva" not in f for f in fonts)


def test_latin_names_load_no_other_script_font():
    fonts = font_names(pdf.one_page_pdf(sample_assessment("med-peds-complete")))
    assert fonts and all("Arabic" not in f and "Devanagari" not in f for f in fonts), fonts


def test_arabic_and_devanagari_names_read_back():
    a = assess(scripts_profile(f"{DEVANAGARI_NAME} (sample)", ARABIC_NAME), AS_OF)
    text = text_of(pdf.one_page_pdf(a))
    # The ToUnicode maps give back every letter of each name. Compared as sets of letters:
    # pypdf may order a right-to-left run visually, and a shaped cluster (a conjunct, a
    # vowel sign) does not always read back as the characters it was made from.
    for name in (DEVANAGARI_NAME, ARABIC_NAME):
        letters = {ch for ch in name if unicodedata.category(ch) == "Lo"}
        assert len(letters) >= 4 and letters <= set(text), (name, text[:200])


def test_markup_in_user_text_is_drawn_literally():
    tricky = "**Bold** <b>x</b> [a](https://e.co) _i_"
    a = assess(scripts_profile(tricky, "Dr. <i>Nobody</i> **Strong**", title="~~Chair~~"), AS_OF)
    data = pdf.one_page_pdf(a)
    text = flat(text_of(data))
    assert f"Letter plan for {tricky}" in text
    assert "Dr. <i>Nobody</i> **Strong**" in text
    assert "~~Chair~~" in text
    assert "/Annots" not in read(data).pages[0]  # no link was made from the text


def test_characters_no_font_has_are_marked_not_dropped():
    a = assess(scripts_profile("王小明 Wang", "Dr. Kim"), AS_OF)
    text = flat(text_of(pdf.one_page_pdf(a)))
    assert "Letter plan for \ufffd\ufffd\ufffd Wang" in text
    assert "\ufffd marks a character these fonts cannot draw" in text


def test_an_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="paper"):
        pdf.one_page_pdf(sample_assessment("early-stage"), paper="legal")  # type: ignore[arg-type]


def test_the_chart_is_an_image_and_its_spec_names_every_band():
    a = sample_assessment("med-peds-complete")
    data = pdf.one_page_pdf(a)
    resources: Any = read(data).pages[0]["/Resources"]
    images = [x.get_object() for x in resources["/XObject"].values()]
    assert any(x["/Subtype"] == "/Image" for x in images)
    spec = pdf.readiness_spec(a)
    labels = {row["band"] for row in spec["layer"][1]["data"]["values"]}
    assert labels == {"Not ready", "At risk", "Nearly ready", "Ready"}
    bars = spec["layer"][2]["data"]["values"]
    assert [(b["track"], b["readiness"]) for b in bars] == [
        (t.rules.label, t.readiness) for t in a.tracks
    ]


def test_the_file_name_holds_no_user_text():
    a = sample_assessment("early-stage")
    assert pdf.file_name(a, "a4") == f"lorkit-plan-{AS_OF.isoformat()}-a4.pdf"
    assert date.fromisoformat(pdf.file_name(a)[12:22]) == AS_OF


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG) of a #rrggbb colour: what is left of it in greyscale."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_chart_survives_greyscale():
    """In grey the bands all look alike, so they are told apart by their written names and
    the white lines between them; the bar must stand out from every band."""
    spec = pdf.readiness_spec(sample_assessment("early-stage"))
    bands, labels, bar, value = spec["layer"]
    assert bands["mark"]["stroke"] == "white" and bands["mark"]["strokeWidth"] >= 1
    assert labels["encoding"]["text"]["field"] == "band"
    assert value["encoding"]["text"]["field"] == "readiness"
    fills = {row["fill"] for row in bands["data"]["values"]}
    bar_grey = luminance(bar["mark"]["color"])
    assert all(luminance(f) > 0.6 for f in fills)  # light enough for black text on them
    assert all(luminance(f) / bar_grey > 7 for f in fills)  # the bar is far darker

"""The Programs page: programs entered in the form, edited, deleted, imported from CSV and
copied from the illustrative list; the results the engine gives, the matrix chart, the ERAS
assignment sheet and the sidebar counts. The programs are invented, except those copied from
the illustrative list."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lorkit.csv_io import BOM, rows_to_csv
from lorkit.enums import ProgramStatus
from lorkit.illustrative_programs import find, illustrative_programs
from lorkit.programs import assignment_csv, status_counts
from lorkit.workspace import blank_row
from tests.app.conftest import (
    alerts,
    assert_clean,
    charts,
    download_file,
    engine,
    fill_form,
    form_open,
    form_widgets,
    markdown_texts,
    page_title,
    profile,
    put_profile,
    rev,
    sample_raw,
    unescape,
)
from ui import forms
from ui import state as ui_state
from ui.text import md_escape

PAGE = "app_pages/programs.py"
SECTION = "programs"
SAMPLE = "home-country-heavy"  # Pediatrics, needs a J-1, graduated years ago, observerships


def goto_programs(at: AppTest) -> AppTest:
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert page_title(at) == "Programs"
    return at


def invented(pid: str, **rules: Any) -> dict[str, Any]:
    row = blank_row(SECTION)
    row.update({"id": pid, "name": f"Invented Program {pid}", "track": "pediatrics", **rules})
    return row


def with_programs(*rows: dict[str, Any], sample: str = SAMPLE) -> dict[str, Any]:
    raw = copy.deepcopy(sample_raw(sample))
    raw["programs"] = [copy.deepcopy(r) for r in rows]
    return raw


def loaded(app: Any, raw: dict[str, Any]) -> AppTest:
    at = app()
    put_profile(at, raw)
    return goto_programs(at)


def answer_visas(at: AppTest, stored: list[str] | None) -> None:
    """Choose the visa answer that stores `stored` (None: unknown)."""
    label = next(k for k, v in forms.visa_answers().items() if v == stored)
    form_widgets(at, SECTION)["visa"].set_value(label)


def save(at: AppTest, label: str = "Save program") -> AppTest:
    [button] = [b for b in at.get("button") if b.label == label]
    button.click().run()
    return at


# --- entry -------------------------------------------------------------------------------


def test_a_program_added_in_the_form_keeps_unknown_rules_as_null(app):
    at = goto_programs(app())
    at.button(key="add_program").click().run()
    assert_clean(at)
    asked = form_widgets(at, SECTION)
    # every field but the id is asked, each unknown rule shows "Unknown" as its answer
    assert set(asked) == set(blank_row(SECTION)) - {"id"}
    for name in ("letters_min", "min_pediatric_letters", "letter_max_age_months"):
        assert asked[name].value is None
        assert forms.UNKNOWN in asked[name].options
    assert asked["visa"].value == forms.UNKNOWN
    assert asked["chair_letter"].value == "unknown"
    assert asked["track"].value is None  # no silent default for the track

    fill_form(
        at,
        SECTION,
        {
            "name": "Invented Children's Hospital",
            "track": "pediatrics",
            "letters_min": 3,
            "chair_letter": "required",
            "min_us_letters": 0,
            "letter_max_age_months": 12,
            "source_url": "https://example.org/residency",
            "as_of": "2026-11-01",
        },
    )
    answer_visas(at, ["j1"])
    save(at)
    assert_clean(at)
    assert not form_open(at, SECTION)
    [row] = profile(at)["programs"]
    assert row == {
        **blank_row(SECTION),
        "id": "p1",
        "name": "Invented Children's Hospital",
        "track": "pediatrics",
        "letters_min": 3,
        "chair_letter": "required",
        "min_us_letters": 0,
        "letter_max_age_months": 12,
        "visa": ["j1"],
        "source_url": "https://example.org/residency",
        "as_of": "2026-11-01",
    }
    for name in ("min_pediatric_letters", "min_im_letters", "graduation_within_years", "notes"):
        assert row[name] is None
    assert any("Saved Invented Children" in unescape(s) for s in alerts(at.main, "success"))


def test_save_and_add_another_gives_the_next_id_and_a_fresh_form(app):
    at = goto_programs(app())
    at.button(key="add_program").click().run()
    fill_form(at, SECTION, {"name": "Invented One", "track": "pediatrics"})
    answer_visas(at, [])
    save(at, "Save and add another")
    assert_clean(at)
    assert form_open(at, SECTION)
    assert form_widgets(at, SECTION)["name"].value == ""
    fill_form(at, SECTION, {"name": "Invented Two", "track": "med-peds"})
    save(at)
    rows = profile(at)["programs"]
    assert [(r["id"], r["name"], r["visa"]) for r in rows] == [
        ("p1", "Invented One", []),
        ("p2", "Invented Two", None),
    ]


def test_a_form_without_the_required_answers_is_not_saved(app):
    at = goto_programs(app())
    at.button(key="add_program").click().run()
    fill_form(at, SECTION, {"letters_min": 4, "letters_max": 3})
    save(at)
    assert_clean(at, errors_ok=True)
    assert form_open(at, SECTION)
    assert profile(at)["programs"] == []
    said = "\n".join(t.value for t in at.main.text)
    assert "What is the program called? — please answer this question" in said
    assert "Which kind of program is it? — please answer this question" in said


def test_edit_turns_rules_into_unknown_and_none(app):
    at = loaded(app, with_programs(invented("p1", letters_min=3, visa=["j1", "h1b"])))
    [chooser] = [s for s in at.selectbox if (s.key or "").startswith("choose_programs_")]
    chooser.set_value(0).run()
    at.button(key="edit_programs_p1").click().run()
    assert_clean(at)
    shown = form_widgets(at, SECTION)
    assert shown["letters_min"].value == 3
    assert shown["visa"].value == "J-1 and H-1B"
    fill_form(at, SECTION, {"name": "Invented Renamed"})
    shown["letters_min"].select_index(0)  # "Unknown", as a person picks it
    assert shown["letters_min"].options[0] == forms.UNKNOWN
    answer_visas(at, [])
    save(at)
    assert_clean(at)
    [row] = profile(at)["programs"]
    assert row == {**invented("p1"), "name": "Invented Renamed", "letters_min": None, "visa": []}


def test_delete_asks_first_then_removes_the_program(app):
    at = loaded(app, with_programs(invented("p1"), invented("p2")))
    [chooser] = [s for s in at.selectbox if (s.key or "").startswith("choose_programs_")]
    chooser.set_value(1).run()
    assert "Delete this program: Invented Program p2?" in [t.value for t in at.main.text]
    at.button(key="delete_programs_p2").click().run()
    assert_clean(at)
    assert [r["id"] for r in profile(at)["programs"]] == ["p1"]


# --- CSV ---------------------------------------------------------------------------------


def _upload(at: AppTest, name: str, content: str) -> AppTest:
    key = f"csv_upload_{SECTION}_{rev(at)}_{at.session_state['data_rev']}"
    at.file_uploader(key=key).upload(name, content.encode(), "text/csv").run()
    assert_clean(at, errors_ok=True)
    return at


def test_a_csv_with_bad_rows_is_refused_with_every_problem_and_changes_nothing(app):
    at = loaded(app, with_programs(invented("p1")))
    before = profile(at)
    text = (
        "Program,Track,Chair letter,Fewest letters,Visas sponsored\n"
        "Invented A,pediatrics,required,3,J-1\n"
        "Invented B,pediatrics,maybe,three,F-1\n"
    )
    _upload(at, "programs.csv", text)
    errors = [unescape(e) for e in alerts(at.main, "error")]
    assert errors == ["programs.csv was not imported (3 problems); your programs are unchanged:"]
    lines = [t.value for t in at.main.text if t.value.startswith("Programs, row")]
    assert lines == [
        "Programs, row 2, Chair letter: 'maybe' is not one of the choices; use one of "
        "required, preferred, not-required, unknown\n"
        "Programs, row 2, Fewest letters: 'three' is not a whole number; write a number like "
        "3, or unknown\n"
        "Programs, row 2, Visas sponsored: 'F-1' is not a list of visas; write J-1, H-1B "
        "(several separated by ;), none, or unknown"
    ]
    assert profile(at) == before


def test_a_good_csv_replaces_the_programs_and_the_download_reads_back(app):
    at = loaded(app, with_programs(invented("p1")))
    text = (
        "Program,Track,Fewest letters,Visas sponsored,US letters\n"
        'Invented A,pediatrics,unknown,"J-1; H-1B",1\n'
        "Invented B,Medicine-Pediatrics,2,none,\n"
    )
    _upload(at, "programs.csv", text)
    assert_clean(at)
    rows = profile(at)["programs"]
    assert [(r["name"], r["track"], r["letters_min"], r["visa"]) for r in rows] == [
        ("Invented A", "pediatrics", None, ["j1", "h1b"]),
        ("Invented B", "med-peds", 2, []),
    ]
    assert rows[0]["min_us_letters"] == 1 and rows[1]["min_us_letters"] is None
    file = download_file(at.download_button(key="csv_download_programs"))
    assert file.filename == "lorkit-programs.csv"
    assert file.content.decode("utf-8") == rows_to_csv(SECTION, rows)


# --- the illustrative list ---------------------------------------------------------------


def test_an_illustrative_program_is_added_with_one_click_and_only_once(app):
    at = goto_programs(app())  # a fresh profile applies to Pediatrics
    shown = [b for b in at.button if (b.key or "").startswith("illustrative_")]
    peds = [e for e in illustrative_programs() if e.program.track == "pediatrics"]
    assert [b.key for b in shown] == [f"illustrative_{e.key}" for e in peds]
    texts = markdown_texts(at)
    assert any("Illustrative — verify on the program's site" in t for t in texts)
    assert any("Read 01 Nov 2026" in t for t in texts)
    assert "Source: tuftsmedicine.org" in texts

    at.button(key="illustrative_tufts-peds").click().run()
    assert_clean(at)
    [row] = profile(at)["programs"]
    entry = find("tufts-peds")
    assert entry is not None
    assert row["id"] == "p1"
    assert row["name"] == entry.program.name and row["visa"] == ["j1"]
    assert row["notes"].startswith("From lorkit's illustrative list (read 2026-11-01)")
    button = at.button(key="illustrative_tufts-peds")
    assert button.disabled and button.label == "On your list"

    at.button(key="illustrative_chop-peds").click().run()
    assert [r["id"] for r in profile(at)["programs"]] == ["p1", "p2"]


# --- results -----------------------------------------------------------------------------


RULES = (
    invented("p1", letters_min=3),
    invented("p2", observership_letters="not-accepted", min_us_letters=2),
    invented("p3", visa=["h1b"], notes="Private note about p3"),
    invented("p4", track="med-peds"),
)


def _results(at: AppTest) -> Any:
    [frame] = [d.value for d in at.main.dataframe if "Unmet rules" in d.value.columns]
    return frame


def test_the_table_shows_each_programs_status_and_letters_from_the_engine(app):
    raw = with_programs(*RULES)
    at = loaded(app, raw)
    results = engine(raw).programs
    statuses = {r.status for r in results}
    assert ProgramStatus.INELIGIBLE in statuses and len(statuses) >= 2
    frame = _results(at)
    assert list(frame["Program"]) == [r.program.name for r in results]
    assert list(frame["Status"]) == [r.status.short for r in results]
    assert list(frame["Letters to assign, in order"]) == [
        " · ".join(f"{i}. {x.writer.name}" for i, x in enumerate(r.selected, 1)) for r in results
    ]
    for shown, r in zip(frame["Unmet rules"], results, strict=True):
        for u in r.unmet:
            assert u.label in shown
        if not r.eligible:
            assert shown.startswith("Not eligible: ")
    assert "Private note about p3" in list(frame["Notes"])
    counts = status_counts(results)
    metrics = {m.label: m.value for m in at.main.metric}
    assert metrics == {s.short: str(counts[s]) for s in ProgramStatus}


def test_the_matrix_chart_follows_the_engine(app):
    raw = with_programs(*RULES)
    at = loaded(app, raw)
    [chart] = [c for c in charts(at.main) if c["rows"] and "program" in c["rows"][0][0]]
    values = chart["rows"][0]
    results = engine(raw).programs
    for r in results:
        for i, x in enumerate(r.selected, 1):
            [cell] = [
                v
                for v in values
                if v["program"].endswith(r.program.name) and v["letter"] == x.writer.name
            ]
            assert cell["mark"] == str(i)


def test_the_assignment_sheet_download_is_the_engines_sheet(app):
    raw = with_programs(*RULES)
    at = loaded(app, raw)
    file = download_file(at.download_button(key="download_assignments"))
    assert file.filename == "lorkit-eras-assignments.csv"
    assert file.mimetype.startswith("text/csv")
    text = file.content.decode("utf-8")
    assert text.startswith(BOM)
    assert text.removeprefix(BOM) == assignment_csv(engine(raw).programs).removeprefix(BOM)
    assert "Invented Program p1" in text


def test_presenter_mode_leaves_out_the_notes(app):
    at = loaded(app, with_programs(*RULES))
    at.session_state[ui_state.PRESENTING] = True
    at.run()
    assert_clean(at)
    assert "Notes" not in _results(at).columns
    assert all("Private note" not in t for t in markdown_texts(at))


def test_the_sidebar_counts_programs_by_status(app):
    raw = with_programs(*RULES)
    at = loaded(app, raw)
    counts = status_counts(engine(raw).programs)
    captions = [c.value for c in at.sidebar.caption]
    expected = (
        f":material/check_circle: {counts[ProgramStatus.COVERED]} covered · "
        f":material/warning: {counts[ProgramStatus.GAPS]} with gaps · "
        f":material/block: {counts[ProgramStatus.INELIGIBLE]} not eligible"
    )
    assert expected in captions
    assert f"Programs ({len(RULES)})" in [m.value for m in at.sidebar.markdown]
    # and on other pages too
    at.switch_page("app_pages/writers.py").run()
    assert expected in [c.value for c in at.sidebar.caption]


def test_no_programs_no_counts_and_the_list_is_open(app):
    at = loaded(app, with_programs())
    assert not any("covered ·" in c.value for c in at.sidebar.caption)
    assert next(e.value for e in at.main.info).startswith("No programs yet.")
    assert at.main.expander  # the illustrative list


@pytest.mark.parametrize("broken", [{"letters_min": 4, "letters_max": 2}, {"visa": ["f1"]}])
def test_a_program_with_problems_is_named_and_left_out(app, broken):
    raw = with_programs(invented("p1"), {**invented("p2"), **broken})
    at = loaded(app, raw)
    warnings = [unescape(w) for w in alerts(at.main, "warning")]
    assert any("Programs, row 2 (Invented Program p2)" in w for w in warnings), warnings
    assert list(_results(at)["Program"]) == ["Invented Program p1"]


HOSTILE = "[x](http://example.com) <b>y</b> ![i](http://example.com/i.png)"


def test_hostile_program_names_and_notes_are_never_markdown(app):
    # not covered (an H-1B-only program for an applicant who needs a J-1), so that the
    # "what to do" list names it too
    raw = with_programs(invented("p1", name=HOSTILE, notes=HOSTILE, visa=["h1b"]))
    at = loaded(app, raw)
    texts = markdown_texts(at)
    unsafe = [t for t in texts if "example.com" in t or "<b>" in t or "](" in t]
    assert unsafe == []
    assert any(md_escape(HOSTILE) in t for t in texts)  # in the "what to do" list
    frame = _results(at)
    assert list(frame["Program"]) == [HOSTILE] and list(frame["Notes"]) == [HOSTILE]
    [chooser] = [s for s in at.selectbox if (s.key or "").startswith("choose_programs_")]
    assert chooser.options == [f"1 · {HOSTILE}"]

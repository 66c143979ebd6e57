"""Adding, editing and deleting experiences and letter writers through the entry forms,
and replacing them from a CSV file."""

from __future__ import annotations

import copy
import csv
import io
import re
from datetime import date

import pytest

from lorkit import fields
from lorkit.csv_io import rows_from_csv, rows_to_csv
from lorkit.enums import Status
from lorkit.workspace import blank_row
from tests.app.conftest import (
    add_row,
    alerts,
    assert_clean,
    cancel_form,
    choose,
    delete_row,
    download_file,
    edit_row,
    engine,
    expected_results,
    fill_form,
    follow,
    form_answers,
    form_open,
    form_widgets,
    goto,
    open_edit_form,
    open_new_form,
    open_sample,
    overview,
    page_title,
    profile,
    put_profile,
    rev,
    sample_raw,
    save_form,
    shown_results,
    unescape,
)

SAMPLE = "pediatrics-guide-example"

EXPERIENCE = {
    "institution": "Added Children's Hospital",
    "location": "us",
    "specialty": "pediatrics",
    "kind": "sub-internship",
    "setting": "inpatient",
    "start": "2026-06-01",
    "end": "2026-06-28",
}
WRITER = {
    "name": "Dr. Added Person",
    "rotation_id": "r-wards",
    "relationship": "direct-supervision",
    "role": "attending",
    "specialty": "pediatrics",
    "location": "us",
    "status": "agreed-strong",
}


def _stored(section: str, answers: dict) -> dict:
    """The row a form stores for `answers`: every field, the rest at their defaults."""
    return {**blank_row(section), **answers}


# --- the behaviours the tables used to check -----------------------------------------------


def test_declining_the_recommended_writers_changes_the_verdict(app):
    at = open_sample(app(), SAMPLE)
    before = engine(sample_raw(SAMPLE))
    assert shown_results(at) == expected_results(before)
    chosen = {x.id for x in before.track("pediatrics").selected}

    writers = sample_raw(SAMPLE)["writers"]
    rows = [i for i, w in enumerate(writers) if w["id"] in chosen]
    assert rows
    for i in rows:
        edit_row(at, "writers", i, {"status": "declined"})

    expected_raw = sample_raw(SAMPLE)
    for i in rows:
        expected_raw["writers"][i]["status"] = "declined"
    assert profile(at) == expected_raw  # the canonical profile holds exactly the edits

    goto(at, "assessment")
    after = engine(expected_raw)
    assert shown_results(at) == expected_results(after)
    assert shown_results(at) != expected_results(before)
    assert after.tracks[0].readiness < before.tracks[0].readiness


def test_an_edit_survives_leaving_the_page_and_a_second_edit_wins(app):
    at = open_sample(app(), SAMPLE)
    edit_row(at, "writers", 0, {"status": "declined", "title": "Edited once"})
    expected = sample_raw(SAMPLE)
    expected["writers"][0] |= {"status": "declined", "title": "Edited once"}
    assert profile(at) == expected

    goto(at, "assessment")
    goto(at, "writers")
    assert overview(at).loc[0, "Status"] == Status("declined").short
    open_edit_form(at, "writers", 0)
    shown = form_answers(at, "writers")
    assert (shown["status"], shown["title"]) == ("declined", "Edited once")
    fill_form(at, "writers", {"status": "hesitant"})
    save_form(at, "writers")
    assert_clean(at)
    expected["writers"][0]["status"] = "hesitant"
    assert profile(at) == expected
    at.run()  # a plain rerun (any other click) keeps it too
    assert profile(at) == expected
    assert overview(at).loc[0, "Status"] == Status("hesitant").short
    goto(at, "assessment")
    assert shown_results(at) == expected_results(engine(expected))


def test_rows_added_and_deleted_in_experiences(app):
    at = open_sample(app(), SAMPLE)
    original = sample_raw(SAMPLE)
    add_row(at, "rotations", EXPERIENCE)
    deleted = original["rotations"][1]
    linked = [w["id"] for w in original["writers"] if w["rotation_id"] == deleted["id"]]
    assert len(linked) == 1

    choose(at, "rotations", 1)
    [popover] = [
        p for p in at.main.get("popover") if any(c.type == "button" for c in p.children.values())
    ]
    said = [c.value for c in popover.children.values() if c.type in ("text", "caption")]
    assert f"Delete this experience: {deleted['institution']}?" in said
    assert "1 writer linked to it will be unlinked." in said
    delete_row(at, "rotations", 1)

    rows = profile(at)["rotations"]
    assert [r["id"] for r in rows[:-1]] == [
        r["id"] for r in original["rotations"] if r["id"] != deleted["id"]
    ]
    new = rows[-1]
    assert re.fullmatch(r"r\d+", new["id"]) and new["id"] not in {
        r["id"] for r in original["rotations"]
    }
    assert new.keys() == set(blank_row("rotations"))  # the full shape of an imported row
    assert new == _stored("rotations", {**EXPERIENCE, "id": new["id"]})
    assert list(overview(at)["Institution"]) == [r["institution"] for r in rows]

    # the writer who saw the deleted experience is kept, unlinked, and still counted
    writers = {w["id"]: w for w in profile(at)["writers"]}
    assert len(writers) == len(original["writers"])
    assert writers[linked[0]]["rotation_id"] is None
    expected = copy.deepcopy(original["writers"])
    for w in expected:
        if w["id"] in linked:
            w["rotation_id"] = None
    assert profile(at)["writers"] == expected
    goto(at, "writers")
    assert not alerts(at.main, "warning"), "an unlinked writer is not a problem"
    row = next(i for i, w in enumerate(expected) if w["id"] == linked[0])
    assert overview(at).loc[row, "Experience"] == ""


def test_rows_added_and_deleted_in_letter_writers(app):
    at = open_sample(app(), SAMPLE)
    original = sample_raw(SAMPLE)["writers"]
    add_row(at, "writers", WRITER)
    assert "Saved Dr. Added Person." in [unescape(s) for s in alerts(at.main, "success")]
    delete_row(at, "writers", 0)

    raw = profile(at)
    ids = [w["id"] for w in raw["writers"]]
    assert ids[:-1] == [w["id"] for w in original[1:]]
    assert re.fullmatch(r"w\d+", ids[-1]) and ids[-1] not in {w["id"] for w in original}
    new = raw["writers"][-1]
    assert new.keys() == set(blank_row("writers"))  # the full shape of an imported row
    assert new == _stored("writers", {**WRITER, "id": new["id"]})
    assert not alerts(at, "warning"), "a complete added row is not a problem"
    assert list(overview(at)["Name"]) == [w["name"] for w in raw["writers"]]

    goto(at, "assessment")
    a = engine(raw)
    assert ids[-1] in {x.id for x in a.letters}
    assert original[0]["id"] not in {x.id for x in a.letters}
    assert shown_results(at) == expected_results(a)
    assert "Dr. Added Person" in set(at.main.dataframe[-1].value["Writer"])


def test_a_restored_incomplete_writer_is_kept_flagged_and_left_out(app):
    # Forms refuse incomplete rows; a stored copy or an older file can still hold one.
    at = app()
    raw = sample_raw(SAMPLE)
    raw["writers"].append(_stored("writers", {**WRITER, "id": "w-half", "name": None}))
    put_profile(at, raw)
    goto(at, "writers")

    warnings = [unescape(w) for w in alerts(at.main, "warning")]
    row = len(raw["writers"])
    assert any(f"Letter writers, row {row}, Name: this field is required" in w for w in warnings)
    assert any("1 problem to fix before export" in w for w in alerts(at.sidebar, "warning"))
    assert [p.proto.label for p in at.sidebar.page_link] == ["Fix on Letter writers"]
    assert at.sidebar.download_button[0].proto.disabled

    goto(at, "assessment")
    assert any("1 row with problems is left out" in w for w in alerts(at, "warning"))
    # the assessment is the sample's: the unfinished row is simply not in it
    assert shown_results(at) == expected_results(engine(sample_raw(SAMPLE)))

    # fixing it through the form brings it in
    edit_row(at, "writers", row - 1, {"name": "Dr. Whole Again"})
    assert not alerts(at.main, "warning")
    assert not at.sidebar.download_button[0].proto.disabled
    goto(at, "assessment")
    assert "w-half" in {x.id for x in engine(profile(at)).letters}


def _numbered(raw: dict) -> dict:
    """The profile with ids r1.., w1.., so that fresh ids could collide with old ones."""
    raw = copy.deepcopy(raw)
    rmap = {r["id"]: f"r{i}" for i, r in enumerate(raw["rotations"], 1)}
    for r in raw["rotations"]:
        r["id"] = rmap[r["id"]]
    for i, w in enumerate(raw["writers"], 1):
        w["id"] = f"w{i}"
        w["rotation_id"] = rmap.get(w["rotation_id"], w["rotation_id"])
    return raw


def test_an_experience_id_a_writer_still_points_to_is_not_handed_to_a_new_row(app):
    # A restored copy can hold a writer whose experience is gone (not the app's own doing:
    # deleting an experience unlinks its writers).
    at = app()
    raw = _numbered(sample_raw(SAMPLE))
    top = raw["rotations"][-1]["id"]
    assert top == f"r{len(raw['rotations'])}"
    dangling = next(w for w in raw["writers"] if w["rotation_id"] == top)
    raw["rotations"] = raw["rotations"][:-1]
    put_profile(at, raw)
    add_row(at, "rotations", EXPERIENCE)
    new_id = profile(at)["rotations"][-1]["id"]
    assert new_id != top and new_id not in {r["id"] for r in raw["rotations"]}
    still = next(w for w in profile(at)["writers"] if w["id"] == dangling["id"])
    assert still["rotation_id"] == top  # still dangling, not re-linked to the new row


def test_a_new_writer_does_not_inherit_a_deleted_writers_what_if_exclusion(app):
    at = app()
    raw = _numbered(sample_raw(SAMPLE))
    put_profile(at, raw)
    goto(at, "assessment")
    last = raw["writers"][-1]["id"]
    at.multiselect(key=f"whatif_{rev(at)}").set_value([last]).run()
    assert at.session_state["excluded"] == [last]

    delete_row(at, "writers", len(raw["writers"]) - 1)
    goto(at, "assessment")
    add_row(at, "writers", {**WRITER, "name": "Dr. Brand New", "rotation_id": "r1"})
    new_id = profile(at)["writers"][-1]["id"]
    assert new_id == last  # the freed id is handed out again: the exclusion must not follow
    goto(at, "assessment")
    ms = at.multiselect(key=f"whatif_{rev(at)}")
    assert new_id not in ms.value, f"new writer {new_id} starts out excluded"
    assert new_id not in at.session_state["excluded"]


def test_edits_accumulate_and_an_added_row_keeps_its_id(app):
    at = open_sample(app(), "early-stage")
    add_row(at, "writers", {**WRITER, "name": "Dr. Kept Id", "rotation_id": "r-im-elective"})
    first_id = profile(at)["writers"][-1]["id"]
    edit_row(at, "writers", 0, {"knows_goal": False})
    edit_row(at, "writers", 1, {"status": "asked", "asked_on": "2026-11-20"})
    last = len(profile(at)["writers"]) - 1
    edit_row(at, "writers", last, {"status": "hesitant"})
    writers = profile(at)["writers"]
    assert writers[-1]["id"] == first_id
    assert (writers[-1]["name"], writers[-1]["status"]) == ("Dr. Kept Id", "hesitant")
    assert writers[0]["knows_goal"] is False
    assert (writers[1]["status"], writers[1]["asked_on"]) == ("asked", "2026-11-20")


def test_fields_the_form_does_not_show_survive_an_edit(app):
    at = app()
    raw = sample_raw(SAMPLE)
    raw["writers"][1]["drafts"] = {"ask": "Dear Dr. Ortiz,\nwould you write a strong letter?"}
    raw["writers"][1]["steps_done"] = ["mentioned", "packet-sent"]
    put_profile(at, raw)
    edit_row(at, "writers", 1, {"title": "Clinic director"})
    raw["writers"][1]["title"] = "Clinic director"
    assert profile(at) == raw
    goto(at, "assessment")
    goto(at, "writers")
    assert profile(at) == raw


# --- what the forms themselves promise -----------------------------------------------------

UNCHOSEN = {
    "rotations": ("location", "specialty", "kind", "setting"),
    "writers": ("location", "relationship", "role", "status", "specialty"),
}


@pytest.mark.parametrize("section", ["rotations", "writers"])
def test_a_new_form_has_no_answer_chosen_for_the_fields_that_matter(app, section):
    at = open_sample(app(), SAMPLE)
    open_new_form(at, section)
    widgets = form_widgets(at, section)
    shown = {n for n, f in fields.SECTIONS[section].items() if f.kind != "id"}
    assert set(widgets) == shown, "one question per field"
    for name in UNCHOSEN[section]:
        assert widgets[name].type in ("radio", "selectbox"), name
        assert widgets[name].value is None, f"{name} starts as {widgets[name].value!r}"
    answers = form_answers(at, section)
    assert all(answers[n] is None for n, f in fields.SECTIONS[section].items() if f.required)


def test_saving_an_incomplete_writer_keeps_the_form_and_names_each_question(app):
    at = open_sample(app(), SAMPLE)
    before, before_rev = profile(at), at.session_state["data_rev"]
    open_new_form(at, "writers")
    fill_form(at, "writers", {"name": "Dr. Half Done", "location": "us"})
    save_form(at, "writers")

    assert not at.exception
    assert profile(at) == before and at.session_state["data_rev"] == before_rev
    assert form_open(at, "writers"), "the form closed"
    assert form_answers(at, "writers")["name"] == "Dr. Half Done", "the typed answer is lost"
    assert [e.value for e in at.main.error] == ["Not saved yet. Please answer or correct:"]
    listed = at.main.text[0].value.splitlines()
    unanswered = ("relationship", "role", "specialty", "status")
    assert listed == [
        f"{fields.WRITER[n].question} — please answer this question" for n in unanswered
    ]

    # answering them saves the writer
    fill_form(
        at,
        "writers",
        {"relationship": "indirect", "role": "attending", "specialty": "pediatrics"}
        | {"status": "candidate"},
    )
    save_form(at, "writers")
    assert_clean(at)
    assert not form_open(at, "writers")
    assert profile(at)["writers"][-1]["name"] == "Dr. Half Done"


def test_a_form_names_a_bad_answer_by_its_question(app):
    at = open_sample(app(), SAMPLE)
    open_new_form(at, "rotations")
    fill_form(at, "rotations", {**EXPERIENCE, "start": "2026-06-28", "end": "2026-06-01"})
    save_form(at, "rotations")
    assert form_open(at, "rotations")
    assert at.main.text[0].value == (
        f"{fields.ROTATION['end'].question} — ends 2026-06-01 before it starts (2026-06-28)"
    )
    assert profile(at)["rotations"] == sample_raw(SAMPLE)["rotations"]


def test_add_a_writer_from_the_experience_just_saved(app):
    at = open_sample(app(), SAMPLE)
    add_row(at, "rotations", EXPERIENCE)
    new_id = profile(at)["rotations"][-1]["id"]
    assert any(
        "Who saw your work at Added Children" in unescape(s) for s in alerts(at.main, "success")
    )
    at.button(key="writer_from_saved").click().run()
    assert_clean(at)
    assert page_title(at) == "Letter writers"
    follow(at, "writers")  # AppTest's own page, for the runs that follow
    assert form_open(at, "writers")
    answers = form_answers(at, "writers")
    assert answers["rotation_id"] == new_id
    chosen = form_widgets(at, "writers")["rotation_id"]
    assert chosen.format_func(chosen.value).startswith("Added Children's Hospital · Pediatrics")
    assert answers["name"] is None and answers["status"] is None

    fill_form(at, "writers", {k: v for k, v in WRITER.items() if k != "rotation_id"})
    save_form(at, "writers")
    assert_clean(at)
    new = profile(at)["writers"][-1]
    assert (new["name"], new["rotation_id"]) == ("Dr. Added Person", new_id)


def test_add_a_writer_who_saw_a_chosen_experience(app):
    at = open_sample(app(), SAMPLE)
    choose(at, "rotations", 2)
    rid = profile(at)["rotations"][2]["id"]
    at.button(key=f"writer_from_{rid}").click().run()
    assert_clean(at)
    follow(at, "writers")
    assert form_answers(at, "writers")["rotation_id"] == rid


@pytest.mark.parametrize("section", ["rotations", "writers"])
def test_edit_fills_in_every_answer_and_cancel_changes_nothing(app, section):
    at = app()
    raw = sample_raw(SAMPLE)
    raw[section][1]["notes"] = "Line one\nline two"
    put_profile(at, raw)
    open_edit_form(at, section, 1)
    row = raw[section][1]
    shown = form_answers(at, section)
    assert shown == {n: row[n] for n in fields.SECTIONS[section] if n != "id"}
    assert at.main.subheader[0].value == f"Edit this {fields.SECTION_ITEM[section]}"

    changes = {"location": "non-us", "notes": "changed"}
    changes |= {"name": "Someone Else"} if section == "writers" else {"institution": "Elsewhere"}
    fill_form(at, section, changes)
    cancel_form(at)
    assert not form_open(at, section)
    assert profile(at) == raw
    # opening it again shows the stored answers, not the cancelled ones
    open_edit_form(at, section, 1)
    assert form_answers(at, section) == shown


def test_dates_are_shown_and_read_as_year_month_day(app):
    at = open_sample(app(), SAMPLE)
    for section in ("rotations", "writers"):
        open_new_form(at, section)
        dates = [w for w in form_widgets(at, section).values() if w.type == "date_input"]
        names = {n for n, f in fields.SECTIONS[section].items() if f.kind == "date"}
        assert len(dates) == len(names) >= 2
        assert {w.proto.format for w in dates} == {"YYYY-MM-DD"}
        assert all(w.value is None for w in dates), "a new row has no date yet"
        cancel_form(at)

    add_row(at, "rotations", {**EXPERIENCE, "start": "2027-03-01", "end": "2027-03-28"})
    row = profile(at)["rotations"][-1]
    assert (row["start"], row["end"]) == ("2027-03-01", "2027-03-28")
    index = len(profile(at)["rotations"]) - 1
    assert overview(at).loc[index, "First day"] == "2027-03-01"
    open_edit_form(at, "rotations", index)
    widgets = form_widgets(at, "rotations")
    assert widgets["start"].value == date(2027, 3, 1)
    # created empty and filled through its state, so that an optional date can be cleared
    assert list(widgets["start"].proto.default) == []
    cancel_form(at)

    edit_row(at, "writers", 0, {"asked_on": "2026-08-02", "letter_date": None})
    w = profile(at)["writers"][0]
    assert (w["asked_on"], w["letter_date"]) == ("2026-08-02", None)
    assert overview(at).loc[0, "Asked on"] == "2026-08-02"
    assert overview(at).loc[0, "Letter date"] == ""


@pytest.mark.parametrize("section", ["rotations", "writers"])
def test_notes_round_trip(app, section):
    at = open_sample(app(), SAMPLE)
    note = "Presented 2 cases at noon report.\nE-mail: assistant@example.org"
    answers = EXPERIENCE if section == "rotations" else WRITER
    add_row(at, section, {**answers, "notes": f"  {note}  "})
    index = len(profile(at)[section]) - 1
    assert profile(at)[section][index]["notes"] == note  # trimmed, lines kept
    open_edit_form(at, section, index)
    assert form_answers(at, section)["notes"] == note
    fill_form(at, section, {"notes": "   "})
    save_form(at, section)
    assert_clean(at)
    assert profile(at)[section][index]["notes"] is None  # blank means no note


# --- the spreadsheet bridge ----------------------------------------------------------------

CSV_PAGES = {"rotations": "experiences", "writers": "writers"}


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _upload(at, section: str, name: str, content: str):
    key = f"csv_upload_{section}_{rev(at)}_{at.session_state['data_rev']}"
    at.file_uploader(key=key).upload(name, content.encode(), "text/csv").run()
    assert_clean(at, errors_ok=True)
    return at


@pytest.mark.parametrize("section", ["rotations", "writers"])
def test_csv_download_holds_the_rows(app, section):
    at = open_sample(app(), SAMPLE)
    goto(at, CSV_PAGES[section])
    button = at.download_button(key=f"csv_download_{section}")
    file = download_file(button)
    assert file.filename == f"lorkit-{CSV_PAGES[section]}.csv"
    assert file.mimetype.startswith("text/csv")
    text = file.content.decode("utf-8")
    rows = profile(at)[section]
    assert text == rows_to_csv(section, rows)
    table = _csv_rows(text)
    first = fields.SECTIONS[section]["name" if section == "writers" else "institution"].label
    assert [r[first] for r in table] == [
        r["name" if section == "writers" else "institution"] for r in rows
    ]
    # and it reads back as the same rows (the plan's fields are not in the file)
    back = rows_from_csv(
        section, file.content, rotation_ids=[r["id"] for r in profile(at)["rotations"]]
    )
    plan = set(fields.WRITER_PLAN_FIELDS)
    assert [{k: v for k, v in r.items() if k not in plan} for r in back] == [
        {k: v for k, v in r.items() if k not in plan} for r in rows
    ]


def test_a_csv_with_bad_rows_lists_every_problem_and_changes_nothing(app):
    at = open_sample(app(), SAMPLE)
    goto(at, "writers")
    before, before_rev = profile(at), rev(at)
    table = _csv_rows(rows_to_csv("writers", before["writers"]))
    table[1]["Asked on"] = "10/03/2026"
    table[3]["Status"] = "maybe"
    table[3]["Country"] = "mars"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]))
    writer.writeheader()
    writer.writerows(table)

    _upload(at, "writers", "edited.csv", out.getvalue())
    errors = [unescape(e) for e in alerts(at.main, "error")]
    assert errors == [
        "edited.csv was not imported (3 problems); your letter writers are unchanged:"
    ]
    listed = at.main.text[-1].value.splitlines()
    assert len(listed) == 3, listed
    assert listed[0].startswith("Letter writers, row 2, Asked on: ")
    assert "10/03/2026" in listed[0]
    assert listed[1].startswith("Letter writers, row 4, Country: ")
    assert listed[2].startswith("Letter writers, row 4, Status: ")
    assert "maybe" in listed[2]
    assert profile(at) == before and rev(at) == before_rev


def test_a_good_csv_replaces_the_rows_and_writers_keep_their_plan_ticks(app):
    at = app()
    raw = sample_raw(SAMPLE)
    raw["writers"][0]["drafts"] = {"ask": "Dear Dr. Marsh"}
    put_profile(at, raw)
    goto(at, "writers")
    table = _csv_rows(rows_to_csv("writers", raw["writers"]))
    table[0]["Status"] = "Declined"  # a label works as well as a code
    table[2]["Notes"] = "Call her assistant"
    del table[1]  # a writer left out of the file is dropped
    table.append(
        {k: "" for k in table[0]}
        | {
            "Name": "Dr. From Sheet",
            "Experience": "r-wards",
            "Contact": "indirect",
            "Role": "attending",
            "Field": "pediatrics",
            "Country": "us",
            "Status": "candidate",
        }
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]))
    writer.writeheader()
    writer.writerows(table)

    _upload(at, "writers", "sheet.csv", out.getvalue())
    assert [unescape(s) for s in alerts(at.main, "success")] == [
        "Imported sheet.csv: 6 rows imported."
    ]
    writers = profile(at)["writers"]
    old = {w["id"]: w for w in raw["writers"]}
    assert [w["id"] for w in writers[:-1]] == [
        w["id"] for i, w in enumerate(raw["writers"]) if i != 1
    ]
    assert writers[0]["status"] == "declined"
    assert writers[1]["notes"] == "Call her assistant"
    for w in writers[:-1]:
        for name in fields.WRITER_PLAN_FIELDS:
            assert w[name] == old[w["id"]][name], (w["id"], name)
    new = writers[-1]
    assert new.keys() == set(blank_row("writers"))
    assert re.fullmatch(r"w\d+", new["id"]) and new["name"] == "Dr. From Sheet"
    assert (new["packet"], new["steps_done"], new["drafts"]) == ([], [], {})
    assert list(overview(at)["Name"]) == [w["name"] for w in writers]

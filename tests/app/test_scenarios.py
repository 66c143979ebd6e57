"""Scenarios on the Assessment page: save, build, compare, delete, export and import."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from lorkit.profile_io import profile_from_dict
from lorkit.scenarios import compare_scenarios, explain
from lorkit.workspace import blank_row, check, complete_row, export_profile
from tests.app.conftest import (
    assert_clean,
    charts,
    delete_row,
    download_file,
    engine,
    expected_results,
    goto,
    markdown_texts,
    open_sample,
    profile,
    put_profile,
    rev,
    sample_raw,
    shown_results,
    unescape,
)
from tests.app.test_import_export import upload
from ui.text import md_escape

WITH = "home-country-heavy"  # the sample that ships two scenarios
PLAIN = "med-peds-complete"


def _engine_comparisons(raw: dict[str, Any]) -> list[Any]:
    p = profile_from_dict(copy.deepcopy(raw))
    return compare_scenarios(p, date.today())


def _table(at: Any) -> Any:
    [table] = [d.value for d in at.main.dataframe if "Profile as entered" in d.value.columns]
    return table


def _texts(at: Any) -> list[str]:
    return [unescape(m.value) for m in at.main.markdown]


def _scenario_chart(at: Any) -> dict[str, Any]:
    [chart] = [c for c in charts(at.main) if any(r and "column" in r[0] for r in c["rows"])]
    return chart


def _widget(at: Any, kind: str, name: str) -> Any:
    [w] = [
        w
        for w in at.get(kind)
        if (w.key or "").startswith("scenario_form_") and w.key.endswith("_" + name)
    ]
    return w


def test_the_sample_scenarios_are_compared_side_by_side(app):
    at = open_sample(app(), WITH)
    raw = sample_raw(WITH)
    found = _engine_comparisons(raw)

    table = _table(at)
    names = [s["name"] for s in raw["scenarios"]]
    assert list(table.columns) == ["", "Profile as entered", *names]
    rows = dict(zip(table[""], table.index, strict=True))
    readiness = table.loc[rows["Pediatrics: readiness"]]
    assert readiness["Profile as entered"] == str(found[0].tracks[0].readiness_before)
    for name, c in zip(names, found, strict=True):
        t = c.tracks[0]
        assert (
            readiness[name] == f"{t.readiness_after} ({t.readiness_after - t.readiness_before:+d})"
        )
        assert table.loc[rows["Pediatrics: verdict"]][name] == c.after.tracks[0].verdict.label
        assert all(sentence in _texts(at) for sentence in c.sentences)
    joined = table.loc[rows["Pediatrics: letters that join"]]
    assert joined[names[0]] == "Dr. Ana Ruiz"
    assert table.loc[rows["Pediatrics: letters that leave"]][names[1]] == "Dr. Kevin O'Neill"

    chart = _scenario_chart(at)
    points = next(r for r in chart["rows"] if r and "readiness" in r[0])
    assert [(r["column"], r["readiness"]) for r in points] == [
        ("Profile as entered", found[0].tracks[0].readiness_before),
        *((n, c.tracks[0].readiness_after) for n, c in zip(names, found, strict=True)),
    ]
    # comparing never changes the data
    assert profile(at) == raw


def test_the_what_if_says_why_and_can_be_saved_as_a_scenario(app):
    at = open_sample(app(), PLAIN)
    raw = sample_raw(PLAIN)
    out = ["w-im"]
    at.multiselect(key=f"whatif_{rev(at)}").set_value(out).run()
    assert_clean(at)
    expected = explain(engine(raw), engine(raw, excluded=out))
    assert expected.startswith("Without Dr. Grace Whitfield's letter, ")
    assert expected in [unescape(i.value) for i in at.main.info]

    name_box = at.text_input(key="scenario_whatif_name_w-im")
    assert name_box.value == "Without Dr. Grace Whitfield"
    name_box.set_value("Without the IM letter").run()
    at.button(key="save_what_if").click().run()
    assert_clean(at)

    saved = profile(at)["scenarios"]
    assert saved == [
        {**blank_row("scenarios"), "id": "s1", "name": "Without the IM letter", "leave_out": out}
    ]
    assert saved[0] == complete_row("scenarios", saved[0])  # the full shape of a file's row
    assert "Saved the scenario Without the IM letter." in [unescape(s.value) for s in at.success]
    assert list(_table(at).columns) == ["", "Profile as entered", "Without the IM letter"]
    # the same what-if is not offered for saving twice
    assert "save_what_if" not in [b.key for b in at.button]
    assert "The what-if above is saved as the scenario Without the IM letter." in [
        unescape(c.value) for c in at.main.caption
    ]
    # the what-if itself is left as it was; the rest of the profile too
    assert at.session_state["excluded"] == out
    assert {k: v for k, v in profile(at).items() if k != "scenarios"} == {
        k: v for k, v in raw.items() if k != "scenarios"
    }


def test_a_scenario_built_in_the_form(app):
    at = open_sample(app(), PLAIN)
    at.button(key="add_scenario").click().run()
    # saving with nothing answered says what is missing and keeps nothing
    at.button(key="save_scenario").click().run()
    assert_clean(at, errors_ok=True)
    assert "Name — please answer" in at.main.text[-1].value
    assert profile(at).get("scenarios", []) == []

    _widget(at, "text_input", "name").set_value("A US Med-Peds month")
    _widget(at, "multiselect", "leave_out").set_value(["w-home"])
    _widget(at, "selectbox", "status_writer_0").set_value("w-fm").run()
    _widget(at, "selectbox", "status_value_0").set_value("hesitant")
    _widget(at, "toggle", "planned_on").set_value(True).run()
    answers = {
        "rot_institution": "Lakeview Med-Peds Clinic",
        "rot_location": "us",
        "rot_specialty": "med-peds",
        "rot_kind": "elective",
        "rot_setting": "outpatient",
        "rot_start": date(2027, 3, 1),
        "rot_end": date(2027, 3, 26),
        "wr_name": "Dr. New Attending",
        "wr_relationship": "direct-supervision",
        "wr_role": "attending",
        "wr_specialty": "med-peds",
        "wr_status": "agreed-strong",
        "flag_asked_for_strong": True,
        "flag_knows_goal": True,
    }
    for name, value in answers.items():
        kind = (
            "date_input"
            if isinstance(value, date)
            else "checkbox"
            if isinstance(value, bool)
            else "text_input"
            if name.endswith("name") or name.endswith("institution")
            else "selectbox"
        )
        _widget(at, kind, name).set_value(value)
    # a planned experience that ends before it starts is refused, in the form's words
    _widget(at, "date_input", "rot_end").set_value(date(2027, 2, 26))
    at.button(key="save_scenario").click().run()
    assert_clean(at, errors_ok=True)
    assert "What will be the last day? — it ends before it starts" in at.main.text[-1].value
    assert profile(at).get("scenarios", []) == []
    _widget(at, "date_input", "rot_end").set_value(answers["rot_end"])
    at.button(key="save_scenario").click().run()
    assert_clean(at)

    [row] = profile(at)["scenarios"]
    assert row == complete_row("scenarios", row)
    assert (row["id"], row["name"], row["leave_out"]) == ("s1", "A US Med-Peds month", ["w-home"])
    assert row["set_status"] == {"w-fm": "hesitant"}
    [rot] = row["add_rotations"]
    [wr] = row["add_writers"]
    assert rot == complete_row("rotations", rot) and wr == complete_row("writers", wr)
    assert (rot["id"], rot["start"], rot["end"]) == ("s1-r1", "2027-03-01", "2027-03-26")
    assert (wr["id"], wr["rotation_id"], wr["location"]) == ("s1-w1", "s1-r1", "us")
    assert wr["asked_for_strong"] and wr["knows_goal"] and wr["waived"]
    assert not check(profile(at)).issues

    [c] = _engine_comparisons(profile(at))
    assert all(sentence in _texts(at) for sentence in c.sentences)
    assert c.sentences[0].startswith(
        "Without Prof. Beatriz Almeida's letter, with Dr. Ruth Adeyemi sounding hesitant and "
        "with a 4-week US Med-Peds elective at Lakeview Med-Peds Clinic and a letter from "
        "Dr. New Attending there, "
    )
    assert list(_table(at).columns) == ["", "Profile as entered", "A US Med-Peds month"]


def test_deleting_a_scenario_asks_first_and_keeps_the_rest(app):
    at = open_sample(app(), WITH)
    at.button(key="delete_scenario_s2").click().run()
    assert_clean(at)
    assert [s["id"] for s in profile(at)["scenarios"]] == ["s1"]
    assert list(_table(at).columns) == [
        "",
        "Profile as entered",
        sample_raw(WITH)["scenarios"][0]["name"],
    ]
    at.button(key="delete_scenario_s1").click().run()
    assert profile(at)["scenarios"] == []
    assert not [d for d in at.main.dataframe if "Profile as entered" in d.value.columns]
    assert "No scenarios saved yet." in [i.value for i in at.main.info]
    # the profile itself is untouched
    assert {k: v for k, v in profile(at).items() if k != "scenarios"} == {
        k: v for k, v in sample_raw(WITH).items() if k != "scenarios"
    }


def test_a_scenario_that_only_leaves_letters_out_can_become_the_what_if(app):
    at = open_sample(app(), WITH)
    assert "use_scenario_s1" not in [b.key for b in at.button]  # s1 also adds rows
    at.button(key="use_scenario_s2").click().run()
    assert_clean(at)
    assert at.session_state["excluded"] == ["w-us-2023"]
    assert at.multiselect(key=f"whatif_{rev(at)}").value == ["w-us-2023"]
    assert shown_results(at) == expected_results(engine(sample_raw(WITH), excluded=["w-us-2023"]))


def test_scenarios_survive_export_and_import(app):
    at = open_sample(app(), WITH)
    at.multiselect(key=f"whatif_{rev(at)}").set_value(["w-home-chair"]).run()
    at.button(key="save_what_if").click().run()
    before = profile(at)
    assert [s["id"] for s in before["scenarios"]] == ["s1", "s2", "s3"]

    data = download_file(at.sidebar.download_button(key="download_profile")).content
    assert [s["id"] for s in json.loads(data)["scenarios"]] == ["s1", "s2", "s3"]
    at.button(key="confirm_clear").click().run()
    assert profile(at)["scenarios"] == []
    upload(at, "with-scenarios.json", data)
    assert not at.error
    assert profile(at) == before
    goto(at, "assessment")
    table = _table(at)
    assert list(table.columns)[1:] == [
        "Profile as entered",
        *(s["name"] for s in before["scenarios"]),
    ]


def test_deleting_a_writer_a_scenario_mentions_keeps_the_scenario_usable(app):
    at = open_sample(app(), WITH)
    raw = sample_raw(WITH)
    index = next(i for i, w in enumerate(raw["writers"]) if w["id"] == "w-us-2023")
    at.multiselect(key=f"whatif_{rev(at)}").set_value(["w-home-chair"]).run()
    at.button(key="save_what_if").click().run()
    state_raw = profile(at)
    state_raw["scenarios"][0]["set_status"] = {"w-us-2023": "asked"}
    put_profile(at, state_raw)
    at.run()

    delete_row(at, "writers", index)
    after = profile(at)
    assert "w-us-2023" not in [w["id"] for w in after["writers"]]
    s1, s2, s3 = after["scenarios"]
    assert s1["leave_out"] == [] and s1["set_status"] == {}
    assert s2["leave_out"] == []
    assert s3["leave_out"] == ["w-home-chair"]
    ws = check(after)
    assert not ws.issues
    export_profile(ws)  # the profile can still be downloaded
    goto(at, "assessment")
    assert len(_table(at).columns) == 5
    assert not at.main.warning


def test_deleting_an_experience_unlinks_a_planned_writer_there(app):
    at = open_sample(app(), WITH)
    raw = profile(at)
    planned = raw["scenarios"][0]["add_writers"][0]
    raw["scenarios"][0]["add_writers"][0] = {**planned, "rotation_id": "r-us-obs"}
    raw["scenarios"][0]["add_rotations"] = []
    put_profile(at, raw)
    at.run()
    index = next(i for i, r in enumerate(raw["rotations"]) if r["id"] == "r-us-obs")
    delete_row(at, "rotations", index)
    assert profile(at)["scenarios"][0]["add_writers"][0]["rotation_id"] is None
    assert not check(profile(at)).issues_for("scenarios")


def test_a_scenario_with_a_problem_is_shown_and_can_be_deleted(app):
    at = open_sample(app(), WITH)
    raw = profile(at)
    raw["scenarios"][1]["leave_out"] = ["nobody"]
    put_profile(at, raw)
    at.run()
    assert_clean(at)
    warnings = [w.value for w in at.main.warning]
    assert any("set aside until it is fixed or deleted" in w for w in warnings)
    assert "Scenarios, row 2" in "\n".join(t.value for t in at.main.text)
    assert list(_table(at).columns) == ["", "Profile as entered", raw["scenarios"][0]["name"]]
    at.button(key="delete_broken_scenario_1").click().run()
    assert [s["id"] for s in profile(at)["scenarios"]] == ["s1"]
    assert not check(profile(at)).issues


HOSTILE = "[x](http://example.com) <b>y</b> ![i](http://example.com/i.png)"


def test_names_and_notes_in_scenarios_are_never_markdown(app):
    at = open_sample(app(), WITH)
    raw = profile(at)
    raw["writers"][2]["name"] = HOSTILE  # Dr. Kevin O'Neill, whom both scenarios leave out
    raw["scenarios"][0]["name"] = HOSTILE
    raw["scenarios"][0]["notes"] = HOSTILE
    raw["scenarios"][1]["add_writers"] = [
        {**raw["scenarios"][0]["add_writers"][0], "id": "s2-w1", "name": HOSTILE}
    ]
    raw["scenarios"][1]["add_rotations"] = [
        {**raw["scenarios"][0]["add_rotations"][0], "id": "s2-r1"}
    ]
    raw["scenarios"][1]["add_writers"][0]["rotation_id"] = "s2-r1"
    put_profile(at, raw)
    at.run()
    at.multiselect(key=f"whatif_{rev(at)}").set_value([raw["writers"][2]["id"]]).run()
    assert_clean(at)
    texts = markdown_texts(at)
    assert [t for t in texts if "example.com" in t or "<b>" in t or "](" in t] == []
    assert any(md_escape(HOSTILE) in t for t in texts)  # shown, escaped
    assert HOSTILE in _table(at).columns  # verbatim in a table cell


def test_presenter_mode_hides_scenario_notes(app):
    at = open_sample(app(), WITH)
    note = sample_raw(WITH)["scenarios"][0]["notes"]
    assert note in [unescape(c.value) for c in at.main.caption]
    at.session_state["presenting"] = True
    at.run()
    assert note not in [unescape(c.value) for c in at.main.caption]
    assert _table(at) is not None  # the comparison itself stays

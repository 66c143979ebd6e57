"""Editing, adding and deleting rows in the Experiences and Letter writers tables."""

from __future__ import annotations

import copy
import re

from tests.app.conftest import (
    alerts,
    edit_table,
    engine,
    expected_results,
    goto,
    new_rotation,
    new_writer,
    open_sample,
    profile,
    put_profile,
    sample_raw,
    shown_results,
    unescape,
)

SAMPLE = "pediatrics-guide-example"


def test_declining_the_recommended_writers_changes_the_verdict(app):
    at = open_sample(app(), SAMPLE)
    before = engine(sample_raw(SAMPLE))
    assert shown_results(at) == expected_results(before)
    chosen = {x.id for x in before.track("pediatrics").selected}

    goto(at, "writers")
    writers = sample_raw(SAMPLE)["writers"]
    rows = {i: {"status": "declined"} for i, w in enumerate(writers) if w["id"] in chosen}
    assert rows
    edit_table(at, "writers", edited_rows=rows)

    expected_raw = sample_raw(SAMPLE)
    for i in rows:
        expected_raw["writers"][i]["status"] = "declined"
    assert profile(at) == expected_raw  # the canonical profile holds exactly the edit

    goto(at, "assessment")
    after = engine(expected_raw)
    assert shown_results(at) == expected_results(after)
    assert shown_results(at) != expected_results(before)
    assert after.tracks[0].readiness < before.tracks[0].readiness


def test_an_edit_survives_leaving_the_page_and_a_second_edit_wins(app):
    at = open_sample(app(), SAMPLE)
    goto(at, "writers")
    edit_table(at, "writers", edited_rows={0: {"status": "declined", "title": "Edited once"}})
    expected = sample_raw(SAMPLE)
    expected["writers"][0] |= {"status": "declined", "title": "Edited once"}
    assert profile(at) == expected

    goto(at, "assessment")
    goto(at, "writers")
    shown = at.data_editor[0].value
    assert (shown.loc[0, "status"], shown.loc[0, "title"]) == ("declined", "Edited once")

    edit_table(at, "writers", edited_rows={0: {"status": "hesitant"}})
    expected["writers"][0]["status"] = "hesitant"
    assert profile(at) == expected
    at.run()  # a plain rerun (any other click) keeps it too
    assert profile(at) == expected
    goto(at, "assessment")
    assert shown_results(at) == expected_results(engine(expected))


def test_rows_added_and_deleted_in_experiences(app):
    at = open_sample(app(), SAMPLE)
    goto(at, "experiences")
    original = sample_raw(SAMPLE)["rotations"]
    added = new_rotation(
        institution="Added Children's Hospital", start="2026-06-01", end="2026-06-28"
    )
    edit_table(at, "rotations", added_rows=[added], deleted_rows=[1])

    rows = profile(at)["rotations"]
    assert [r["id"] for r in rows[:-1]] == [r["id"] for i, r in enumerate(original) if i != 1]
    new = rows[-1]
    assert re.fullmatch(r"r\d+", new["id"]) and new["id"] not in {r["id"] for r in original}
    assert new | {"id": None} == {**dict.fromkeys(original[0]), **added, "id": None}
    # the writer linked to the deleted experience is kept and flagged, not dropped
    linked = [w for w in profile(at)["writers"] if w["rotation_id"] == original[1]["id"]]
    assert linked
    goto(at, "writers")
    warnings = [unescape(w) for w in alerts(at.main, "warning")]
    assert any(linked[0]["name"] in w and "no longer exists" in w for w in warnings), warnings


def test_rows_added_and_deleted_in_letter_writers(app):
    at = open_sample(app(), SAMPLE)
    goto(at, "writers")
    original = sample_raw(SAMPLE)["writers"]
    added = new_writer(
        name="Dr. Added Person",
        rotation_id="r-wards",
        status="agreed-strong",
        relationship="direct-supervision",
    )
    edit_table(at, "writers", added_rows=[added], deleted_rows=[0])

    raw = profile(at)
    ids = [w["id"] for w in raw["writers"]]
    assert ids[:-1] == [w["id"] for w in original[1:]]
    assert re.fullmatch(r"w\d+", ids[-1]) and ids[-1] not in {w["id"] for w in original}
    assert not alerts(at, "warning"), "a complete added row is not a problem"

    goto(at, "assessment")
    a = engine(raw)
    assert ids[-1] in {x.id for x in a.letters}
    assert original[0]["id"] not in {x.id for x in a.letters}
    assert shown_results(at) == expected_results(a)
    assert "Dr. Added Person" in set(at.main.dataframe[-1].value["Writer"])


def test_an_incomplete_new_writer_is_kept_flagged_and_left_out(app):
    at = open_sample(app(), SAMPLE)
    goto(at, "writers")
    no_name = new_writer(rotation_id="r-wards", relationship="indirect")
    edit_table(at, "writers", added_rows=[no_name])

    raw = profile(at)
    assert len(raw["writers"]) == len(sample_raw(SAMPLE)["writers"]) + 1
    new = raw["writers"][-1]
    assert new["name"] is None and re.fullmatch(r"w\d+", new["id"])
    warnings = alerts(at, "warning")
    row = len(raw["writers"])
    assert any(f"Letter writer row {row}" in w and "Name" in w for w in warnings), warnings
    assert any("1 problem to fix before export" in w for w in alerts(at.sidebar, "warning"))
    assert [p.proto.label for p in at.sidebar.page_link] == ["Fix on Letter writers"]
    assert at.sidebar.download_button[0].proto.disabled

    goto(at, "assessment")
    assert any("1 row with problems is left out" in w for w in alerts(at, "warning"))
    assert new["id"] not in {x.id for x in engine(sample_raw(SAMPLE)).letters}
    # the assessment is the sample's: the unfinished row is simply not in it
    assert shown_results(at) == expected_results(engine(sample_raw(SAMPLE)))


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


def test_a_deleted_experience_id_is_not_handed_to_a_new_row_while_writers_use_it(app):
    at = app()
    raw = _numbered(sample_raw(SAMPLE))
    put_profile(at, raw)
    goto(at, "experiences")
    used = raw["writers"][0]["rotation_id"]
    index = next(i for i, r in enumerate(raw["rotations"]) if r["id"] == used)
    top = f"r{len(raw['rotations'])}"
    edit_table(at, "rotations", deleted_rows=[index])
    # leave and come back: the table is seeded again from what is stored
    goto(at, "writers")
    goto(at, "experiences")
    edit_table(
        at,
        "rotations",
        added_rows=[new_rotation(institution="New place", start="2026-01-05", end="2026-02-01")],
    )
    new_id = profile(at)["rotations"][-1]["id"]
    assert new_id not in {r["id"] for r in raw["rotations"]}, (new_id, top)
    assert profile(at)["writers"][0]["rotation_id"] == used  # still dangling, not re-linked


def test_a_new_writer_does_not_inherit_a_deleted_writers_what_if_exclusion(app):
    at = app()
    raw = _numbered(sample_raw(SAMPLE))
    put_profile(at, raw)
    goto(at, "assessment")
    last = raw["writers"][-1]["id"]
    at.multiselect(key=f"whatif_{at.session_state['profile_rev']}").set_value([last]).run()
    assert at.session_state["excluded"] == [last]

    goto(at, "writers")
    edit_table(at, "writers", deleted_rows=[len(raw["writers"]) - 1])
    goto(at, "assessment")
    goto(at, "writers")
    edit_table(
        at,
        "writers",
        added_rows=[new_writer(name="Dr. Brand New", rotation_id=raw["rotations"][0]["id"])],
    )
    new_id = profile(at)["writers"][-1]["id"]
    goto(at, "assessment")
    ms = at.multiselect(key=f"whatif_{at.session_state['profile_rev']}")
    assert new_id not in ms.value, f"new writer {new_id} starts out excluded"
    assert new_id not in at.session_state["excluded"]


def test_edits_accumulate_and_an_added_row_keeps_its_id(app):
    at = open_sample(app(), "early-stage")
    goto(at, "writers")
    added = new_writer(name="Dr. Kept Id", rotation_id="r-im-elective")
    edit_table(at, "writers", added_rows=[added])
    first_id = profile(at)["writers"][-1]["id"]
    # the browser sends every edit made so far with each change
    edit_table(at, "writers", edited_rows={0: {"knows_goal": False}}, added_rows=[added])
    edit_table(
        at,
        "writers",
        edited_rows={0: {"knows_goal": False}, 1: {"status": "asked", "asked_on": "2026-11-20"}},
        added_rows=[added | {"status": "agreed-strong"}],
    )
    writers = profile(at)["writers"]
    assert writers[-1]["id"] == first_id
    assert writers[-1]["status"] == "agreed-strong"
    assert writers[0]["knows_goal"] is False
    assert (writers[1]["status"], writers[1]["asked_on"]) == ("asked", "2026-11-20")


def test_fields_the_table_does_not_show_survive_an_edit(app):
    at = app()
    raw = sample_raw(SAMPLE)
    raw["writers"][1]["drafts"] = {"ask": "Dear Dr. Ortiz,\nwould you write a strong letter?"}
    raw["writers"][1]["steps_done"] = ["mentioned", "packet-sent"]
    put_profile(at, raw)
    goto(at, "writers")
    edit_table(at, "writers", edited_rows={1: {"title": "Clinic director"}})
    raw["writers"][1]["title"] = "Clinic director"
    assert profile(at) == raw
    goto(at, "assessment")
    goto(at, "writers")
    assert profile(at) == raw

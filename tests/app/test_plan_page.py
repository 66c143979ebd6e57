"""The Plan page: actions by state, rehearsal date, ticks that stick, drafts and calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from lorkit.actions import ActionState, build_actions, packet_items
from lorkit.emails import draft
from lorkit.enums import DraftKind
from tests.app.conftest import (
    assert_clean,
    charts,
    download_file,
    engine,
    goto,
    open_sample,
    profile,
    put_profile,
    sample_raw,
    unescape,
)
from tests.conftest import SAMPLE_NAMES


def plan_for(app, name):
    at = open_sample(app(), name)
    return goto(at, "plan")


def writer_row(at, writer_id):
    return next(w for w in profile(at)["writers"] if w["id"] == writer_id)


def metrics(at):
    return {m.label: m.value for m in at.main.metric}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_counts_and_the_table_match_the_engines_actions(app, name):
    at = plan_for(app, name)
    actions = build_actions(engine(sample_raw(name)))
    shown = metrics(at)
    for s in ActionState:
        assert shown[s.label] == str(sum(1 for x in actions if x.state == s)), s
    table = at.main.dataframe[0].value
    open_actions = [x for x in actions if x.state != ActionState.DONE]
    assert len(table) == len(open_actions)
    assert list(table["Action"]) == [x.kind.label for x in open_actions]
    assert list(table["State"]) == [x.state.label for x in open_actions]


def test_an_empty_profile_shows_a_plan_with_only_the_submission(app):
    at = goto(app(), "plan")
    table = at.main.dataframe[0].value
    assert list(table["Action"]) == ["Submit your ERAS application"]
    assert any("Add letter writers" in i.value for i in at.main.info)


def test_showing_done_actions_lists_every_action(app):
    at = plan_for(app, "pediatrics-guide-example")
    at.toggle(key="plan_show_done").set_value(True).run()
    assert_clean(at)
    actions = build_actions(engine(sample_raw("pediatrics-guide-example")))
    assert len(at.main.dataframe[0].value) == len(actions)


def test_rehearsing_a_later_date_makes_actions_due_and_overdue_and_back_to_today(app):
    at = plan_for(app, "early-stage")
    before = metrics(at)
    at.date_input(key=f"plan_as_of_{at.session_state['profile_rev']}").set_value(
        date(2027, 9, 5)
    ).run()
    assert_clean(at)
    after = metrics(at)
    assert int(after["Overdue"]) > int(before["Overdue"])
    assert at.session_state["as_of"] == date(2027, 9, 5)
    # the sidebar says the whole app is rehearsing, and Assessment uses the same date
    assert any("Rehearsing as of" in c.value for c in at.sidebar.caption)
    at.button[0].click().run()  # "Back to today"
    assert at.session_state["as_of"] is None
    assert metrics(at) == before


def test_ticking_a_packet_item_is_saved_in_the_profile_and_survives_a_page_switch(app):
    # a writer with nothing in the packet yet (the sample's data may change: chosen from it)
    wid = next(
        w["id"]
        for w in sample_raw("pediatrics-guide-example")["writers"]
        if not w.get("packet") and w["status"] != "declined"
    )
    at = plan_for(app, "pediatrics-guide-example")
    rev = at.session_state["profile_rev"]
    at.selectbox(key=f"plan_writer_{rev}").set_value(wid).run()
    assert writer_row(at, wid)["packet"] == []
    at.checkbox(key=f"packet_{rev}_{wid}_cv").check().run()
    at.checkbox(key=f"packet_{rev}_{wid}_photo").check().run()
    assert writer_row(at, wid)["packet"] == ["cv", "photo"]
    goto(at, "writers")
    goto(at, "plan")
    at.selectbox(key=f"plan_writer_{rev}").set_value(wid).run()
    assert at.checkbox(key=f"packet_{rev}_{wid}_cv").value is True
    assert at.checkbox(key=f"packet_{rev}_{wid}_personal-statement").value is False
    at.checkbox(key=f"packet_{rev}_{wid}_cv").uncheck().run()
    assert writer_row(at, wid)["packet"] == ["photo"]


def test_the_packet_checklist_follows_the_tracks(app):
    at = plan_for(app, "med-peds-complete")
    rev = at.session_state["profile_rev"]
    keys = {c.key for c in at.checkbox if c.key.startswith(f"packet_{rev}_")}
    a = engine(sample_raw("med-peds-complete"))
    first = at.selectbox(key=f"plan_writer_{rev}").value
    assert keys == {f"packet_{rev}_{first}_{i.value}" for i in packet_items(a.profile)}
    assert any(k.endswith("_exam-scores") for k in keys)


def test_ticking_a_step_marks_its_action_done(app):
    # a writer whose packet is still to send (chosen from the sample's plan)
    actions = build_actions(engine(sample_raw("pediatrics-guide-example")))
    wid = next(
        x.writer_id
        for x in actions
        if x.kind.value == "packet" and x.state != ActionState.DONE and x.writer_id
    )
    at = plan_for(app, "pediatrics-guide-example")
    rev = at.session_state["profile_rev"]
    before = int(metrics(at)["Done"])
    at.selectbox(key=f"plan_writer_{rev}").set_value(wid).run()
    at.checkbox(key=f"step_{rev}_{wid}_packet-sent").check().run()
    assert "packet-sent" in writer_row(at, wid)["steps_done"]
    assert int(metrics(at)["Done"]) == before + 1


def test_editing_a_draft_saves_it_and_going_back_restores_lorkits_draft(app):
    at = plan_for(app, "pediatrics-guide-example")
    rev = at.session_state["profile_rev"]
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-chair").run()
    key = f"draft_{rev}_w-chair_ask"
    original = at.text_area(key=key).value
    a = engine(sample_raw("pediatrics-guide-example"))
    chair = next(w for w in a.profile.writers if w.id == "w-chair")
    assert original == draft(a.profile, chair, DraftKind.ASK).text
    at.text_area(key=key).input("Dear Professor Eze, my own words.").run()
    assert writer_row(at, "w-chair")["drafts"] == {"ask": "Dear Professor Eze, my own words."}
    reset = next(b for b in at.button if b.key == "reset_w-chair_ask")
    reset.click().run()
    assert writer_row(at, "w-chair")["drafts"] == {}
    assert at.text_area(key=key).value == original


def test_the_early_mention_draft_is_offered_only_for_rotations_ahead(app):
    at = plan_for(app, "early-stage")
    rev = at.session_state["profile_rev"]
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-peds-subi").run()
    assert at.text_area(key=f"draft_{rev}_w-peds-subi_mention").value.startswith("Subject:")
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-home").run()
    assert not [t for t in at.text_area if t.key == f"draft_{rev}_w-home_mention"]


def test_the_calendar_download_parses_back_to_every_action(app):
    at = plan_for(app, "early-stage")
    button = next(
        b
        for b in at.get("download_button")
        if b.proto.id.endswith("download_ics") or "download_ics" in b.proto.id
    )
    got = download_file(button)
    assert got.filename == "lorkit-plan.ics"
    cal = Calendar.from_ical(got.content)
    actions = build_actions(engine(sample_raw("early-stage")))
    events = cal.walk("VEVENT")
    assert len(events) == len(actions)
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts == sorted(x.start for x in actions)
    assert all(e.decoded("DTEND") > e.decoded("DTSTART") for e in events)


def test_timeline_and_pipeline_charts_hold_the_plan(app):
    at = plan_for(app, "pediatrics-guide-example")
    found = charts(at.main)
    assert len(found) == 2
    timeline, pipeline = found
    bars = next(r for r in timeline["rows"] if r and "what" in r[0])
    a = engine(sample_raw("pediatrics-guide-example"))
    actions = [x for x in build_actions(a) if x.writer_id]
    names = {w.id: w.name for w in a.profile.writers}
    writer_bars = [b for b in bars if not b["row"].startswith("Experience: ")]
    assert sorted((b["row"], b["what"]) for b in writer_bars) == sorted(
        (names[x.writer_id], x.kind.label) for x in actions
    )
    marks = next(r for r in timeline["rows"] if r and "label" in r[0])
    assert {m["label"] for m in marks} >= {"Submission"}
    counts = {r["code"]: r["writers"] for r in pipeline["rows"][0]}
    assert sum(counts.values()) == len(a.profile.writers)
    assert counts["uploaded"] == sum(1 for w in a.profile.writers if w.status == "uploaded")


def test_late_ask_shows_on_the_plan_when_the_rehearsal_date_passes_the_ask_by_date(app):
    raw = sample_raw("pediatrics-guide-example")
    # a writer of the recommended set who is still only a candidate
    chosen = engine(raw).track("pediatrics").selected
    late = next(x for x in chosen if x.writer.status != "uploaded")
    for w in raw["writers"]:
        if w["id"] == late.id:
            w.update(status="candidate", asked_on=None, steps_done=[])
    at = plan_for(app, "pediatrics-guide-example")
    put_profile(at, raw)
    at.run()
    submission = date.fromisoformat(raw["applicant"]["submission_date"])
    at.date_input(key=f"plan_as_of_{at.session_state['profile_rev']}").set_value(
        submission - timedelta(days=20)
    ).run()
    assert_clean(at)
    assert any(
        late.writer.name in unescape(w.value) and "ask-by date" in unescape(w.value)
        for w in at.main.warning
    )
    # and the table agrees: that ask is overdue since the ask-by date, not dated later
    table = at.main.dataframe[0].value
    row = table[(table["Writer"] == late.writer.name) & table["Action"].isin(ASKS)]
    assert list(row["State"]) == ["Overdue"]
    assert list(row["Until"]) == [submission - timedelta(days=28)]


# --- the plan follows each writer's status (SPEC r2 §7) -----------------------------------------

ASKS = {"Ask formally at the end of the rotation", "Ask formally now"}


def test_no_ask_is_listed_for_a_writer_who_agreed_or_whose_letter_is_in(app):
    at = plan_for(app, "pediatrics-guide-example")
    at.toggle(key="plan_show_done").set_value(True).run()
    table = at.main.dataframe[0].value
    for _, row in table.iterrows():
        if row["Action"] in ASKS:
            assert row["Writer status"] == "Candidate (not asked yet)", row["Writer"]
    agreed = table[table["Writer status"] == "Agreed to write a strong letter"]
    assert set(agreed["Action"]) <= {
        "Send the packet",
        "Send a gentle reminder",
        "Send a last reminder",
    }
    uploaded = table[table["Writer status"] == "Letter uploaded to ERAS"]
    assert set(uploaded["Action"]) == {"Assign the letter to your programs"}


def test_an_uploaded_writer_has_no_e_mail_to_send(app):
    at = plan_for(app, "pediatrics-guide-example")
    rev = at.session_state["profile_rev"]
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-wards").run()
    assert_clean(at)
    assert not [t for t in at.text_area if (t.key or "").startswith(f"draft_{rev}_w-wards_")]
    assert any("No e-mail to send now" in i.value for i in at.main.info)


def test_an_agreed_writer_is_offered_the_packet_and_reminder_but_no_ask(app):
    at = plan_for(app, "pediatrics-guide-example")
    rev = at.session_state["profile_rev"]
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-clinic").run()
    keys = {t.key for t in at.text_area if (t.key or "").startswith(f"draft_{rev}_w-clinic_")}
    assert keys == {f"draft_{rev}_w-clinic_packet", f"draft_{rev}_w-clinic_reminder"}


def test_the_upload_by_date_in_the_packet_note_is_the_reminder_date_in_the_table(app):
    at = plan_for(app, "pediatrics-guide-example")
    rev = at.session_state["profile_rev"]
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-clinic").run()
    note = at.text_area(key=f"draft_{rev}_w-clinic_packet").value
    a = engine(sample_raw("pediatrics-guide-example"))
    gentle = next(
        x for x in build_actions(a) if x.writer_id == "w-clinic" and x.kind.value == "reminder-2w"
    )
    assert f"uploaded by {gentle.start:%A} {gentle.start.day} {gentle.start:%B %Y}" in note


def test_a_home_country_writer_gets_the_outline_of_a_us_letter_in_the_checklist(app):
    at = plan_for(app, "pediatrics-guide-example")
    rev = at.session_state["profile_rev"]
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-chair").run()  # outside the US
    assert any("what US programs look for" in unescape(m.value) for m in at.main.markdown)
    at.selectbox(key=f"plan_writer_{rev}").set_value("w-clinic").run()  # in the US
    assert not any("what US programs look for" in unescape(m.value) for m in at.main.markdown)

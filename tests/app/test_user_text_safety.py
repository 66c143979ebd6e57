"""Text a user types is never rendered as Markdown or HTML."""

from __future__ import annotations

from tests.app.conftest import (
    PAGES,
    assert_clean,
    cancel_form,
    edit_row,
    fill_form,
    form_answers,
    form_open,
    goto,
    markdown_texts,
    open_new_form,
    open_sample,
    overview,
    profile,
    rev,
    save_form,
)
from ui.text import md_escape

HOSTILE = "[x](http://example.com) <b>y</b> ![i](http://example.com/i.png)"
ESCAPED = md_escape(HOSTILE)


def _unsafe(texts: list[str]) -> list[str]:
    # md_escape turns every "." and "<" into "\." and "\<", so the raw link target or tag
    # can only appear if the name went out unescaped (or half escaped).
    return [t for t in texts if "example.com" in t or "<b>" in t or "](" in t]


def test_hostile_names_show_escaped_in_markdown_and_verbatim_in_cells(app):
    at = open_sample(app(), "pediatrics-guide-example")
    goto(at, "profile")
    at.text_input(key=f"applicant_name_{rev(at)}").input(HOSTILE).run()
    edit_row(at, "rotations", 0, {"institution": HOSTILE, "notes": HOSTILE})
    # the "Saved. Who saw your work at …?" message names it, escaped
    assert _unsafe(markdown_texts(at)) == []
    assert any(ESCAPED in t for t in markdown_texts(at))

    # typed into a new writer's form that cannot be saved yet: the form keeps it as typed
    open_new_form(at, "writers")
    fill_form(at, "writers", {"name": HOSTILE, "title": HOSTILE})
    save_form(at, "writers")
    assert_clean(at, errors_ok=True)
    assert form_open(at, "writers")
    assert _unsafe(markdown_texts(at)) == []
    assert form_answers(at, "writers")["name"] == HOSTILE
    cancel_form(at)
    # saved: the "Saved …" message names the writer, escaped
    edit_row(at, "writers", 0, {"name": HOSTILE, "status": "declined", "notes": HOSTILE})
    assert _unsafe(markdown_texts(at)) == []

    raw = profile(at)
    assert raw["applicant"]["name"] == HOSTILE
    assert (raw["rotations"][0]["institution"], raw["rotations"][0]["notes"]) == (HOSTILE,) * 2
    assert (raw["writers"][0]["name"], raw["writers"][0]["notes"]) == (HOSTILE,) * 2
    assert [w["name"] for w in raw["writers"]].count(HOSTILE) == 1

    escaped_on = set()
    for page in PAGES:
        goto(at, page)
        texts = markdown_texts(at)
        assert _unsafe(texts) == [], page
        main_texts = [t for t in texts if t not in {m.value for m in at.sidebar.markdown}]
        if any(ESCAPED in t for t in main_texts):
            escaped_on.add(page)
        assert f"**{ESCAPED}**" in [m.value for m in at.sidebar.markdown], page
        if page == "writers":
            assert overview(at).loc[0, "Name"] == HOSTILE
            # the experience is shown by a label made from its institution, as a plain cell
            row = next(i for i, w in enumerate(raw["writers"]) if w["rotation_id"] == "r-research")
            assert overview(at).loc[row, "Experience"].startswith(f"{HOSTILE} · ")
            chooser = next(s for s in at.selectbox if (s.key or "").startswith("choose_writers_"))
            assert chooser.options[0] == f"1 · {HOSTILE}"  # a plain-text option
        if page == "experiences":
            assert overview(at).loc[0, "Institution"] == HOSTILE
        if page == "assessment":
            why = at.main.dataframe[-1].value
            assert HOSTILE in set(why["Writer"])
            assert HOSTILE in at.multiselect(key=f"whatif_{rev(at)}").options

    # shown, escaped: the "Saved …" message on Letter writers, the left-out list on Assessment
    assert {"writers", "assessment"} <= escaped_on


def test_the_escaped_form_has_nothing_left_to_render():
    # the test above relies on this: no link, image or tag syntax survives md_escape
    assert "](" not in ESCAPED and "<b>" not in ESCAPED and "example.com" not in ESCAPED
    assert md_escape("# heading\n- item") == r"\# heading \- item"

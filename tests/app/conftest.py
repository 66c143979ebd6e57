"""AppTest helpers: start the app, move between pages, use the entry forms, read charts and text.

Every test starts its own `AppTest` session from `app.py`, as a visitor would. Things about
AppTest in streamlit 1.67 that shape these helpers:

* Experiences and writers are entered one row at a time in a form (`ui/forms.py`).
  `fill_form` finds each question's widget by its key and its question text
  (`lorkit.fields`), so answers are given as stored: codes, ISO dates, booleans.
* When the app itself calls `st.switch_page`, AppTest draws the new page in that run, but
  the next `run()` goes back to AppTest's own current page: `follow` switches it too.
* `st.download_button` only exposes a media URL; `download_file` reads the file from the
  in-memory media store each run creates.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit import dataframe_util
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from lorkit import fields
from lorkit.assessment import Assessment, assess
from lorkit.profile_io import profile_from_dict
from lorkit.samples import load_sample
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGES = {
    "start": "app_pages/start.py",
    "profile": "app_pages/profile.py",
    "experiences": "app_pages/experiences.py",
    "writers": "app_pages/writers.py",
    "programs": "app_pages/programs.py",
    "assessment": "app_pages/assessment.py",
    "method": "app_pages/method.py",
    "plan": "app_pages/plan.py",
}
TITLES = {
    "start": "Plan your letters of recommendation",
    "profile": "Profile",
    "experiences": "Experiences",
    "writers": "Letter writers",
    "programs": "Programs",
    "assessment": "Assessment",
    "method": "Method",
    "plan": "Plan",
}

# --- the session ---------------------------------------------------------------------------


class _MediaSpy(MemoryMediaFileStorage):
    """The in-memory media store AppTest creates per run, remembered so tests can read
    what a download button would deliver."""

    stores: list[MemoryMediaFileStorage] = []  # noqa: RUF012 (reset by the fixture)

    def __init__(self, media_endpoint: str) -> None:
        super().__init__(media_endpoint)
        _MediaSpy.stores.append(self)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A factory of fresh app sessions, each already run once (on the Start page)."""
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _MediaSpy)
    _MediaSpy.stores = []

    def start() -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        at.run()
        assert_clean(at)
        return at

    # Show the real error text in failures; visitors see none (client.showErrorDetails).
    with patch_config_options({"client.showErrorDetails": "full"}):
        yield start


def assert_clean(at: AppTest, *, errors_ok: bool = False) -> None:
    """No exception on the page, and no `st.error` unless the test expects one."""
    assert not at.exception, "\n".join(
        f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception
    )
    if not errors_ok:
        assert not at.error, [e.value for e in at.error]


def page_title(at: AppTest) -> str:
    return at.main.title[0].value if at.main.title else ""


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(PAGES[page]).run()
    assert_clean(at, errors_ok=page == "start")
    assert page_title(at) == TITLES[page]
    return at


def open_sample(at: AppTest, name: str) -> AppTest:
    """Click the sample's button on Start: the app loads it and opens Assessment."""
    if page_title(at) != TITLES["start"]:
        goto(at, "start")
    at.button(key=f"sample_{name}").click().run()
    assert_clean(at)
    assert page_title(at) == TITLES["assessment"]
    return at


def profile(at: AppTest) -> dict[str, Any]:
    """A deep copy of the canonical profile dict."""
    return copy.deepcopy(at.session_state["profile"])


def rev(at: AppTest) -> int:
    return at.session_state["profile_rev"]


def put_profile(at: AppTest, raw: dict[str, Any]) -> None:
    """Swap in a whole profile the way `ui.state.replace` does (takes effect on the next run)."""
    at.session_state["profile"] = copy.deepcopy(raw)
    at.session_state["profile_rev"] = rev(at) + 1
    at.session_state["data_rev"] = at.session_state["data_rev"] + 1
    at.session_state["excluded"] = []
    at.session_state["profile_source"] = "test"


def sample_raw(name: str) -> dict[str, Any]:
    return load_sample(name)


# --- what the engine says -----------------------------------------------------------------


def engine(raw: dict[str, Any], excluded: Collection[str] = ()) -> Assessment:
    """lorkit's own assessment of a raw profile, as of today like the app."""
    return assess(profile_from_dict(copy.deepcopy(raw)), date.today(), excluded=set(excluded))


def expected_results(a: Assessment) -> list[tuple[str, str]]:
    return [(f"{t.readiness}/100", t.verdict.label) for t in a.tracks]


def shown_results(at: AppTest) -> list[tuple[str, str]]:
    """(readiness, verdict) per track as the Assessment page shows them."""
    metrics = [m.value for m in at.main.metric if m.label == "Readiness"]
    verdicts = [label for _, label in badges(at.main)]
    assert len(metrics) == len(verdicts), (metrics, verdicts)
    return list(zip(metrics, verdicts, strict=True))


# --- reading what is on screen -------------------------------------------------------------

_BADGE = re.compile(r":(\w+)-badge\[(?::material/\w+: )?([^\]]*)\]")


def badges(block: Any) -> list[tuple[str, str]]:
    """(colour, label) of every `st.badge` in the block, in order."""
    found = []
    for md in block.markdown:
        found += _BADGE.findall(md.value)
    return found


def unescape(text: str) -> str:
    """Undo Markdown backslash escapes, to compare messages with plain text."""
    return re.sub(r"\\(.)", r"\1", text)


def walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


_MARKDOWN_VALUES = {
    "markdown",
    "caption",
    "error",
    "warning",
    "info",
    "success",
    "title",
    "header",
    "subheader",
    "toast",
}


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the browser renders as Markdown: text elements, alerts, headings,
    labels and help of widgets, links, metrics and containers (main area and sidebar)."""
    out: list[str] = []
    for root in (at.main, at.sidebar):
        for node in walk(root):
            kind = getattr(node, "type", "")
            if kind in _MARKDOWN_VALUES:
                out.append(node.value)
            if kind == "page_link":
                out.append(node.proto.label)
            for attr in ("label", "help"):
                value = getattr(node, attr, None)
                if isinstance(value, str) and value:
                    out.append(value)
            proto = getattr(node, "proto", None)
            if kind == "popover" and proto is not None:
                out.append(proto.popover.label)
    return out


def alerts(block: Any, kind: str) -> list[str]:
    return [a.value for a in getattr(block, kind)]


# --- charts --------------------------------------------------------------------------------


def charts(block: Any) -> list[dict[str, Any]]:
    """Each Vega-Lite chart as its spec, plus `rows`: one list of data rows per layer."""
    out = []
    for el in block.get("vega_lite_chart") + block.get("arrow_vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        layers = spec.get("layer", [spec])
        rows = []
        for layer in layers:
            values = (layer.get("data") or {}).get("values")
            if values is None and el.proto.HasField("data") and el.proto.data.data:
                # top-level inline data travels as Arrow, outside the spec
                frame = dataframe_util.convert_arrow_bytes_to_pandas_df(el.proto.data.data)
                values = frame.to_dict("records")
            rows.append(values or [])
        out.append({"spec": spec, "rows": rows})
    return out


def chart_kind(chart: dict[str, Any]) -> str:
    """Which lorkit chart this is, told by the fields of its main data."""
    fields = set().union(*(set(r[0]) for r in chart["rows"] if r))
    for kind, needed in (
        ("scenarios", {"column", "track", "readiness"}),  # before readiness: it has both
        ("readiness", {"track", "readiness"}),
        ("coverage", {"department", "location", "letters"}),
        ("tiers", {"tier", "letters"}),
        ("slots", {"slot", "letters"}),
        ("recency", {"writer", "age"}),
    ):
        if needed <= fields:
            return kind
    return "unknown"


def chart_rows(chart: dict[str, Any], *fields: str) -> list[dict[str, Any]]:
    """The rows of the first layer that has all `fields`."""
    for rows in chart["rows"]:
        if rows and set(fields) <= set(rows[0]):
            return rows
    raise AssertionError(f"no layer with {fields}")


# --- downloads -----------------------------------------------------------------------------


def download_file(button: Any) -> Any:
    """What the browser would receive from a download button drawn in the last run
    (`.content`, `.filename`, `.mimetype`)."""
    file_id = button.proto.url.rsplit("/", 1)[-1]
    for store in reversed(_MediaSpy.stores):
        try:
            return store.get_file(file_id)
        except Exception:  # not in this run's store
            continue
    raise AssertionError(f"no media file behind {button.proto.url!r}")


# --- the entry forms -----------------------------------------------------------------------

FORM_SECTIONS = {"rotations": ("experiences", "experience"), "writers": ("writers", "writer")}
ADD_BUTTONS = {"rotations": "add_rotation", "writers": "add_writer"}
_FORM_KINDS = ("text_input", "text_area", "radio", "selectbox", "date_input", "checkbox")


def follow(at: AppTest, page: str) -> AppTest:
    """After the app switched page itself: make AppTest's next runs draw that page too."""
    at.switch_page(PAGES[page]).run()
    assert_clean(at)
    assert page_title(at) == TITLES[page]
    return at


def form_widgets(at: AppTest, section: str) -> dict[str, Any]:
    """The open form's widget for each question, by field name."""
    found: dict[str, Any] = {}
    for name, info in fields.SECTIONS[section].items():
        for kind in _FORM_KINDS:
            for w in at.get(kind):
                key = getattr(w, "key", None) or ""
                if (
                    key.startswith(f"form_{section}_")
                    and key.endswith("_" + name)
                    and w.label == info.question
                ):
                    found[name] = w
    return found


def form_open(at: AppTest, section: str) -> bool:
    return bool(form_widgets(at, section))


def _form_widget(at: AppTest, section: str, name: str) -> Any:
    widget = form_widgets(at, section).get(name)
    if widget is None:
        raise AssertionError(f"no form field {name!r} for {section} on this page")
    return widget


def form_answers(at: AppTest, section: str) -> dict[str, Any]:
    """What the open form shows, in the stored shape: dates as ISO text, empty text as None."""
    out: dict[str, Any] = {}
    for name, widget in form_widgets(at, section).items():
        value = widget.value
        if isinstance(value, date):
            value = value.isoformat()
        if widget.type in ("text_input", "text_area"):
            value = value or None
        out[name] = value
    return out


def fill_form(at: AppTest, section: str, answers: dict[str, Any]) -> AppTest:
    """Answer the open entry form's questions (values as stored: codes, ISO dates)."""
    for name, value in answers.items():
        widget = _form_widget(at, section, name)
        if widget.type == "date_input" and isinstance(value, str):
            value = date.fromisoformat(value)
        if widget.type in ("text_input", "text_area") and value is None:
            value = ""
        widget.set_value(value)
    return at


def _form_button(at: AppTest, label: str) -> Any:
    buttons = [b for b in at.get("button") if b.label == label]
    assert len(buttons) == 1, f"{len(buttons)} buttons labelled {label!r}"
    return buttons[0]


def save_form(at: AppTest, section: str) -> AppTest:
    """Click the open form's Save button (the run may show why it was not saved)."""
    _form_button(at, f"Save {FORM_SECTIONS[section][1]}").click().run()
    return at


def cancel_form(at: AppTest) -> AppTest:
    _form_button(at, "Cancel").click().run()
    assert_clean(at)
    return at


def open_new_form(at: AppTest, section: str) -> AppTest:
    """Go to the section's page and click 'Add …'."""
    page, _ = FORM_SECTIONS[section]
    if page_title(at) != TITLES[page]:
        goto(at, page)
    at.button(key=ADD_BUTTONS[section]).click().run()
    assert_clean(at)
    assert form_open(at, section)
    return at


def add_row(at: AppTest, section: str, answers: dict[str, Any]) -> AppTest:
    """Open the page, click 'Add …', answer the form and save it."""
    open_new_form(at, section)
    fill_form(at, section, answers)
    save_form(at, section)
    assert_clean(at)
    assert not form_open(at, section), "the form is still open: the row was not saved"
    return at


def choose(at: AppTest, section: str, index: int) -> AppTest:
    """Pick row `index` (0-based) in the page's 'Change …' drop-down."""
    page, _ = FORM_SECTIONS[section]
    if page_title(at) != TITLES[page]:
        goto(at, page)
    [chooser] = [s for s in at.selectbox if (s.key or "").startswith(f"choose_{section}_")]
    chooser.set_value(index).run()
    assert_clean(at)
    return at


def open_edit_form(at: AppTest, section: str, index: int) -> AppTest:
    """Choose row `index` (0-based) and click Edit."""
    choose(at, section, index)
    row_id = profile(at)[section][index]["id"]
    at.button(key=f"edit_{section}_{row_id}").click().run()
    assert_clean(at)
    assert form_open(at, section)
    return at


def edit_row(at: AppTest, section: str, index: int, answers: dict[str, Any]) -> AppTest:
    """Choose row `index` (0-based) in the page's chooser, click Edit, change and save."""
    open_edit_form(at, section, index)
    fill_form(at, section, answers)
    save_form(at, section)
    assert_clean(at)
    assert not form_open(at, section), "the form is still open: the row was not saved"
    return at


def delete_row(at: AppTest, section: str, index: int) -> AppTest:
    """Choose row `index` (0-based) and confirm 'Yes, delete …' in the Delete popover."""
    choose(at, section, index)
    row_id = profile(at)[section][index]["id"]
    at.button(key=f"delete_{section}_{row_id}").click().run()
    assert_clean(at)
    return at


def overview(at: AppTest) -> Any:
    """The page's overview table (a pandas DataFrame with a "#" column), or None."""
    frames = [d.value for d in at.main.dataframe if "#" in d.value.columns]
    assert len(frames) <= 1, "more than one overview table"
    return frames[0] if frames else None

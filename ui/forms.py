"""Guided entry: one experience or one writer at a time, one plain question per field.

The questions and hints come from `lorkit.fields`; the checks are the workspace's own, so a
form never accepts a row that the tables or an import would flag. The fields that change
the score most have no pre-selected answer: the user chooses each one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

import streamlit as st

from lorkit import fields, rules
from lorkit.enums import SponsoredVisa
from lorkit.fields import FieldInfo
from lorkit.models import EARLIEST, LATEST, Program
from lorkit.workspace import blank_row, complete_row, next_ids, referenced_ids, row_problems
from ui import presenter, state

ID_PREFIX = {"rotations": "r", "writers": "w", "programs": "p"}
UNKNOWN = "Unknown (the program does not say)"
# The models whose whole-number fields ("count") a form asks; their ranges come from them.
_COUNT_MODELS = {"programs": Program}
# Short lists read best as a row of radio buttons; longer ones as a drop-down.
RADIO_LIMIT = 4
NOT_LINKED = "(not linked to an experience)"
REQUIRED = "this field is required"  # lorkit.profile_io's words for an empty required field


def _key(section: str, nonce: int, name: str) -> str:
    return f"form_{section}_{nonce}_{name}"


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _choice(info: FieldInfo, value: Any, key: str) -> Any:
    assert info.choices is not None
    labels = info.choices.labels()
    options = list(labels)
    index = options.index(value) if value in options else None
    if len(options) <= RADIO_LIMIT:
        return st.radio(
            info.question, options, index=index, format_func=labels.__getitem__, key=key
        )
    return st.selectbox(
        info.question,
        options,
        index=index,
        format_func=labels.__getitem__,
        placeholder="Choose an answer",
        key=key,
    )


def _link(info: FieldInfo, value: Any, key: str, links: Mapping[str, str]) -> Any:
    options: list[str | None] = [None, *links]
    index = options.index(value) if value is not None and value in options else None
    return st.selectbox(
        info.question,
        options,
        index=index,
        format_func=lambda r: NOT_LINKED if r is None else links.get(r, r),
        placeholder="Choose the experience",
        key=key,
    )


@cache
def count_range(section: str, name: str) -> tuple[int, int, bool]:
    """(lowest, highest, may be unknown) for a whole-number field, read from its model."""
    spec = _COUNT_MODELS[section].model_json_schema()["properties"][name]
    kinds = spec.get("anyOf", [spec])
    number = next(k for k in kinds if k.get("type") == "integer")
    return number["minimum"], number["maximum"], any(k.get("type") == "null" for k in kinds)


def _count(info: FieldInfo, value: Any, key: str, section: str) -> Any:
    lo, hi, may_be_unknown = count_range(section, info.name)
    # "Unknown" is an answer of its own, listed first: most program pages say nothing.
    options: list[int | None] = [*([None] if may_be_unknown else []), *range(lo, hi + 1)]
    return st.selectbox(
        info.question,
        options,
        index=options.index(value) if value in options else None,
        format_func=lambda n: UNKNOWN if n is None else str(n),
        placeholder="Choose a number",
        key=key,
    )


def visa_answers() -> dict[str, list[str] | None]:
    """The answers to "which visas does it sponsor?", each with what is stored for it."""
    codes = [v.value for v in SponsoredVisa]
    answers: dict[str, list[str] | None] = {UNKNOWN: None}
    answers.update({f"{SponsoredVisa(c).label} only": [c] for c in codes})
    if len(codes) > 1:
        answers[" and ".join(SponsoredVisa(c).label for c in codes)] = codes
    answers["None: it sponsors no visa"] = []
    return answers


def _visas(info: FieldInfo, value: Any, key: str) -> list[str] | None:
    answers = visa_answers()
    options = list(answers)
    stored = sorted(map(str, value)) if isinstance(value, list) else value
    index = next(
        (i for i, a in enumerate(answers.values()) if (sorted(a) if a else a) == stored), None
    )
    chosen = st.selectbox(
        info.question, options, index=index, placeholder="Choose an answer", key=key
    )
    return None if chosen is None else answers[chosen]


def _track(info: FieldInfo, value: Any, key: str) -> Any:
    labels = {t.id: t.label for t in rules.tracks().values()}
    options = list(labels)
    return st.radio(
        info.question,
        options,
        index=options.index(value) if value in options else None,
        format_func=labels.__getitem__,
        key=key,
    )


def _widget(
    info: FieldInfo, value: Any, key: str, links: Mapping[str, str], section: str = ""
) -> Any:
    if info.kind == "choice":
        answer = _choice(info, value, key)
    elif info.kind == "link":
        answer = _link(info, value, key, links)
    elif info.kind == "count":
        answer = _count(info, value, key, section)
    elif info.kind == "visas":
        answer = _visas(info, value, key)
    elif info.kind == "track":
        answer = _track(info, value, key)
    elif info.kind == "date":
        # A date field can be emptied only if it was created empty; the stored date goes
        # in through the widget's state instead.
        state.seed_widget(key, _as_date(value))
        answer = st.date_input(
            info.question,
            value=None,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            key=key,
        )
    elif info.kind == "flag":
        answer = st.checkbox(info.question, value=bool(value), key=key)
    elif info.kind == "long-text":
        answer = st.text_area(info.question, value=value or "", max_chars=1000, height=80, key=key)
    else:
        # A web address may be long (the model allows 500 characters); other text is short.
        limit = 500 if info.kind == "url" else 200
        answer = st.text_input(info.question, value=value or "", max_chars=limit, key=key)
    st.caption(info.hint)
    return answer


def _stored(info: FieldInfo, answer: Any) -> Any:
    if isinstance(answer, date):
        return answer.isoformat()
    if isinstance(answer, str) and info.kind not in ("choice", "link", "track"):
        return answer.strip() or None
    return answer


def _problems_text(problems: Sequence[Any], catalogue: Mapping[str, FieldInfo]) -> str:
    """One line per problem, in the order of the questions, named by the question."""
    order = list(catalogue)
    lines = []
    for p in sorted(problems, key=lambda p: order.index(p.key) if p.key in order else -1):
        info = catalogue.get(p.key)
        where = info.question if info is not None else p.column
        message = "please answer this question" if p.message == REQUIRED else p.message
        lines.append(f"{where} — {message}" if where else message)
    return "\n".join(lines)


class _Asker:
    """Draws questions for one form and collects the answers."""

    def __init__(
        self, section: str, nonce: int, start: Mapping[str, Any], links: Mapping[str, str]
    ) -> None:
        self.section, self.nonce, self.start, self.links = section, nonce, start, links
        self.answers: dict[str, Any] = {}

    def one(self, info: FieldInfo) -> None:
        key = _key(self.section, self.nonce, info.name)
        value = self.start.get(info.name)
        self.answers[info.name] = _widget(info, value, key, self.links, self.section)

    def in_pairs(self, infos: Sequence[FieldInfo]) -> None:
        # Row by row, so that on a phone (one column) the questions keep their order.
        for i in range(0, len(infos), 2):
            for col, info in zip(st.columns(2, gap="large"), infos[i : i + 2], strict=False):
                with col:
                    self.one(info)


def row_form(section: str, links: Mapping[str, str] | None = None) -> None:
    """Draw the open form for `section`, if any, and store the row when it is saved."""
    editing = state.editing(section)
    if editing is None:
        return None
    catalogue = fields.SECTIONS[section]
    item = fields.SECTION_ITEM[section]
    existing = state.row(section, editing.row_id) if editing.row_id else None
    if editing.row_id and existing is None:  # deleted meanwhile (another tab, a restore)
        state.close_form(section)
        return
    start = complete_row(section, existing or {**blank_row(section), **editing.preset})

    with st.container(border=True):
        article = "an" if item[0] in "aeiou" else "a"
        st.subheader(f"Edit this {item}" if existing else f"Add {article} {item}", anchor=False)
        with st.form(f"form_{section}_{editing.nonce}", border=False):
            shown = [f for f in catalogue.values() if f.kind != "id"]
            ask = _Asker(section, editing.nonce, start, links or {})
            ask.in_pairs([f for f in shown if f.kind not in ("flag", "long-text")])
            flags = [f for f in shown if f.kind == "flag"]
            if flags:
                st.markdown("**Tick what is true**")
                ask.in_pairs(flags)
            long_texts = [f for f in shown if f.kind == "long-text"]
            if long_texts and state.presenting():
                # left as they are: a field not asked keeps its stored value on Save
                presenter.hidden(", ".join(f.label for f in long_texts))
            else:
                for info in long_texts:
                    ask.one(info)
            if editing.problems:  # beside the button that was pressed
                st.error("Not saved yet. Please answer or correct:", icon=":material/error:")
                st.text(_problems_text(editing.problems, catalogue))
            save_col, again_col, cancel_col = st.columns(3)
            saved = save_col.form_submit_button(
                f"Save {item}", type="primary", icon=":material/check:", width="stretch"
            )
            # Typing several rows in a row is the common case for a new profile.
            again = not existing and again_col.form_submit_button(
                "Save and add another", icon=":material/add:", width="stretch"
            )
            cancelled = cancel_col.form_submit_button("Cancel", width="stretch")

    if cancelled:
        state.close_form(section)
        st.rerun()
    if not (saved or again):
        return
    row = dict(start)
    row.update({name: _stored(catalogue[name], a) for name, a in ask.answers.items()})
    if not row.get("id"):
        taken = referenced_ids(state.raw()) | {str(r.get("id")) for r in state.rows(section)}
        row["id"] = next_ids(ID_PREFIX[section], taken, 1)[0]
    problems = row_problems(state.raw(), section, row)
    if problems:
        state.form_failed(section, problems)
    else:
        state.close_form(section)
        if again:
            state.open_form(section, **editing.preset)
        state.save_row(section, row)  # last, so that its "Saved" message shows
    st.rerun()

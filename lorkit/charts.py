"""Altair charts of an assessment. The only lorkit module that imports altair.

Each chart has a `*_data` function that turns an assessment into plain, hashable rows and
a `*_chart` builder that turns rows into a chart, so the app can cache a finished spec
for unchanged data and tests can check a spec through `to_dict()`.

Colours come from the Okabe-Ito palette, which stays distinguishable with the common forms
of colour blindness; every colour is also named in a legend or label.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal, SupportsFloat

import altair as alt

from lorkit import rules, wording
from lorkit.actions import Action, ActionKind
from lorkit.assessment import Assessment
from lorkit.enums import Status, Verdict
from lorkit.letters import SLOTS, TIER_SHORT_LABELS

BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
GREY = "#8C8C8C"
LIGHT_GREY = "#BBBBBB"  # much lighter than BLUE, so the two differ in greyscale too
INK = "#222222"

SLOT_SHORT = {
    "im": "IM",
    "peds": "Pediatrics",
    "med-peds": "Combined",
    "core-clinical": "Core clinical",
    "supplementary": "Supplementary",
}

FONT = 14
DEPARTMENTS = ("Pediatrics", "Internal medicine", "Other")
LOCATIONS = ("US", "Outside the US")
IN_SET = "Recommended"
NOT_IN_SET = "Not recommended"
VERDICT_COLOURS = {
    Verdict.NOT_READY: VERMILLION,
    Verdict.AT_RISK: ORANGE,
    Verdict.NEARLY_READY: SKY,
    Verdict.READY: GREEN,
}

Rows = tuple[tuple[object, ...], ...]


def _float(value: object) -> float:
    """A number from a row (rows hold plain values typed as `object`)."""
    if not isinstance(value, SupportsFloat | str):
        raise TypeError(f"not a number: {value!r}")
    return float(value)


def _finish(chart: alt.TopLevelMixin, height: int) -> alt.TopLevelMixin:
    # fit-x: stretch to the column's width but keep the height asked for (Streamlit's
    # default "fit" squeezes the plot so that axes and legend fit in that height).
    return (
        chart.properties(
            height=height,
            width="container",
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        .configure_axis(labelFontSize=FONT - 1, titleFontSize=FONT, labelLimit=320)
        .configure_legend(
            labelFontSize=FONT - 1, titleFontSize=FONT, orient="bottom", labelLimit=320
        )
        .configure_view(strokeWidth=0)
    )


def _selection_colour(title: str = "Letter") -> alt.Color:
    return alt.Color(
        field="group",
        type="nominal",
        title=title,
        scale=alt.Scale(domain=[IN_SET, NOT_IN_SET], range=[BLUE, LIGHT_GREY]),
    )


# --- coverage -----------------------------------------------------------------------------

_TARGET_DEPARTMENT = {
    "pediatric": "Pediatrics",
    "peds_core": "Pediatrics",
    "im": "Internal medicine",
    "im_core": "Internal medicine",
}


def coverage_data(a: Assessment, track_id: str) -> tuple[Rows, Rows]:
    """(department, location, count) for the recommended set, and (department, target)."""
    counts = {(d, loc): 0 for d in DEPARTMENTS for loc in LOCATIONS}
    for x in a.track(track_id).selected:
        loc = "US" if x.us else "Outside the US"
        departments = [
            d for d, ok in (("Pediatrics", x.pediatric), ("Internal medicine", x.im)) if ok
        ] or ["Other"]
        for d in departments:
            counts[(d, loc)] += 1
    rows = tuple((d, loc, n) for (d, loc), n in counts.items())
    targets: dict[str, int] = {}
    for req in rules.track(track_id).requirements:
        dept = _TARGET_DEPARTMENT.get(req.feature)
        if dept and req.min:
            targets[dept] = max(targets.get(dept, 0), req.min)
    return rows, tuple(sorted(targets.items()))


def coverage_chart(rows: Rows, targets: Rows) -> alt.TopLevelMixin:
    bars = (
        alt.Chart(
            alt.Data(
                values=[{"department": d, "location": loc, "letters": n} for d, loc, n in rows]
            )
        )
        .mark_bar(size=46)
        .encode(
            x=alt.X(
                field="department",
                type="nominal",
                title=None,
                sort=list(DEPARTMENTS),
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y(
                field="letters",
                type="quantitative",
                title="Letters in the set",
                stack="zero",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=alt.Color(
                field="location",
                type="nominal",
                title="Writer based",
                scale=alt.Scale(domain=list(LOCATIONS), range=[BLUE, ORANGE]),
            ),
            order=alt.Order(field="location", sort="descending"),
            tooltip=[
                alt.Tooltip(field="department", type="nominal", title="Department"),
                alt.Tooltip(field="location", type="nominal", title="Writer based"),
                alt.Tooltip(field="letters", type="quantitative", title="Letters"),
            ],
        )
    )
    target_values = [{"department": d, "target": n, "label": f"≥ {n}"} for d, n in targets]
    target_data = alt.Data(values=target_values)
    ticks = (
        alt.Chart(target_data)
        .mark_tick(color=INK, thickness=3, size=70)
        .encode(
            x=alt.X(field="department", type="nominal", sort=list(DEPARTMENTS)),
            y=alt.Y(field="target", type="quantitative"),
            tooltip=[alt.Tooltip(field="label", type="nominal", title="Minimum")],
        )
    )
    labels = (
        alt.Chart(target_data)
        .mark_text(align="left", dx=30, fontSize=FONT - 1, color=INK, fontWeight="bold")
        .encode(
            x=alt.X(field="department", type="nominal", sort=list(DEPARTMENTS)),
            y=alt.Y(field="target", type="quantitative"),
            text=alt.Text(field="label", type="nominal"),
        )
    )
    return _finish(alt.layer(bars, ticks, labels), 300)


# --- recency ------------------------------------------------------------------------------


def recency_data(a: Assessment) -> Rows:
    """(writer, age in years, band label, group) for every letter still in consideration;
    "Recommended" means in the set of any chosen track."""
    chosen = {x.id for t in a.tracks for x in t.selected}
    rows = []
    for x in a.considered:
        if not x.viable:
            continue
        rows.append(
            (
                x.writer.name,
                round(x.age_years, 2),
                x.age_band.label,
                IN_SET if x.id in chosen else NOT_IN_SET,
            )
        )
    return tuple(sorted(rows, key=lambda r: (r[1], r[0])))


def recency_chart(rows: Rows) -> alt.TopLevelMixin:
    bands = rules.scoring().age_bands.bands
    longest = max((_float(r[1]) for r in rows), default=0.0)
    # show a year of the open-ended last band, or more if a letter is older
    last_edge = bands[-2].max_years if len(bands) > 1 and bands[-2].max_years else 0.0
    top = max(last_edge + 1.0, longest + 0.5)
    band_values = []
    lower = 0.0
    shades = [GREEN, SKY, ORANGE, VERMILLION]
    for i, b in enumerate(bands):
        upper = b.max_years if b.max_years is not None else top
        band_values.append(
            {"from": lower, "to": upper, "band": b.label, "shade": shades[min(i, len(shades) - 1)]}
        )
        lower = upper
    band_data = alt.Data(values=band_values)
    background = (
        alt.Chart(band_data)
        .mark_rect(opacity=0.16)
        .encode(
            x=alt.X(field="from", type="quantitative"),
            x2=alt.X2(field="to"),
            color=alt.Color(field="shade", type="nominal", scale=None, legend=None),
        )
    )
    band_labels = (
        alt.Chart(band_data)
        .mark_text(baseline="top", dy=4, fontSize=FONT - 1, color=INK)
        .encode(
            x=alt.X(field="mid", type="quantitative"),
            text=alt.Text(field="band", type="nominal"),
        )
        .transform_calculate(mid="(datum.from + datum.to) / 2")
        .properties()
    )
    points = (
        alt.Chart(
            alt.Data(
                values=[
                    {"writer": w, "age": age, "band": band, "group": g} for w, age, band, g in rows
                ]
            )
        )
        .mark_point(size=160, filled=True, opacity=1)
        .encode(
            x=alt.X(
                field="age",
                type="quantitative",
                title="Letter age at submission (years)",
                scale=alt.Scale(domain=[0, top], nice=False),
            ),
            y=alt.Y(field="writer", type="nominal", title=None, sort=None),
            color=_selection_colour("Letter"),
            # same field and title as the colour, so Vega draws one legend with both
            shape=alt.Shape(
                field="group",
                type="nominal",
                title="Letter",
                scale=alt.Scale(domain=[IN_SET, NOT_IN_SET], range=["circle", "diamond"]),
            ),
            tooltip=[
                alt.Tooltip(field="writer", type="nominal", title="Writer"),
                alt.Tooltip(field="age", type="quantitative", title="Years", format=".1f"),
                alt.Tooltip(field="band", type="nominal", title="Band"),
            ],
        )
    )
    height = max(160, 34 * len(rows) + 50)
    return _finish(alt.layer(background, band_labels, points), height)


# --- tiers and slots ----------------------------------------------------------------------


def tier_data(a: Assessment, track_id: str) -> Rows:
    """(tier, tier label, group, letters, writers) for a track scored by tiers."""
    chosen = {x.id for x in a.track(track_id).selected}
    out = []
    for tier, label in TIER_SHORT_LABELS.items():
        for group in (IN_SET, NOT_IN_SET):
            names = [
                x.writer.name
                for x in a.considered
                if x.viable and x.tier == tier and (x.id in chosen) == (group == IN_SET)
            ]
            out.append((tier, f"{tier} · {label}", group, len(names), ", ".join(names)))
    return tuple(out)


def tier_chart(rows: Rows) -> alt.TopLevelMixin:
    order = [str(r[1]) for r in rows if r[2] == IN_SET]
    bars = (
        alt.Chart(
            alt.Data(
                values=[
                    {"tier": t, "label": lab, "group": g, "letters": n, "writers": names}
                    for t, lab, g, n, names in rows
                ]
            )
        )
        .mark_bar(height=20)
        .encode(
            y=alt.Y(
                field="label",
                type="nominal",
                title=None,
                sort=order,
                axis=alt.Axis(labelLimit=260, labelOverlap=False),
            ),
            x=alt.X(
                field="letters",
                type="quantitative",
                title="Letters",
                axis=alt.Axis(tickMinStep=1, format="d"),
                stack="zero",
            ),
            color=_selection_colour(),
            tooltip=[
                alt.Tooltip(field="label", type="nominal", title="Tier"),
                alt.Tooltip(field="writers", type="nominal", title="Writers"),
            ],
        )
    )
    return _finish(bars, 7 * 34)


def slot_data(a: Assessment, track_id: str) -> tuple[Rows, Rows]:
    """(slot label, group, letters, writers) for a track scored by slots, and its targets."""
    chosen = {x.id for x in a.track(track_id).selected}
    rows = []
    for slot in SLOTS:
        for group in (IN_SET, NOT_IN_SET):
            names = [
                x.writer.name
                for x in a.considered
                if x.viable and x.slot == slot and (x.id in chosen) == (group == IN_SET)
            ]
            rows.append((SLOT_SHORT[slot], group, len(names), ", ".join(names)))
    targets = {}
    for req in rules.track(track_id).requirements:
        target = {"im_core": "im", "peds_core": "peds", "combined": "med-peds"}.get(req.feature)
        if target and req.min:
            targets[SLOT_SHORT[target]] = req.min
    return tuple(rows), tuple(targets.items())


def slot_chart(rows: Rows, targets: Rows) -> alt.TopLevelMixin:
    order = [SLOT_SHORT[s] for s in SLOTS]
    bars = (
        alt.Chart(
            alt.Data(
                values=[
                    {"slot": s, "group": g, "letters": n, "writers": names}
                    for s, g, n, names in rows
                ]
            )
        )
        .mark_bar(size=46)
        .encode(
            x=alt.X(
                field="slot",
                type="nominal",
                title=None,
                sort=order,
                axis=alt.Axis(labelAngle=0, labelLimit=200),
            ),
            y=alt.Y(
                field="letters",
                type="quantitative",
                title="Letters",
                stack="zero",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=_selection_colour(),
            tooltip=[
                alt.Tooltip(field="slot", type="nominal", title="Slot"),
                alt.Tooltip(field="writers", type="nominal", title="Writers"),
            ],
        )
    )
    target_data = alt.Data(values=[{"slot": s, "target": n, "label": f"≥ {n}"} for s, n in targets])
    ticks = (
        alt.Chart(target_data)
        .mark_tick(color=INK, thickness=3, size=70)
        .encode(
            x=alt.X(field="slot", type="nominal", sort=order),
            y=alt.Y(field="target", type="quantitative"),
        )
    )
    labels = (
        alt.Chart(target_data)
        .mark_text(align="left", dx=30, fontSize=FONT - 1, color=INK, fontWeight="bold")
        .encode(
            x=alt.X(field="slot", type="nominal", sort=order),
            y=alt.Y(field="target", type="quantitative"),
            text=alt.Text(field="label", type="nominal"),
        )
    )
    return _finish(alt.layer(bars, ticks, labels), 300)


# --- readiness ----------------------------------------------------------------------------


def verdict_bands(at_risk: float, nearly_ready: float, ready: float) -> Rows:
    """(from, to, verdict label, colour) of each readiness band, lowest first."""
    edges = (0.0, float(at_risk), float(nearly_ready), float(ready), 100.0)
    verdicts = (Verdict.NOT_READY, Verdict.AT_RISK, Verdict.NEARLY_READY, Verdict.READY)
    return tuple(
        (edges[i], edges[i + 1], v.label, VERDICT_COLOURS[v]) for i, v in enumerate(verdicts)
    )


def readiness_data(a: Assessment) -> Rows:
    """(track label, readiness, verdict label, at-risk, nearly-ready, ready edges) per chosen
    track; the edges are the track's verdict bands in the rule data."""
    return tuple(
        (
            t.rules.label,
            t.readiness,
            t.verdict.label,
            t.rules.verdict.at_risk,
            t.rules.verdict.nearly_ready,
            t.rules.verdict.ready,
        )
        for t in a.tracks
    )


def readiness_chart(rows: Rows) -> alt.TopLevelMixin:
    tracks = [str(r[0]) for r in rows]
    edges = [tuple(_float(e) for e in r[3:6]) for r in rows]
    shared = len(set(edges)) <= 1  # one set of bands behind every track, labelled at the top
    pairs = list(zip(tracks, edges, strict=True))
    band_rows = [
        {"from": lo, "to": hi, "band": label, "shade": colour, **({} if shared else {"track": t})}
        for t, track_edges in (pairs[:1] if shared else pairs)
        for lo, hi, label, colour in verdict_bands(*track_edges)
    ]
    band_data = alt.Data(values=band_rows)
    background = (
        alt.Chart(band_data)
        .mark_rect(opacity=0.22)
        .encode(
            x=alt.X(
                field="from",
                type="quantitative",
                title="Readiness (0–100)",
                scale=alt.Scale(domain=[0, 100], nice=False),
            ),
            x2=alt.X2(field="to"),
            color=alt.Color(field="shade", type="nominal", scale=None, legend=None),
        )
    )
    if not shared:  # each track's own bands behind its bar
        background = background.encode(
            y=alt.Y(field="track", type="nominal", title=None, sort=tracks)
        )
    # Every band is named in words, so that its shade need not be told apart in greyscale:
    # above the plot when the tracks share their bands, else under each track's bar.
    band_labels = (
        alt.Chart(band_data)
        .mark_text(
            baseline="bottom" if shared else "top",
            dy=-4 if shared else 15,
            fontSize=FONT - 1,
            color=INK,
        )
        .encode(
            x=alt.X(field="mid", type="quantitative"),
            y=alt.value(0)
            if shared
            else alt.Y(field="track", type="nominal", title=None, sort=tracks),
            text=alt.Text(field="band", type="nominal"),
        )
        .transform_calculate(mid="(datum.from + datum.to) / 2")
    )
    track_data = alt.Data(
        values=[{"track": r[0], "readiness": r[1], "verdict": r[2]} for r in rows]
    )
    bars = (
        alt.Chart(track_data)
        .mark_bar(height=26, color=BLUE)
        .encode(
            x=alt.X(field="readiness", type="quantitative"),
            y=alt.Y(field="track", type="nominal", title=None, sort=tracks),
            tooltip=[
                alt.Tooltip(field="track", type="nominal", title="Track"),
                alt.Tooltip(field="readiness", type="quantitative", title="Readiness"),
                alt.Tooltip(field="verdict", type="nominal", title="Verdict"),
            ],
        )
    )
    values = (
        alt.Chart(track_data)
        .mark_text(align="left", dx=6, fontSize=FONT + 1, fontWeight="bold", color=INK)
        .encode(
            x=alt.X(field="readiness", type="quantitative"),
            y=alt.Y(field="track", type="nominal", sort=tracks),
            text=alt.Text(field="readiness", type="quantitative"),
        )
    )
    per_track = 48 if shared else 66  # room under each bar for its own band names
    return _finish(alt.layer(background, band_labels, bars, values), 60 + per_track * len(rows))


# --- plan: timeline and pipeline -----------------------------------------------------------

# The timeline colours a writer's bar by the kind of step, in four groups whose colours all
# differ in lightness (so that any two tell apart in greyscale, printed or read without
# colour); the tooltip names the exact step. Experiences are thinner bars with colours of
# their own.
DARK_VERMILLION = "#7A2E00"
EXPERIENCE_US = "Experience in the US"
EXPERIENCE_ABROAD = "Experience outside the US"
EXPERIENCE_COLOURS = {EXPERIENCE_US: GREEN, EXPERIENCE_ABROAD: LIGHT_GREY}
STEP_COLOURS = {  # step group → colour, in legend order
    "Mention, ask or follow up": BLUE,
    "Send the packet": ORANGE,
    "Reminders": DARK_VERMILLION,
    "Assign in ERAS": YELLOW,
}
STEP_GROUPS = {  # action kind label → its step group
    ActionKind.MENTION.label: "Mention, ask or follow up",
    ActionKind.ASK_AT_END.label: "Mention, ask or follow up",
    ActionKind.ASK_NOW.label: "Mention, ask or follow up",
    ActionKind.FOLLOW_UP.label: "Mention, ask or follow up",
    ActionKind.PACKET.label: "Send the packet",
    ActionKind.REMINDER_2W.label: "Reminders",
    ActionKind.REMINDER_1W.label: "Reminders",
    ActionKind.ASSIGN.label: "Assign in ERAS",
    ActionKind.ASSIGN_LATE.label: "Assign in ERAS",
}
EXPERIENCE_ROW = "Experience: "  # the start of an experience's row name
# On a narrow screen (a phone) the row names and the legend take less room.
NARROW = "containerSize()[0] < 560"


def timeline_data(a: Assessment, actions: Sequence[Action], today: date) -> tuple[Rows, Rows]:
    """Bars (row, what, start, end, state) and rules (label, date) for the plan timeline."""
    submission = a.profile.applicant.submission_date
    dated = [x for x in actions if x.kind != ActionKind.SUBMISSION]
    first = min([a.as_of, *(x.start for x in dated)])
    window_start = first - timedelta(days=21)
    names = {w.id: w.name for w in a.profile.writers}
    bars = []
    for r in a.profile.rotations:
        if r.end < window_start or r.start > submission:
            continue
        what = "Experience in the US" if r.location == "us" else "Experience outside the US"
        bars.append(
            (
                f"{EXPERIENCE_ROW}{r.institution}",
                what,
                max(r.start, window_start).isoformat(),
                (r.end + timedelta(days=1)).isoformat(),
                "experience",
            )
        )
    for x in dated:
        bars.append(
            (
                names.get(x.writer_id or "", ""),
                x.kind.label,
                x.start.isoformat(),
                (x.end + timedelta(days=1)).isoformat(),
                x.state.value,
            )
        )
    rules_rows = (
        ("Today" if a.as_of == today else "As of", a.as_of.isoformat()),
        ("Submission", submission.isoformat()),
    )
    return tuple(bars), rules_rows


def _timeline_bars(
    values: list[dict[str, object]],
    rows_order: list[str],
    colours: dict[str, str],
    title: str,
    height: int,
    legend_at: Literal["top", "bottom"],
) -> alt.Chart:
    """One layer of timeline bars, coloured by their "step" (named in a legend `title`)."""
    present = [k for k in colours if any(v["step"] == k for v in values)]
    return (
        alt.Chart(alt.Data(values=values))
        .mark_bar(height=height, cornerRadius=3)
        .encode(
            x=alt.X(
                field="start",
                type="temporal",
                title=None,
                axis=alt.Axis(
                    format="%b %Y",
                    labelAngle=0,
                    tickCount="month",
                    labelOverlap="greedy",
                    labelSeparation=8,
                ),
            ),
            x2=alt.X2(field="end"),
            y=alt.Y(
                field="row",
                type="nominal",
                title=None,
                sort=rows_order,
                axis=alt.Axis(
                    labelLimit=alt.ExprRef(f"{NARROW} ? 120 : 260"),
                    # on a phone the thin bar already says "experience": keep the name
                    labelExpr=f"{NARROW} ? replace(datum.label, '{EXPERIENCE_ROW}', '') "
                    ": datum.label",
                ),
            ),
            color=alt.Color(
                field="step",
                type="nominal",
                title=title,
                scale=alt.Scale(domain=present, range=[colours[k] for k in present]),
                legend=alt.Legend(
                    orient=legend_at,
                    columns=alt.ExprRef(f"{NARROW} ? 1 : 4"),
                    labelLimit=alt.ExprRef(f"{NARROW} ? 260 : 220"),
                ),
            ),
            opacity=alt.condition(alt.datum.done, alt.value(0.35), alt.value(0.95)),
            tooltip=[
                alt.Tooltip(field="row", type="nominal", title="For"),
                alt.Tooltip(field="what", type="nominal", title="What"),
                alt.Tooltip(field="start", type="temporal", title="From", format="%d %b %Y"),
                alt.Tooltip(field="state", type="nominal", title="State"),
            ],
        )
    )


def timeline_chart(bars: Rows, marks: Rows) -> alt.TopLevelMixin:
    rows_order = list(dict.fromkeys(str(b[0]) for b in bars))
    values: list[dict[str, object]] = [
        {
            "row": r,
            "what": w,
            "step": STEP_GROUPS.get(str(w), str(w)),
            "start": s,
            "end": e,
            "state": st,
            "done": st == "done",
        }
        for r, w, s, e, st in bars
    ]
    steps = [v for v in values if v["state"] != "experience"]
    experiences = [v for v in values if v["state"] == "experience"]
    # two legends: one above and one below, so that on a phone neither is cut off
    step_layer = _timeline_bars(steps, rows_order, STEP_COLOURS, "Step", 16, "bottom")
    experience_layer = _timeline_bars(
        experiences, rows_order, EXPERIENCE_COLOURS, "Experience", 9, "top"
    )
    mark_data = alt.Data(values=[{"label": lab, "day": d} for lab, d in marks])
    rule_layer = (
        alt.Chart(mark_data)
        .mark_rule(strokeWidth=2, color=INK, strokeDash=[6, 4])
        .encode(
            x=alt.X(field="day", type="temporal"),
        )
    )

    def rule_label(label: str, align: Literal["left", "right"], dx: int) -> alt.Chart:
        return (
            alt.Chart(mark_data)
            .transform_filter(alt.datum.label == label)
            .mark_text(
                align=align,
                dx=dx,
                dy=-6,
                baseline="bottom",
                fontSize=FONT - 1,
                fontWeight="bold",
                color=INK,
            )
            .encode(
                x=alt.X(field="day", type="temporal"),
                y=alt.value(0),
                text=alt.Text(field="label", type="nominal"),
            )
        )

    # the submission date is the right-most mark: label it on its left so it is not clipped
    labels = [
        rule_label(
            str(lab), "right" if lab == "Submission" else "left", -4 if lab == "Submission" else 4
        )
        for lab, _ in marks
    ]
    height = max(140, 30 * len(rows_order) + 30)
    layered = alt.layer(step_layer, experience_layer, rule_layer, *labels)
    return _finish(layered.resolve_scale(color="independent"), height)


PIPELINE_COLOURS = {
    "candidate": GREY,
    "asked": SKY,
    "agreed-strong": BLUE,
    "uploaded": GREEN,
    "hesitant": ORANGE,
    "declined": VERMILLION,
}


def pipeline_data(counts: dict[Status, int]) -> Rows:
    """(status label, status code, writers) in pipeline order."""
    return tuple((s.label, s.value, n) for s, n in counts.items())


def pipeline_chart(rows: Rows) -> alt.TopLevelMixin:
    order = [str(r[0]) for r in rows]
    data = alt.Data(values=[{"status": lab, "code": code, "writers": n} for lab, code, n in rows])
    bars = (
        alt.Chart(data)
        .mark_bar(height=22)
        .encode(
            y=alt.Y(
                field="status",
                type="nominal",
                title=None,
                sort=order,
                axis=alt.Axis(labelLimit=300),
            ),
            x=alt.X(
                field="writers",
                type="quantitative",
                title="Writers",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=alt.Color(
                field="code",
                type="nominal",
                legend=None,
                scale=alt.Scale(
                    domain=list(PIPELINE_COLOURS), range=list(PIPELINE_COLOURS.values())
                ),
            ),
            tooltip=[
                alt.Tooltip(field="status", type="nominal", title="Status"),
                alt.Tooltip(field="writers", type="quantitative", title="Writers"),
            ],
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=5, fontSize=FONT, color=INK)
        .encode(
            y=alt.Y(field="status", type="nominal", sort=order),
            x=alt.X(field="writers", type="quantitative"),
            text=alt.Text(field="writers", type="quantitative"),
        )
    )
    return _finish(alt.layer(bars, labels), 34 * len(rows))


# --- programs: which letter goes to which program --------------------------------------------

ASSIGN = "Assign: the number is its place"
NOT_ASSIGNED = "Not assigned"
NOT_COUNTED = "× Not counted by this program"
MATRIX_COLOURS = {ASSIGN: BLUE, NOT_ASSIGNED: "#EDEDED", NOT_COUNTED: VERMILLION}
MATRIX_KEY = (
    "A blue cell with a number: assign that letter to the program, in that place. "
    "An orange cell with ×: the program does not count that letter. A grey cell: not assigned."
)
MATRIX_INK = {ASSIGN: "#FFFFFF", NOT_ASSIGNED: INK, NOT_COUNTED: "#FFFFFF"}
MATRIX_MAX_PROGRAMS = 60  # beyond this the chart is too tall to read; the table lists all


def program_matrix_data(a: Assessment, limit: int = MATRIX_MAX_PROGRAMS) -> Rows:
    """(program, letter, kind, text, note) for each of the first `limit` programs and each
    letter that some program gets or does not count. Programs keep the list's order (with
    their status in the label); letters go from the most assigned to the least."""
    results = a.programs[:limit]
    uses: dict[str, int] = {}
    names: dict[str, str] = {}
    for r in results:
        for x in r.selected:
            uses[x.id] = uses.get(x.id, 0) + 1
            names[x.id] = x.writer.name
        for wid in r.not_counted:
            uses.setdefault(wid, 0)
            names.setdefault(wid, a.letter(wid).writer.name)
    order = sorted(uses, key=lambda wid: -uses[wid])  # stable: first seen first on ties
    letter_labels = dict(
        zip(order, wording.numbered_repeats([names[w] for w in order]), strict=True)
    )
    program_labels = wording.numbered_repeats(
        [f"{r.status.short} · {r.program.name}" for r in results]
    )
    out = []
    for label, r in zip(program_labels, results, strict=True):
        place = {x.id: i for i, x in enumerate(r.selected, 1)}
        for wid in order:
            if wid in place:
                cell = (ASSIGN, str(place[wid]), f"Assign it as letter {place[wid]}")
            elif wid in r.not_counted:
                cell = (NOT_COUNTED, "×", f"Not counted: {r.not_counted[wid]}")
            else:
                cell = (NOT_ASSIGNED, "", "Not assigned to this program")
            out.append((label, letter_labels[wid], *cell))
    return tuple(out)


def program_matrix_chart(rows: Rows) -> alt.TopLevelMixin:
    programs = list(dict.fromkeys(str(r[0]) for r in rows))
    letters = list(dict.fromkeys(str(r[1]) for r in rows))
    data = alt.Data(
        values=[
            {"program": p, "letter": w, "kind": k, "mark": t, "note": n} for p, w, k, t, n in rows
        ]
    )
    x = alt.X(
        field="letter",
        type="nominal",
        title=None,
        sort=letters,
        # Turned clockwise and ending at their column, the names rise to the left: the last
        # one is never cut off at the right edge, and narrow columns do not collide.
        axis=alt.Axis(
            orient="top",
            labelAngle=40,
            labelAlign="right",
            labelBaseline="middle",
            labelLimit=150,
            labelOverlap=False,
        ),
    )
    y = alt.Y(
        field="program",
        type="nominal",
        title=None,
        sort=programs,
        # The status comes first in the label, so a long name is what gets shortened.
        axis=alt.Axis(labelLimit=200, labelOverlap=False),
    )
    tooltip = [
        alt.Tooltip(field="program", type="nominal", title="Program"),
        alt.Tooltip(field="letter", type="nominal", title="Letter"),
        alt.Tooltip(field="note", type="nominal", title="What to do"),
    ]
    cells = (
        alt.Chart(data)
        .mark_rect(stroke="#FFFFFF", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                field="kind",
                type="nominal",
                title=None,
                scale=alt.Scale(domain=list(MATRIX_COLOURS), range=list(MATRIX_COLOURS.values())),
                # No legend: beside the program names it would be cut off on a phone. The
                # numbers and × in the cells carry the meaning, and the caption names the
                # colours (MATRIX_KEY).
                legend=None,
            ),
            tooltip=tooltip,
        )
    )
    # The place number and the × say in text what the colour says, for greyscale prints.
    marks = (
        alt.Chart(data)
        .mark_text(fontSize=FONT, fontWeight="bold")
        .encode(
            x=alt.X(field="letter", type="nominal", sort=letters),
            y=alt.Y(field="program", type="nominal", sort=programs),
            text=alt.Text(field="mark", type="nominal"),
            color=alt.Color(
                field="kind",
                type="nominal",
                legend=None,
                scale=alt.Scale(domain=list(MATRIX_INK), range=list(MATRIX_INK.values())),
            ),
            tooltip=tooltip,
        )
    )
    return _finish(alt.layer(cells, marks).resolve_scale(color="independent"), 34 * len(programs))


# --- scenarios: readiness per track across the profile and its saved what-ifs ---------------

TRACK_SHAPES = ("circle", "square", "triangle-up", "diamond")  # one per track, in track order
TRACK_COLOURS = (BLUE, ORANGE, GREEN, PURPLE)  # blue and orange also differ in lightness


def scenario_readiness_data(columns: Sequence[tuple[str, Assessment]]) -> tuple[Rows, Rows]:
    """(column, track, readiness, verdict label) for each column (the profile as entered,
    then each scenario) and each of its tracks (by short name), and the verdict edges
    (readiness, band label) when every track shares them (else none are drawn). Column
    names are made unique, since two scenarios may share a name."""
    labels = wording.numbered_repeats([name for name, _ in columns])
    rows = tuple(
        (label, t.rules.short, t.readiness, t.verdict.label)
        for label, (_, a) in zip(labels, columns, strict=True)
        for t in a.tracks
    )
    bands = {
        (t.rules.verdict.at_risk, t.rules.verdict.nearly_ready, t.rules.verdict.ready)
        for _, a in columns
        for t in a.tracks
    }
    edges: Rows = ()
    if len(bands) == 1:
        at_risk, nearly, ready = next(iter(bands))
        edges = (
            (at_risk, Verdict.AT_RISK.label),
            (nearly, Verdict.NEARLY_READY.label),
            (ready, Verdict.READY.label),
        )
    return rows, edges


_NAME_SLOT = " name"  # the slot above a column's dots that holds its name


def scenario_readiness_chart(rows: Rows, edges: Rows) -> alt.TopLevelMixin:
    """A dot per track and column on a 0–100 line, under the column's name (written above
    its dots, so that the line keeps the full width on a phone). Shape and colour tell the
    tracks apart (named in the legend) and each dot carries its number, so the chart reads
    in greyscale; dashed lines mark where the verdict bands start."""
    columns = list(dict.fromkeys(str(r[0]) for r in rows))
    tracks = list(dict.fromkeys(str(r[1]) for r in rows))
    data = alt.Data(
        values=[
            {"column": c, "slot": t, "track": t, "readiness": n, "verdict": v}
            for c, t, n, v in rows
        ]
    )
    y = alt.Y(
        field="column",
        type="nominal",
        title=None,
        sort=columns,
        scale=alt.Scale(type="band", paddingInner=0.2, paddingOuter=0.05),
        axis=None,
    )
    offset = alt.YOffset(field="slot", type="nominal", sort=[_NAME_SLOT, *tracks])
    x = alt.X(
        field="readiness",
        type="quantitative",
        title="Readiness (0–100)",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 20, 40, 60, 80, 100], grid=False),
    )
    names = (
        alt.Chart(alt.Data(values=[{"column": c, "slot": _NAME_SLOT} for c in columns]))
        .mark_text(
            align="left",
            baseline="middle",
            fontSize=FONT,
            fontWeight="bold",
            color=INK,
            limit=alt.ExprRef(expr="width"),  # a long name ends in "…" at the edge
        )
        .encode(x=alt.value(0), y=y, yOffset=offset, text=alt.Text(field="column", type="nominal"))
    )
    sticks = (
        alt.Chart(data)
        .mark_rule(color=GREY, strokeWidth=2)
        .encode(x=alt.X(field="zero", type="quantitative"), x2=alt.X2(field="readiness"), y=y)
        .encode(yOffset=offset)
        .transform_calculate(zero="0")
    )
    legend = alt.Legend(title="Track", orient="bottom", symbolSize=160, labelLimit=200)
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=190, opacity=1, stroke=INK, strokeWidth=1)
        .encode(
            x=x,
            y=y,
            yOffset=offset,
            shape=alt.Shape(
                field="track",
                type="nominal",
                title="Track",
                sort=tracks,
                scale=alt.Scale(domain=tracks, range=list(TRACK_SHAPES[: len(tracks)])),
                legend=legend,
            ),
            # same field and legend as the shape, so Vega draws one legend with both
            color=alt.Color(
                field="track",
                type="nominal",
                title="Track",
                sort=tracks,
                scale=alt.Scale(domain=tracks, range=list(TRACK_COLOURS[: len(tracks)])),
                legend=legend,
            ),
            tooltip=[
                alt.Tooltip(field="column", type="nominal", title="Profile or scenario"),
                alt.Tooltip(field="track", type="nominal", title="Track"),
                alt.Tooltip(field="readiness", type="quantitative", title="Readiness"),
                alt.Tooltip(field="verdict", type="nominal", title="Verdict"),
            ],
        )
    )
    numbers = (
        alt.Chart(data)
        .mark_text(align="left", dx=12, fontSize=FONT, fontWeight="bold", color=INK)
        .encode(
            x=alt.X(field="readiness", type="quantitative"),
            y=y,
            yOffset=offset,
            text=alt.Text(field="readiness", type="quantitative"),
        )
    )
    lines = (
        alt.Chart(alt.Data(values=[{"at": at, "band": band} for at, band in edges]))
        .mark_rule(color=INK, strokeDash=[5, 4], strokeWidth=1.5, opacity=0.6)
        .encode(
            x=alt.X(field="at", type="quantitative"),
            tooltip=[
                alt.Tooltip(field="band", type="nominal", title="Verdict from here"),
                alt.Tooltip(field="at", type="quantitative", title="Readiness"),
            ],
        )
    )
    height = len(columns) * 26 * (len(tracks) + 1) + 10
    # room on the right for the number beside a dot at 100
    chart = alt.layer(lines, sticks, dots, numbers, names).properties(
        padding={"left": 5, "top": 5, "bottom": 5, "right": 36}
    )
    return _finish(chart, height)

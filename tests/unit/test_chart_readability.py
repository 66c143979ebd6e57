"""Charts stay readable when screen-shared or printed: text of at least 12 px, legends that
name what they show, and colours that can be told apart in greyscale.

Every chart builder in `lorkit.charts` is built from each sample and checked through its
Vega-Lite spec (`to_dict()`). Greyscale: the colours of neighbouring categories in a colour
scale must differ in lightness (CIE L*) by at least `MIN_LIGHTNESS_STEP`, unless another
channel carries the same field (a shape, a dash pattern, a text label or the axis labels).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from lorkit import charts
from lorkit.actions import build_actions, pipeline_counts
from lorkit.assessment import Assessment, assess
from lorkit.profile_io import profile_from_dict
from lorkit.samples import load_sample
from tests.conftest import SAMPLE_NAMES

MIN_FONT_PX = 12
# Vega's own sizes when a spec says nothing: all below 12, so every size must be set.
VEGA_DEFAULT_FONT = {"axis": 10, "legend": 10, "text": 11, "title": 13}
MIN_LIGHTNESS_STEP = 15.0  # CIE L* units between neighbouring categories
AS_OF = date(2026, 12, 1)
Spec = dict[str, Any]


def lightness(hex_colour: str) -> float:
    """CIE L* (0 black … 100 white) of an sRGB colour: what is left of it in greyscale."""
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def test_lightness_matches_known_values():
    assert lightness("#000000") == pytest.approx(0, abs=0.01)
    assert lightness("#FFFFFF") == pytest.approx(100, abs=0.01)
    assert lightness("#777777") == pytest.approx(50.0, abs=0.5)
    # Okabe-Ito blue and orange: far apart in greyscale
    assert lightness(charts.ORANGE) - lightness(charts.BLUE) > 20


# --- building every chart --------------------------------------------------------------------


# Programs with rules that leave gaps and one the applicant is not eligible for, so that
# every kind of cell in the program chart appears.
PROGRAMS = [
    {"id": "p-chair", "name": "Chair letter required", "track": "pediatrics",
     "letters_min": 3, "chair_letter": "required", "min_us_letters": 2},
    {"id": "p-no-obs", "name": "No observership letters", "track": "pediatrics",
     "letters_min": 3, "observership_letters": "not-accepted", "letter_max_age_months": 12},
    {"id": "p-no-visa", "name": "Sponsors no visa", "track": "pediatrics", "visa": []},
]  # fmt: skip


def _assessment(name: str, programs: bool = False) -> Assessment:
    raw = load_sample(name)
    if programs:
        raw["programs"] = PROGRAMS
    return assess(profile_from_dict(raw), AS_OF)


def built_charts(a: Assessment) -> Iterator[tuple[str, Spec]]:
    """(builder name, spec) of every chart the app would draw for this assessment."""
    yield "readiness_chart", charts.readiness_chart(charts.readiness_data(a)).to_dict()
    for t in a.tracks:
        if t.selected:
            yield (
                "coverage_chart",
                charts.coverage_chart(*charts.coverage_data(a, t.track)).to_dict(),
            )
        if t.rules.relevance_model == "tiers":
            yield "tier_chart", charts.tier_chart(charts.tier_data(a, t.track)).to_dict()
        else:
            yield "slot_chart", charts.slot_chart(*charts.slot_data(a, t.track)).to_dict()
    if charts.recency_data(a):
        yield "recency_chart", charts.recency_chart(charts.recency_data(a)).to_dict()
    timeline = charts.timeline_data(a, build_actions(a), AS_OF)
    yield "timeline_chart", charts.timeline_chart(*timeline).to_dict()
    pipeline = charts.pipeline_data(pipeline_counts(a.profile))
    yield "pipeline_chart", charts.pipeline_chart(pipeline).to_dict()
    matrix: Callable[..., Any] | None = getattr(charts, "program_matrix_chart", None)
    if matrix is not None and getattr(a, "programs", None):
        yield "program_matrix_chart", matrix(charts.program_matrix_data(a)).to_dict()
    compare: Callable[..., Any] | None = getattr(charts, "scenario_readiness_chart", None)
    if compare is not None and a.letters:
        without = assess(a.profile, AS_OF, excluded={a.letters[0].id})
        columns = [("As entered", a), ("Without the first writer", without)]
        yield (
            "scenario_readiness_chart",
            compare(*charts.scenario_readiness_data(columns)).to_dict(),
        )


def separate_bands_chart() -> Spec:
    """Readiness for two tracks whose verdict bands differ (each row keeps its own)."""
    rows = (("Track A", 55, "At risk", 40, 60, 80), ("Track B", 72, "Nearly ready", 30, 50, 90))
    return charts.readiness_chart(rows).to_dict()


ALL = [(name, chart) for s in SAMPLE_NAMES for name, chart in built_charts(_assessment(s))]
ALL += [
    (name, chart)
    for name, chart in built_charts(_assessment("home-country-heavy", programs=True))
    if name == "program_matrix_chart"
]
ALL.append(("readiness_chart", separate_bands_chart()))
IDS = [f"{i}-{name}" for i, (name, _) in enumerate(ALL)]


def test_every_chart_builder_is_checked():
    builders = {
        n for n, f in inspect.getmembers(charts, inspect.isfunction) if n.endswith("_chart")
    }
    built = {name for name, _ in ALL}
    assert builders <= built, (
        f"chart builders not checked here: {sorted(builders - built)}; add them to built_charts()"
    )


# --- walking a spec --------------------------------------------------------------------------


def layers(spec: Spec, data: Any = None) -> Iterator[Spec]:
    """Every unit spec (one mark) in a layered or single chart, with the data it draws
    (its own, or the data it inherits from the chart around it)."""
    data = spec.get("data", data)
    if "layer" in spec:
        for child in spec["layer"]:
            yield from layers(child, data)
    else:
        yield {**spec, "data": data} if data is not None else spec


def mark_type(layer: Spec) -> str:
    mark = layer.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark or "")


def font_sizes(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(where, value) of every font size set anywhere in the spec."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.lower().endswith("fontsize"):
                yield f"{path}.{key}", value
            yield from font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from font_sizes(value, f"{path}[{i}]")


LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "strokeDash", "size")


def has_legend(spec: Spec) -> bool:
    for layer in layers(spec):
        for channel, enc in (layer.get("encoding") or {}).items():
            if (
                channel in LEGEND_CHANNELS
                and enc.get("field")
                and enc.get("legend", {}) is not None
                and enc.get("scale", {}) is not None
            ):
                return True
    return False


# --- text size -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "spec"), ALL, ids=IDS)
def test_all_chart_text_is_at_least_12px(name: str, spec: Spec) -> None:
    for where, value in font_sizes(spec):
        if isinstance(value, int | float):
            assert value >= MIN_FONT_PX, f"{name}: {where} = {value}"
    config = spec.get("config", {})
    # axes and legends: the sizes must be set, since Vega's defaults are smaller
    for part in ("axis",) + (("legend",) if has_legend(spec) else ()):
        for key in ("labelFontSize", "titleFontSize"):
            size = config.get(part, {}).get(key, VEGA_DEFAULT_FONT[part])
            assert size >= MIN_FONT_PX, f"{name}: config.{part}.{key} = {size}"
    for layer in layers(spec):
        if mark_type(layer) == "text":
            mark = layer["mark"] if isinstance(layer["mark"], dict) else {}
            size = mark.get("fontSize", config.get("text", {}).get("fontSize", 11))
            assert size >= MIN_FONT_PX, f"{name}: a text mark of {size} px"


# --- legends ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "spec"), ALL, ids=IDS)
def test_every_legend_says_what_it_shows(name: str, spec: Spec) -> None:
    for layer in layers(spec):
        for channel, enc in (layer.get("encoding") or {}).items():
            if channel not in LEGEND_CHANNELS or not enc.get("field"):
                continue
            if enc.get("legend", {}) is None or enc.get("scale", {}) is None:
                continue  # no legend drawn
            title = enc.get("title")
            assert isinstance(title, str) and title.strip(), (
                f"{name}: the {channel} legend of {enc['field']!r} has no title"
            )


# --- greyscale -------------------------------------------------------------------------------


def _values(layer: Spec) -> list[dict[str, Any]]:
    return list((layer.get("data") or {}).get("values") or [])


def _text_fields(spec: Spec) -> set[tuple[str, str]]:
    """(data identity, field) of each text mark's text: words that repeat a colour."""
    out = set()
    for layer in layers(spec):
        text = (layer.get("encoding") or {}).get("text") or {}
        if mark_type(layer) == "text" and text.get("field"):
            out.add((repr(_values(layer)), text["field"]))
    return out


def _axis_names_it(layer: Spec, field: str) -> bool:
    """The colour field is one-to-one with a labelled nominal axis of the same marks."""
    rows = _values(layer)
    for channel in ("x", "y"):
        enc = (layer.get("encoding") or {}).get(channel) or {}
        if enc.get("type") != "nominal" or enc.get("axis", {}) is None or not rows:
            continue
        pairs = {(r.get(field), r.get(enc["field"])) for r in rows}
        colours, labels = {c for c, _ in pairs}, {lab for _, lab in pairs}
        if len(pairs) == len(colours) == len(labels):
            return True
    return False


def _redundant(spec: Spec, layer: Spec, field: str) -> bool:
    encoding = layer.get("encoding") or {}
    for channel in ("shape", "strokeDash"):
        if (encoding.get(channel) or {}).get("field") == field:
            return True
    text_fields = _text_fields(spec)
    data = repr(_values(layer))
    if any(d == data for d, _ in text_fields) and (data, field) in text_fields:
        return True
    return _axis_names_it(layer, field)


def _labelled_shades(spec: Spec, layer: Spec) -> bool:
    """Colours taken from the data (scale: null) are named by a text layer on the same
    rows, so the shade itself never has to be read."""
    data = repr(_values(layer))
    return any(d == data for d, _ in _text_fields(spec))


def colour_scales(spec: Spec) -> Iterator[tuple[Spec, Spec]]:
    for layer in layers(spec):
        for channel in ("color", "fill", "stroke"):
            enc = (layer.get("encoding") or {}).get(channel)
            if enc and enc.get("field"):
                yield layer, enc


@pytest.mark.parametrize(("name", "spec"), ALL, ids=IDS)
def test_colours_survive_greyscale(name: str, spec: Spec) -> None:
    for layer, enc in colour_scales(spec):
        field = enc["field"]
        if enc.get("scale", {}) is None:
            assert _labelled_shades(spec, layer), (
                f"{name}: the shades of {field!r} come from the data and no text names them"
            )
            continue
        scale = enc.get("scale") or {}
        domain, colours = scale.get("domain"), scale.get("range")
        assert isinstance(domain, list) and isinstance(colours, list), (
            f"{name}: the colours of {field!r} are not an explicit palette"
        )
        if len(domain) < 2 or _redundant(spec, layer, field):
            continue
        shades = [lightness(c) for c in colours[: len(domain)]]
        for (a, la), (b, lb) in zip(
            zip(domain, shades, strict=False),
            zip(domain[1:], shades[1:], strict=False),
            strict=False,
        ):
            assert abs(la - lb) >= MIN_LIGHTNESS_STEP, (
                f"{name}: {a!r} and {b!r} differ by L* {abs(la - lb):.1f} in greyscale "
                f"(at least {MIN_LIGHTNESS_STEP} needed, or a second channel)"
            )


def test_the_greyscale_check_catches_close_colours():
    """The check itself fails on a palette of two mid-tones with nothing else to tell them."""
    spec: Spec = {
        "mark": {"type": "bar"},
        "data": {"values": [{"k": "a", "n": 1}, {"k": "b", "n": 2}]},
        "encoding": {
            "x": {"field": "n", "type": "quantitative"},
            "color": {
                "field": "k",
                "type": "nominal",
                "title": "Kind",
                "scale": {"domain": ["a", "b"], "range": [charts.VERMILLION, charts.GREEN]},
            },
        },
    }
    with pytest.raises(AssertionError, match="differ by L"):
        test_colours_survive_greyscale("made-up", spec)
    # the same palette is fine once a shape carries the field too
    spec["encoding"]["shape"] = {"field": "k", "type": "nominal", "title": "Kind"}
    test_colours_survive_greyscale("made-up", spec)


def test_the_font_check_catches_small_text():
    axis = {"labelFontSize": 13, "titleFontSize": 14}
    spec = {"mark": {"type": "text", "fontSize": 14}, "config": {"axis": axis}}
    test_all_chart_text_is_at_least_12px("made-up", spec)
    spec["mark"] = {"type": "text"}  # Vega's default: 11 px
    with pytest.raises(AssertionError, match="text mark of 11"):
        test_all_chart_text_is_at_least_12px("made-up", spec)


def test_the_legend_check_catches_an_untitled_legend():
    spec = {
        "mark": "bar",
        "encoding": {"color": {"field": "group", "type": "nominal", "scale": {}}},
    }
    with pytest.raises(AssertionError, match="no title"):
        test_every_legend_says_what_it_shows("made-up", spec)


def test_any_two_timeline_steps_differ_in_greyscale():
    # The timeline's legend lists only the steps present, so any two may end up side by side.
    for palette in (charts.STEP_COLOURS, charts.EXPERIENCE_COLOURS):
        shades = {k: lightness(c) for k, c in palette.items()}
        for a in shades:
            for b in shades:
                if a < b:
                    assert abs(shades[a] - shades[b]) >= MIN_LIGHTNESS_STEP, (a, b)

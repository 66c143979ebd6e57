"""The program × letter assignment matrix: its rows follow the engine, its spec is readable
without colour (numbers and × in the cells) and built from channel objects."""

from __future__ import annotations

from typing import Any

from lorkit import charts
from lorkit.assessment import Assessment, assess
from lorkit.models import Profile
from tests.conftest import AS_OF
from tests.unit.builders import letter_pair, profile_dict


def _assessment(*programs: dict[str, Any], names: list[str] | None = None) -> Assessment:
    pairs = [
        letter_pair(1, name="Dr. Ward"),
        letter_pair(2, name="Dr. Clinic"),
        letter_pair(3, name="Dr. Watcher", kind="observership"),
        letter_pair(4, name="Dr. Adult", specialty="internal-medicine"),
    ]
    data = profile_dict(pairs)
    data["applicant"].update(visa="j1")
    data["programs"] = [
        {"id": f"p{i}", "name": (names or [])[i - 1] if names else f"Invented {i}", **p}
        for i, p in enumerate(programs, 1)
    ]
    return assess(Profile.model_validate(data), AS_OF)


def _cells(rows: charts.Rows) -> dict[tuple[str, str], tuple[str, str]]:
    return {(str(r[0]), str(r[1])): (str(r[2]), str(r[3])) for r in rows}


def test_each_program_row_numbers_its_letters_in_the_engines_order():
    a = _assessment(
        {"track": "pediatrics", "letters_max": 2},
        {"track": "pediatrics", "observership_letters": "not-accepted"},
    )
    rows = charts.program_matrix_data(a)
    cells = _cells(rows)
    for r in a.programs:
        label = f"{r.status.short} · {r.program.name}"
        assigned = {x.writer.name: str(i) for i, x in enumerate(r.selected, 1)}
        assert assigned, "each invented program gets letters"
        for (program, letter), (kind, text) in cells.items():
            if program != label:
                continue
            if letter in assigned:
                assert (kind, text) == (charts.ASSIGN, assigned[letter])
            elif any(a.letter(w).writer.name == letter for w in r.not_counted):
                assert (kind, text) == (charts.NOT_COUNTED, "×")
            else:
                assert (kind, text) == (charts.NOT_ASSIGNED, "")
    first, second = a.programs
    assert len(first.selected) <= 2
    # the observership letter is not counted by the second program, and the cell says so
    assert "w3" in second.not_counted
    assert cells[(f"{second.status.short} · Invented 2", "Dr. Watcher")][0] == charts.NOT_COUNTED
    # every program has a cell for every letter shown: a full grid
    programs = {r[0] for r in rows}
    letters = {r[1] for r in rows}
    assert len(rows) == len(programs) * len(letters)


def test_letters_go_from_the_most_assigned_to_the_least():
    a = _assessment({"track": "pediatrics", "letters_max": 1}, {"track": "pediatrics"})
    rows = charts.program_matrix_data(a)
    order = list(dict.fromkeys(str(r[1]) for r in rows))
    uses = {name: sum(1 for r in rows if r[1] == name and r[2] == charts.ASSIGN) for name in order}
    assert [uses[n] for n in order] == sorted(uses.values(), reverse=True)


def test_repeated_names_stay_apart_and_the_list_is_capped():
    a = _assessment(
        *[{"track": "pediatrics"}] * 3, names=["Same Program", "Same Program", "Other Program"]
    )
    labels = list(dict.fromkeys(str(r[0]) for r in charts.program_matrix_data(a)))
    assert len(labels) == 3
    assert labels[1].endswith(" (2)")
    capped = charts.program_matrix_data(a, limit=2)
    assert len({r[0] for r in capped}) == 2


def test_no_programs_no_rows():
    assert charts.program_matrix_data(_assessment()) == ()


def _encodings(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [layer["encoding"] for layer in spec["layer"]]


def test_the_spec_reads_in_greyscale_and_in_a_shared_screen():
    a = _assessment({"track": "pediatrics", "observership_letters": "not-accepted"})
    rows = charts.program_matrix_data(a)
    spec = charts.program_matrix_chart(rows).to_dict()
    cells, marks = spec["layer"]
    assert cells["mark"]["type"] == "rect"
    # the meaning is also written in each cell: a place number or ×, at a readable size
    assert marks["mark"]["type"] == "text"
    assert marks["mark"]["fontSize"] >= 12
    assert marks["encoding"]["text"] == {"field": "mark", "type": "nominal"}
    assert spec["config"]["axis"]["labelFontSize"] >= 12
    # Okabe-Ito colours, one per kind of cell, named in the caption's key
    scale = cells["encoding"]["color"]["scale"]
    assert scale["domain"] == [charts.ASSIGN, charts.NOT_ASSIGNED, charts.NOT_COUNTED]
    assert scale["range"][0] == charts.BLUE and scale["range"][2] == charts.VERMILLION
    assert "×" in charts.MATRIX_KEY and "number" in charts.MATRIX_KEY
    # channel objects, not shorthand strings: every encoding names its field and type
    for encoding in _encodings(spec):
        for channel in ("x", "y", "color"):
            assert {"field", "type"} <= set(encoding[channel]), (channel, encoding[channel])
    # programs keep their order, and the height grows with them
    values = cells["data"]["values"] if "data" in cells else spec["data"]["values"]
    assert {v["program"] for v in values} == {str(r[0]) for r in rows}
    assert cells["encoding"]["y"]["sort"] == list(dict.fromkeys(str(r[0]) for r in rows))
    assert spec["height"] == 34 * len({r[0] for r in rows})

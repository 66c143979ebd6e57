"""Method explains every finding code, and opens on the one a finding links to."""

from __future__ import annotations

import pytest

from lorkit import registry
from lorkit.registry import REGISTRY
from tests.app.conftest import PAGES, engine, goto, open_sample, sample_raw


def test_every_code_is_explained(app):
    at = goto(app(), "method")
    texts = "\n".join(m.value for m in at.main.markdown)
    missing = [c for c in REGISTRY if f"`{c}`" not in texts]
    assert missing == []
    for info in registry.descriptions():
        assert info.title in texts, info.code
        assert info.when in texts and info.why in texts and info.source in texts, info.code
    assert not at.main.markdown[0].value.startswith("####")  # no box without a code


@pytest.mark.parametrize("code", ["old-letter", "combined-fit-unaddressed"])
def test_a_code_in_the_address_opens_its_explanation_first(app, code):
    at = app()
    at.query_params["code"] = code
    goto(at, "method")
    info = registry.describe(code)
    first = at.main.children[2]  # after the title and the caption
    assert first.type == "flex_container"
    box = [m.value for m in first.markdown]
    assert box[0].startswith("#### ") and f"`{code}`" in box[0] and info.title in box[0]
    assert info.why in box[1] and info.source in box[1]
    assert at.main.markdown[0].value == box[0]


def test_an_unknown_code_in_the_address_is_ignored(app):
    at = app()
    at.query_params["code"] = "<script>nope"
    goto(at, "method")
    assert not any(m.value.startswith("####") for m in at.main.markdown)


def test_each_finding_links_to_its_explanation(app):
    at = open_sample(app(), "home-country-heavy")
    a = engine(sample_raw("home-country-heavy"))
    assert a.findings
    links = [p for p in at.main.page_link if p.proto.label.startswith("Why ")]
    assert [p.proto.label for p in links] == [
        f"Why {f.code} matters"
        for sev in ("error", "warning", "info")
        for f in a.findings
        if f.severity.value == sev
    ]
    for link, label in ((p, p.proto.label) for p in links):
        code = label.removeprefix("Why ").removesuffix(" matters")
        assert link.proto.query_string == f"code={code}"
        page = PAGES["method"].removeprefix("app_pages/").removesuffix(".py")
        assert link.proto.page.endswith(page)

"""User text shown through Markdown keeps its letters but loses every Markdown effect."""

from __future__ import annotations

import re

import pytest

from ui.text import md_escape

ZWSP = "\u200b"


def visible(text: str) -> str:
    """What a reader sees: backslash escapes and zero-width spaces removed."""
    return re.sub(r"\\(.)", r"\1", text).replace(ZWSP, "")


@pytest.mark.parametrize(
    "raw",
    [
        "[x](http://example.com) <b>y</b> ![i](http://example.com/i.png)",
        "Dr. O'Neill *star* _under_ `code` # not a heading",
        "see www.example.org or https://example.org/path?q=1",
        "mail me: someone@example.com",
        ":red[colour] $x^2$ ~~strike~~ | table |",
    ],
)
def test_the_reader_sees_exactly_what_was_typed(raw):
    assert visible(md_escape(raw)) == " ".join(raw.split())


def test_no_link_syntax_or_bare_address_survives():
    out = md_escape("[x](http://example.com) www.example.org a@b.co HTTPS://X.Y")
    assert "](" not in out
    assert "http://" not in out and "www." not in out and "HTTPS://" not in out
    assert "a@b" not in out
    assert "<" not in out.replace("\\<", "")


def test_newlines_cannot_start_a_new_block():
    assert "\n" not in md_escape("line one\n# heading\n- item")

"""Showing text that a user typed, without letting Markdown or HTML in it take effect."""

from __future__ import annotations

import re

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:$~\"'&^=@])")
# Streamlit's Markdown turns bare web addresses into links even when every punctuation mark
# is escaped (GFM "autolink literals"). A zero-width space after the scheme or "www", and
# after "@" in e-mail addresses, breaks the pattern without changing what the reader sees.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(\\?[:.])")
_ZWSP = "\u200b"


def md_escape(text: object) -> str:
    """Make user text show literally in Markdown: no link, emphasis, image or HTML."""
    # CommonMark lets any ASCII punctuation be backslash-escaped; newlines become spaces so a
    # value cannot start a heading or a list on its own line.
    flat = " ".join(str(text).split())
    escaped = _PUNCT.sub(r"\\\1", flat)
    escaped = _AUTOLINK.sub(lambda m: m.group(1) + _ZWSP + m.group(2), escaped)
    return escaped.replace("\\@", "\\@" + _ZWSP)

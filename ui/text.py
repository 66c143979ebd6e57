"""Showing text that a user typed, without letting Markdown or HTML in it take effect."""

from __future__ import annotations

import re

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:$~\"'&^=])")


def md_escape(text: object) -> str:
    """Escape every Markdown-significant character, so `[x](y)` shows as typed."""
    # CommonMark lets any ASCII punctuation be backslash-escaped; newlines become spaces so a
    # value cannot start a heading or a list on its own line.
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))

"""A small "Copy" button that puts a text on the clipboard, in the browser only."""

from __future__ import annotations

import streamlit as st

_HTML = '<button type="button" class="copy">Copy</button>'
_CSS = """
.copy {
  font: inherit; font-size: 0.875rem; padding: 0.3rem 0.8rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  background: var(--st-background-color, #fff); color: var(--st-text-color, #222);
}
.copy:hover { border-color: var(--st-primary-color, #0072B2); color: var(--st-primary-color); }
"""
_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const button = parentElement.querySelector("button.copy");
  if (!button) return;
  button.onclick = async () => {
    const text = (data && data.text) || "";
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (err) {
      // Older browsers, or a page served over plain http: copy through a hidden textarea.
      const area = document.createElement("textarea");
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
    }
    button.textContent = ok ? "Copied" : "Copy failed: select the text instead";
    setTimeout(() => { button.textContent = "Copy"; }, 2000);
  };
}
"""

_button = st.components.v2.component("lorkit_copy", html=_HTML, css=_CSS, js=_JS)


def copy_button(text: str, *, key: str) -> None:
    _button(key=key, data={"text": text})

"""The app's fixed style sheets: a compact first screen on the Assessment page, a clean
browser Print, and the larger key figures of presenter mode.

Fixed CSS only: nothing a user typed is ever put into a style sheet. Streamlit's own test
ids (`data-testid`) and the `st-key-…` class of keyed containers are the hooks.
"""

from __future__ import annotations

import streamlit as st

from ui import state

# Keys of the containers the rules below point at (the Assessment page uses them).
FIRST_SCREEN = "first_screen"  # the verdicts, letters and next steps of every track
TRACK_CARD = "track_card"  # prefix of one track's card on the first screen
WHAT_IF = "what_if"  # the what-if box: a control, so not printed
SCREEN_ONLY = "screen_only"  # a section that only makes sense on screen (the downloads)
KEEP = "print_keep"  # prefix of containers kept on one sheet (a heading and what it heads)

# Widgets are for the screen: on paper they are empty boxes and dead buttons.
_WIDGETS = (
    "stButton",
    "stDownloadButton",
    "stFormSubmitButton",
    "stFileUploader",
    "stMultiSelect",
    "stSelectbox",
    "stTextInput",
    "stTextArea",
    "stNumberInput",
    "stDateInput",
    "stCheckbox",
    "stRadio",
    "stPopover",
    "stPageLink",
    "stTabs",
    "stExpander",
)
_HIDE_WIDGETS = ",\n".join(
    f'  [data-testid="stElementContainer"]:has([data-testid="{w}"]),\n'
    f'  [data-testid="stLayoutWrapper"]:has(> [data-testid="{w}"])'
    for w in _WIDGETS
)

PAGE = f"""<style>
/* The Assessment page answers in its first screen: less empty space above the title. */
[data-testid="stMainBlockContainer"]:has(.st-key-{FIRST_SCREEN}) {{
  padding-top: 3.25rem;
}}
[data-testid="stMainBlockContainer"]:has(.st-key-{FIRST_SCREEN}) h1 {{
  padding-top: 0.5rem;
  padding-bottom: 0.25rem;
}}
/* Readiness on one line: its label, then the figure. */
.st-key-{FIRST_SCREEN} [data-testid="stMetric"] > div {{
  display: flex;
  flex-direction: row;
  align-items: baseline;
  gap: 0.6rem;
}}
.st-key-{FIRST_SCREEN} [data-testid="stMetricValue"] {{
  font-size: 2rem;
}}
.st-key-{FIRST_SCREEN} [data-testid="stMarkdownContainer"] p {{
  margin-bottom: 0.3rem;
}}
/* Tighter spacing inside the track cards, so that each fits the first screen. */
.st-key-{FIRST_SCREEN} [data-testid="stVerticalBlock"] {{
  gap: 0.75rem;
}}
.st-key-{FIRST_SCREEN} [data-testid="stMarkdownContainer"] li {{
  font-size: 0.95rem;
  line-height: 1.4;
  margin-bottom: 0.1rem;
}}
.st-key-{FIRST_SCREEN} [data-testid="stMarkdownContainer"] ol {{
  margin-bottom: 0;
}}

@media print {{
  @page {{ size: auto; margin: 12mm 12mm 14mm 12mm; }}
  /* Chrome around the page: the sidebar, the header and its toolbar, chart menus. */
  [data-testid="stSidebar"],
  [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"],
  [data-testid="stToolbar"],
  [data-testid="stDecoration"],
  [data-testid="stStatusWidget"],
  [data-testid="stSkipToContent"],
  [data-testid="stElementToolbar"],
  [data-testid="stHeaderActionElements"],
  [data-testid="stTooltipIcon"],
  [data-testid="stBottom"],
{_HIDE_WIDGETS} {{
    display: none !important;
  }}
  /* Streamlit scrolls inside its main box; on paper everything flows, page after page. */
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
    height: auto !important;
    min-height: 0 !important;
    overflow: visible !important;
    position: static !important;
  }}
  /* Smaller than on screen, so that a sheet holds more: body text prints at about 8.5 pt. */
  [data-testid="stMainBlockContainer"] {{
    padding: 0 !important;
    max-width: none !important;
    zoom: 0.72;
  }}
  [data-testid="stVerticalBlock"] {{ gap: 0.5rem !important; }}
  .st-key-{WHAT_IF}, .st-key-{SCREEN_ONLY} {{ display: none !important; }}
  /* st.divider() lines (a heading's own line stays) */
  [data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] hr) {{
    display: none !important;
  }}
  /* Columns stay side by side on paper, sharing the width. */
  [data-testid="stHorizontalBlock"] {{
    display: flex !important;
    flex-wrap: nowrap !important;
    flex-direction: row !important;
  }}
  [data-testid="stColumn"] {{
    min-width: 0 !important;
  }}
  /* Charts and tables were sized for the screen: fit them to the paper's width. */
  [data-testid="stVegaLiteChart"] svg,
  [data-testid="stVegaLiteChart"] canvas {{
    max-width: 100% !important;
    height: auto !important;
  }}
  /* Never cut an element (a chart, a table, a finding) or a track's card in two. */
  [data-testid="stElementContainer"],
  [data-testid="stVegaLiteChart"],
  [data-testid="stTable"],
  [data-testid="stHorizontalBlock"]:has([data-testid="stVegaLiteChart"]),
  [class*="st-key-{KEEP}"],
  .st-key-{FIRST_SCREEN} [data-testid="stVerticalBlock"] {{
    break-inside: avoid;
  }}
}}
</style>"""

# Presenter mode: the figures an advisor points at, large enough to read on a shared screen.
PRESENTING = f"""<style>
[data-testid="stMain"] [data-testid="stMetricValue"] {{ font-size: 3.2rem !important; }}
[data-testid="stMain"] [data-testid="stMetricValue"] p {{ font-size: inherit !important; }}
[data-testid="stMain"] [data-testid="stMetricLabel"] p {{ font-size: 1.1rem !important; }}
/* on the first screen, as large as the track cards allow */
.st-key-{FIRST_SCREEN} [data-testid="stMetricValue"] {{ font-size: 2.7rem !important; }}
/* the verdicts */
[data-testid="stMain"] .stMarkdownBadge {{ font-size: 1.25rem !important; }}
</style>"""


# A page opened by a button (a sample on Start, an import) keeps the scroll position of the
# page the button was on: a page that answers in its first screen would open half-way down.
# Fixed script only: it scrolls the main area back to the top and does nothing else.
# A block of its own: the script runs again on every page change, and a second top-level
# `const` would be a redeclaration. The README's Content-Security-Policy allows it by hash.
SCROLL_TO_TOP = """<script>{
const boxes = '[data-testid="stMain"], [data-testid="stAppViewContainer"]';
for (const el of document.querySelectorAll(boxes)) {
  el.scrollTo({ top: 0, left: 0, behavior: "instant" });
}
window.scrollTo({ top: 0, left: 0, behavior: "instant" });
}</script>"""
_LAST_PAGE = "style_last_page"


def arrive(url_path: str) -> None:
    """Call once a run knows its page: when the page changed since the last run, scroll
    the main area to the top (the script sits at the end of the sidebar, out of the way)."""
    last = state.session_memo(_LAST_PAGE)
    state.set_session_memo(_LAST_PAGE, url_path)
    if last is not None and last != url_path:
        st.sidebar.html(SCROLL_TO_TOP, unsafe_allow_javascript=True)


def inject() -> None:
    """Add the style sheets to this run (call once, from app.py)."""
    st.html(PAGE)
    if state.presenting():
        st.html(PRESENTING)

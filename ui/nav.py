"""Page switches asked for by a button, kept until they have happened.

A page switch made once (`st.switch_page`) can be lost: a rerun request that the browser sent
before it learnt of the switch (the storage bridge's answer, a second click) still names the
old page, and when it arrives before the new page has run, Streamlit runs the old page
again. So a button's callback records where to go (`go`); `app.py` switches whenever a run
lands on the page where the click happened (`follow`) and forgets the wish once the target
page has run to the end (`arrived`). Going anywhere else in between (the sidebar
navigation) drops it.
"""

from __future__ import annotations

from ui import state

_WISH = "nav_wish"  # (url path of the page clicked on, url path to go to)


def go(origin: str, target: str) -> None:
    """From a callback: switch from page `origin` to page `target` (url paths)."""
    state.set_session_memo(_WISH, (origin, target))


def follow(current: str) -> str | None:
    """The url path to switch to now, if any; a wish made on another page is dropped."""
    wish = state.session_memo(_WISH)
    if wish is None:
        return None
    origin, target = wish
    if current == origin:
        return target
    if current != target:
        state.set_session_memo(_WISH, None)
    return None


def arrived(current: str) -> None:
    """After a page has run to the end: a wish to go there is fulfilled."""
    wish = state.session_memo(_WISH)
    if wish is not None and wish[1] == current:
        state.set_session_memo(_WISH, None)

"""The "Next steps" of a track: the actions that would raise its readiness most.

The steps are worked out once per assessment and kept in the session (never in a shared
cache: they hold the applicant's names). Names are user text: every step is shown through
`md_escape`, so a name can never become a link, an image or emphasis.

The first screen of the Assessment page shows the top few (`show`); the rest follow further
down (`show_more`), numbered on from there.
"""

from __future__ import annotations

import streamlit as st

from lorkit.assessment import Assessment
from lorkit.next_steps import NextStep, next_steps
from ui import state
from ui.text import md_escape

_MEMO = "next_steps"  # (the assessment they belong to, the steps)
TOP = 3  # steps on the first screen, per track
HEADING = "**Next steps**"
MEASURED = "Each gain is measured: lorkit re-assesses your profile with that step done."


def steps_for(a: Assessment) -> list[NextStep]:
    """The assessment's next steps, computed once per assessment in this session."""
    memo = state.session_memo(_MEMO)
    if memo is not None and memo[0] is a:
        return list(memo[1])
    steps = next_steps(a.profile, a.as_of, excluded=a.excluded, assessment=a)
    state.set_session_memo(_MEMO, (a, steps))
    return steps


def _mine(a: Assessment, track_id: str) -> list[NextStep]:
    return [s for s in steps_for(a) if s.track == track_id]


def _lines(steps: list[NextStep], first: int) -> str:
    return "\n".join(
        f"{i}. **+{s.gain}** {md_escape(s.advice)}"
        + (f" ({md_escape(s.condition)})" if s.condition else "")
        for i, s in enumerate(steps, first)
    )


def show(a: Assessment, track_id: str, limit: int = TOP) -> None:
    """The track's top steps as a short numbered list with each gain (nothing for a track
    that is ready)."""
    mine = _mine(a, track_id)
    if not mine:
        return
    helpful = [s for s in mine if s.helps]
    if not helpful:
        st.markdown(HEADING)
        st.caption(md_escape(mine[0].message))
        return
    st.markdown(f"{HEADING}\n\n{_lines(helpful[:limit], 1)}")
    more = len(helpful) - limit
    if more > 0:
        st.caption(f"{more} more step{'s' if more != 1 else ''} further down the page.")


def show_more(a: Assessment, track_id: str, skip: int = TOP) -> None:
    """The steps after the first `skip`, numbered on (nothing when there are none)."""
    rest = [s for s in _mine(a, track_id) if s.helps][skip:]
    if not rest:
        return
    st.markdown("**More next steps**", help=MEASURED)
    st.markdown(_lines(rest, skip + 1))

"""The "Next steps" block of a track: the actions that would raise its readiness most.

The steps are worked out once per assessment and kept in the session (never in a shared
cache: they hold the applicant's names). Names are user text: every step is shown through
`md_escape`, so a name can never become a link, an image or emphasis.
"""

from __future__ import annotations

import streamlit as st

from lorkit.assessment import Assessment
from lorkit.next_steps import NextStep, next_steps
from ui import state
from ui.text import md_escape

_MEMO = "next_steps"  # (the assessment they belong to, the steps)


def steps_for(a: Assessment) -> list[NextStep]:
    """The assessment's next steps, computed once per assessment in this session."""
    memo = state.session_memo(_MEMO)
    if memo is not None and memo[0] is a:
        return list(memo[1])
    steps = next_steps(a.profile, a.as_of, excluded=a.excluded, assessment=a)
    state.set_session_memo(_MEMO, (a, steps))
    return steps


def show(a: Assessment, track_id: str) -> None:
    """The track's next steps as a short numbered list with each gain (nothing for a track
    that is ready)."""
    mine = [s for s in steps_for(a) if s.track == track_id]
    if not mine:
        return
    st.markdown("**Next steps**")
    helpful = [s for s in mine if s.helps]
    if not helpful:
        st.caption(md_escape(mine[0].message))
        return
    st.markdown(
        "\n".join(
            f"{i}. **+{s.gain}** {md_escape(s.advice)}"
            + (f" ({md_escape(s.condition)})" if s.condition else "")
            for i, s in enumerate(helpful, 1)
        )
    )
    st.caption("Each gain is measured: lorkit re-assesses your profile with that step done.")

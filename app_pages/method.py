"""Method: how lorkit scores letters and sets, and what every finding code means."""

from __future__ import annotations

import streamlit as st

from lorkit import rules
from lorkit.catalogue import CODES
from lorkit.enums import Location, Relationship, Role, Severity, Status
from lorkit.letters import SLOT_LABELS, TIER_LABELS
from lorkit.selection import MAX_PENALTY

SEVERITY_ICON = {
    Severity.ERROR: ":red[:material/error:]",
    Severity.WARNING: ":orange[:material/warning:]",
    Severity.INFO: ":blue[:material/info:]",
}

st.title("Method")
st.caption(
    "How lorkit scores your letters, chooses a set and raises findings. The numbers "
    "live in the rule files under data/, so an advisor can read and adjust them."
)

wanted = st.query_params.get("code")
if wanted in CODES:
    info = CODES[wanted]
    with st.container(border=True):
        st.markdown(f"#### {SEVERITY_ICON[info.severity]} `{info.code}`: {info.title}")
        st.markdown(
            f"**When:** {info.trigger}  \n**Why it matters:** {info.why}  \n"
            f"**Severity:** {info.severity.label} · **Source:** {info.source}"
        )

score = rules.scoring()
q = score.quality


def _pct(x: float) -> str:
    return "no change" if x >= 1 else f"−{(1 - x) * 100:.0f}%"


st.header("1. Each letter's quality", divider="gray")
st.markdown(
    "Quality (0–100) estimates how strong a letter can be, whatever the track. It starts at "
    "100 and each fact below multiplies it. The Assessment page lists, for every letter, the "
    "facts that cost it points."
)
rows = []
for name, table, labels in (
    ("Writer based", q.location, Location.labels()),
    ("How they know your work", q.relationship, Relationship.labels()),
    ("Request status", q.status, Status.labels()),
    ("Writer's role", q.role, Role.labels()),
):
    for code, factor in table.items():
        rows.append({"Fact": name, "Value": labels.get(code, code), "Effect": _pct(factor)})
for code, label in (
    ("hands-on", "Hands-on rotation or job"),
    ("research", "Research"),
    ("observership", "Observership"),
    ("unlinked", "No experience linked"),
):
    rows.append({"Fact": "Kind of experience", "Value": label, "Effect": _pct(q.experience[code])})
d = q.duration
rows += [
    {
        "Fact": "Time together",
        "Value": f"{d.long_min_days // 7} weeks or more",
        "Effect": _pct(d.long),
    },
    {
        "Fact": "Time together",
        "Value": f"{d.medium_min_days // 7} to under {d.long_min_days // 7} weeks",
        "Effect": _pct(d.medium),
    },
    {
        "Fact": "Time together",
        "Value": f"under {d.medium_min_days // 7} weeks",
        "Effect": _pct(d.short),
    },
    {
        "Fact": "Request",
        "Value": "Asked without asking for a strong letter",
        "Effect": _pct(q.flags.not_asked_for_strong),
    },
    {
        "Fact": "Request",
        "Value": "Right to see the letter not waived",
        "Effect": _pct(q.flags.not_waived),
    },
    {
        "Fact": "Request",
        "Value": "Writer doesn't know your goal",
        "Effect": _pct(q.flags.goal_not_known),
    },
    {
        "Fact": "Request",
        "Value": "Writer asked you to draft it",
        "Effect": _pct(q.flags.asked_to_self_draft),
    },
]
st.table(rows, hide_index=True, border="horizontal")

st.header("2. What a letter is worth to each track", divider="gray")
st.markdown(
    "A letter's value for a track is its quality times how well it fits the track (its "
    "Pediatrics tier or Med-Peds slot) times how recent it is. A letter not yet written is "
    "dated from the end of the shared experience, or from today if that is later.\n\n"
    "**Departments.** A pediatrician's letter counts as pediatric unless the shared "
    "experience was an adult (internal-medicine) service, and an internist's counts as "
    "internal medicine unless it was a pediatric one; an unlinked writer counts for their "
    "own field. A Med-Peds physician counts for the department of the service, or for both "
    "on a combined service. Letters from a social contact, or that the writer asked you to "
    "draft, never count towards a requirement."
)
peds = rules.tracks().get("pediatrics")
medpeds = rules.tracks().get("med-peds")
c1, c2 = st.columns(2, gap="large")
with c1:
    if peds and peds.tiers:
        st.markdown("**Pediatrics tiers** (after the Pediatrics guide's hierarchy)")
        st.table(
            [
                {"Tier": t, "Who": TIER_LABELS[t], "Counts": f"{peds.tiers[t] * 100:.0f}%"}
                for t in sorted(peds.tiers)
            ],
            hide_index=True,
            border="horizontal",
        )
with c2:
    if medpeds and medpeds.slots:
        st.markdown("**Med-Peds slots** (location is judged separately)")
        st.table(
            [
                {"Slot": SLOT_LABELS[s], "Counts": f"{f * 100:.0f}%"}
                for s, f in medpeds.slots.items()
            ],
            hide_index=True,
            border="horizontal",
        )
        st.caption(
            "A Med-Peds physician seen on a combined service fills the combined slot and "
            "counts for both departments; research mentors, social contacts and other "
            "specialties are supplementary."
        )
bands = score.age_bands.bands
st.markdown("**Recency**")
st.table(
    [
        {
            "Age at submission": b.label,
            **{t.label: f"{t.recency_factors[b.code] * 100:.0f}%" for t in rules.tracks().values()},
        }
        for b in bands
    ],
    hide_index=True,
    border="horizontal",
)

st.header("3. The recommended set and readiness", divider="gray")
st.markdown(
    "For each track lorkit picks, from the letters that are not declined, the set of at most "
    "four with the highest set score. The search is exact but never tries every "
    "combination: a letter that four others beat on value and on every requirement is "
    "dropped, and the rest are searched best-first, abandoning any branch that can no "
    "longer win.\n\n"
    "The **set score** is the average value of the best three letters (a missing letter "
    "counts as zero); a fourth letter adds a little if it is strong and subtracts if it is "
    "weak, so three strong letters beat four average ones. Each requirement the set misses "
    f"then takes its share off (at most {MAX_PENALTY:.0%} in all). **Readiness** is the best "
    "set score, rounded. Letters from a social contact, or that you would draft yourself, "
    "never count towards a requirement."
)
for t in rules.tracks().values():
    st.markdown(
        f"**{t.label}**: a fourth letter must be worth at least "
        f"{t.fourth_letter_min_value:.0f} to help."
    )
    st.table(
        [
            {"Requirement": r.label, "If missed": f"−{r.penalty * 100:.0f}%", "Finding": r.finding}
            for r in t.requirements
        ],
        hide_index=True,
        border="horizontal",
    )
v = next(iter(rules.tracks().values())).verdict
st.markdown(
    f"**Verdicts:** *ready* at {v.ready:.0f} or more with nothing to fix; *nearly ready* "
    f"{v.nearly_ready:.0f}–{v.ready - 1:.0f} with nothing to fix; *at risk* "
    f"{v.at_risk:.0f}–{v.nearly_ready - 1:.0f}, or any must-fix finding about the track, a "
    f"letter in its set or the whole profile; *not ready* below {v.at_risk:.0f}."
)

st.header("4. Findings", divider="gray")
st.markdown(
    f"Every code lorkit can raise, like a linter's. {SEVERITY_ICON[Severity.ERROR]} must fix · "
    f"{SEVERITY_ICON[Severity.WARNING]} should fix · {SEVERITY_ICON[Severity.INFO]} worth "
    "knowing."
)
for scope, heading in (
    ("letter", "About one letter"),
    ("both tracks", "About the set, for either track"),
    ("pediatrics", "About the Pediatrics set"),
    ("med-peds", "About the Med-Peds set"),
    ("profile", "About the whole profile and its dates"),
):
    st.subheader(heading)
    for info in (c for c in CODES.values() if c.scope == scope):
        st.markdown(
            f"{SEVERITY_ICON[info.severity]} **`{info.code}`**: {info.title}  \n"
            f"**When:** {info.trigger} **Why:** {info.why} *Source: {info.source}.*"
        )

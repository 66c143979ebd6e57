"""Method: how lorkit scores letters and sets, and what every finding code means.

Every number on this page is read from the rule book (lorkit/data/) and every finding is
described by the registry, so the page can never disagree with the engine.
"""

from __future__ import annotations

import streamlit as st

from lorkit import registry, rules
from lorkit.enums import Location, Relationship, Role, Severity, Status
from lorkit.letters import SLOT_LABELS, TIER_LABELS
from lorkit.registry import Scope
from lorkit.wording import and_list, num, span, verdict_edges, verdict_phrase, weeks

SEVERITY_ICON = {
    Severity.ERROR: ":red[:material/error:]",
    Severity.WARNING: ":orange[:material/warning:]",
    Severity.INFO: ":blue[:material/info:]",
}

book = rules.book()
terms = book.terms
tracks = list(book.tracks.values())

st.title("Method")
st.caption(
    "How lorkit scores your letters, chooses a set and raises findings. The numbers live "
    "in the rule files shipped with lorkit (lorkit/data/), so an advisor can read and adjust "
    "them."
)

wanted = st.query_params.get("code")
if wanted in registry.REGISTRY:
    info = registry.describe(wanted, book)
    with st.container(border=True):
        st.markdown(f"#### {SEVERITY_ICON[info.severity]} `{info.code}`: {info.title}")
        st.markdown(
            f"**When:** {info.when}  \n**Why it matters:** {info.why}  \n"
            f"**Severity:** {info.severity.label} · **Source:** {info.source}"
        )

q = book.scoring.quality


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
        "Value": f"{weeks(d.long_min_days)} weeks or more",
        "Effect": _pct(d.long),
    },
    {
        "Fact": "Time together",
        "Value": f"{weeks(d.medium_min_days)} to under {weeks(d.long_min_days)} weeks",
        "Effect": _pct(d.medium),
    },
    {
        "Fact": "Time together",
        "Value": f"under {weeks(d.medium_min_days)} weeks",
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
    "tier or its department slot, as the track's rules say) times how recent it is. A letter "
    "not yet written is dated from the end of the shared experience, or from today if that "
    "is later.\n\n"
    "**Departments.** A pediatrician's letter counts as pediatric unless the shared "
    "experience was an adult (internal-medicine) service, and an internist's counts as "
    "internal medicine unless it was a pediatric one; an unlinked writer counts for their "
    "own field. A Med-Peds physician counts for the department of the service, or for both "
    "on a combined service. Letters from a social contact, or that the writer asked you to "
    "draft, never count towards a requirement."
)
columns = st.columns(2, gap="large")
for i, t in enumerate(tracks):
    note = f" ({t.relevance_note})" if t.relevance_note else ""
    with columns[i % 2]:
        if t.relevance_model == "tiers" and t.tiers:
            st.markdown(f"**{t.short} tiers**{note}")
            st.table(
                [
                    {"Tier": n, "Who": TIER_LABELS[n], "Counts": f"{t.tiers[n] * 100:.0f}%"}
                    for n in sorted(t.tiers)
                ],
                hide_index=True,
                border="horizontal",
            )
        elif t.slots:
            st.markdown(f"**{t.short} slots**{note}")
            st.table(
                [{"Slot": SLOT_LABELS[s], "Counts": f"{f * 100:.0f}%"} for s, f in t.slots.items()],
                hide_index=True,
                border="horizontal",
            )
            st.caption(
                "A Med-Peds physician seen on a combined service fills the combined slot and "
                "counts for both departments; research mentors, social contacts and other "
                "specialties are supplementary."
            )
bands = book.scoring.age_bands.bands
st.markdown("**Recency**")
st.table(
    [
        {
            "Age at submission": b.label,
            **{t.label: f"{t.recency_factors[b.code] * 100:.0f}%" for t in tracks},
        }
        for b in bands
    ],
    hide_index=True,
    border="horizontal",
)

st.header("3. The recommended set and readiness", divider="gray")
st.markdown(
    "For each track lorkit picks, from the letters that are not declined, the set of at most "
    f"{terms['max_letters']} with the highest set score. The search is exact but never tries "
    f"every combination: a letter that {terms['max_letters']} others beat on value and on "
    "every requirement is dropped, and the rest are searched best-first, abandoning any "
    "branch that can no longer win.\n\n"
    f"The **set score** is the average value of the best {terms['min_letters']} letters (a "
    "missing letter counts as zero); a further letter adds a little if it is strong and "
    "subtracts if it is weak, so a few strong letters beat more average ones. Each "
    "requirement the set misses then takes its share off (at most "
    f"{terms['max_penalty']} in all). **Readiness** is the best set score, rounded. Letters "
    "from a social contact, or that you would draft yourself, never count towards a "
    "requirement."
)
for t in tracks:
    st.markdown(
        f"**{t.label}**: a letter beyond the first {t.min_letters} must be worth at least "
        f"{num(t.fourth_letter_min_value)} to help."
    )
    st.table(
        [
            {"Requirement": r.label, "If missed": f"−{r.penalty * 100:.0f}%", "Finding": r.finding}
            for r in t.requirements
        ],
        hide_index=True,
        border="horizontal",
    )
verdicts: dict[str, list[str]] = {}
for t in tracks:
    verdicts.setdefault(verdict_phrase(t.verdict), []).append(t.short)
for t in {verdict_phrase(t.verdict): t for t in tracks}.values():
    v = t.verdict
    whose = f" ({and_list(verdicts[verdict_phrase(v)])})" if len(verdicts) > 1 else ""
    ready, nearly, risk = verdict_edges(v)
    st.markdown(
        f"**Verdicts{whose}:** *ready* at {ready} or more with nothing to fix; *nearly ready* "
        f"{nearly}–{ready - 1} with nothing to fix; *at risk* {risk}–{nearly - 1}, or any "
        "must-fix finding about the track, a letter in its set or the whole profile; *not "
        f"ready* below {risk}."
    )

plan = book.scoring.plan
st.header("4. The plan's dates", divider="gray")
st.markdown(
    f"Ask a writer between {span(plan.ask_from_days)} and {span(plan.ask_by_days)} before "
    f"submission; on a rotation still ahead, mention the letter {weeks(plan.mention_from_days)}"
    f"–{span(plan.mention_by_days)} in and ask formally as it ends. Send the packet within "
    f"{span(plan.packet_within_days)} of the ask, and remind a writer whose letter is not "
    f"uploaded {span(plan.reminder_days[0])} and again {span(plan.reminder_days[-1])} before "
    "submission."
)

st.header("5. Findings", divider="gray")
st.markdown(
    f"Every code lorkit can raise, like a linter's. {SEVERITY_ICON[Severity.ERROR]} must fix · "
    f"{SEVERITY_ICON[Severity.WARNING]} should fix · {SEVERITY_ICON[Severity.INFO]} worth "
    "knowing."
)


def _show(info: registry.Description) -> None:
    unused = "" if info.active else " *(not raised with the current rule data)*"
    st.markdown(
        f"{SEVERITY_ICON[info.severity]} **`{info.code}`**: {info.title}{unused}  \n"
        f"**When:** {info.when} **Why:** {info.why} *Source: {info.source}.*"
    )


described = registry.descriptions(book)
everyone = tuple(t.short for t in tracks)
for scope in Scope:
    group = [x for x in described if x.scope == scope]
    if not group:
        continue
    if scope != Scope.SET:
        st.subheader(scope.label)
        for info in group:
            _show(info)
        continue
    # set findings, by the tracks whose rules raise them: every track first
    by_tracks: dict[tuple[str, ...], list[registry.Description]] = {}
    for info in group:
        by_tracks.setdefault(info.tracks, []).append(info)
    order = sorted(by_tracks, key=lambda k: (k != everyone, not k, [everyone.index(x) for x in k]))
    for key in order:
        if key == everyone:
            st.subheader("About the set, for every track")
        elif key:
            st.subheader(f"About the {and_list(list(key))} set{'s' if len(key) > 1 else ''}")
        else:
            st.subheader("About the set, not raised by any track's rules")
        for info in by_tracks[key]:
            _show(info)

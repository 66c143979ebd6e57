"""Method: how lorkit scores letters and sets, and what every finding code means.

Every number on this page is read from the rule book (lorkit/data/) and every finding is
described by the registry, so the page can never disagree with the engine.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from lorkit import registry, rules
from lorkit.enums import Location, Relationship, Role, Severity, Status
from lorkit.letters import SLOT_LABELS, TIER_LABELS
from lorkit.models import working_weeks
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
if wanted is not None and wanted in registry.REGISTRY:
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
        "Value": f"{d.long_min_weeks} working weeks or more",
        "Effect": _pct(d.long),
    },
    {
        "Fact": "Time together",
        "Value": f"{d.medium_min_weeks} to {d.long_min_weeks - 1} working weeks",
        "Effect": _pct(d.medium),
    },
    {
        "Fact": "Time together",
        "Value": f"under {d.medium_min_weeks} working weeks",
        "Effect": _pct(d.short),
    },
    {
        "Fact": "Time together",
        "Value": "No experience linked",
        "Effect": _pct(d.unlinked),
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
st.markdown(
    "**Working weeks.** Time together is counted so that a Monday-to-Friday block counts in "
    "full: the days from the first to the last day (both included), plus two, divided by "
    "seven and rounded down. Four Monday-to-Friday weeks (26 days) are "
    f"{working_weeks(date(2026, 10, 5), date(2026, 10, 30))} weeks; two of them (12 days) are "
    f"{working_weeks(date(2026, 10, 19), date(2026, 10, 30))}. The same count decides when a "
    f"rotation is too short to write from (under {terms['short_rotation_weeks']} working "
    "weeks)."
)

st.header("2. What a letter is worth to each track", divider="gray")
st.markdown(
    "A letter's value for a track (0–100) is its quality times how well it fits the track "
    "(its tier or its department slot, as the track's rules say) times how recent it is.\n\n"
    "**How old a letter is.** Its age on your submission date runs from the *earlier* of the "
    "letter's date and the last day of the experience where the writer saw your work: a "
    "letter written this year about work done four years ago is a four-year-old letter, "
    "because the writer's memory and your progress since are what programs discount. A "
    "letter not yet written is dated when it can be written (the end of the experience, or "
    "today if that is later); an experience still under way counts as ending today. A writer "
    "linked to no experience is dated from the letter, or from today.\n\n"
    "**Departments.** A pediatrician's letter counts as pediatric unless the shared "
    "experience was an adult (internal-medicine) service, and an internist's counts as "
    "internal medicine unless it was a pediatric one; an unlinked writer counts for their "
    "own field. A Med-Peds physician counts for the department of the service, or for both "
    "on a combined service."
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
                "counts for both departments. A physician who saw your clinical work in family "
                "medicine or another clinical field fills the core-clinical slot: the Med-Peds "
                "letters guide accepts such a letter as the third, next to internal medicine "
                "and pediatrics. Research mentors, non-physicians, non-clinical writers and "
                "social contacts are supplementary."
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

st.header("3. Which letters count", divider="gray")
st.markdown(
    "**Never sent.** Three kinds of letter are never part of a recommended set and never count "
    "for anything: a writer who declined; a writer who knows you socially or through family "
    "(the Pediatrics letters guide warns against such letters); and a writer who asked you to "
    "draft the letter yourself (the Med-Peds letters guide calls that unethical). Their "
    "findings say to choose someone else.\n\n"
    "**Credible.** Any other letter is credible for a track when its value for that track "
    f"reaches the track's floor ({terms['credible_min_value']}, a number of lorkit's own "
    "scoring model). Every requirement (at least "
    "so many letters, from pediatrics, from internal medicine, from the US…) counts credible "
    "letters only, so a weak letter can still fill a place in a short set but never ticks a "
    "requirement's box; the finding names it as too weak to count.\n\n"
    "**Strong.** A credible letter is strong when its value also reaches a higher floor "
    f"({terms['fourth_letter_min_value']}) and it has no warning or error finding of its own "
    "(a short rotation, a hesitant writer, a senior writer who did not supervise you, a letter "
    "you have not waived, an ageing letter…)."
)

st.header("4. The recommended set and readiness", divider="gray")
st.markdown(
    "For each track lorkit picks, from the letters that can be sent, the set of at most "
    f"{terms['max_letters']} with the highest set score. The search is exact but never tries "
    f"every combination: a letter that {terms['max_letters']} others beat on value and on "
    "every requirement is dropped, and the rest are searched best-first, abandoning any "
    "branch that can no longer win.\n\n"
    f"The **set score** is the average value of the best {terms['min_letters']} letters (a "
    "missing letter counts as zero). Each requirement the set misses then takes its share off "
    f"(at most {terms['max_penalty']} in all). **Readiness** is the best set score, "
    "rounded.\n\n"
    "**The optional fourth letter.** ERAS lets a program receive up to "
    f"{terms['max_letters']} letters, but that is a ceiling, not a target: the Pediatrics "
    "letters guide says three strong letters beat four average ones and suggests four only if "
    "all are strong, and the Med-Peds letters guide keeps a fourth letter optional. So a set "
    f"holds more than {terms['min_letters']} letters only "
    "when every letter in it is strong; each extra letter then adds a little for every point "
    "of value above the higher floor. When a letter is left out, lorkit says why in words "
    "that fit the cause: the writer's field, the country, the kind or length of the "
    "experience, the age of the work, or a problem of its own.\n\n"
    "**When a track is not ready**, a finding always says why: an unmet requirement, a "
    "must-fix finding, or, when enough letters count but their values are middling, a "
    "finding that gives the set's strength and where most points are lost."
)
for t in tracks:
    st.markdown(
        f"**{t.label}**: a letter beyond the first {t.min_letters} goes only when every letter "
        f"in the set is worth at least {num(t.fourth_letter_min_value)} and has no warning of "
        f"its own; a letter counts towards a requirement from {num(t.credible_min_value)}."
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
st.header("5. The plan's dates", divider="gray")
st.markdown(
    "Each writer's steps follow where your request stands. **A candidate** on a rotation "
    f"still ahead or under way is mentioned {weeks(plan.mention_from_days)}–"
    f"{span(plan.mention_by_days)} in and asked formally as it ends (the Pediatrics letters "
    "guide); for an experience long past, the ask is due now. Either way the ask comes no "
    f"later than {span(plan.ask_by_days)} before submission (both letters guides), and never "
    "after it. **An asked writer** gets a short follow-up a week later. **A writer who "
    f"agreed** gets the packet within {span(plan.packet_within_days)} and reminders "
    f"{span(plan.reminder_days[0])} and {span(plan.reminder_days[-1])} before submission; no "
    "ask e-mail is drafted for them. **An uploaded letter** gets one step: assign it to your "
    "programs in ERAS. The dates in the e-mail drafts are the dates in the plan.\n\n"
    "**After you apply.** Once your submission date has passed, a letter still on its way is "
    "overdue (a must-fix finding) only when your set needs it, that is when the letters "
    "already uploaded do not meet the track's requirements. Otherwise it is an extra: ERAS "
    "does not assign a letter uploaded after you apply to your programs, so lorkit reminds "
    "you to assign it yourself when it arrives. Applicants who graduated more than "
    f"{terms['graduation_gap_years']} years before applying are told that more programs "
    "screen on this, and that recent hands-on US experience matters more for them."
)

st.header("6. Findings", divider="gray")
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

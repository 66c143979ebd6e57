"""The enumerations of the profile format, each code with the label people read.

Codes are the stable contract stored in files; labels are what the app and reports show.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a human label, and a short one for tables."""

    label: str
    short: str

    # label has a default only so that a type checker accepts the lookup `Location("us")`,
    # which finds an existing member and never calls __new__.
    def __new__(cls, code: str, label: str = "", short: str | None = None) -> LabelledEnum:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        # By default the short label drops the explanation: "Elective (hands-on)" → "Elective".
        member.short = short or label.split(" (")[0]
        return member

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {m.value: m.label for m in cls}

    @classmethod
    def short_labels(cls) -> dict[str, str]:
        return {m.value: m.short for m in cls}


class Location(LabelledEnum):
    US = ("us", "United States", "US")
    NON_US = ("non-us", "Outside the US", "Non-US")


class Specialty(LabelledEnum):
    PEDIATRICS = ("pediatrics", "Pediatrics (general)")
    PEDS_SUBSPECIALTY = ("peds-subspecialty", "Pediatric subspecialty (NICU, PICU, cardiology…)")
    INTERNAL_MEDICINE = ("internal-medicine", "Internal medicine (general)")
    IM_SUBSPECIALTY = ("im-subspecialty", "Internal-medicine subspecialty", "IM subspecialty")
    MED_PEDS = ("med-peds", "Medicine-Pediatrics (combined)", "Med-Peds")
    FAMILY_MEDICINE = ("family-medicine", "Family medicine")
    OTHER_CLINICAL = ("other-clinical", "Another clinical field", "Other clinical")
    NON_CLINICAL = ("non-clinical", "Non-clinical")


class RotationSpecialty(LabelledEnum):
    """A rotation's service: the writer specialties plus research."""

    PEDIATRICS = ("pediatrics", "Pediatrics (general)")
    PEDS_SUBSPECIALTY = ("peds-subspecialty", "Pediatric subspecialty (NICU, PICU, cardiology…)")
    INTERNAL_MEDICINE = ("internal-medicine", "Internal medicine (general)")
    IM_SUBSPECIALTY = ("im-subspecialty", "Internal-medicine subspecialty", "IM subspecialty")
    MED_PEDS = ("med-peds", "Medicine-Pediatrics (combined)", "Med-Peds")
    FAMILY_MEDICINE = ("family-medicine", "Family medicine")
    OTHER_CLINICAL = ("other-clinical", "Another clinical field", "Other clinical")
    NON_CLINICAL = ("non-clinical", "Non-clinical")
    RESEARCH = ("research", "Research")


class Setting(LabelledEnum):
    INPATIENT = ("inpatient", "Inpatient wards", "Inpatient")
    OUTPATIENT = ("outpatient", "Outpatient clinic", "Outpatient")
    ICU = ("icu", "Intensive care (NICU, PICU, MICU)")
    EMERGENCY = ("emergency", "Emergency department", "Emergency")
    RESEARCH = ("research", "Research")
    MIXED = ("mixed", "Mixed inpatient and outpatient", "Mixed")


class Kind(LabelledEnum):
    SUB_INTERNSHIP = ("sub-internship", "Sub-internship (acting intern)")
    CLERKSHIP = ("clerkship", "Clerkship / core rotation", "Clerkship")
    ELECTIVE = ("elective", "Elective")
    EXTERNSHIP = ("externship", "Externship (hands-on)")
    OBSERVERSHIP = ("observership", "Observership (observe only)")
    RESEARCH = ("research", "Research")
    CLINICAL_JOB = ("clinical-job", "Clinical job / house officer post", "Clinical job")


HANDS_ON_KINDS = frozenset(
    {Kind.SUB_INTERNSHIP, Kind.CLERKSHIP, Kind.ELECTIVE, Kind.EXTERNSHIP, Kind.CLINICAL_JOB}
)


class Role(LabelledEnum):
    ATTENDING = ("attending", "Attending physician")
    PROGRAM_LEADERSHIP = (
        "program-leadership",
        "Program leadership (PD, APD, clerkship director)",
    )
    DEPARTMENT_CHAIR = ("department-chair", "Department chair")
    RESEARCH_MENTOR = ("research-mentor", "Research mentor")
    NON_PHYSICIAN = ("non-physician", "Not a physician (nurse, psychologist…)", "Non-physician")
    NON_CLINICAL_FACULTY = (
        "non-clinical-faculty",
        "Non-clinical faculty (dean, basic science)",
        "Non-clinical",
    )


PHYSICIAN_ROLES = frozenset(
    {Role.ATTENDING, Role.PROGRAM_LEADERSHIP, Role.DEPARTMENT_CHAIR, Role.RESEARCH_MENTOR}
)
SENIOR_ROLES = frozenset({Role.PROGRAM_LEADERSHIP, Role.DEPARTMENT_CHAIR})


class Relationship(LabelledEnum):
    DIRECT = ("direct-supervision", "Supervised my clinical work directly", "Direct")
    INDIRECT = ("indirect", "Saw my work indirectly (team, conferences)", "Indirect")
    RESEARCH_ONLY = ("research-only", "Knows me from research only", "Research only")
    SOCIAL = ("social", "Knows me socially / through family", "Social")


class Status(LabelledEnum):
    CANDIDATE = ("candidate", "Candidate (not asked yet)")
    ASKED = ("asked", "Asked, waiting for an answer", "Asked")
    AGREED_STRONG = ("agreed-strong", "Agreed to write a strong letter", "Agreed")
    HESITANT = ("hesitant", "Agreed, but vague or reluctant", "Hesitant")
    DECLINED = ("declined", "Declined")
    UPLOADED = ("uploaded", "Letter uploaded to ERAS", "Uploaded")


class Visa(LabelledEnum):
    """The visa an applicant who needs one can train on (only read when `needs_visa`)."""

    J1 = ("j1", "J-1 only", "J-1")
    H1B = ("h1b", "H-1B only", "H-1B")
    EITHER = ("either", "J-1 or H-1B", "Either")


class ChairLetter(LabelledEnum):
    """What a program says about a letter from a department chair."""

    REQUIRED = ("required", "Required")
    PREFERRED = ("preferred", "Preferred, not required", "Preferred")
    NOT_REQUIRED = ("not-required", "Not required")
    UNKNOWN = ("unknown", "Unknown (the program does not say)", "Unknown")


class ObservershipLetters(LabelledEnum):
    """Whether a program counts letters from observerships."""

    ACCEPTED = ("accepted", "Accepted")
    NOT_ACCEPTED = ("not-accepted", "Not accepted (hands-on experience only)", "Not accepted")
    UNKNOWN = ("unknown", "Unknown (the program does not say)", "Unknown")


class SponsoredVisa(LabelledEnum):
    """A visa a program sponsors for residents."""

    J1 = ("j1", "J-1", "J-1")
    H1B = ("h1b", "H-1B", "H-1B")


class ProgramStatus(LabelledEnum):
    """Where a program on the applicant's list stands."""

    COVERED = ("covered", "Covered: its letter rules are met", "Covered")
    GAPS = ("gaps", "Gaps: some of its letter rules are not met", "Gaps")
    INELIGIBLE = ("ineligible", "Not eligible (visa, graduation year or track)", "Not eligible")


class CareerFocus(LabelledEnum):
    INPATIENT = ("inpatient", "Inpatient / hospital medicine")
    OUTPATIENT = ("outpatient", "Outpatient / clinic")
    CRITICAL_CARE = ("critical-care", "Critical care")
    SUBSPECIALTY = ("subspecialty", "A subspecialty")
    RESEARCH = ("research", "Research / academic")
    ADOLESCENT_TRANSITION = ("adolescent-transition", "Adolescents and transition to adult care")
    PRIMARY_CARE = ("primary-care", "Primary care")


class Severity(LabelledEnum):
    ERROR = ("error", "Must fix")
    WARNING = ("warning", "Should fix")
    INFO = ("info", "Worth knowing")


class Verdict(LabelledEnum):
    READY = ("ready", "Ready")
    NEARLY_READY = ("nearly-ready", "Nearly ready")
    AT_RISK = ("at-risk", "At risk")
    NOT_READY = ("not-ready", "Not ready")


class PacketItem(LabelledEnum):
    """What to send a writer who agreed, so the letter can be specific."""

    CV = ("cv", "Your CV")
    PERSONAL_STATEMENT = ("personal-statement", "Personal statement draft")
    WORK_SUMMARY = ("work-summary", "Summary of your work together, with notable cases")
    PHOTO = ("photo", "A photo, to put a face to the name")
    ERAS_REQUEST = ("eras-request", "ERAS letter request: instructions, Letter ID and dates")
    # Items only some tracks add (a track file's packet_extras); see scoring.toml's packet.
    EXAM_SCORES = ("exam-scores", "USMLE scores")
    COMBINED_POINTS = ("combined-points", "Why combined training: your talking points")


class Step(LabelledEnum):
    """Steps of the plan the applicant ticks off; asking is tracked by the writer's status."""

    MENTIONED = ("mentioned", "Mentioned the letter during the rotation")
    PACKET_SENT = ("packet-sent", "Sent the packet")
    REMINDED_2W = ("reminded-2w", "Sent the gentle reminder")
    REMINDED_1W = ("reminded-1w", "Sent the last reminder")


class DraftKind(LabelledEnum):
    MENTION = ("mention", "Early mention")
    ASK = ("ask", "Formal ask for a strong letter")
    PACKET = ("packet", "Packet cover note")
    REMINDER = ("reminder", "Gentle reminder")

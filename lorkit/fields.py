"""How each field of an experience or a writer is shown to people.

One entry per field: the short label used as a column header, in CSV files and in every
message about the field; the plain question a form asks; and a one-line hint. Forms, the
overview tables, the CSV bridge and validation messages all read from here, so a field is
called the same thing wherever the user meets it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lorkit.enums import (
    ChairLetter,
    Kind,
    LabelledEnum,
    Location,
    ObservershipLetters,
    Relationship,
    Role,
    RotationSpecialty,
    Setting,
    Specialty,
    Status,
)


@dataclass(frozen=True, slots=True)
class FieldInfo:
    name: str
    label: str
    question: str
    hint: str
    # text, long-text, choice, date, flag, link, id; for programs also count (a number, or
    # empty for "the program does not say"), visas (a list, or empty for unknown) and url
    kind: str = "text"
    choices: type[LabelledEnum] | None = None
    required: bool = False


def _fields(*items: FieldInfo) -> dict[str, FieldInfo]:
    return {f.name: f for f in items}


ROTATION = _fields(
    FieldInfo("id", "Id", "Id", "A short code that links writers to this experience.", "id"),
    FieldInfo(
        "institution",
        "Institution",
        "Where was this experience?",
        "The hospital, clinic or lab, as you would write it on your CV.",
        required=True,
    ),
    FieldInfo(
        "location",
        "Country",
        "Was it in the United States?",
        "Programs weigh US clinical experience differently from experience elsewhere.",
        "choice",
        Location,
        required=True,
    ),
    FieldInfo(
        "specialty",
        "Service",
        "Which service or department was it?",
        "The team you worked on, for example general pediatrics or internal medicine.",
        "choice",
        RotationSpecialty,
        required=True,
    ),
    FieldInfo(
        "kind",
        "Kind",
        "What kind of experience was it?",
        "Observerships and research are not hands-on: you did not care for patients yourself.",
        "choice",
        Kind,
        required=True,
    ),
    FieldInfo(
        "setting",
        "Setting",
        "Where did most of the work happen?",
        "Wards, clinic, intensive care, emergency or research.",
        "choice",
        Setting,
        required=True,
    ),
    FieldInfo(
        "start",
        "First day",
        "What was the first day?",
        "Year-month-day, for example 2027-03-01. A planned experience can be in the future.",
        "date",
        required=True,
    ),
    FieldInfo(
        "end",
        "Last day",
        "What was the last day?",
        "Year-month-day. The longer you worked together, the more a writer can say.",
        "date",
        required=True,
    ),
    FieldInfo(
        "notes",
        "Notes",
        "Anything to remember about it? (optional)",
        "For you only, for example cases you presented. Not used in the score.",
        "long-text",
    ),
)

WRITER = _fields(
    FieldInfo("id", "Id", "Id", "A short code for this writer.", "id"),
    FieldInfo(
        "name",
        "Name",
        "What is the writer's name?",
        "As it will appear in ERAS, for example Dr. Helen Marsh.",
        required=True,
    ),
    FieldInfo(
        "title",
        "Position",
        "What is their position? (optional)",
        "For example pediatric hospitalist or program director.",
    ),
    FieldInfo(
        "rotation_id",
        "Experience",
        "Where did this person see your work?",
        "Choose the experience you shared. Add it on the Experiences page if it is missing.",
        "link",
    ),
    FieldInfo(
        "relationship",
        "Contact",
        "Did they supervise you directly?",
        "Direct supervision of your clinical work makes the most convincing letter.",
        "choice",
        Relationship,
        required=True,
    ),
    FieldInfo(
        "role",
        "Role",
        "What was their role towards you?",
        "A chair or program director who did not supervise you writes a weaker letter.",
        "choice",
        Role,
        required=True,
    ),
    FieldInfo(
        "specialty",
        "Field",
        "What is their own field?",
        "Their specialty, not the rotation's: a cardiologist on a pediatric ward is a "
        "pediatric subspecialist.",
        "choice",
        Specialty,
        required=True,
    ),
    FieldInfo(
        "location",
        "Country",
        "Do they practise in the United States?",
        "A letter from a US physician who knows your work carries the most weight.",
        "choice",
        Location,
        required=True,
    ),
    FieldInfo(
        "status",
        "Status",
        "Where does your request stand?",
        "Choose 'Candidate' if you have not asked yet.",
        "choice",
        Status,
        required=True,
    ),
    FieldInfo(
        "asked_on",
        "Asked on",
        "When did you ask formally? (optional)",
        "Year-month-day. Leave empty if you have not asked yet.",
        "date",
    ),
    FieldInfo(
        "letter_date",
        "Letter date",
        "What date is on the letter? (optional)",
        "Year-month-day, once the letter is written or uploaded.",
        "date",
    ),
    FieldInfo(
        "waived",
        "Waived",
        "You waived your right to read the letter",
        "Programs trust a letter more when you cannot read it.",
        "flag",
    ),
    FieldInfo(
        "asked_for_strong",
        "Asked for strong",
        "You asked, in so many words, for a strong letter",
        "A writer who cannot write a strong letter can then say so.",
        "flag",
    ),
    FieldInfo(
        "knows_goal",
        "Knows your goal",
        "They know which specialty you are applying to, and why",
        "A letter that speaks to your goal reads as a real endorsement.",
        "flag",
    ),
    FieldInfo(
        "peds_exposure",
        "Saw you with children",
        "They saw you care for children (family-medicine or IM writers)",
        "Counts for Pediatrics when a family-medicine or IM writer saw your pediatric care.",
        "flag",
    ),
    FieldInfo(
        "asked_to_self_draft",
        "Asked you to draft",
        "They asked you to write the letter yourself",
        "A letter you drafted is not an honest letter: choose another writer.",
        "flag",
    ),
    FieldInfo(
        "previous_season",
        "From an earlier season",
        "The letter was uploaded in an earlier application season",
        "Programs see its original upload date: ask the writer to update it.",
        "flag",
    ),
    FieldInfo(
        "notes",
        "Notes",
        "Anything to remember about this writer? (optional)",
        "For you only, for example their e-mail or assistant. Not used in the score.",
        "long-text",
    ),
)

# Planning fields on a writer, edited on the Plan page, never in forms or CSV files.
WRITER_PLAN_FIELDS = ("packet", "steps_done", "drafts")

APPLICANT_LABELS = {
    "name": "Name",
    "tracks": "Tracks",
    "submission_date": "Submission date",
    "graduation_year": "Graduation year",
    "needs_visa": "Needs a visa",
    "visa": "Visa",
    "career_focus": "Career focus",
}

PROGRAM = _fields(
    FieldInfo("id", "Id", "Id", "A short code for this program.", "id"),
    FieldInfo(
        "name",
        "Program",
        "What is the program called?",
        "Its name as ERAS lists it, so the assignment sheet matches what you see there.",
        required=True,
    ),
    FieldInfo(
        "track",
        "Track",
        "Which kind of program is it?",
        "Categorical Pediatrics or combined Medicine-Pediatrics.",
        "track",
        required=True,
    ),
    FieldInfo(
        "letters_min",
        "Fewest letters",
        "How many letters does it ask for at least?",
        "Leave it unknown if the page does not say.",
        "count",
    ),
    FieldInfo(
        "letters_max",
        "Most letters",
        "How many letters will it read at most?",
        "ERAS lets you assign at most 4 letters to a program.",
        "count",
    ),
    FieldInfo(
        "chair_letter",
        "Chair letter",
        "Does it want a letter from a department chair?",
        "Some Med-Peds programs require one; others say they do not want a pro-forma chair letter.",
        "choice",
        ChairLetter,
    ),
    FieldInfo(
        "min_pediatric_letters",
        "Pediatric letters",
        "How many letters from pediatricians does it ask for?",
        "Count only what the program states; leave it unknown otherwise.",
        "count",
    ),
    FieldInfo(
        "min_im_letters",
        "IM letters",
        "How many letters from internists does it ask for?",
        "Med-Peds programs often want at least one from each department.",
        "count",
    ),
    FieldInfo(
        "min_us_letters",
        "US letters",
        "How many letters from US physicians does it ask for?",
        "Some programs want at least one letter from a US (or Canadian) physician.",
        "count",
    ),
    FieldInfo(
        "observership_letters",
        "Observership letters",
        "Does it count letters from observerships?",
        "Some programs count only hands-on experience with direct patient care.",
        "choice",
        ObservershipLetters,
    ),
    FieldInfo(
        "letter_max_age_months",
        "Letter age limit (months)",
        "How recent must the letters be, in months?",
        "For example 6 for letters written within the last six months; unknown if no limit.",
        "count",
    ),
    FieldInfo(
        "graduation_within_years",
        "Graduated within (years)",
        "Within how many years of graduating does it take applicants?",
        "For example 5; leave it unknown if the program sets no cut-off.",
        "count",
    ),
    FieldInfo(
        "visa",
        "Visas sponsored",
        "Which visas does it sponsor?",
        "Choose none if it sponsors no visa; leave it unknown if the page does not say.",
        "visas",
    ),
    FieldInfo(
        "source_url",
        "Source",
        "Where did you read these rules?",
        "The address of the program's page, so you can check it again later.",
        "url",
    ),
    FieldInfo(
        "as_of",
        "Read on",
        "When did you read that page?",
        "Program pages change every season; re-read them before you apply.",
        "date",
    ),
    FieldInfo(
        "notes",
        "Notes",
        "Anything else the program asks for?",
        "For example a state medical board letter or months of hands-on US experience.",
        "long-text",
    ),
)

SECTIONS = {"rotations": ROTATION, "writers": WRITER, "programs": PROGRAM}
SECTION_TITLES = {
    "applicant": "Profile",
    "rotations": "Experiences",
    "writers": "Letter writers",
    "programs": "Programs",
    "scenarios": "Scenarios",
}
SECTION_ITEM = {"rotations": "experience", "writers": "writer", "programs": "program"}


SCENARIO_LABELS = {
    "id": "Id",
    "name": "Name",
    "leave_out": "Letters left out",
    "set_status": "Statuses changed",
    "add_rotations": "Planned experiences",
    "add_writers": "Planned writers",
    "notes": "Notes",
}


def label(section: str, name: str) -> str:
    """The label a field has on screen; the raw name for anything not listed."""
    if section == "applicant":
        return APPLICANT_LABELS.get(name, name)
    info = SECTIONS.get(section, {}).get(name)
    if info is not None:
        return info.label
    if section == "scenarios":
        return SCENARIO_LABELS.get(name, name)
    if section == "writers" and name in WRITER_PLAN_FIELDS:
        return {"packet": "Packet", "steps_done": "Steps done", "drafts": "E-mail drafts"}[name]
    return name

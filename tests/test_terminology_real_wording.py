"""Fact and language rules on forms real pages use (the real texts' wording, rewritten in our own words)."""

from __future__ import annotations

import pytest

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions

_LINTER = Linter(Config(), RunOptions(select=("terminology", "language"), profile="web"))
_ABBREVIATIONS = Linter(Config(), RunOptions(select=("undefined-abbreviation",), profile="web"))


def names(text: str) -> set[str]:
    return {finding.name for finding in _LINTER.lint_bytes("page.txt", text.encode("utf-8"), "text").findings}


FOUND = [
    ("Ketamine is approved by the FDA for use in anesthesia and analgesia.", "ketamine-fda-approval"),
    ("Our ketamine has been FDA-approved for pain control since 1970.", "ketamine-fda-approval"),
    ("It was approved as an analgesic in the early 1960s.", "approval-date"),
    ("Ketamine was discovered in the 1970s by chemists in Michigan.", "approval-date"),
    ("Ketamine was first studied in the 1950s.", "approval-date"),
    ("Unlike opioids, ketamine does not cause respiratory depression.", "breathing"),
    ("Spravato, like other ketamine treatments, is given in our office.", "spravato-is-ketamine"),
    ("Last year the FDA cleared a ketamine-based nasal spray.", "spravato-is-ketamine"),
    ("Therapy with this psychedelic drug can open old memories, and ketamine sessions last about an hour.", "psychedelic"),
    ("Many veterans grappling with PTSD come to us.", "suffering-wording"),
    ("Unlike opioids, ketamine maintains respiratory drive.", "breathing"),
    ("Ketamine has very little effect on your breathing.", "breathing"),
    ("Infusions carry negligible respiratory risks.", "breathing"),
    ("Ketamine works much like other classical psychedelic medicines do.", "psychedelic"),
    ("Ketamine does not slow the patient\u2019s breathing.", "breathing"),
    ("Spravato, an FDA-approved form of ketamine, is given in our clinic.", "spravato-is-ketamine"),
    ("The VA now offers a ketamine-based medication, Spravato.", "spravato-is-ketamine"),
    ("Many veterans suffer from AUD.", "suffering-wording"),
    ("It generally does not impact your breathing.", "breathing"),
    ("Spravato is a nasal spray that contains ketamine.", "spravato-is-ketamine"),
    ("TMS and the psychedelic anesthetic ketamine are both options.", "psychedelic"),
    ("He had struggled for many years with bipolar depression.", "suffering-wording"),
    ("Early screening spares a sufferer months of waiting.", "suffering-wording"),
    ("Many people still suffer this condition in silence.", "suffering-wording"),
    ("Ketamine, sometimes called Special K, is an anesthetic.", "street-names"),
]

LEFT_ALONE = [
    "Ketamine was approved by the FDA in 1970 as an anesthetic.",
    "Ketamine was first synthesized in 1962 and approved in 1970.",
    "Ketamine was developed in the 1960s.",
    "Ketamine can cause respiratory depression, so we watch your breathing the whole time.",
    "The FDA approved ketamine for use in anesthesia; pain relief is an off-label use.",
    "Spravato (esketamine) is approved for adults with treatment-resistant depression.",
    "Psilocybin is a psychedelic; this psychedelic drug is not offered here.",
    "Compounded ketamine-based nasal sprays from a compounding pharmacy are not FDA-approved.",
    "Our team is grappling with how to keep prices down.",
    "Keep breathing slowly and calmly, and maintain steady breathing if you feel anxious.",
    "Ketamine can slow breathing, especially with alcohol or opioids, so we watch your breathing.",
    "Esketamine, a more potent version of ketamine, is the medicine in Spravato.",
    "Spravato is a nasal spray that contains esketamine.",
    "Many people suffer side effects such as nausea.",
    # the recreational name marked as such is a mention, not use
    "In the 1990s it spread as a club drug called Special K.",
    "Recreationally called Special K, ketamine is a different thing in a clinic.",
]


@pytest.mark.parametrize(("text", "name"), FOUND)
def test_real_wording_is_found(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_look_alike_is_left_alone(text: str) -> None:
    assert not names(text) - {"undefined-abbreviation"}, names(text)


# "ketamine nasal spray" names Spravato wrongly on a Spravato page, and names a compounded racemic
# spray rightly on a page that never mentions Spravato or esketamine.
SPRAY_ON_A_SPRAVATO_PAGE = (
    "Reminder: your ketamine nasal spray visit is on Friday at 10 AM\n\n"
    "Hi Sam, this is a note from Northfield Mood Clinic about your Spravato treatment.\n"
)
SPRAY_ON_A_COMPOUNDED_SPRAY_PAGE = (
    "At-Home Ketamine Nasal Spray\n\n"
    "How does the ketamine nasal spray work?\n"
    "Your clinician prescribes the ketamine nasal spray after a video visit, and you use it at home on a set schedule.\n"
)


def test_ketamine_nasal_spray_is_reported_on_a_spravato_page() -> None:
    assert "spravato-is-ketamine" in names(SPRAY_ON_A_SPRAVATO_PAGE)


def test_ketamine_nasal_spray_is_left_alone_where_no_spravato_is_in_sight() -> None:
    assert "spravato-is-ketamine" not in names(SPRAY_ON_A_COMPOUNDED_SPRAY_PAGE)


def test_a_heading_with_a_lower_case_verb_is_in_sentence_case() -> None:
    """Title Case capitalises verbs ("What Is Oral Ketamine?"), so "What is Ketamine?" is a
    sentence-case heading whose generic name is written like a brand."""
    assert "drug-name-case" in names("What is Ketamine?\n\nKetamine is an anesthetic used in hospitals.\n")
    assert "drug-name-case" in names("How effective is Ketamine therapy?\n\nIt helps some people.\n")
    assert "drug-name-case" not in names("What Is Ketamine?\n\nKetamine is an anesthetic used in hospitals.\n")
    assert "drug-name-case" not in names("What Is Oral Ketamine?\n\nIt is a lozenge you hold in your mouth.\n")


def test_a_title_line_in_plain_text_is_a_heading_even_before_its_paragraph() -> None:
    """Scraped text often puts the page title on the line right above the first paragraph; the
    title's capitals are Title Case, not a brand-like generic name."""
    assert "drug-name-case" not in names("Home Lozenge Ketamine Therapy Explained\nA first visit is needed before any dose.\n")
    assert "drug-name-case" not in names("Common Questions about Our IV Ketamine Treatments\n\nCall us.\n")
    assert "drug-name-case" not in names("Clinic Visits vs. Home Ketamine Treatments: a Comparison\n\nIt depends.\n")
    assert "drug-name-case" in names("Sublingual ketamine at home\nA first visit with Ketamine Therapy staff comes first.\n")


@pytest.mark.parametrize(
    "text",
    [
        "Our nurses now give IV Ketamine Therapy on Saturdays.\n",
        "Ask about IV Ketamine, or TMS, at the front desk.\n",
        "Some patients prefer Oral Ketamine at home.\n",
    ],
)
def test_a_route_before_the_generic_name_is_no_clinic_name(text: str) -> None:
    assert "drug-name-case" in names(text)


def test_a_footnote_number_after_a_full_stop_ends_the_sentence() -> None:
    """Scraped pages keep citation numbers ("... as an anesthetic.2 Ketamine ..."): the next word starts a sentence."""
    assert "drug-name-case" not in names("It is used as an anesthetic.2 Ketamine also eases pain in some people.\n")
    assert "drug-name-case" in names("It is used as an anesthetic and Ketamine also eases pain.\n")


def test_a_case_fix_that_changes_nothing_is_no_finding() -> None:
    """A match that opens a sentence keeps its capital, so its fix would write the same word:
    "(Ketamine itself ...)" after a closed sentence is right as it stands."""
    assert "drug-name-case" not in names("Spravato is given in the clinic (FDA). (Ketamine itself is a mixture of two forms.)\n")
    assert "drug-name-case" in names("Spravato is given in the clinic (and Ketamine is not).\n")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Read more from our founder.\n\n– Mara Lind, EDS, LMHC, and REAT\n", False),  # a person's credentials
        ("I first met the team at Harbor KLN for a consultation.\n", False),  # a clinic's letters after its name
        ("BRIGHT MIND is a psychiatric practice in Ohio.\n", False),  # a name in capitals
        ("By RBHA | March 3rd, 2021\n", False),  # a byline
        ("KLN offers infusions on weekdays.\n", True),  # at the start of a sentence it stands for words
        ("We treat OCD with infusions.\n", True),  # medical abbreviations are always spelled out
        ("Bring your PICC and CPAP supplies to the visit.\n", True),  # capitals joined by "and" are no name
        ("We met the nurses at Cedar Row KLN. Then we signed the forms.\n", False),  # a name before a full stop
        ("KRM Health now offers ketamine for depression.\n", False),  # an organisation's own word follows
        ("TRD Clinic patients wait less.\n", True),  # ... but not for a medical abbreviation
        ("Our nurses at Birch Hollow TMS answer calls daily.\n", False),  # a practice named after its treatment
        ("Ask about our Spravato REMS enrolment.\n", True),  # a drug's program is no practice
        ("Ask about Ketamine Therapy IV options.\n", True),  # nor is a treatment's name
        ("Many adults live with Generalized Anxiety GAD symptoms.\n", True),  # the long form's own words
        ("You may watch a DVD during the infusion.\n", False),  # known to everyone
    ],
)
def test_capitals_in_a_name_are_no_abbreviation(text: str, found: bool) -> None:
    reported = {finding.name for finding in _ABBREVIATIONS.lint_bytes("page.txt", text.encode("utf-8"), "text").findings}
    assert ("undefined-abbreviation" in reported) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It needs a diagnosis called treatment-resistant depression, or TRD. TRD is common.\n", False),
        ("Guided sessions (ketamine-assisted psychotherapy, or KAP) can help.\n", False),
        ("Ketamine-assisted psychotherapy \u2014 \u201cKAP\u201d for short \u2014 is offered here.\n", False),
        ("It treats treatment-resistant depression (TRD; depression that has not improved).\n", False),
        ("It raises BDNF \u2013 brain-derived neurotrophic factor \u2013 in the brain.\n", False),
        ("It raises BDNF - a protein in the brain.\n", True),  # a dash, but the words do not spell it
        ("People with depression or TRD may benefit.\n", True),  # the words before do not spell it
        ("You may have tried therapy or TMS.\n", True),
        ("It acts on NMDA/glutamate receptors in the brain.\n", True),  # a pair of terms joined by a slash
        ("We help with low mood/PTSD symptoms.\n", True),
        ("Our phone line is open 24/7 for KAP/IV questions.\n", False),  # capitals on both sides: a label
        ("Read the intake steps at example.org/KAP/intake today.\n", False),  # a web address
        ("Worry can raise the heart rate (NRB, 2019). It often returns.\n", False),  # an author cited by year
        ("Ask about IV (2019 prices) at the desk.\n", True),  # a year inside brackets is no citation
        ("Some people get shots or IV drips.\n", True),  # a list, not "long form, or ABBR"
    ],
)
def test_real_pages_spell_abbreviations_out_in_more_ways(text: str, found: bool) -> None:
    reported = {finding.name for finding in _ABBREVIATIONS.lint_bytes("page.txt", text.encode("utf-8"), "text").findings}
    assert ("undefined-abbreviation" in reported) is found

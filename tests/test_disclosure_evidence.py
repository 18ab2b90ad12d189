"""Disclosure evidence that means what it says.

An element is satisfied by a statement of its core point about the treatment
(the harm or the instruction, tied to ketamine, the session or the patient),
not by a word of its vocabulary in a sentence about something else. Each form
below has look-alikes that must not count and real statements that must.
"""

from __future__ import annotations

import pytest

from helpers import disclosure_missing as is_missing
from kaplint.kinds.base import ParamError
from kaplint.kinds.disclosure import DisclosureKind


INFUSIONS = "Our clinic offers ketamine infusions for depression. Each infusion takes about 40 minutes.\n\n"
SPRAVATO = "Spravato (esketamine) nasal spray is used for depression in adults. You use it at our clinic.\n\n"
AT_HOME = "You take your ketamine troche at home during each dosing session, after a video visit.\n\n"


# psychiatric-effects: a feeling about starting treatment is not an effect of it --------------
@pytest.mark.parametrize(
    "text",
    [
        "We know that starting something new can feel scary.",
        "Trying anything new can be frightening, and that is okay.",
        "It is normal to feel scared before your first appointment.",
        "Many people feel nervous about coming in for the first time.",
        "Our team understands that change can feel overwhelming.",
    ],
)
def test_apprehension_about_starting_is_not_a_psychiatric_effect(text: str) -> None:
    assert is_missing("psychiatric-effects", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "During the infusion some people feel scared or suspicious of those around them.",
        "Fear can surface as the medicine takes effect; your nurse will help you through it.",
        "Possible effects include:\n\n- feeling restless or on edge\n- nausea",
        "## During your session\n\n- Anxiety or a sense of dread for a few minutes",
        "Some patients become confused or see things that are not there.",
        "Ketamine may cause anxiety for a short time.",
    ],
)
def test_psychiatric_effects_said_of_the_treatment_count(text: str) -> None:
    assert not is_missing("psychiatric-effects", INFUSIONS + text)


# screening: "you cannot take it" names no condition ----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "You cannot take it home.",
        "You should not use the spray more than twice a week.",
        "Patients must not drive themselves afterwards.",
        "You can't bring food into the treatment room.",
    ],
)
def test_generic_prohibitions_are_not_screening(text: str) -> None:
    assert is_missing("screening", SPRAVATO + text)


@pytest.mark.parametrize(
    "text",
    [
        "People with uncontrolled high blood pressure should not use Spravato.",
        "If you have ever had a brain aneurysm, you cannot have this treatment.",
        "Spravato is not safe for anyone with a history of psychosis.",
        "Before your first dose, our psychiatrist completes a full medical evaluation.",
        "Anyone with a blood vessel disease is excluded from treatment.",
    ],
)
def test_exclusions_that_name_who_is_excluded_are_screening(text: str) -> None:
    assert not is_missing("screening", SPRAVATO + text)


# monitoring: a companion nearby is not watching ----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "We ask that a friend or family member stay nearby during your first session.",
        "A relative can be present if you like.",
        "Your partner is welcome to wait nearby.",
        "Our practice is run under the supervision of a licensed physician.",
        "Your kit includes a blood pressure cuff and a sleep mask.",
    ],
)
def test_company_nearby_is_not_monitoring(text: str) -> None:
    assert is_missing("monitoring", AT_HOME + text, profile="prep")


@pytest.mark.parametrize(
    "text",
    [
        "No clinician is present during home sessions, so a sober adult must stay with you.",
        "A trusted adult must watch over you until the effects wear off.",
        "Your sitter stays in the house during every session.",
        "You place the troche under the tongue yourself, under medical supervision.",
        "A nurse stays with you in the room for the whole dose.",
        "After each dose there is 2-hour post-dose observation.",
    ],
)
def test_someone_watching_the_dose_is_monitoring(text: str) -> None:
    assert not is_missing("monitoring", AT_HOME + text, profile="prep")


# the tied: prefix --------------------------------------------------------------------------
def test_a_statement_cannot_start_with_a_tied_concept() -> None:
    with pytest.raises(ParamError, match="cannot start with a 'tied:'"):
        DisclosureKind().compile(
            {
                "element": "custom-element",
                "levels": {"web": "error"},
                "concepts": {"harm": ["harm"], "cue": ["can"]},
                "evidence": [["tied:cue", "harm"]],
            }
        )


def test_a_tied_concept_in_the_next_sentence_does_not_tie() -> None:
    compiled = DisclosureKind().compile(
        {
            "element": "custom-element",
            "levels": {"web": "error"},
            "window": 2,
            "concepts": {"harm": ["scary"], "cue": ["during\\s+the\\s+session"]},
            "evidence": [["harm", "tied:cue"]],
        }
    )
    from kaplint.kinds.disclosure import evaluate
    from kaplint.loaders import load

    apart = load("a.md", b"Ketamine care. New things are scary. We help during the session.\n", "markdown")
    together = load("b.md", b"Ketamine care. It can be scary during the session.\n", "markdown")
    assert evaluate(compiled, apart, "web").status == "missing"
    assert evaluate(compiled, together, "web").status == "present"


# Structure: an open question is the heading of its answer -----------------------------------
def test_an_open_question_and_its_answer_are_read_together() -> None:
    faq = "How do I find out whether I am eligible?\n\nAdults must meet three requirements, listed below."
    assert not is_missing("screening", INFUSIONS + faq, profile="consent")
    # a yes/no question still needs "Yes" to count
    closed = "Is there an eligibility check?\n\nBook online in two minutes."
    assert is_missing("screening", INFUSIONS + closed, profile="consent")


@pytest.mark.parametrize(
    ("element", "text", "profile"),
    [
        ("screening", "At your first visit the physician examines you and reviews your condition.", "consent"),
        ("screening", "Your dose is set by our prescriber based on your age, weight and medical history.", "consent"),
        ("not-medical-advice", "This page is an educational overview of ketamine care.", "web"),
        ("not-medical-advice", "Always consult a doctor before using any ketamine product.", "web"),
        ("not-medical-advice", "Decide on treatment in consultation with your healthcare provider.", "web"),
        ("common-effects", "Expect some nausea and visual disturbances during the infusion.", "handout"),
        ("common-effects", "A short rise in blood pressure and some dizziness are usual.", "handout"),
    ],
)
def test_further_wordings_of_core_points(element: str, text: str, profile: str) -> None:
    assert not is_missing(element, INFUSIONS + text, profile=profile)


def test_the_drug_class_is_not_a_side_effect() -> None:
    text = "Ketamine, a dissociative anesthetic, is combined with talk therapy. Some people feel nauseous."
    assert is_missing("common-effects", INFUSIONS + text)


@pytest.mark.parametrize(
    ("element", "base", "profile"),
    [
        ("psychiatric-effects", INFUSIONS, "handout"),
        ("screening", INFUSIONS, "handout"),
        ("screening", INFUSIONS, "consent"),
        ("screening", SPRAVATO, "handout"),
        ("monitoring", INFUSIONS, "handout"),
        ("monitoring", AT_HOME, "prep"),
        ("not-medical-advice", INFUSIONS, "web"),
        ("common-effects", INFUSIONS, "handout"),
    ],
)
def test_each_base_text_reports_its_element_missing(element: str, base: str, profile: str) -> None:
    """The statements above count only because the base text alone lacks the element."""
    assert is_missing(element, base, profile=profile)

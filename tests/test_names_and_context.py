"""Names are names, and fact rules know their subject from the document (issue 15, items 3 and 4).

Every case is written in our own words: another clinic, other products, other numbers.
"""

from __future__ import annotations

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.rulepacks import load_rules
from kaplint.text.names import is_title_case, name_spans

RULES = load_rules()
BY_NAME = {rule.name: rule for rule in RULES}


def _findings(name: str, text: str, path: str = "case.md") -> list:
    linter = Linter(Config(), RunOptions(select=(BY_NAME[name].id,)), rules=RULES)
    return linter.lint_bytes(path, text.encode("utf-8")).findings


def _flagged(name: str, text: str, path: str = "case.md") -> list[str]:
    document = text
    return [document_slice(document, finding) for finding in _findings(name, text, path)]


def document_slice(text: str, finding) -> str:
    lines = text.splitlines()
    line = lines[finding.line - 1]
    return line[finding.column - 1 : finding.column - 1 + max(1, finding.end_column - finding.column)] if finding.end_line == finding.line else line[finding.column - 1 :]


# --- names -----------------------------------------------------------------------------------


def test_name_spans_find_agencies_and_leave_ordinary_sentences() -> None:
    text = "Data from the National Institute on Drug Abuse show it. Drug abuse is common."
    assert [text[start:end] for start, end in name_spans(text, [0, text.index("Drug abuse")])] == ["National Institute on Drug Abuse"]
    assert name_spans("Drug Abuse rises.", [0]) == []  # two capitals at a sentence start may be emphasis
    assert is_title_case("What Is Oral Ketamine?") and is_title_case("How to Get Ready for a Ketamine Session")
    assert not is_title_case("How do I know ketamine is safe?")


def test_agency_names_are_not_stigmatizing_wording() -> None:
    assert _findings("substance-use-wording", "Our counselors follow guidance from the Substance Abuse and Mental Health Services Administration.") == []
    assert _findings("substance-use-wording", "The National Institute on Drug Abuse funds this kind of research.") == []
    assert _findings("substance-use-wording", "Patients with a history of drug abuse need a longer intake.") != []
    assert _findings("substance-use-wording", "Drug abuse can make treatment unsafe.") != []


def test_a_clinic_brand_is_not_jargon() -> None:
    email = "Welcome to Elevate Mind!\n\nAt Elevate Mind, we will see you at 10 am. Elevate Mind staff will call you.\n\nThe Elevate Mind Team\n"
    assert _flagged("jargon", email) == []
    assert _flagged("jargon", "Gentle music can elevate your mood before a session.") == ["elevate"]


# --- drug names --------------------------------------------------------------------------------


def test_capitalised_treatment_names_mid_sentence_are_reported_with_a_lower_case_fix() -> None:
    findings = _findings("drug-name-case", "Most people start Ketamine Infusion Therapy after a phone screening.")
    assert [finding.suggestions[0] for finding in findings] == ["ketamine infusion therapy"] and findings[0].fix is not None
    assert _findings("drug-name-case", "Patients often begin Ketamine-Assisted Psychotherapy in spring.")[0].suggestions[0] == "ketamine-assisted psychotherapy"


def test_clinic_names_and_title_case_headings_keep_their_capitals() -> None:
    assert _findings("drug-name-case", "Call the Lakeside Ketamine Infusion Center to book.") == []
    assert _findings("drug-name-case", "Park behind the Harbor Ketamine building on Elm Street.") == []
    assert _findings("drug-name-case", "## Preparing for Your First Ketamine Infusion\n\nEat a light meal.\n") == []


def test_sentence_case_headings_and_questions_are_sentences() -> None:
    assert _flagged("drug-name-case", "## Who can receive Ketamine therapy?\n\nAdults after an evaluation.\n") == ["Ketamine"]


def test_a_line_after_a_salutation_in_plain_text_starts_a_sentence() -> None:
    assert _findings("drug-name-case", "Hello Jordan,\nKetamine sessions begin at 8 am on Tuesday.\n", "reminder.txt") == []


def test_words_typed_into_a_search_keep_their_case() -> None:
    assert _findings("drug-name-case", 'Many people type "spravato clinics close to me" into a search engine.') == []
    assert _findings("drug-name-case", "Ask whether spravato is covered by your plan.") != []


# --- abbreviations -------------------------------------------------------------------------------


def test_initials_of_a_name_given_earlier_are_defined() -> None:
    text = "Here in Oregon, Stone Harbor Wellness gives ketamine in person. A clinic like SHW keeps a nurse in the room."
    assert _findings("undefined-abbreviation", text) == []
    assert _flagged("undefined-abbreviation", "Ask SHW about the schedule.") == ["SHW"]
    # medical abbreviations must be spelled out properly even after a capitalised phrase
    assert _flagged("undefined-abbreviation", "Treatment Resistant Depression is common. TRD needs care.") == ["TRD"]


def test_a_title_that_gives_the_long_form_with_a_dash_defines_it() -> None:
    assert _findings("undefined-abbreviation", "# Ketamine for Obsessive Compulsive Disorder \u2013 OCD\n\nOCD can improve.\n") == []


def test_dotted_and_prefixed_abbreviations_are_found() -> None:
    assert _flagged("undefined-abbreviation", "The clinic gives ketamine by I.V. drip.") == ["I.V."]
    assert _flagged("undefined-abbreviation", "We offer post-KAP groups every month.") == ["KAP"]
    assert _findings("undefined-abbreviation", "Our office in the U.S. opens at 9 a.m.") == []


def test_drugs_known_by_their_letters_are_not_reported() -> None:
    assert _findings("undefined-abbreviation", "Ketamine is not the same as LSD or MDMA.") == []


# --- facts by context ----------------------------------------------------------------------------


def test_a_spravato_title_makes_the_handout_about_spravato() -> None:
    handout = "Your Spravato Visit, Step by Step\n\nAfter the dose\n1. You rest in a reclining chair.\n2. A nurse watches you for 45 minutes before you leave.\n"
    assert _flagged("spravato-monitoring-time", handout, "visit.txt") != []
    front_matter = "---\ntitle: What to expect with Spravato\n---\n\nA nurse watches you for 45 minutes before you leave.\n"
    assert _findings("spravato-monitoring-time", front_matter) != []


def test_the_document_subject_does_not_count_for_a_sentence_about_another_treatment() -> None:
    handout = "# Spravato and ketamine at our clinic\n\nAfter an IV ketamine infusion a nurse watches you for 45 minutes.\n"
    assert _findings("spravato-monitoring-time", handout) == []
    other = "# Your ketamine infusion day\n\nA nurse watches you for 45 minutes before you leave.\n"
    assert _findings("spravato-monitoring-time", other) == []


def test_a_spravato_page_says_what_it_is_approved_for() -> None:
    page = "# Is Spravato right for me?\n\nIt is FDA-approved to treat depression in adults.\n"
    assert _findings("spravato-indication", page) != []


# --- real-page forms, in our own words -------------------------------------------------------------


def test_pain_relief_is_not_an_approved_use() -> None:
    assert _findings("ketamine-fda-approval", "Our ketamine is FDA-approved as an anesthetic and analgesic.") != []
    assert _findings("ketamine-fda-approval", "Ketamine has been approved by the FDA for chronic pain.") != []
    assert _findings("ketamine-fda-approval", "Ketamine is approved by the FDA as an anesthetic for surgery.") == []


def test_spravato_called_a_ketamine_medicine_or_listed_as_a_form_of_ketamine() -> None:
    assert _findings("spravato-is-ketamine", "Spravato, an FDA approved ketamine treatment, needs two hours of observation.") != []
    assert _findings("spravato-is-ketamine", "Ask about one type of ketamine, Spravato, if pills have not helped.") != []
    assert _findings("spravato-is-ketamine", "Spravato contains esketamine, a medicine related to ketamine.") == []


def test_a_clause_about_other_antidepressants_is_not_ketamines_mechanism() -> None:
    assert _findings("mechanism", "Unlike older antidepressants, which mostly raise serotonin levels, ketamine acts on NMDA receptors.") == []
    assert _findings("mechanism", "Ketamine raises serotonin levels within hours.") != []


def test_other_real_page_forms() -> None:
    assert _findings("approval-date", "Ketamine has been an FDA-approved sedative since the 1960s.") != []
    assert _findings("breathing", "It is a good choice for field medicine because it works without the risk of respiratory failure.") != []
    assert _findings("psychedelic", "Clinics now offer psychedelics, like ketamine, for low mood.") != []
    assert _findings("route-names", "Rapid-dissolve tablets and troches are taken orally at home.") != []
    assert _findings("route-names", "Troches dissolve under the tongue; do not swallow them.") == []
    assert _findings("route-names", "A single shot of ketamine goes into the thigh muscle.") != []


def test_real_page_language_forms() -> None:
    assert _findings("substance-use-wording", "Most ketamine abuse happens outside clinics.") != []
    assert _findings("suffering-wording", "Many adults struggle with mental issues such as panic.") != []
    assert _findings("suffering-wording", "Millions suffer from this often disabling condition.") != []
    assert _findings("suffering-wording", "Many adults live with anxiety and get better with care.") == []


def test_spravato_packed_in_a_home_kit_and_instructions_not_to_swallow() -> None:
    assert _findings("spravato-at-home", "After approval, your home kit contains the medicine (troches or Spravato spray).") != []
    assert _findings("spravato-at-home", "Spravato is never part of a home kit; it is used only in our office.") == []
    assert _findings("route-names", "Avoid chewing or swallowing the troche while it dissolves.") == []

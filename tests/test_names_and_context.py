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

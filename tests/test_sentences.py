"""Sentence segmentation on tricky cases from health texts.

Abbreviations with periods, initials, decimals and doses must not end a
sentence; short sentences ("Stop. Call 911.") must not be merged or dropped.
"""

from __future__ import annotations

import pytest

from kaplint.text.segmentation import segment, split_sentences
from kaplint.loaders import load_text_format

CASES = [
    ("Can I take it home? No. Ketamine is a controlled substance.", ["Can I take it home?", "No.", "Ketamine is a controlled substance."]),
    ("See form No. 5 before you sign.", ["See form No. 5 before you sign."]),
    ("Dr. Lee will see you. Bring your ID.", ["Dr. Lee will see you.", "Bring your ID."]),
    ("Take 0.5 mg/kg over 40 minutes. Then rest.", ["Take 0.5 mg/kg over 40 minutes.", "Then rest."]),
    ("Ketamine (e.g. Ketalar) is an anesthetic. It was approved in 1970.", ["Ketamine (e.g. Ketalar) is an anesthetic.", "It was approved in 1970."]),
    ("It is approved in the U.S. for anesthesia.", ["It is approved in the U.S. for anesthesia."]),
    ("Call 911. Do not drive. Stop.", ["Call 911.", "Do not drive.", "Stop."]),
    ("Your visit is at 9 a.m. on Monday.", ["Your visit is at 9 a.m. on Monday."]),
    ("Arrive at 8:30 a.m. Please eat nothing after midnight.", ["Arrive at 8:30 a.m.", "Please eat nothing after midnight."]),
    ("J. R. Smith, M.D., leads our team. She trained in Ohio.", ["J. R. Smith, M.D., leads our team.", "She trained in Ohio."]),
    ("Response was 52% at 24 h. At day 7 it was 40%.", ["Response was 52% at 24 h.", "At day 7 it was 40%."]),
    ("Is ketamine safe? It has risks. Ask us!", ["Is ketamine safe?", "It has risks.", "Ask us!"]),
    ('"It helped me," she said. "I feel better."', ['"It helped me," she said.', '"I feel better."']),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ("See Fig. 2 for details.", ["See Fig. 2 for details."]),
    ("The dose was 1.5 mg. It was well tolerated.", ["The dose was 1.5 mg.", "It was well tolerated."]),
    ("Approx. 50% of patients respond.", ["Approx. 50% of patients respond."]),
    ("Call us at 555-0199 ext. 4 for help.", ["Call us at 555-0199 ext. 4 for help."]),
    ("Ketamine... it may help. Or not.", ["Ketamine... it may help.", "Or not."]),
    ("The FDA approved Spravato in 2019. It is a nasal spray.", ["The FDA approved Spravato in 2019.", "It is a nasal spray."]),
    ("Dr. Smith and Dr. Jones work here.", ["Dr. Smith and Dr. Jones work here."]),
    ("This is Phase III. It started in 2020.", ["This is Phase III.", "It started in 2020."]),
    ("Take it with food (e.g., crackers). Then wait.", ["Take it with food (e.g., crackers).", "Then wait."]),
    ("Side effects include nausea, dizziness, etc. Most go away.", ["Side effects include nausea, dizziness, etc.", "Most go away."]),
    ("Prof. Adams, Ph.D., wrote the guide.", ["Prof. Adams, Ph.D., wrote the guide."]),
    ("Mrs. Lopez felt calm. Mr. Lopez drove her home.", ["Mrs. Lopez felt calm.", "Mr. Lopez drove her home."]),
    ("Your ride must arrive by 4 p.m. and stay nearby.", ["Your ride must arrive by 4 p.m. and stay nearby."]),
    ("Doses range from 0.5 to 1.0 mg/kg.", ["Doses range from 0.5 to 1.0 mg/kg."]),
    ("Ketamine was made in 1962. It was approved in 1970.", ["Ketamine was made in 1962.", "It was approved in 1970."]),
    ("St. Mary's Hospital is nearby.", ["St. Mary's Hospital is nearby."]),
    ("Section 2.1 explains risks. Read it first.", ["Section 2.1 explains risks.", "Read it first."]),
    ("Results vary. Some people feel better in 24 hours; others do not.", ["Results vary.", "Some people feel better in 24 hours; others do not."]),
    ("(Call 988 if you are in crisis.) We are here for you.", ["(Call 988 if you are in crisis.)", "We are here for you."]),
    ("Ketamine is a Schedule III drug in the U.S. Ask us why.", ["Ketamine is a Schedule III drug in the U.S.", "Ask us why."]),
    ("No. 1 rule: bring a driver.", ["No. 1 rule: bring a driver."]),
    ("We follow the U.S. Food and Drug Administration label.", ["We follow the U.S. Food and Drug Administration label."]),
    ("E.g. some people feel dizzy.", ["E.g. some people feel dizzy."]),
    ("The review (Han et al. 2016) pooled nine trials. It found a benefit.", ["The review (Han et al. 2016) pooled nine trials.", "It found a benefit."]),
    ("Wait 2 hrs. before driving.", ["Wait 2 hrs. before driving."]),
    ("Monitoring lasts at least 2 hrs. Then a friend drives you.", ["Monitoring lasts at least 2 hrs.", "Then a friend drives you."]),
    ("Cost: $450 per infusion. Insurance rarely pays.", ["Cost: $450 per infusion.", "Insurance rarely pays."]),
    ("Are you pregnant? Tell us. We will talk about options.", ["Are you pregnant?", "Tell us.", "We will talk about options."]),
    ("Call 1-800-273-8255. That number changed.", ["Call 1-800-273-8255.", "That number changed."]),
    ("We see adults (18 yrs. and older).", ["We see adults (18 yrs. and older)."]),
    ("Vitamin K. is not ketamine.", ["Vitamin K. is not ketamine."]),
    ("Ask about vitamin K. Warfarin users need care.", ["Ask about vitamin K.", "Warfarin users need care."]),
    ("The 2.5-hour visit ends at 3 p.m. You may leave then.", ["The 2.5-hour visit ends at 3 p.m.", "You may leave then."]),
    # scraped pages keep footnote numbers after the full stop
    ("It can ease pain quickly.4 Most people need a series.", ["It can ease pain quickly.4", "Most people need a series."]),
    ("Trials found a benefit.[2] Ketamine is not a cure.", ["Trials found a benefit.[2]", "Ketamine is not a cure."]),
    ("Two reviews agree.3,5 Ask us for them.", ["Two reviews agree.3,5", "Ask us for them."]),
    ("The rate rose in 2019.4 Patients noticed.", ["The rate rose in 2019.4 Patients noticed."]),
    ("Read p.3 First steps before you come.", ["Read p.3 First steps before you come."]),
    ("It is cheap.3 times a week is common.", ["It is cheap.3 times a week is common."]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[case[0][:40] for case in CASES])
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == expected


def test_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


def test_headings_and_list_items_are_never_glued_to_the_next_sentence() -> None:
    document = load_text_format(
        "x.md", "# Before your visit\n\nDo not eat for 4 hours\n\n- Bring a ride home\n- Wear soft clothes\n\nRest after.\n", "markdown"
    )
    sentences = [sentence.text for sentence in segment(document).sentences]
    assert sentences == ["Before your visit", "Do not eat for 4 hours", "Bring a ride home", "Wear soft clothes", "Rest after."]

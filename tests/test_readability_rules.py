"""The readability rules on realistic patient-material text.

KAP101 reading-grade, KAP102 section-reading-grade, the ``metrics.readability``
object, KAP103 long-sentence, KAP104 long-paragraph, KAP105 passive-voice,
KAP106 undefined-abbreviation and KAP107 jargon: true positives and true
negatives for each, beyond the rules' own YAML examples.

Grade texts are built from sentences whose long words (3+ syllables) were
counted by hand, so each passage's SMOG grade is known in advance:
SMOG = 1.0430 x sqrt(polysyllables x 30 / sentences) + 3.1291.
"""

from __future__ import annotations

import math
from itertools import cycle

import pytest

from kaplint.config import Config, ConfigError
from kaplint.engine import Linter, RunOptions
from kaplint.finding import Severity
from kaplint.rulepacks import load_rules

RULES = load_rules()


def make_linter(rule: str, config: Config | None = None, profile: str | None = None) -> Linter:
    return Linter(config or Config(), RunOptions(select=(rule,), profile=profile), rules=RULES)


def lint(linter: Linter, text: str, path: str = "x.md", fmt: str = "markdown"):
    return linter.lint_bytes(path, text.encode(), fmt)


def findings(linter: Linter, text: str, path: str = "x.md", fmt: str = "markdown"):
    return lint(linter, text, path, fmt).findings


def line_of(text: str, snippet: str) -> int:
    """1-based line of the first occurrence of ``snippet`` in ``text``."""
    return text[: text.index(snippet)].count("\n") + 1


def column_of(text: str, snippet: str) -> int:
    """1-based column of the first occurrence of ``snippet`` in ``text``."""
    start = text.index(snippet)
    return start - (text.rfind("\n", 0, start) + 1) + 1


def expected_smog(polysyllables: int, sentences: int) -> float:
    return 1.0430 * math.sqrt(polysyllables * 30 / sentences) + 3.1291


# ---------------------------------------------------------------------------------------------
# Sentences by number of long words (3+ syllables), hand-counted.
POOLS = {
    0: [
        "A nurse stays with you the whole time.",
        "You cannot drive until the next day.",
        "Bring a friend who can take you home.",
        "Drink water and eat a light meal.",
        "Your nurse will check your heart rate during the visit.",
        "Some people feel sleepy after a session.",
        "Call us if you feel confused at home.",
        "Wear soft clothes to your visit.",
        "Stay in your chair until the nurse says you can stand.",
        "Do not eat for six hours before your visit.",
        "You may drink clear water until two hours before.",
        "Rest at home for the rest of the day.",
        "Please arrive ten minutes early for your visit.",
        "Most people feel normal again by the next morning.",
        "Your doctor will ask about your mood each week.",
        "You may feel dizzy or a little sick to your stomach.",
        "Some patients feel anxious before the first session.",
    ],
    1: [
        "Ketamine can raise your blood pressure for a short time.",  # Ketamine
        "Tell us about any medicine you take.",  # medicine
        "The effects usually fade within two hours.",  # usually
        "We give the medicine in a quiet room.",  # medicine
        "Bring a list of the medicines you take.",  # medicines
    ],
    2: [
        "Your therapist helps you prepare for the experience.",  # therapist, experience
        "Ketamine is not safe for everyone with heart disease.",  # Ketamine, everyone
        "Tell your doctor about any history of psychosis.",  # history, psychosis
        "Your insurance may not cover ketamine treatment.",  # insurance, ketamine
    ],
    3: [
        "Ketamine may help your depression when other medicines have not worked.",
        "Integration sessions help you understand your experience.",
        "Intravenous ketamine is usually given over forty minutes.",
        "Emotional experiences during treatment are normal and temporary.",
        "Ketamine may temporarily increase blood pressure and anxiety.",
    ],
    4: [
        "Anxiety and nausea are possible side effects of ketamine.",  # Anxiety, nausea, possible, ketamine
        "Medication, anxiety and dehydration can increase nausea.",  # Medication, anxiety, dehydration, nausea
        "Psychotherapy and medication together may improve recovery.",  # Psychotherapy, medication, together, recovery
    ],
}


def sentences_with(polysyllables: int, count: int) -> list[str]:
    """``count`` sentences holding ``polysyllables`` long words in all (hardest first)."""
    pools = {level: cycle(items) for level, items in POOLS.items()}
    chosen, remaining = [], polysyllables
    for _ in range(count):
        level = min(4, remaining)
        chosen.append(next(pools[level]))
        remaining -= level
    assert remaining == 0, "not enough sentences for that many long words"
    return chosen


def passage(polysyllables: int, count: int = 30, per_paragraph: int = 5) -> str:
    """Paragraphs of ``per_paragraph`` sentences, one sentence per source line."""
    items = sentences_with(polysyllables, count)
    paragraphs = ["\n".join(items[start : start + per_paragraph]) for start in range(0, len(items), per_paragraph)]
    return "\n\n".join(paragraphs) + "\n"


# SMOG of 30-sentence passages: 15 -> 7.2, 25 -> 8.3, 37 -> 9.5, 52 -> 10.7, 62 -> 11.3
GRADE_7 = passage(15)
GRADE_8_3 = passage(25)
GRADE_9_5 = passage(37)
GRADE_10_7 = passage(52)
GRADE_11_3 = passage(62)

GRADE = {profile: make_linter("reading-grade", profile=profile) for profile in ("web", "consent", "handout")}
SECTION = {profile: make_linter("section-reading-grade", profile=profile) for profile in ("web", "consent")}
GRADE_WEB_12 = make_linter(
    "reading-grade", Config(rule_options={"reading-grade": {"warning-above": {"web": 12}}})
)


# KAP101 reading-grade -------------------------------------------------------------------------


def test_passages_have_the_hand_counted_grades() -> None:
    for polysyllables, text in ((15, GRADE_7), (25, GRADE_8_3), (37, GRADE_9_5), (52, GRADE_10_7), (62, GRADE_11_3)):
        metrics = lint(GRADE["web"], text).metrics["readability"]
        assert (metrics["sentences"], metrics["polysyllables"], metrics["confidence"]) == (30, polysyllables, "normal")
        assert metrics["smog"] == pytest.approx(expected_smog(polysyllables, 30), abs=0.05)
        assert metrics["words"] >= 100


@pytest.mark.parametrize(
    "text, profile, expected",
    [
        # true negatives
        pytest.param(GRADE_7, "web", None, id="7.2-web"),
        pytest.param(GRADE_7, "consent", None, id="7.2-consent"),
        pytest.param(GRADE_8_3, "consent", None, id="8.3-consent"),
        pytest.param(GRADE_7, "handout", None, id="7.2-handout"),
        # true positives
        pytest.param(GRADE_8_3, "web", Severity.WARNING, id="8.3-web"),
        pytest.param(GRADE_8_3, "handout", Severity.WARNING, id="8.3-handout"),
        # the spec: consent forms warn above 9, so 9.5 warns for both
        pytest.param(GRADE_9_5, "web", Severity.WARNING, id="9.5-web"),
        pytest.param(GRADE_9_5, "consent", Severity.WARNING, id="9.5-consent"),
        pytest.param(GRADE_10_7, "web", Severity.ERROR, id="10.7-web"),
        pytest.param(GRADE_10_7, "handout", Severity.ERROR, id="10.7-handout"),
        pytest.param(GRADE_10_7, "consent", Severity.WARNING, id="10.7-consent"),
        pytest.param(GRADE_11_3, "consent", Severity.ERROR, id="11.3-consent"),
    ],
)
def test_thresholds_per_profile(text: str, profile: str, expected: Severity | None) -> None:
    found = findings(GRADE[profile], text)
    if expected is None:
        assert found == []
        return
    (finding,) = found
    assert (finding.rule, finding.name, finding.severity) == ("KAP101", "reading-grade", expected)
    target = 9 if profile == "consent" else 8
    assert f"the target for {profile} materials is {target} or lower" in finding.message
    assert "low confidence" not in finding.message


def test_message_names_grade_and_hardest_sentences_with_lines() -> None:
    text = "# Your ketamine visit\n\n" + GRADE_10_7
    (finding,) = findings(GRADE["web"], text)
    assert finding.message.startswith("This document reads at SMOG grade 10.7; ")
    # the hardest sentence is the 4-long-word one on the first prose line
    first = line_of(text, "Anxiety and nausea are possible")
    assert f"Hardest sentences: line {first} (9 words, long words: Anxiety, nausea, possible, ketamine)" in finding.message
    # it points at the document's heading
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 3, 1, 22)
    assert finding.match == "Your ketamine visit"


def test_profile_from_front_matter() -> None:
    front = "---\ntitle: Consent for ketamine treatment\nkaplint:\n  profile: consent\n---\n"
    result = lint(GRADE["web"], front + GRADE_10_7)
    assert result.profile == "consent"
    (finding,) = result.findings
    assert finding.severity == Severity.WARNING  # consent errors only above 11
    assert "the target for consent materials is 9 or lower" in finding.message
    assert (finding.line, finding.column) == (2, 8)  # the document's title, in the front matter
    assert findings(GRADE["web"], front + GRADE_8_3) == []  # 8.3 is fine for consent
    # and without the front matter the same linter judges by web targets
    assert [item.severity for item in findings(GRADE["web"], GRADE_10_7)] == [Severity.ERROR]


LOW_CONFIDENCE_15 = passage(30, 15)  # SMOG 11.2 from 15 sentences, 118 words


def test_low_confidence_grade_is_at_most_a_warning() -> None:
    metrics = lint(GRADE["web"], LOW_CONFIDENCE_15).metrics["readability"]
    assert (metrics["sentences"], metrics["confidence"], metrics["smog"]) == (15, "low", 11.2)
    (finding,) = findings(GRADE["web"], LOW_CONFIDENCE_15)
    assert finding.severity == Severity.WARNING  # an error at 30+ sentences
    assert "SMOG grade 11.2 (low confidence: only 15 sentences)" in finding.message


def test_twenty_nine_sentences_is_low_confidence_thirty_is_not() -> None:
    (low,) = findings(GRADE["web"], passage(58, 29))
    assert low.severity == Severity.WARNING
    assert "(low confidence: only 29 sentences)" in low.message
    (normal,) = findings(GRADE["web"], passage(60, 30))
    assert normal.severity == Severity.ERROR
    assert "low confidence" not in normal.message


def test_low_confidence_consent_grade_still_warns() -> None:
    (finding,) = findings(GRADE["consent"], LOW_CONFIDENCE_15)
    assert finding.severity == Severity.WARNING
    assert "low confidence" in finding.message


HARD_100_WORDS = passage(20, 13)  # 13 sentences, exactly 100 words, SMOG 10.2


def test_no_grade_under_100_words() -> None:
    assert lint(GRADE["web"], HARD_100_WORDS).metrics["readability"]["words"] == 100
    (finding,) = findings(GRADE["web"], HARD_100_WORDS)
    assert finding.severity == Severity.WARNING
    text_99 = HARD_100_WORDS.replace("Drink water and eat a light meal.", "Drink water and eat light meals.")
    metrics = lint(GRADE["web"], text_99).metrics["readability"]
    assert (metrics["words"], metrics["smog"]) == (99, 10.2)  # as hard, one word shorter
    assert findings(GRADE["web"], text_99) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine-assisted psychotherapy necessitates comprehensive psychiatric evaluation and individualized pharmacological consideration.",
        "# Consent\n\nIntravenous administration necessitates continuous cardiovascular monitoring. "
        "Dissociative phenomena frequently accompany administration. Gastrointestinal manifestations "
        "occasionally necessitate antiemetic intervention.\n",
        passage(40, 10),  # 10 very hard sentences, 78 words
    ],
)
def test_hard_but_short_texts_get_no_grade(text: str) -> None:
    assert lint(GRADE["web"], text).metrics["readability"]["words"] < 100
    assert findings(GRADE["web"], text) == []


def test_rule_options_change_only_the_web_threshold() -> None:
    # web now warns above 12 only; the 9.5 text passes for web ...
    assert findings(GRADE_WEB_12, GRADE_9_5) == []
    assert findings(GRADE_WEB_12, GRADE_8_3) == []
    # ... while the other profiles keep their targets
    for profile, target in (("handout", 8), ("consent", 9)):
        front = f"---\nkaplint:\n  profile: {profile}\n---\n"
        (finding,) = findings(GRADE_WEB_12, front + GRADE_9_5)
        assert finding.severity == Severity.WARNING
        assert f"the target for {profile} materials is {target} or lower" in finding.message
    # and the section rule is untouched by reading-grade's options
    section_rule = next(rule for rule in GRADE_WEB_12.index.rules if rule.name == "section-reading-grade")
    assert section_rule.compiled.warning_above["web"] == 8.0
    reading_rule = next(rule for rule in GRADE_WEB_12.index.rules if rule.name == "reading-grade")
    assert reading_rule.compiled.warning_above == {
        "web": 12.0, "handout": 8.0, "prep": 8.0, "integration": 8.0, "email": 8.0, "transactional": 8.0, "consent": 9.0
    }
    assert reading_rule.compiled.error_above["web"] == 10.0


def test_raised_web_warning_target_does_not_error_below_it() -> None:
    found = findings(GRADE_WEB_12, GRADE_10_7)
    assert found == []


def test_rule_options_by_code_and_unknown_rule() -> None:
    linter = make_linter("reading-grade", Config(rule_options={"KAP101": {"warning-above": {"web": 9}}}))
    assert findings(linter, GRADE_8_3) == []
    assert [item.severity for item in findings(linter, GRADE_9_5)] == [Severity.WARNING]
    with pytest.raises(ConfigError, match="reading-grad"):
        make_linter("reading-grade", Config(rule_options={"reading-grad": {"warning-above": {"web": 9}}}))


# KAP102 section-reading-grade -------------------------------------------------------------------

RISKS = """Ketamine can cause dissociation, hallucinations, confusion and temporary elevation of blood pressure during the infusion.
Tell the nurse if you feel bad.
Individuals with uncontrolled hypertension, aneurysmal vascular disease or a history of psychosis are not eligible for treatment.
We will help you.
Do not drink alcohol on the day of your session.
Gastrointestinal symptoms, particularly nausea and vomiting, occasionally require antiemetic medication.
Some people feel scared.
A nurse stays with you.
You cannot drive until the next day.
Bring a friend who can take you home.
Rest when you get home.
Drink water and eat a light meal.
Call us if you feel sick at home.
Most people feel normal by the next morning.
We will talk with you about your questions.
"""
EASY_SECTION = passage(0, 15)  # 125 words, no long words
TWO_SECTIONS = "# Ketamine treatment\n\n## What to expect\n\n" + EASY_SECTION + "\n## Risks\n\n" + RISKS


def test_hard_section_points_at_its_heading_and_names_hardest_sentences() -> None:
    (finding,) = findings(SECTION["web"], TWO_SECTIONS)
    heading_line = line_of(TWO_SECTIONS, "## Risks")
    assert (finding.rule, finding.name) == ("KAP102", "section-reading-grade")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (heading_line, 4, heading_line, 9)
    assert finding.match == "Risks"
    assert finding.severity == Severity.WARNING
    assert finding.message.startswith('The section "Risks" reads at SMOG grade 10.2 (low confidence: only 15 sentences)')
    hardest = [
        line_of(TWO_SECTIONS, "Individuals with uncontrolled"),
        line_of(TWO_SECTIONS, "Ketamine can cause dissociation"),
        line_of(TWO_SECTIONS, "Gastrointestinal symptoms"),
    ]
    assert hardest == [27, 25, 30]
    named = finding.message.split("Hardest sentences: ")[1]
    assert named.startswith(
        f"line {hardest[0]} (17 words, long words: Individuals, uncontrolled, hypertension, aneurysmal, "
        "vascular, history, psychosis, eligible); "
    )
    assert [part.split(" (")[0] for part in named.rstrip(".").split("; ")] == [f"line {line}" for line in hardest]


def test_easy_section_of_the_same_document_is_not_reported() -> None:
    found = findings(SECTION["web"], TWO_SECTIONS)
    assert [item.match for item in found] == ["Risks"]  # not "What to expect"


def test_hard_section_with_thirty_sentences_is_an_error_on_web_and_a_warning_on_consent() -> None:
    text = "## Before your visit\n\n" + EASY_SECTION + "\n## Risks and side effects\n\n" + passage(52, 30)
    heading_line = line_of(text, "## Risks and side effects")
    (web,) = findings(SECTION["web"], text)
    assert (web.severity, web.line, web.column, web.match) == (Severity.ERROR, heading_line, 4, "Risks and side effects")
    assert web.message.startswith('The section "Risks and side effects" reads at SMOG grade 10.7; ')
    (consent,) = findings(SECTION["consent"], text)
    assert (consent.severity, consent.line) == (Severity.WARNING, heading_line)
    # the text that goes before still has an easy section that is not reported
    assert findings(SECTION["web"], "## Before your visit\n\n" + EASY_SECTION + "\n## Risks\n\n" + passage(0, 20)) == []


def test_middle_section_of_three_with_front_matter_lines() -> None:
    front = "---\nkaplint:\n  profile: consent\n---\n"
    text = front + "## Your visit\n\n" + EASY_SECTION + "\n## Risks\n\n" + passage(62, 30) + "\n## Aftercare\n\n" + EASY_SECTION
    (finding,) = findings(SECTION["web"], text)
    assert (finding.severity, finding.line, finding.column) == (Severity.ERROR, line_of(text, "## Risks"), 4)
    assert "the target for consent materials is 9 or lower" in finding.message


def test_single_section_gets_no_section_finding() -> None:
    one_heading = "# Risks\n\n" + RISKS + "\n" + passage(40, 15)
    title_and_one_section = "# Ketamine consent\n\n## Risks\n\n" + RISKS
    no_heading = RISKS
    for text in (one_heading, title_and_one_section, no_heading):
        assert findings(SECTION["web"], text) == []
        # the document rule does report these texts
        assert [item.rule for item in findings(GRADE["web"], text)] == ["KAP101"]


def test_hard_section_under_100_words_is_not_graded() -> None:
    short_hard = passage(20, 12)  # 94 words, SMOG 10.5
    text = "## What to expect\n\n" + EASY_SECTION + "\n## Risks\n\n" + short_hard
    assert findings(SECTION["web"], text) == []
    metrics = lint(SECTION["web"], text).metrics["readability"]
    risks = metrics["sections"][1]
    assert (risks["heading"], risks["words"], risks["smog"]) == ("Risks", 94, 10.5)


# metrics.readability ------------------------------------------------------------------------------

METRICS_DOC = """Please read this page before your first visit.

# Before your visit

Do not eat for six hours before your visit.

- Comfortable clothes
- Your glasses and a water bottle
- Bring your medicine list.
- Call us if you feel sick

## References

1. Krystal JH, Abdallah CG. Ketamine as a rapid-acting antidepressant. Biological Psychiatry, 2019.
2. Wang LW, et al. Readability of depression treatment materials is often too hard. Patient Education, 2013.

## Contact us

Call our office at any time.
"""


def test_metrics_count_prose_only() -> None:
    metrics = lint(GRADE["web"], METRICS_DOC).metrics["readability"]
    # 8 (intro) + 9 + 4 ("Bring your medicine list.") + 6 ("Call us if you feel sick") + 6 (contact)
    assert (metrics["words"], metrics["sentences"]) == (33, 5)
    assert metrics["confidence"] == "low"
    sections = [(item["heading"], item["line"], item["words"], item["sentences"]) for item in metrics["sections"]]
    assert sections == [
        (None, None, 8, 1),  # text before the first heading
        ("Before your visit", 3, 19, 3),
        ("Contact us", 17, 6, 1),  # no "References" section: nothing under it is counted
    ]
    counted = {item["text"] for section in metrics["sections"] for item in section["hardest_sentences"]}
    assert "Please read this page before your first visit." in counted


@pytest.mark.parametrize(
    "item, counted",
    [
        ("Comfortable clothes", False),
        ("Your glasses and a water bottle", False),
        ("Nausea and headache", False),
        ("A list of your medicines", False),
        ("Bring your medicine list.", True),
        ("Nausea after the session.", True),
        ("Call us if you feel sick", True),
        ("Most people feel calm", True),
        ("Someone stays with you", True),
    ],
)
def test_list_items_count_only_when_they_are_sentences(item: str, counted: bool) -> None:
    text = "Rest for the rest of the day.\n\n- " + item + "\n"
    metrics = lint(GRADE["web"], text).metrics["readability"]
    assert metrics["sentences"] == (2 if counted else 1)
    assert metrics["words"] == 7 + (len(item.split()) if counted else 0)


@pytest.mark.parametrize(
    "item",
    ["Your nurse takes your blood pressure", "A nurse gives you the medicine", "Ketamine makes some people sleepy"],
)
def test_list_items_with_an_es_verb_are_counted(item: str) -> None:
    metrics = lint(GRADE["web"], "Rest for the rest of the day.\n\n- " + item + "\n").metrics["readability"]
    assert metrics["sentences"] == 2


def test_headings_are_never_counted() -> None:
    text = "# Ketamine treatment for treatment-resistant depression\n\n## What happens during your session\n\nRest.\n"
    metrics = lint(GRADE["web"], text).metrics["readability"]
    assert (metrics["words"], metrics["sentences"], metrics["polysyllables"]) == (1, 1, 0)
    assert [(item["heading"], item["line"]) for item in metrics["sections"]] == [("What happens during your session", 3)]


@pytest.mark.parametrize("heading", ["References", "Sources", "Reference list"])
def test_reference_lists_are_not_counted(heading: str) -> None:
    text = (
        "# Ketamine\n\nKetamine is a medicine.\n\n"
        f"## {heading}\n\nMcIntyre RS, et al. Synthesizing the evidence for ketamine and esketamine in "
        "treatment-resistant depression. American Journal of Psychiatry, 2021.\n"
    )
    metrics = lint(GRADE["web"], text).metrics["readability"]
    assert (metrics["words"], metrics["sentences"]) == (4, 1)
    assert [item["heading"] for item in metrics["sections"]] == ["Ketamine"]


HTML_PAGE = """<html><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/faq">Frequently asked questions about ketamine treatment</a></li></ul>
<p>Call our office today to book your consultation appointment.</p></nav>
<main>
<h1>Ketamine treatment</h1>
<p>Ketamine is a medicine. A nurse stays with you the whole time.</p>
</main>
</body></html>
"""


def test_html_navigation_is_not_counted() -> None:
    result = lint(GRADE["web"], HTML_PAGE, "page.html", "html")
    metrics = result.metrics["readability"]
    assert (metrics["words"], metrics["sentences"], metrics["polysyllables"]) == (12, 2, 2)
    (section,) = metrics["sections"]
    assert (section["heading"], section["line"], section["words"]) == ("Ketamine treatment", 5, 12)
    # the navigation text is prose elsewhere: without <nav> it is counted
    plain = HTML_PAGE.replace("<nav>", "<div>").replace("</nav>", "</div>")
    assert lint(GRADE["web"], plain, "page.html", "html").metrics["readability"]["sentences"] == 4


# KAP103 long-sentence -------------------------------------------------------------------------------

LONG = make_linter("long-sentence")
LONG_20 = make_linter("long-sentence", Config(rule_options={"long-sentence": {"max-words": 20}}))

WORDS_25 = (
    "Ketamine works on a brain chemical called glutamate, and researchers think this may help some people "
    "with depression feel better faster than most other medicines."
)
WORDS_26 = WORDS_25[:-1] + " do."


def test_26_words_reported_25_not() -> None:
    assert len(WORDS_25.split()) == 25 and len(WORDS_26.split()) == 26
    assert findings(LONG, WORDS_25) == []
    (finding,) = findings(LONG, WORDS_26)
    assert (finding.rule, finding.name, finding.severity) == ("KAP103", "long-sentence", Severity.WARNING)
    assert finding.message == "This sentence has 26 words; keep sentences to 25 words or fewer."
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, len(WORDS_26) + 1)
    assert finding.match == WORDS_26


DOSE_25 = (
    "Dr. Lee gives 0.5 mg of ketamine per kg over 40 minutes, e.g. in a quiet room, and a nurse checks your "
    "blood pressure often."
)
DOSE_26 = DOSE_25.replace("often.", "very often.")


def test_abbreviations_and_decimals_do_not_split_or_inflate() -> None:
    assert len(DOSE_25.split()) == 25
    assert findings(LONG, DOSE_25) == []
    (finding,) = findings(LONG, DOSE_26)
    assert finding.message.startswith("This sentence has 26 words;")
    assert finding.match == DOSE_26  # one sentence from "Dr." to the end
    # a period after a.m. or U.S. that does end a sentence still splits (else 31 and 30 words)
    assert findings(LONG, "Please come in at 9 a.m. " + WORDS_25) == []
    assert findings(LONG, "Spravato is sold in the U.S. " + WORDS_25) == []
    # while "U.S." inside a sentence does not end it
    (inside,) = findings(LONG, "Spravato is sold in the U.S. and " + WORDS_25[0].lower() + WORDS_25[1:])
    assert inside.message.startswith("This sentence has 32 words;")


def test_dose_unit_is_one_word() -> None:
    text = "Dr. Lee gives 0.5 mg/kg of ketamine over 40 minutes, e.g. in a quiet room, and then a nurse checks your blood pressure very often."
    assert len(text.split()) == 25
    assert findings(LONG, text) == []


def test_long_sentence_span_across_lines_in_a_paragraph() -> None:
    text = (
        "# Getting ready\n"
        "\n"
        "Eat a light meal. Ketamine works on a brain chemical called glutamate, and researchers\n"
        "think this may help some people with depression feel better faster than most other medicines do.\n"
        "Ask us if you have questions.\n"
    )
    (finding,) = findings(LONG, text)
    lines = text.split("\n")
    assert (finding.line, finding.column) == (3, lines[2].index("Ketamine") + 1)
    assert (finding.end_line, finding.end_column) == (4, len(lines[3]) + 1)
    assert finding.match == WORDS_26  # the line break reads as a space
    assert finding.offset == text.index("Ketamine works")
    assert finding.end_offset == text.index("do.\n") + 3


@pytest.mark.parametrize(
    "prefix, column",
    [("- ", 3), ("> ", 3), ("1. ", 4), ("", 1)],
    ids=["list-item", "blockquote", "numbered", "paragraph"],
)
def test_long_sentence_in_other_blocks(prefix: str, column: int) -> None:
    text = "# Aftercare\n\n" + prefix + WORDS_26 + "\n"
    (finding,) = findings(LONG, text)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, column, 3, column + len(WORDS_26))


def test_long_sentence_in_a_table_cell() -> None:
    cell = (
        "A nurse puts a small tube in your arm and the medicine drips in slowly over about forty minutes "
        "while you rest in a soft chair."
    )
    text = "| Step | What happens |\n| --- | --- |\n| 1 | " + cell + " |\n"
    (finding,) = findings(LONG, text)
    assert finding.message.startswith("This sentence has 26 words;")
    assert (finding.line, finding.column, finding.end_column) == (3, 7, 7 + len(cell))


def test_long_headings_are_not_checked() -> None:
    text = "# " + WORDS_26.rstrip(".") + "\n\nRest.\n"
    assert findings(LONG, text) == []


def test_max_words_from_rule_options() -> None:
    words_21 = "Bring a friend who can drive you home after the session, because you cannot drive a car until the next day."
    words_20 = "Bring a friend who can drive you home after the session, because you cannot drive a car until noon tomorrow."
    assert (len(words_21.split()), len(words_20.split())) == (21, 20)
    (finding,) = findings(LONG_20, words_21)
    assert finding.message == "This sentence has 21 words; keep sentences to 20 words or fewer."
    assert findings(LONG_20, words_20) == []
    assert findings(LONG, words_21) == []  # the default linter keeps 25


# KAP104 long-paragraph ------------------------------------------------------------------------------

PARAGRAPH = make_linter("long-paragraph")
PARAGRAPH_4 = make_linter("long-paragraph", Config(rule_options={"long-paragraph": {"max-sentences": 4, "max-words": 50}}))

SIX_SENTENCES_120 = (
    "Before your first session, we ask you to fill out a short form about your health, your mood and your medicines. "
    "A nurse will call you before the visit to go over the form and answer any questions you have. "
    "On the day of your visit, do not eat for six hours, but you may drink water until two hours before. "
    "Wear loose, soft clothes and bring a sweater, because many people feel cold while they rest in the chair. "
    "Plan for a friend or family member to drive you home, since you cannot drive until the next morning. "
    "If you feel unwell at home after the session, call our office at any time and a nurse will help you."
)
SIX_SENTENCES_121 = SIX_SENTENCES_120.replace("On the day of your visit, do not", "On the day of your visit, please do not")
EIGHT_SHORT = (
    "You will arrive at the clinic. A nurse checks you in. We take your blood pressure. You sit in a soft chair. "
    "The nurse starts a small line in your arm. The medicine drips in slowly. You may feel strange. "
    "Someone stays with you the whole time."
)


def test_paragraph_word_limit() -> None:
    assert len(SIX_SENTENCES_120.split()) == 120 and len(SIX_SENTENCES_121.split()) == 121
    assert findings(PARAGRAPH, SIX_SENTENCES_120) == []
    (finding,) = findings(PARAGRAPH, SIX_SENTENCES_121)
    assert (finding.rule, finding.name, finding.severity) == ("KAP104", "long-paragraph", Severity.SUGGESTION)
    assert finding.message == "This paragraph has 121 words in 6 sentences; split it into shorter paragraphs."
    first = "Before your first session, we ask you to fill out a short form about your health, your mood and your medicines."
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, len(first) + 1)
    assert finding.match == first


def test_paragraph_sentence_limit() -> None:
    seven = EIGHT_SHORT.replace(" Someone stays with you the whole time.", "")
    assert findings(PARAGRAPH, seven) == []
    text = "## Your first visit\n\n" + EIGHT_SHORT + "\n"
    (finding,) = findings(PARAGRAPH, text)
    assert finding.message == "This paragraph has 47 words in 8 sentences; split it into shorter paragraphs."
    assert (finding.line, finding.column, finding.end_column, finding.match) == (3, 1, 31, "You will arrive at the clinic.")


def test_abbreviations_do_not_add_sentences_to_a_paragraph() -> None:
    text = (
        "Dr. Lee will see you at 9 a.m. on Monday. She gives 0.5 mg per kg, e.g. about 35 mg for most adults. "
        "The dose drips in over 40 minutes. A nurse stays with you. You may feel strange. "
        "The feeling fades. Your friend drives you home."
    )
    assert findings(PARAGRAPH, text) == []  # 7 sentences
    (finding,) = findings(PARAGRAPH, text + " Rest at home.")
    assert "in 8 sentences" in finding.message


def test_blockquotes_are_checked_but_headings_and_list_items_are_not() -> None:
    quote = "> " + EIGHT_SHORT + "\n"
    (finding,) = findings(PARAGRAPH, quote)
    assert (finding.line, finding.column) == (1, 3)
    assert findings(PARAGRAPH, "- " + EIGHT_SHORT + "\n") == []
    assert findings(PARAGRAPH, "1. " + SIX_SENTENCES_121 + "\n") == []
    assert findings(PARAGRAPH, "# " + SIX_SENTENCES_121.replace(".", "") + "\n\nRest.\n") == []


def test_paragraph_limits_from_rule_options() -> None:
    five = "You will arrive at the clinic. A nurse checks you in. We take your blood pressure. You sit in a soft chair. You rest."
    (finding,) = findings(PARAGRAPH_4, five)
    assert finding.message == "This paragraph has 24 words in 5 sentences; split it into shorter paragraphs."
    assert findings(PARAGRAPH, five) == []
    long_sentences = SIX_SENTENCES_120.split(". ")
    three = ". ".join(long_sentences[:3]) + "."  # 21 + 19 + 21 words
    (wordy,) = findings(PARAGRAPH_4, three)
    assert wordy.message.startswith("This paragraph has 61 words in 3 sentences;")
    assert findings(PARAGRAPH_4, ". ".join(long_sentences[:2]) + ".") == []  # 40 words
    assert findings(PARAGRAPH, three) == []


# KAP105 passive-voice ------------------------------------------------------------------------------

PASSIVE = make_linter("passive-voice")


@pytest.mark.parametrize(
    "text, match",
    [
        ("You will be monitored for two hours after the session.", "be monitored"),
        ("The dose is given slowly through a small tube in your arm.", "is given"),
        ("Ketamine was approved in 1970.", "was approved"),
        ("Your blood pressure is checked every 15 minutes.", "is checked"),
        ("You will be asked to sign a consent form.", "be asked"),
        ("The results were reviewed by your doctor.", "were reviewed"),
        ("Ketamine is not approved by the FDA for depression.", "is not approved"),
        ("Your heart rate is being watched the whole time.", "being watched"),
    ],
)
def test_passive_reported(text: str, match: str) -> None:
    (finding,) = findings(PASSIVE, text)
    assert (finding.rule, finding.name, finding.severity) == ("KAP105", "passive-voice", Severity.SUGGESTION)
    assert finding.match == match
    assert (finding.line, finding.column, finding.end_column) == (1, text.index(match) + 1, text.index(match) + 1 + len(match))
    assert finding.message == f'"{match}" is passive; say who does what ("we will check your blood pressure").'


@pytest.mark.parametrize(
    "text",
    [
        "I am tired.",
        "You are allowed to bring a friend.",
        "We will monitor you for two hours.",
        "You may feel tired after the session.",
        "A nurse gives you the medicine.",
        "We are committed to your safety.",
        "Things were moving fast.",
        "The nurse was kind.",
        "You were interested in the study.",
    ],
)
def test_active_and_adjectival_not_reported(text: str) -> None:
    assert findings(PASSIVE, text) == []


def test_one_finding_per_sentence() -> None:
    text = "You will be monitored and your blood pressure is checked often. The dose is given slowly."
    found = findings(PASSIVE, text)
    assert [(item.match, item.column) for item in found] == [("be monitored", 10), ("is given", text.index("is given") + 1)]


def test_passive_in_headings_not_checked() -> None:
    assert findings(PASSIVE, "## How the medicine is given\n\nA nurse gives it.\n") == []


@pytest.mark.parametrize("text", ["If you are depressed, call us.", "Many people who are depressed feel alone."])
def test_depressed_is_not_passive(text: str) -> None:
    assert findings(PASSIVE, text) == []


def test_is_used_as_is_passive() -> None:
    (finding,) = findings(PASSIVE, "Ketamine is used as an anesthetic in hospitals.")
    assert finding.match == "is used"


# KAP106 undefined-abbreviation ----------------------------------------------------------------------

ABBR = make_linter("undefined-abbreviation")
ABBR_KAP = make_linter("undefined-abbreviation", Config(accepted_terms=("KAP",)))
ABBR_KNOWN = make_linter("undefined-abbreviation", Config(rule_options={"undefined-abbreviation": {"known": ["TRD", "fda"]}}))


@pytest.mark.parametrize(
    "text, abbreviation",
    [
        ("Ketamine may help people with TRD. TRD is hard to treat.", "TRD"),
        ("Ketamine blocks NMDA receptors in the brain. NMDA receptors respond to glutamate.", "NMDA"),
        ("Many people with PTSD also have depression. PTSD can get better.", "PTSD"),
        ("You may have tried SSRIs before. SSRIs did not help you.", "SSRI"),
        ("We give ketamine by IV in the clinic. The IV stays in for 40 minutes.", "IV"),
        ("Ketamine is a controlled drug. The DEA placed it in Schedule III in 1999.", "DEA"),
        ("Ketamine acts on glutamate, not GABA.", "GABA"),
    ],
)
def test_undefined_abbreviation_reported_once_at_first_use(text: str, abbreviation: str) -> None:
    (finding,) = findings(ABBR, text)
    assert (finding.rule, finding.name, finding.severity) == ("KAP106", "undefined-abbreviation", Severity.WARNING)
    assert finding.match == abbreviation
    start = text.index(abbreviation)
    assert (finding.line, finding.column, finding.end_column) == (1, start + 1, start + 1 + len(abbreviation))
    assert finding.message.startswith(f'"{abbreviation}" is used before it is spelled out;')
    assert "spelled out later" not in finding.message


def test_first_use_only_across_blocks() -> None:
    text = "# About TRD\n\nTRD is common.\n\n- Ask about TRD.\n"
    found = findings(ABBR, text)
    assert [(item.line, item.column, item.match) for item in found] == [(1, 9, "TRD")]


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine may help people with treatment-resistant depression (TRD). TRD is common.",
        "Ketamine may help people with TRD (treatment-resistant depression). Many adults have TRD.",
        "Ketamine blocks N-methyl-D-aspartate (NMDA) receptors. NMDA receptors respond to glutamate.",
        "You may have tried selective serotonin reuptake inhibitors (SSRIs). SSRIs work slowly. An SSRI is safe with ketamine.",
        "We give ketamine through an intravenous (IV) line. The IV stays in for 40 minutes.",
        "REMS stands for Risk Evaluation and Mitigation Strategy. The REMS program keeps you safe.",
        "Spravato comes with a Risk Evaluation and Mitigation Strategy (REMS).",
    ],
)
def test_defined_abbreviations_not_reported(text: str) -> None:
    assert findings(ABBR, text) == []


def test_definition_covers_later_blocks() -> None:
    text = (
        "# Ketamine for depression\n\n"
        "Ketamine may help people with treatment-resistant depression (TRD).\n\n"
        "## Who has TRD?\n\n"
        "- Adults with TRD who tried two medicines.\n"
    )
    assert findings(ABBR, text) == []


def test_defined_later_reported_at_first_use_with_the_line() -> None:
    text = (
        "Our clinic offers KAP for adults.\n"
        "\n"
        "Ketamine-assisted psychotherapy (KAP) combines medicine and talk therapy.\n"
        "\n"
        "KAP sessions last about three hours.\n"
    )
    (finding,) = findings(ABBR, text)
    assert (finding.line, finding.column, finding.end_column, finding.match) == (1, 19, 22, "KAP")
    assert finding.message.endswith("It is spelled out later (line 3); move that to the first use.")


def test_defined_later_in_the_same_paragraph() -> None:
    text = "You may have tried an SSRI.\nSelective serotonin reuptake inhibitors (SSRIs) are common.\n"
    (finding,) = findings(ABBR, text)
    assert (finding.line, finding.column, finding.match) == (1, 23, "SSRI")
    assert "(line 2)" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine is approved in the US. Read our FAQ page.",
        "Please DO NOT drive today.",
        "You MUST have a driver. NEVER mix ketamine with alcohol.",
        "Spravato is a Schedule III medicine. It passed Phase II trials.",
        "Stage II hypertension needs care first.",
        "# BEFORE YOUR VISIT\n\nBring a friend.\n",
        "## WHAT TO BRING TO THE CLINIC\n\nBring a friend.\n",
        "CALL 911 IF YOU HAVE CHEST PAIN.",
        "Your doctor (MD) and nurse (RN) will be there.",
    ],
)
def test_known_emphasis_roman_and_capitals_not_reported(text: str) -> None:
    assert findings(ABBR, text) == []


def test_roman_numeral_exception_needs_its_context_word() -> None:
    text = "Some sleep medicines are Schedule IV drugs. We give ketamine by IV."
    (finding,) = findings(ABBR, text)
    assert (finding.column, finding.match) == (text.rindex("IV") + 1, "IV")


@pytest.mark.parametrize("heading", ["## SAFETY", "## DOSING", "# COSTS"])
def test_short_all_caps_headings_not_reported(heading: str) -> None:
    assert findings(ABBR, heading + "\n\nBring a friend.\n") == []


@pytest.mark.parametrize("text", ["Do not EAT or DRINK anything after midnight.", "Please arrive EARLY."])
def test_other_emphasis_words_not_reported(text: str) -> None:
    assert findings(ABBR, text) == []


def test_accepted_vocabulary_suppresses() -> None:
    assert findings(ABBR_KAP, "Our clinic offers KAP for adults.") == []
    found = findings(ABBR_KAP, "Our clinic offers KAP for adults with TRD.")
    assert [item.match for item in found] == ["TRD"]
    lower = make_linter("undefined-abbreviation", Config(accepted_terms=("kap",)))
    assert findings(lower, "Our clinic offers KAP.") == []


def test_known_from_rule_options_replaces_the_list() -> None:
    assert findings(ABBR_KNOWN, "Ketamine may help TRD. The FDA approved Spravato.") == []
    found = findings(ABBR_KNOWN, "Ketamine may help TRD in the UK. Print the PDF form.")
    # documented: `known` replaces the list of abbreviations everyone knows
    assert [item.match for item in found] == ["UK", "PDF"]
    assert findings(ABBR, "Ketamine is used in the UK. Print the PDF form.") == []
    assert [item.match for item in findings(ABBR, "The DEA lists Spravato in the US.")] == ["DEA"]
    assert findings(ABBR, "The FDA approved Spravato. Our LCSW works from 9am PT in Austin, TX.") == []


# KAP107 jargon -------------------------------------------------------------------------------------

JARGON = make_linter("jargon")
JARGON_ACCEPT = make_linter("jargon", Config(accepted_terms=("dissociation", "utilize")))


@pytest.mark.parametrize(
    "text, matches, plain",
    [
        ("We utilize a soft chair. We utilize music too.", ["utilize", "utilize"], ("use",)),
        ("Arrive prior to your visit. Eat nothing prior to the session.", ["prior to", "prior to"], ("before",)),
        ("In the event that you feel sick, tell the nurse. In the event that you faint, we help.", ["In the event that"] * 2, ("if",)),
        ("The medicine is administered by a nurse. It is administered slowly.", ["administered", "administered"], ("give",)),
        ("A nurse will assist you to the car.", ["assist"], ("help",)),
    ],
)
def test_plain_words_reported_at_every_use(text: str, matches: list[str], plain: tuple[str, ...]) -> None:
    found = findings(JARGON, text)
    assert [item.match for item in found] == matches
    for item in found:
        assert (item.rule, item.name, item.severity) == ("KAP107", "jargon", Severity.SUGGESTION)
        assert item.suggestions == plain
        assert item.message == f'"{item.match}" is hard for many readers; try "{" / ".join(plain)}".'
    starts = []
    position = -1
    for match in matches:
        position = text.index(match, position + 1)
        starts.append(position + 1)
    assert [item.column for item in found] == starts


@pytest.mark.parametrize(
    "text",
    [
        "The Food and Drug Administration approved Spravato in 2019.",
        "The U.S. Food and Drug\nAdministration approved Spravato.",
        "We offer ketamine-assisted psychotherapy.",
        "Ketamine Assisted Psychotherapy is new.",
        "Ask about medication-assisted treatment.",
        "Please arrive before your appointment. We use a soft chair.",
    ],
)
def test_plain_word_exceptions_not_reported(text: str) -> None:
    assert findings(JARGON, text) == []


def test_agency_name_does_not_hide_other_uses() -> None:
    text = "The Food and Drug Administration approved it. Administration takes 40 minutes."
    (finding,) = findings(JARGON, text)
    assert (finding.match, finding.column) == ("Administration", text.rindex("Administration") + 1)
    assert finding.suggestions == ("giving", "how it is given")


@pytest.mark.parametrize(
    "text, term",
    [
        ("Dissociation is common during the session. Dissociation fades within two hours.", "Dissociation"),
        ("Some people get hypertension. Hypertension can be treated.", "hypertension"),
        ("We use intranasal esketamine. Intranasal means in the nose.", "intranasal"),
        ("Dissociation is common.\n\nLater, dissociation fades.\n", "Dissociation"),
    ],
)
def test_undefined_medical_term_reported_once(text: str, term: str) -> None:
    (finding,) = findings(JARGON, text)
    assert finding.match == term
    assert (finding.line, finding.column) == (1, text.index(term) + 1)
    assert finding.message.endswith("If the term is needed, explain it in plain words where it first appears.")


@pytest.mark.parametrize(
    "text",
    [
        "Dissociation, which means feeling disconnected from your body, is common. Dissociation fades.",
        "You may feel dissociation (feeling disconnected from your body or surroundings). Dissociation fades.",
        "You may feel far away from your body, a feeling called dissociation. Dissociation fades.",
        "Dissociation is common. It means feeling far away from your body.",
        "- **Dissociation.** You may feel disconnected from your body.\n- **Nausea.** You may feel sick.\n",
        "Some people have hypertension, or high blood pressure.",
    ],
)
def test_defined_medical_terms_not_reported(text: str) -> None:
    assert findings(JARGON, text) == []


def test_faq_heading_answered_below_not_reported() -> None:
    text = "## What is dissociation?\n\nDissociation means feeling disconnected from your body.\n"
    assert findings(JARGON, text) == []


def test_suicidal_ideation_is_one_finding() -> None:
    text = "Tell us about any suicidal ideation. Suicidal ideation needs help right away."
    (finding,) = findings(JARGON, text)
    assert (finding.match, finding.column, finding.end_column) == ("suicidal ideation", 19, 36)
    assert finding.suggestions == ("thoughts of suicide", "suicidal thoughts")


def test_accepted_vocabulary_suppresses_jargon() -> None:
    text = "Dissociation is common. We utilize music. Hypertension is a risk."
    assert [item.match for item in findings(JARGON_ACCEPT, text)] == ["Hypertension"]
    assert [item.match for item in findings(JARGON, text)] == ["Dissociation", "utilize", "Hypertension"]


def test_accepted_vocabulary_covers_inflected_jargon() -> None:
    assert [finding.match for finding in findings(JARGON, "We utilized the lab.")] == ["utilized"]
    assert findings(JARGON_ACCEPT, "We utilized the lab.") == []

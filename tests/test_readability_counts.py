"""Reference passages counted by hand, and the formulas on those counts.

Each passage's words, sentences, syllables and polysyllables (3+ syllables)
were counted by hand, sentence by sentence; the per-sentence tallies are in
the comments. Syllables are counted as the words are said (dictionary
syllabification: "med-i-cine" 3, "dis-so-ci-a-tion" 5, "off-la-bel" 3) and
numbers as they are read aloud ("52%" = fifty-two percent = 5, "988" =
nine-eight-eight = 3). Headings and list items without a verb are not
sentences and are not counted.
"""

from __future__ import annotations

import pytest

from kaplint.loaders import load_text_format
from kaplint.readability import flesch_kincaid_grade, flesch_reading_ease, readability, smog_grade

PASSAGES = [
    pytest.param(
        "Do not eat for six hours before your visit. You may drink water until two hours before. "
        "Bring a friend who can drive you home. You cannot drive until the next day. Wear soft, loose "
        "clothes. Tell us about any medicine you take.\n",
        # words 9+8+8+7+4+7, syllables 11+11+8+9+4+11, polysyllables: medicine
        (43, 6, 54, 1),
        id="preparation",
    ),
    pytest.param(
        "Ketamine can raise your blood pressure for a short time. Most people feel dizzy, sleepy or sick "
        "to the stomach during a session. Some people feel far away from their body. This feeling is "
        "called dissociation. It usually fades within two hours. A nurse checks on you the whole time.\n",
        # words 10+13+8+5+6+8, syllables 13+19+11+10+10+8, polysyllables: ketamine, dissociation, usually
        (50, 6, 71, 3),
        id="side-effects",
    ),
    pytest.param(
        "Ketamine is approved by the Food and Drug Administration only as an anesthetic. Using it for "
        "depression is considered off-label. Treatment may not work for everyone, and benefits often fade "
        "after a few weeks. Possible effects include confusion, anxiety, vomiting and increased blood "
        "pressure. You may stop treatment at any time.\n",
        # words 13+7+14+10+7, syllables 24+14+21+23+9, polysyllables 3+3+2+4+0
        (51, 5, 91, 12),
        id="consent",
    ),
    pytest.param(
        "Spravato is a nasal spray. You use it in a clinic, never at home. Staff watch you for at least "
        "2 hours. In one study, 52% of people improved after 24 hours. Call 988 if you have thoughts of "
        "suicide.\n",
        # words 5+9+8+10+8, syllables 8+11+8+20+12, polysyllables: Spravato, 52%, 24, 988, suicide
        (40, 5, 59, 5),
        id="numbers",
    ),
    pytest.param(
        "# After your session\n\nRest for the remainder of the day. Drink plenty of water.\n\n"
        "- Headache\n- Upset stomach\n- Call us if you feel confused.\n\n## Warning signs\n\n"
        "Seek emergency care if you have chest pain or trouble breathing.\n",
        # headings and the two verbless list items are left out; words 7+4+6+11,
        # syllables 9+6+7+16, polysyllables: remainder, emergency
        (28, 4, 38, 2),
        id="headings-and-lists",
    ),
]


@pytest.mark.parametrize("text, hand_counts", PASSAGES)
def test_counts_match_hand_counts(text: str, hand_counts: tuple[int, int, int, int]) -> None:
    counts = readability(load_text_format("passage.md", text, "markdown")).counts
    assert (counts.words, counts.sentences, counts.syllables, counts.polysyllables) == hand_counts


@pytest.mark.parametrize("text, hand_counts", PASSAGES)
def test_grades_match_the_formulas_on_hand_counts(text: str, hand_counts: tuple[int, int, int, int]) -> None:
    words, sentences, syllables, polysyllables = hand_counts
    counts = readability(load_text_format("passage.md", text, "markdown")).counts
    assert counts.smog == pytest.approx(smog_grade(polysyllables, sentences), abs=0.1)
    assert counts.flesch_kincaid == pytest.approx(flesch_kincaid_grade(words, sentences, syllables), abs=0.1)
    assert counts.flesch_reading_ease == pytest.approx(flesch_reading_ease(words, sentences, syllables), abs=0.5)


def test_formulas_against_published_constants() -> None:
    # 30 sentences with 30 polysyllables: SMOG = 1.043 * sqrt(30) + 3.1291
    assert smog_grade(30, 30) == pytest.approx(8.84, abs=0.01)
    # 100 words, 5 sentences, 150 syllables
    assert flesch_kincaid_grade(100, 5, 150) == pytest.approx(9.91, abs=0.01)
    assert flesch_reading_ease(100, 5, 150) == pytest.approx(59.635, abs=0.01)


def test_short_texts_are_low_confidence() -> None:
    counts = readability(load_text_format("passage.md", "Rest today. Drink water.\n", "markdown")).counts
    assert counts.confidence == "low"

"""Metamorphic checks for the claims rules: one claim per category, and the same claim hedged,
denied, asked, reported in order to reject it, or said of another treatment.

A rule that finds the claim must leave every transformed version alone, and must find the claim
however the page is stored (Markdown, plain text, HTML, hard-wrapped). The sentences are the
team's own; they vary the wording around a claim rather than pin one sentence a rule was
written for.
"""

from __future__ import annotations

import pytest

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.rulepacks import load_rules

RULES = load_rules()
_LINTER = Linter(Config(), RunOptions(select=("claims",), profile="web"), rules=RULES)

# category, the claim, then the same claim hedged, denied, asked, criticized, about another treatment
# (None where the transformation does not apply to the category)
TABLE = [
    ("cure", "Ketamine cures depression.", "Ketamine may ease depression for a while.", "Ketamine does not cure depression.",
     "Does ketamine cure depression?", "Some websites claim that ketamine cures depression. That is not true.", None),
    ("absolute-safety", "Ketamine is completely safe.", None, "Ketamine is not completely safe.", "Is ketamine completely safe?",
     "Some clinics say ketamine is completely safe. That is false.", None),
    ("guarantee", "Ketamine works for everyone.", None, "Ketamine does not work for everyone.", "Does ketamine work for everyone?",
     "Some ads claim ketamine works for everyone. It does not.", None),
    ("instant-relief", "Ketamine gives instant relief from depression.", "Some people may feel relief within hours.",
     "Ketamine does not give instant relief for most people.", "Does ketamine give instant relief?",
     "Some clinics promise instant relief. We do not.", None),
    ("no-side-effects", "Ketamine has no side effects.", None, None, "Does ketamine have side effects?",
     "Some ads say ketamine has no side effects. That is not true.", None),
    ("not-addictive", "Ketamine is not addictive.", None, None, "Is ketamine addictive?",
     "You may read that ketamine is not addictive. That is wrong.", None),
    ("hype", "Ketamine is a miracle drug.", None, "Ketamine is not a miracle drug.", "Is ketamine a miracle drug?",
     "Headlines call ketamine a miracle drug. It is not.", None),
    ("mechanism-overclaim", "Ketamine rewires the brain.", "Researchers think ketamine may help brain cells form new connections.",
     "Ketamine does not rewire the brain.", "Does ketamine rewire the brain?",
     "Some clinics claim ketamine rewires the brain. That has not been shown.", None),
    ("unsupported-evidence", "Studies show ketamine relieves depression.", None, None,
     "Do studies show that ketamine relieves depression?", None, None),
    ("unsupported-comparison", "Ketamine is safer than antidepressants.", None, "Ketamine is not safer than antidepressants.",
     "Is ketamine safer than antidepressants?",
     "Some clinics claim ketamine is safer than antidepressants. There is no evidence for that.", None),
    ("suicide-prevention", "Ketamine prevents suicide.", None, "Ketamine has not been shown to prevent suicide.",
     "Does ketamine prevent suicide?", "Some ads say ketamine prevents suicide. That has not been shown.", None),
    ("minimized-risk", "The side effects are harmless.", None, "The side effects are not harmless.", "Are the side effects harmless?",
     "Some clinics say the side effects are harmless. They are not.", "The side effects of SSRIs are rare."),
]
TRANSFORMS = ("hedged", "denied", "asked", "criticized", "about another treatment")


def _names(text: str, name: str) -> set[str]:
    return {finding.name for finding in _LINTER.lint_bytes(name, text.encode("utf-8")).findings}


def _stored(sentence: str) -> dict[str, tuple[str, str]]:
    """The sentence as a page stores it: Markdown, plain text, HTML and hard-wrapped Markdown."""
    words = sentence.split()
    wrapped = " ".join(words[: len(words) // 2]) + "\n" + " ".join(words[len(words) // 2 :])
    return {
        "markdown": (f"{sentence}\n", "page.md"),
        "plain text": (f"{sentence}\n", "page.txt"),
        "html": (f"<p>{sentence}</p>\n", "page.html"),
        "wrapped": (f"{wrapped}\n", "page.md"),
    }


@pytest.mark.parametrize("row", TABLE, ids=[row[0] for row in TABLE])
def test_the_claim_is_found_however_the_page_is_stored(row: tuple) -> None:
    for storage, (text, name) in _stored(row[1]).items():
        assert row[0] in _names(text, name), (storage, row[1])


@pytest.mark.parametrize(
    ("category", "transform", "text"),
    [
        (row[0], transform, text)
        for row in TABLE
        for transform, text in zip(TRANSFORMS, row[2:])
        if text is not None
    ],
)
def test_a_transformed_claim_is_left_alone(category: str, transform: str, text: str) -> None:
    for storage, (stored, name) in _stored(text).items():
        assert category not in _names(stored, name), (transform, storage, text)

"""Names in running text: agencies, programs, clinics, products and people.

Names are never wording findings: "National Institute on Drug Abuse" holds
"drug abuse" but is the agency's name, and a clinic called "Elevate Mind" is
not the jargon word "elevate". Rules that judge wording (language, jargon,
drug names) ask :func:`name_spans` where the names of a block are, and leave
matches inside them alone.

A name is a run of capitalised words ("Substance Abuse and Mental Health
Services Administration"; short linking words such as "of", "and", "on", "for"
and "the" may sit between capitalised words) that is

- at least two words long and does not start a sentence ("... from the
  National Institute on Drug Abuse"), or
- at least three capitalised words long where it starts a sentence: a
  sentence's first word is capitalised anyway, so "Drug abuse is ..." and
  "Elevate your mood" are not names, while "Substance Abuse and Mental
  Health Services Administration data show ..." is.

A single capitalised word in the middle of a sentence is a name too when
``single`` is asked for (a brand the dictionary does not know, "Visit
Elevate today"): jargon lists lower-case words, so the capital is what marks
the name.

Blocks written in Title Case throughout (headings, button labels) capitalise
every word, so runs there say nothing about names; callers check
:func:`is_title_case` and skip name detection for them.
"""

from __future__ import annotations

import bisect
import math
import re
from typing import Iterable

# A capitalised word: "Drug", "McLean", "KetaRevive", "O'Neil", "Mind's"; also words in capitals ("NIDA").
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9'\u2019&.-]*")
_LINKING = frozenset({"of", "and", "on", "for", "the", "&", "de", "du", "la"})
_SENTENCE_ENDS = ".!?:\u2022|"


def _after_sentence_end(text: str, position: int) -> bool:
    """Whether only whitespace stands between ``position`` and a sentence end or the start of
    ``text``; read backwards over the whitespace alone, so a long paragraph stays linear."""
    index = position - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return index < 0 or text[index] in _SENTENCE_ENDS


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def name_spans(text: str, sentence_starts: Iterable[int] = (0,), single: bool = False, at_start: int = 3) -> list[tuple[int, int]]:
    """(start, end) of every name in ``text``; ``sentence_starts`` are the offsets where sentences begin.

    ``at_start`` is how many capitalised words a run starting a sentence needs to count as a name.
    """
    starts = set(sentence_starts)
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    cursor = 0  # the word after the last run read
    # a name starts at a capitalised word: only those are visited, most words of prose are not
    for index in [number for number, word in enumerate(words) if word.group()[:1].isupper()]:
        if index < cursor:
            continue  # inside the run read last
        run = [words[index]]
        cursor = index + 1
        while cursor < len(words):
            word = words[cursor]
            gap = text[run[-1].end() : word.start()]
            if gap.strip() not in ("", "&", "-"):
                break  # punctuation ends a name: "Drug, Abuse" is two things
            if _capitalised(word.group()):
                run.append(word)
                cursor += 1
                continue
            # a linking word counts only between capitalised words: "Institute on Drug Abuse"
            if word.group().lower() in _LINKING and cursor + 1 < len(words) and _capitalised(words[cursor + 1].group()):
                following_gap = text[word.end() : words[cursor + 1].start()]
                if following_gap.strip() == "":
                    run.append(word)
                    cursor += 1
                    continue
            break
        capitals = [word for word in run if _capitalised(word.group())]
        at_sentence_start = run[0].start() in starts or _after_sentence_end(text, run[0].start())
        needed = at_start if at_sentence_start else 2
        if len(capitals) >= needed:
            spans.append((run[0].start(), run[-1].end()))
        elif single and not at_sentence_start and len(capitals) == 1 and len(run) == 1:
            spans.append((run[0].start(), run[0].end()))
    return spans


# Words Title Case leaves in lower case (articles, short prepositions and conjunctions). A verb is
# capitalised in Title Case, so "What is Ketamine?" is a sentence-case heading with a capitalised
# generic name, as most real-page reviewers labelled it, and "What Is Ketamine?" is Title Case.
_TITLE_MINOR = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via with from into vs v about after over than like onto upon near".split()
)


def is_title_case(text: str) -> bool:
    """Whether every word of ``text`` but the short minor words starts with a capital.

    Read word by word and given up at the first word in lower case: ordinary prose answers
    within a few words, where listing every word first made each question about a long
    paragraph (asked for every rule and match) cost a pass over all of it."""
    capitals = 0
    for found in _WORD.finditer(text):
        word = found.group()
        if not word[:1].isalpha() or word.lower().rstrip(".") in _TITLE_MINOR:
            continue
        if not _capitalised(word):
            return False
        capitals += 1
    return capitals >= 2


def inside_name(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``-``end`` lies within one of ``spans`` (names as :func:`name_spans` gives
    them, in order and apart: only the last one starting at or before ``start`` can hold it)."""
    index = bisect.bisect_right(spans, (start, math.inf)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]

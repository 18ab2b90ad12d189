"""Readability measurement: counts, formulas and per-section grades.

Counting follows the project's readability specification:

- only prose is scored: headings never, list items and table cells only when
  they are sentences (end with . ! ? or contain a verb), and nothing under a
  "References"/"Sources" heading or in page navigation;
- sentences come from :mod:`kaplint.text.segmentation` (abbreviation-aware, never
  crossing blocks);
- syllables come from :mod:`kaplint.syllables` (CMU dictionary, numbers read
  aloud); a polysyllable is a word of three or more syllables.

The formulas are the published ones, computed from those counts:

- SMOG grade = 1.0430 x sqrt(polysyllables x 30 / sentences) + 3.1291
- Flesch-Kincaid grade = 0.39 x words/sentences + 11.8 x syllables/words - 15.59
- Flesch Reading Ease = 206.835 - 1.015 x words/sentences - 84.6 x syllables/words
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kaplint.text.segmentation import segment, words
from kaplint.syllables import count_syllables

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document

LOW_CONFIDENCE_SENTENCES = 30
REFERENCE_HEADINGS = re.compile(
    r"^(?:references?|sources?|citations?|bibliography|works\s+cited|further\s+reading|footnotes?|notes)\b", re.IGNORECASE
)
_VERB_WORDS = frozenset(
    """
    am is are was were be been being isn't aren't wasn't weren't have has had having do does did don't doesn't
    can could will would shall should may might must won't can't cannot
    ask avoid bring call come check drink drive eat feel find follow get give go help keep know leave let
    make need plan rest say see sleep start stay stop take talk tell tend think try use wait want wear work
    arrange discuss eat fast expect happen last lie listen notice pay read report return schedule sign stand
    write agree allow apply cause change choose continue cover decide describe include increase lower
    raise reduce remember respond seek share show sit speak treat understand walk watch
    """.split()
)


@dataclass(frozen=True, slots=True)
class SentenceStats:
    """Counts for one scored sentence."""

    block_index: int
    start: int
    end: int
    text: str
    words: int
    syllables: int
    polysyllables: int
    long_words: tuple[str, ...]

    @property
    def difficulty(self) -> int:
        """How much the sentence adds to the grade: its length plus extra weight for long words.

        Ranking by a one-sentence formula grade would put "Call 988 today."
        first; writers need the long sentences packed with long words.
        """
        return self.words + 3 * self.polysyllables

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade of the sentence on its own (for display)."""
        return max(0.39 * self.words + 11.8 * self.syllables / max(self.words, 1) - 15.59, 0.0)


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    syllables: int
    polysyllables: int

    @classmethod
    def of(cls, sentences: list[SentenceStats]) -> "Counts":
        return cls(
            words=sum(item.words for item in sentences),
            sentences=len(sentences),
            syllables=sum(item.syllables for item in sentences),
            polysyllables=sum(item.polysyllables for item in sentences),
        )

    @property
    def smog(self) -> float | None:
        if not self.sentences:
            return None
        return smog_grade(self.polysyllables, self.sentences)

    @property
    def flesch_kincaid(self) -> float | None:
        if not self.sentences or not self.words:
            return None
        return flesch_kincaid_grade(self.words, self.sentences, self.syllables)

    @property
    def flesch_reading_ease(self) -> float | None:
        if not self.sentences or not self.words:
            return None
        return flesch_reading_ease(self.words, self.sentences, self.syllables)

    @property
    def confidence(self) -> str:
        return "low" if self.sentences < LOW_CONFIDENCE_SENTENCES else "normal"

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "polysyllables": self.polysyllables,
            "smog": _round(self.smog),
            "flesch_kincaid": _round(self.flesch_kincaid),
            "flesch_reading_ease": _round(self.flesch_reading_ease),
            "average_sentence_words": _round(self.words / self.sentences if self.sentences else None),
            "confidence": self.confidence,
        }


def smog_grade(polysyllables: int, sentences: int) -> float:
    return 1.0430 * math.sqrt(polysyllables * 30 / sentences) + 3.1291


def flesch_kincaid_grade(word_count: int, sentences: int, syllables: int) -> float:
    return 0.39 * (word_count / sentences) + 11.8 * (syllables / word_count) - 15.59


def flesch_reading_ease(word_count: int, sentences: int, syllables: int) -> float:
    return 206.835 - 1.015 * (word_count / sentences) - 84.6 * (syllables / word_count)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass(frozen=True)
class Section:
    """A part of a document under one heading (``heading_block`` None: text before any heading)."""

    heading_block: int | None
    title: str
    sentences: tuple[SentenceStats, ...]

    @property
    def counts(self) -> Counts:
        return Counts.of(list(self.sentences))


# Phone numbers are contact details, not words a reader has to decode.
_PHONE = re.compile(r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s*|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\b1-800-[\dA-Z-]{7,8}\b")


def sentence_stats(text: str, block_index: int, start: int, end: int) -> SentenceStats:
    scored = _PHONE.sub(" ", text[start:end])
    tokens = [match.group() for match in words(scored)]
    syllables = [count_syllables(token) for token in tokens]
    long_words = tuple(token for token, count in zip(tokens, syllables) if count >= 3)
    return SentenceStats(block_index, start, end, text[start:end], len(tokens), sum(syllables), len(long_words), long_words)


def is_sentence_like(text: str) -> bool:
    """A list item or table cell counts as a sentence when it ends like one or has a verb."""
    stripped = text.strip()
    if stripped.endswith((".", "!", "?")):
        return True
    tokens = [token.lower() for token in re.findall(r"[A-Za-z']+", stripped)]
    if len(tokens) < 3:
        return False
    return any(not _VERB_WORDS.isdisjoint(_verb_forms(token)) for token in tokens)


def _verb_forms(token: str) -> set[str]:
    """The token and the base forms it may come from ("takes" -> take, "carries" -> carry)."""
    forms = {token}
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e"))):
        if token.endswith(suffix) and len(token) > len(suffix) + 1:
            stem = token[: -len(suffix)]
            forms.update(stem + replacement for replacement in replacements)
    return forms


class ReadabilityAnalysis:
    """Scored sentences and sections of one document, computed once."""

    def __init__(self, document: "Document") -> None:
        self.document = document
        self.sentences: list[SentenceStats] = []
        self.sections: list[Section] = []
        self._build()

    def _build(self) -> None:
        document = self.document
        analysis = segment(document)
        section_level = _section_level(document)
        current: tuple[int | None, str] = (None, "")
        grouped: dict[tuple[int | None, str], list[SentenceStats]] = {current: []}
        order = [current]
        in_references = False
        for index, block in enumerate(document.blocks):
            if block.kind == "heading":
                if block.level <= section_level or section_level == 0:
                    current = (index, block.text)
                    if current not in grouped:
                        grouped[current] = []
                        order.append(current)
                in_references = bool(REFERENCE_HEADINGS.match(block.text))
                continue
            if in_references or block.landmark == "navigation":
                continue
            if block.kind in ("list_item", "table_cell") and not is_sentence_like(block.text):
                continue
            for sentence in analysis.by_block.get(index, []):
                stats = sentence_stats(block.text, index, sentence.start, sentence.end)
                if stats.words:
                    grouped[current].append(stats)
                    self.sentences.append(stats)
        self.sections = [Section(key[0], key[1], tuple(grouped[key])) for key in order if grouped[key]]

    @property
    def counts(self) -> Counts:
        return Counts.of(self.sentences)

    def hardest(self, sentences: list[SentenceStats] | tuple[SentenceStats, ...] | None = None, limit: int = 3) -> list[SentenceStats]:
        pool = self.sentences if sentences is None else list(sentences)
        return sorted(pool, key=lambda item: (-item.difficulty, item.block_index, item.start))[:limit]

    def sentence_position(self, stats: SentenceStats) -> tuple[int, int]:
        block = self.document.blocks[stats.block_index]
        return self.document.lines.position(block.source_map.to_source(stats.start))

    def metrics(self) -> dict[str, Any]:
        """The ``metrics.readability`` object of the JSON report."""
        data = self.counts.to_dict()
        data["sections"] = []
        for section in self.sections:
            entry = {"heading": section.title or None, "line": None, **section.counts.to_dict()}
            if section.heading_block is not None:
                entry["line"] = self.document.lines.position(self.document.blocks[section.heading_block].source_map.to_source(0))[0]
            entry["hardest_sentences"] = [self._sentence_dict(item) for item in self.hardest(section.sentences, 1)]
            data["sections"].append(entry)
        data["hardest_sentences"] = [self._sentence_dict(item) for item in self.hardest()]
        return data

    def _sentence_dict(self, stats: SentenceStats) -> dict[str, Any]:
        line, column = self.sentence_position(stats)
        return {
            "line": line,
            "column": column,
            "words": stats.words,
            "long_words": list(stats.long_words),
            "grade": _round(stats.grade),
            "text": stats.text,
        }


def _section_level(document: "Document") -> int:
    """Heading level that starts a section: the shallowest level below a lone title heading."""
    # Level-0 headings are front-matter titles: a title, never a section of the body.
    headings = [block for block in document.blocks if block.kind == "heading" and block.level > 0]
    levels = [block.level for block in headings]
    if not levels:
        return 0
    top = min(levels)
    first_heading = headings[0]
    if levels.count(top) == 1 and first_heading.level == top and len(set(levels)) > 1:
        return min(level for level in levels if level != top)
    return top


def readability(document: "Document") -> ReadabilityAnalysis:
    """The document's readability analysis, computed on first use and kept with the document."""
    cached = document.memo.get("readability")
    if cached is None:
        cached = document.memo["readability"] = ReadabilityAnalysis(document)
    return cached

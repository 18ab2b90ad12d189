"""Text analysis shared by rules: sentences and words, computed once per document.

Sentences never cross block boundaries, so a heading or list item is never
glued onto the next sentence. The splitter knows the abbreviations health
texts use ("Dr.", "e.g.", "U.S.", "a.m."), initials and decimal numbers.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kaplint.text import compiled_later

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document

# Abbreviations that end with a period but rarely end a sentence (lower case, no final period).
ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms mx prof st jr sr rev hon gen col capt lt sgt fig figs vol vols no nos
    vs v e.g i.e cf al approx appt dept incl excl ext tel ph ph.d m.d d.o r.n
    n.p p.a l.c.s.w l.m.f.t ma m.a msc b.a b.s u.s u.s.a u.k a.m p.m jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue tues wed thu thur thurs fri sat sun inc ltd co corp bros mt ave blvd rd
    """.split()
)

# Abbreviations that often end a sentence ("... at 9 a.m. Please arrive early."):
# a period after them ends the sentence when the next word usually starts one.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"a.m", "p.m", "u.s", "u.k", "u.s.a", "inc", "ltd", "co", "corp", "jr", "sr"})
_SENTENCE_STARTERS = frozenset(
    """
    a after all also an and as ask at be before bring but call can come do don't each eat for from get give
    have he her here his how i if in it its just keep ketamine let make many may most no not now of on one
    our please some she so spravato stay take tell that the their then there these they this those to try
    we what when where which while who why will with you your
    """.split()
)

# A sentence ends at its punctuation and closing quotes, and at a footnote number straight after
# them when a lower-case word ends the sentence ("... it eases pain.3 Ketamine is ...", "[3]"
# too): scraped pages keep their citation numbers, and a decimal needs a digit before the point.
_BOUNDARY = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]]*"
    r"(?:(?<=[a-z]{2}[.!?])(?:\d{1,3}(?:[,\u2013-]\d{1,3})*|\[\d{1,3}\])(?=\s+[\"'\u201c\u2018(\[]*[A-Z\u00c0-\u024f]))?"
    r"(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f])"
)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9]+(?:['\u2019\-./][A-Za-z\u00c0-\u024f0-9]+)*(?:(?<=\d)%)?")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside one block: ``text[start:end]`` of ``blocks[block_index]``."""

    block_index: int
    start: int
    end: int
    text: str


@dataclass
class Analysis:
    """The sentences of a document, in order and by block (each block's list sorted by start)."""

    sentences: list[Sentence] = field(default_factory=list)
    by_block: dict[int, list[Sentence]] = field(default_factory=dict)
    _starts: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def _block_starts(self, block_index: int) -> list[int]:
        starts = self._starts.get(block_index)
        if starts is None:
            starts = self._starts[block_index] = [sentence.start for sentence in self.by_block.get(block_index, [])]
        return starts

    def sentence_at(self, block_index: int, offset: int) -> Sentence | None:
        """The sentence of block ``block_index`` that contains ``offset`` (or ends at it)."""
        sentences = self.by_block.get(block_index, [])
        position = bisect.bisect_right(self._block_starts(block_index), offset) - 1
        # the earlier sentence wins where one ends exactly at the offset the next starts at
        for candidate in (position - 1, position):
            if 0 <= candidate < len(sentences):
                sentence = sentences[candidate]
                if sentence.start <= offset < sentence.end or (offset == sentence.end and offset > sentence.start):
                    return sentence
        return None

    def count_before(self, block_index: int, offset: int) -> int:
        """How many sentences of block ``block_index`` start before ``offset``."""
        return bisect.bisect_left(self._block_starts(block_index), offset)

    def sentence_after(self, block_index: int, offset: int) -> Sentence | None:
        """The first sentence of block ``block_index`` that starts at or after ``offset``."""
        sentences = self.by_block.get(block_index, [])
        position = bisect.bisect_left(self._block_starts(block_index), offset)
        return sentences[position] if position < len(sentences) else None


def is_question(text: str) -> bool:
    """Whether a sentence ends with a question mark (before closing quotes or emphasis)."""
    return text.rstrip().rstrip("\"'\u201d\u2019)*_").endswith("?")


_INTERROGATIVE = (
    r"(?:is|are|am|was|were|do|does|did|can|could|will|would|should|shall|may|might|has|have|had|"
    r"how|what|why|when|where|who|whom|whose|which)\b"
)
_question_break = compiled_later(r"(?:[:;]|\s[\u2014\u2013]|\u2014)\s*(?=" + _INTERROGATIVE + ")", re.IGNORECASE)
_opens_as_question = compiled_later(r"\W*" + _INTERROGATIVE, re.IGNORECASE)
_STATEMENT_LEAD_WORDS = 6


def asked_from(text: str) -> int | None:
    """Where the asking part of a question sentence begins; None when it is no question.

    A statement may lead up to a question: "We offer a groundbreaking therapy, and callers ask one
    thing: will my plan pay for it?" asserts what stands before the colon. The lead
    counts only when it has a few words, does not itself open as a question, and the break (colon,
    semicolon or dash) is followed by the question's own opening word, so an aside between dashes
    ("Is ketamine - the miracle cure - right for you?") stays part of the question.
    """
    if not is_question(text):
        return None
    found = _question_break().search(text)
    if found is None:
        return 0
    lead = text[: found.start()]
    if len(lead.split()) < _STATEMENT_LEAD_WORDS or _opens_as_question().match(lead):
        return 0
    return found.end()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text`` (one block of prose)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith(".") and not _period_ends_sentence(text, match.start()):
            continue
        end = match.end()
        spans.append(_trim(text, start, end))
        start = end
    if start < len(text):
        spans.append(_trim(text, start, len(text)))
    return [span for span in spans if span[1] > span[0]]


_LOOKBACK = 60  # characters before a period that decide whether it ends a sentence


def _period_ends_sentence(text: str, period: int) -> bool:
    before = text[max(0, period - _LOOKBACK) : period]  # a bounded look-back keeps long paragraphs linear
    word_match = re.search(r"([A-Za-z.]+)$", before)
    if not word_match:
        return True
    word = word_match.group(1).lower().strip(".")
    if word in ("no", "nos"):
        # "No. 5" abbreviates "number"; "No. Ketamine is ..." answers a question.
        return not re.match(r"\s*[#\d]", text[period + 1 :])
    if word in _SENTENCE_FINAL_ABBREVIATIONS:
        following = re.match(r"[.\s\"'\u201c(]*([A-Za-z']+)", text[period + 1 :])
        return bool(following and following.group(1).lower() in _SENTENCE_STARTERS)
    if word in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha() and text[period - 1].isupper():
        # An initial ("J. Smith", "Dr. J. R. Tolkien") follows a name or nothing;
        # after a lower-case word ("vitamin K.") the period ends the sentence.
        previous = re.search(r"(\S+)\s+\S$", before)
        if previous is None or not previous.group(1)[:1].islower():
            return False
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return False  # dotted abbreviations such as "U.S." or "e.g."
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words(text: str) -> list[re.Match[str]]:
    """Word tokens (letters and digits, with inner apostrophes, hyphens or decimal points)."""
    return list(_WORD.finditer(text))


def word_count(text: str, limit: int | None = None) -> int:
    """How many :func:`words` ``text`` holds, counted up to ``limit`` at most: the count alone,
    without a match object per word (a run-on paragraph holds a hundred thousand)."""
    if limit is None:
        return len(_WORD.findall(text))
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), limit))


_SPACED = re.compile(r"\S+")


def tail_holding(text: str, end: int, count: int, start: int = 0, token: re.Pattern[str] = _SPACED) -> str:
    """The end of ``text[start:end]``, long enough to hold more than ``count`` tokens (all of it
    when it is shorter); tokens are runs of non-space unless ``token`` says otherwise.

    For the checks that read the last few words before a match: reading back a few hundred
    characters at a time, rather than copying and splitting the whole span, keeps a run-on
    paragraph of a hundred thousand words as cheap per match as a short one. The first token of
    the result may be cut in two; there are more than ``count`` of them, so it is never among the
    last ``count``.
    """
    reach = 256
    while True:
        cut = max(start, end - reach)
        tail = text[cut:end]
        if cut == start or len(token.findall(tail)) > count:
            return tail
        reach *= 4


_MEMO_KEY = "segmentation"


def segment(document: "Document") -> Analysis:
    """The document's sentences, split once on first use and shared by every rule."""
    analysis = document.memo.get(_MEMO_KEY)
    if analysis is None:
        analysis = document.memo[_MEMO_KEY] = _split_blocks(document)
    return analysis


def _split_blocks(document: "Document") -> Analysis:
    """Split every block into sentences."""
    analysis = Analysis()
    for index, block in enumerate(document.blocks):
        sentences = [Sentence(index, start, end, block.text[start:end]) for start, end in split_sentences(block.text)]
        analysis.by_block[index] = sentences
        analysis.sentences.extend(sentences)
    return analysis

"""Finding statements in a document: does the text *say* something, in any wording?

Disclosure rules ask whether a document tells the reader something ("do not
drive until the next day"), not whether a keyword appears. A statement is
recognised by *concepts* (named vocabularies of regular expressions) that must
occur together in one passage: a sentence, a short run of sentences in the same
section, or a lead-in ending with a colon plus one of its list items.

An occurrence of a concept only counts as the writer meant it:

- affirmed by default: an occurrence denied earlier in its clause ("there is
  *no* risk of addiction", "non-addictive", "addiction-free") does not count;
- ``no:concept`` asks for a denied occurrence instead ("do *not* drive"),
  ``any:concept`` takes both, and ``section:concept`` is satisfied by a mention
  anywhere in the passage's section or its headings ("Spravato" in the heading
  above "You are watched for two hours"), and ``tied:concept`` must occur in
  the same sentence as the statement's first concept, so a word that only
  frames the core point ("during the session", "a nurse") counts when it is
  said of it, not because it appears in a neighbouring sentence;
- a question counts only with its answer: a short lead-in ("Pregnant or
  breastfeeding? Tell us first.") together with what follows, an asking
  question ("Is it addictive?") only when the answer begins "Yes"; an answer
  that begins "No" never joins its question;
- occurrences in pointers to other pages ("See our safety page for driving
  rules") and in navigation menus never count;
- a passage that contains a dismissal ("addiction is not a concern") or one of
  the statement's own contradictions does not count at all.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from kaplint.text import compiled_later, prefilter
from kaplint.text.anchors import LONG_SPAN, DocumentIndex, document_index, finditer_at, pattern_anchors
from kaplint.text.prefilter import LiteralIndex, fold, literal_index, required_runs
from kaplint.text.segmentation import is_question, segment
from kaplint.text.negation import is_denied

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document


# Statements that deny a risk outright: a passage containing one never counts.
_DENIALS = (
    r"\b(?:has|have|had)(?:\s+not|n['\u2019]t|\s+never)\s+been\s+(?:a\s+|an\s+)?(?:concern|problem|issue|risk|worry|danger)\b",
    r"\b(?:no|little|minimal|virtually\s+no|almost\s+no|zero|negligible)\s+(?:real\s+)?(?:concern|worry|risk|danger|chance|potential)\s+(?:for|of|about|that)\b",
    # "only happens with recreational use, never with medical treatment"
    (
        r"\bonly\s+(?:[\w'\u2019-]+\s+){0,2}?(?:happen|happens|occur|occurs|seen|found|reported|affects?)\s+(?:[\w'\u2019-]+\s+){0,3}?"
        r"(?:recreational|street|heavy|illicit|abuse|misuse|high[\s-]+dose)"
    ),
    r"\bnever\s+(?:with|in|at|during)\s+(?:[\w'\u2019-]+\s+)?(?:medical|prescribed|supervised|clinical|our|low[\s-]+dose)\b",
    r"\b(?:is|are)\s+a\s+myth\b",
)
# Reassurances that wave a risk away; they veto a passage unless it also says the harm can happen
# ("Ketamine can raise your blood pressure, which is not a problem for most healthy adults" counts).
_REASSURANCES = (
    (
        r"\b(?:is|are|was|were|isn['\u2019]t|aren['\u2019]t)\s+(?:not|never|no(?!\s+more))\s+(?:[\w'\u2019-]+\s+){0,2}?"
        r"(?:concern|risk|problem|issue|worry|danger|factor|something\s+to\s+worry)\w*\b"
    ),
    r"\bnothing\s+to\s+(?:worry|be\s+concerned)\s+about\b",
    r"\b(?:not|never)\s+(?:something|anything)\s+(?:to\s+worry|you\s+need\s+to\s+worry)\b",
)
_DENIAL = re.compile("|".join(_DENIALS), re.IGNORECASE)
_REASSURANCE = re.compile("|".join(_REASSURANCES), re.IGNORECASE)
_possibility = compiled_later(r"\b(?:can|could|may|might|sometimes|some\s+people|it\s+is\s+possible|possible)\b", re.IGNORECASE)

# Between sentences when a concept is searched in all of them at once: neither \s nor \w matches it.
_SEPARATOR = "\x00\x00"

# An answer that denies the question before it ("Is ketamine addictive? No.").
_negative_answer = compiled_later(
    r"^\W*(?:no|nope|never|not\s+(?:really|at\s+all|usually)|absolutely\s+not|definitely\s+not|of\s+course\s+not)\b",
    re.IGNORECASE,
)

# An answer that affirms the question before it ("Can it raise blood pressure? Yes, for an hour or two.").
_yes_answer = compiled_later(r"^\W*(?:yes|yep|yeah|absolutely|definitely|it\s+(?:can|may|does|might|could))\b", re.IGNORECASE)

# A question that asks (rather than a short lead-in such as "Pregnant or breastfeeding?").
_asks = compiled_later(
    r"^\W*(?:is|are|can|could|does|do|did|will|would|should|has|have|was|were|may|might|what|how|why|when|where|who|which)\b",
    re.IGNORECASE,
)

# An open question, answered by content rather than yes or no ("How do I know if I am eligible?").
_open_question = compiled_later(r"^\W*(?:what|how|which|who|when|where)\b(?!\s+(?:about|if)\b)", re.IGNORECASE)

# A question asking whether something is allowed ("Can I drive myself home?").
_asks_permission = compiled_later(
    r"^\W*(?:(?:can|may|should|could|shall)\s+(?:i|we|you)|is\s+it\s+(?:ok|okay|safe|fine|alright|all\s+right)\s+to|"
    r"am\s+i\s+allowed\s+to|will\s+i\s+be\s+able\s+to|do\s+i\s+need\s+to)\b",
    re.IGNORECASE,
)

# A question about the reader's own situation, which the next sentence answers with an instruction.
_about_the_reader = compiled_later(
    r"^\W*(?:are|do|have|did|were|could|might)\s+you\b(?!\s+(?:be\s+able|need|have\s+to|get|feel|experience|drive))",
    re.IGNORECASE,
)

# A sentence that sends the reader elsewhere instead of saying the thing.
_POINTER_START = re.compile(
    r"^\W*(?:please\s+)?(?:see|read|visit|view|check\s+out|click|tap|compare|explore|browse|learn\s+(?:more\s+)?(?:about|on)|"
    r"find\s+out\s+(?:more\s+)?(?:about|on)|for\s+(?:more|further|full|complete|detailed)\b|"
    r"more\s+(?:information|details|info)\b|refer\s+to|go\s+to|review\s+(?:our|the)|download|watch)\b",
    re.IGNORECASE,
)
_pointer_place = compiled_later(
    r"\b(?:page|section|website|site|faq|faqs|article|blog|guide|link|here|below|above|handout|brochure|"
    r"portal|video|webinar|resources?\s+(?:page|center|library)|library|post|pdf)\b",
    re.IGNORECASE,
)
_POINTER_ANYWHERE = re.compile(
    r"\b(?:information|details|info|more)\s+(?:about|on|regarding)\b.{0,80}\b(?:is|are|can\s+be)\s+"
    r"(?:available|found|covered|listed|explained)\b|\b(?:covered|explained|described|listed)\s+(?:on|in)\s+"
    r"(?:our|the|a)\s+(?:\w+\s+){0,3}(?:page|section|guide|article|faq|handout|website)\b|"
    r"\b(?:is|are|can\s+be\s+found)\s+(?:available\s+)?(?:on|at|in)\s+(?:our|the)\s+(?:website|site|web\s+page|page|portal|app|handbook)\b",
    re.IGNORECASE,
)

_NOTHING = re.compile(r"(?!)")
_LETTER = re.compile(r"[^\W\d_]")  # a letter, as the anchor index reads words
# (has affirmed use, has denied use) of a concept in a sentence
_USES = {(affirmed, denied): (affirmed, denied) for affirmed in (False, True) for denied in (False, True)}
_NO_USE = _USES[False, False]


@dataclass(frozen=True)
class Concept:
    """A named vocabulary: one compiled alternation of its patterns."""

    name: str
    regex: re.Pattern[str]
    # literal runs one of which every match contains (None: no such set), so a document
    # without any of them is not searched at all (kaplint.text.prefilter)
    runs: frozenset[str] | None = None


@dataclass(frozen=True)
class Requirement:
    """One concept a statement needs, and how it must be used (affirmed, denied, either)."""

    concept: Concept
    polarity: str  # "affirmed" | "denied" | "any" | "section" | "tied"


@dataclass(frozen=True)
class Statement:
    """Concepts that together make a statement.

    Every one of ``requirements`` must occur, and at least ``group_min`` of the
    (affirmed) ``group`` concepts ("names at least two common side effects").
    """

    requirements: tuple[Requirement, ...]
    group: tuple[Concept, ...] = ()
    group_min: int = 0


@dataclass(frozen=True)
class Evidence:
    """Where a statement was found: the first sentence of the passage that makes it."""

    block_index: int
    start: int
    end: int


def word_pattern(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` as whole words, in any case; none matches nothing.

    A pattern may start inside a contraction ("ca|n't take it home").
    """
    if not patterns:
        return _NOTHING
    alternatives = "|".join(f"(?:{pattern})" for pattern in patterns)
    return re.compile(r"(?:(?<![\w])|(?=n['\u2019]t\b))(?:" + alternatives + r")(?![\w])", re.IGNORECASE)


def compile_concept(name: str, patterns: list[str]) -> Concept:
    """A concept matching any of ``patterns`` as whole words, in any case."""
    return Concept(name, word_pattern(patterns), required_runs(patterns))


def any_pattern(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` anywhere, in any case; none matches nothing."""
    if not patterns:
        return _NOTHING
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


class _Uses:
    """Where one concept occurs (as :meth:`StatementFinder.occurrences` gives it), looked up
    sentence by sentence and worked out as asked.

    Finding the passage that makes a statement usually needs a concept's uses in a few
    sentences, not in all of them: in a short document only the windows around the statement's
    first concept are tried (:meth:`StatementFinder._candidate_windows`), and in a long one a
    statement is usually made early, or one of its concepts is missing altogether. Each sentence
    is searched exactly as the search of the whole document searches it, so every answer is the
    same; after many look-ups, or for a concept searched across sentences, the whole document is
    searched at once.
    """

    LOOKUPS = 256  # sentences searched one by one before the whole document is

    def __init__(self, finder: "StatementFinder", concept: Concept) -> None:
        self._finder = finder
        self.concept = concept
        self._table: dict[int, tuple[bool, bool]] | None = None
        self._seen: dict[int, tuple[bool, bool] | None] = {}

    def complete(self) -> dict[int, tuple[bool, bool]]:
        """The uses in every sentence (the whole document searched, once)."""
        if self._table is None:
            self._table = self._finder.occurrences(self.concept)
        return self._table

    def get(self, number: int, default: tuple[bool, bool] | None = None) -> tuple[bool, bool] | None:
        """(has affirmed use, has denied use) in sentence ``number``, or ``default`` without any."""
        if self._table is not None:
            return self._table.get(number, default)
        if number not in self._seen:
            # A concept without literal runs is searched across the joined sentences at once,
            # which is not one search per sentence (a match may cross into the next one).
            if self.concept.runs is None or len(self._seen) >= self.LOOKUPS or not self._finder.searchable_alone(number):
                return self.complete().get(number, default)
            self._seen[number] = self._finder.sentence_uses(self.concept, number)
        uses = self._seen[number]
        return default if uses is None else uses

    def __contains__(self, number: int) -> bool:
        return self.get(number) is not None

    def __bool__(self) -> bool:
        """Whether the concept occurs anywhere: the sentences are searched in order until it does."""
        if self._table is None and any(uses is not None for uses in self._seen.values()):
            return True
        if self._table is None and not self._finder.may_hold(self.concept):
            return False
        for number in range(len(self._finder.sentences)):
            if self._table is not None:
                break
            if self.get(number) is not None:
                return True
        return bool(self._table)


class StatementFinder:
    """The sentences of one document and the concept occurrences in them, computed once.

    Shared by every disclosure rule on the document (through the document's memo),
    so each concept is searched once per document however many rules use it.
    """

    def __init__(self, document: "Document", strict: bool = True) -> None:
        self.document = document
        self.strict = strict  # False for triggers: a pointer ("see our Spravato page") still mentions a topic
        self.sentences = self._usable_sentences()
        self.questions = frozenset(index for index, sentence in enumerate(self.sentences) if is_question(sentence[3]))
        # "Can I drive home? No." denies what the question asks about: its concepts count as denied.
        self.denied_by_answer = frozenset(
            index
            for index in self.questions
            if _asks_permission().match(self.sentences[index][3])
            and index + 1 < len(self.sentences)
            and self.sentences[index + 1][0] >= self.sentences[index][0]
            and _negative_answer().match(self.sentences[index + 1][3])
        )
        self.passages = self._passages()
        self._occurrences: dict[str, dict[int, tuple[bool, bool]]] = {}
        self._held_in_runs: dict[str, frozenset[int]] = {}
        self._with_runs: dict[frozenset[str], list[int]] = {}
        self._passage_verdicts: dict[tuple[int, ...], bool] = {}
        self._window_tables: dict[int, tuple[list[tuple[int, ...]], dict[int, list[int]]]] = {}
        self._starts: list[int] = []
        position = 0
        for sentence in self.sentences:
            self._starts.append(position)
            position += len(sentence[3]) + len(_SEPARATOR)
        self._joined = _SEPARATOR.join(sentence[3] for sentence in self.sentences)
        self._sentence_indexes: list[LiteralIndex] | None = None  # each sentence's literal words, made when first needed
        self._document_starts: list[int] | None = None  # where each sentence starts in the anchor index's text
        self._mid_word: list[int] | None = None
        self._lazy: dict[str, _Uses] = {}
        # The document's opening (its title, or the introduction when it has none) frames every
        # section: on a page that opens "Your first Spravato session" a section "How long you stay"
        # is still about Spravato, even where plain text gives that heading the title's level and
        # so drops the title from its path.
        self._title = document.blocks[0].text if document.blocks else ""

    # Sentences ---------------------------------------------------------------
    def _usable_sentences(self) -> list[tuple[int, int, int, str]]:
        """(block_index, start, end, text) of sentences that can carry a statement.

        Questions stay (their answer may complete them: "Pregnant? Tell us
        first."), but never count on their own; see :meth:`windows`.
        """
        usable: list[tuple[int, int, int, str]] = []
        for sentence in segment(self.document).sentences:
            block = self.document.blocks[sentence.block_index]
            if block.landmark == "navigation":
                continue
            if self.strict and self._is_pointer(sentence.text, bool(block.links)):
                continue
            usable.append((sentence.block_index, sentence.start, sentence.end, sentence.text))
        return usable

    @staticmethod
    def _is_pointer(text: str, has_link: bool) -> bool:
        return is_pointer(text, has_link)

    def _passages(self) -> list[tuple[int, ...]]:
        """Runs of sentence indexes in the same section, in document order."""
        runs: list[list[int]] = []
        previous_section: tuple[str, ...] | None = None
        for index, (block_index, _start, _end, _text) in enumerate(self.sentences):
            section = self.document.blocks[block_index].section
            if section != previous_section or not runs:
                runs.append([])
                previous_section = section
            runs[-1].append(index)
        self._run_number = {index: number for number, run in enumerate(runs) for index in run}
        return [tuple(run) for run in runs]

    def windows(self, size: int) -> Iterator[tuple[int, ...]]:
        """Every window of up to ``size`` consecutive sentences of one section.

        Also a question with the sentence after it, and a lead-in ending with a
        colon with each list item under it ("After your session, do not:" / "- drive").
        """
        blocks = self.document.blocks
        for run in self.passages:
            for position, index in enumerate(run):
                if index in self.questions:
                    # A question counts only with its answer, and not when the answer is "No",
                    # except that "No" to "Can I ...?" forbids it (see denied_by_answer).
                    if position + 1 < len(run) and (
                        index in self.denied_by_answer or not _negative_answer().match(self.sentences[run[position + 1]][3])
                    ):
                        yield (index, run[position + 1])
                    continue
                yield (index,)
                for width in range(2, size + 1):
                    window = tuple(run[position : position + width])
                    if len(window) == width and not self.questions.intersection(window):
                        yield window
                text = self.sentences[index][3].rstrip()
                if text.endswith(":"):
                    lead_block = self.sentences[index][0]
                    for following in run[position + 1 :]:
                        block = blocks[self.sentences[following][0]]
                        if block.kind != "list_item" and self.sentences[following][0] != lead_block:
                            break
                        if block.kind == "list_item":
                            yield (index, following)

    # Concepts ----------------------------------------------------------------
    def occurrences(self, concept: Concept) -> dict[int, tuple[bool, bool]]:
        """For each sentence index where ``concept`` occurs: (has affirmed use, has denied use).

        A concept with a prefilter is searched only in the sentences that contain one of its
        literal words (kaplint.text.prefilter), each search bounded by its sentence. One without
        is searched once in all sentences joined by a separator no pattern can cross (``\\s`` and
        ``\\w`` never match it), which is many times faster than one search per sentence. In a
        long document the document's anchor index (:mod:`kaplint.text.anchors`) says where a
        match may start, and only those places are tried: the matches are the same.
        """
        cached = self._occurrences.get(concept.regex.pattern)
        if cached is not None:
            return cached
        index = document_index(self.document)
        searches = self._read(concept, None) if index is None else self._indexed(concept, index)
        found: dict[int, tuple[bool, bool]] = {}
        for number, matches in searches:
            if number is None:  # one search across the joined sentences
                for match in matches:
                    self._record(found, match)
                continue
            uses = self._uses_in(number, matches)
            if uses is not None:
                found[number] = uses
        self._occurrences[concept.regex.pattern] = found
        return found

    def _record(self, found: dict[int, tuple[bool, bool]], match: re.Match[str]) -> None:
        """Add a match of a search across the joined sentences to ``found``."""
        number = bisect.bisect_right(self._starts, match.start()) - 1
        text = self.sentences[number][3]
        start = match.start() - self._starts[number]
        end = match.end() - self._starts[number]
        if end > len(text):
            return  # crossed a separator: not a match within one sentence
        affirmed, denied = found.get(number, _NO_USE)
        if is_denied(text, start, end):
            denied = True
        else:
            affirmed = True
        found[number] = _USES[affirmed, denied]  # four shared pairs: a long page has tens of thousands

    def _uses_in(self, number: int, matches: Iterable[re.Match[str]]) -> tuple[bool, bool] | None:
        """(has affirmed use, has denied use) of the matches of a concept in sentence ``number``,
        or None without any: once both are found, the rest of the sentence cannot change them."""
        text = self.sentences[number][3]
        offset = self._starts[number]
        affirmed = denied = False
        for match in matches:
            if is_denied(text, match.start() - offset, match.end() - offset):
                denied = True
            else:
                affirmed = True
            if affirmed and denied:
                break
        return _USES[affirmed, denied] if affirmed or denied else None

    def sentence_uses(self, concept: Concept, number: int) -> tuple[bool, bool] | None:
        """The concept's uses in sentence ``number`` alone: its part of :meth:`occurrences` (for a
        concept with a prefilter, whose search is bounded by each sentence). In a short document a
        sentence without one of the concept's literal runs is not searched, as :meth:`_read` skips it."""
        if self._is_short() and not self._sentence_index(number).may_contain(concept.runs):
            return None
        start, end = self._span(number)
        return self._uses_in(number, concept.regex.finditer(self._joined, start, end))

    def searchable_alone(self, number: int) -> bool:
        """Whether sentence ``number`` is searched by itself: always in a short document (see
        :meth:`_read`); in a long one when it is short enough (a long sentence is searched with the
        rest of the document, at the places the anchor index gives)."""
        return self._is_short() or len(self.sentences[number][3]) < LONG_SPAN

    def may_hold(self, concept: Concept) -> bool:
        """False when the document certainly holds no use of ``concept``: a short one has none of
        its literal runs. Answered from one index of the document's words, without a search."""
        return not self._is_short() or literal_index(self._joined).may_contain(concept.runs)

    def _is_short(self) -> bool:
        """Whether the document is searched sentence by sentence (it has no anchor index)."""
        return document_index(self.document) is None

    def _sentence_index(self, number: int) -> LiteralIndex:
        """The literal words of sentence ``number`` (all sentences indexed at the first call)."""
        if self._sentence_indexes is None:
            self._sentence_indexes = [literal_index(sentence[3]) for sentence in self.sentences]
        return self._sentence_indexes[number]

    def _uses(self, concept: Concept) -> _Uses:
        """Where ``concept`` occurs, for finding passages: looked up as asked (:class:`_Uses`), so
        a statement searches only the sentences its windows need."""
        uses = self._lazy.get(concept.regex.pattern)
        if uses is None:
            uses = self._lazy[concept.regex.pattern] = _Uses(self, concept)
        return uses

    def _read(self, concept: Concept, held: set[int] | None) -> Iterator[tuple[int | None, Iterator[re.Match[str]]]]:
        """The concept's searches, sentence by sentence (number, matches), or one across the
        joined text (None, matches) for a concept without a prefilter; ``held``: the blocks that
        can hold a match (None: any)."""
        if concept.runs is None:
            yield None, concept.regex.finditer(self._joined)
            return
        if held is None:
            spans: Iterable[tuple[int, int]] = self._spans_containing(concept.runs)
        else:
            spans = (self._span(number) for number, sentence in enumerate(self.sentences) if sentence[0] in held)
        for span_start, span_end in spans:
            yield bisect.bisect_right(self._starts, span_start) - 1, concept.regex.finditer(self._joined, span_start, span_end)

    def _indexed(self, concept: Concept, index: DocumentIndex) -> Iterator[tuple[int | None, Iterator[re.Match[str]]]]:
        """The concept's searches (see :meth:`_read`), from the document's anchor index: the regex
        is tried only where a match may start, in sentences of the blocks holding its literal runs."""
        held = None
        if concept.runs is not None and prefilter.PREFILTERS_ON:
            held = index.index.segments_holding(concept.runs)
        candidates = index.candidates(concept.regex)
        if candidates is None:
            yield from self._read(concept, held)
            return
        sentences = None if concept.runs is None else self._sentences_holding(concept.runs, index, len(candidates))
        if sentences is not None:
            places = self._places_in(sentences, concept.regex, candidates, index)
        else:
            places = self._places(concept.regex, candidates, index, held)
        if concept.runs is None:
            # one search across the joined text, which every sentence start may begin a match in
            starts = sorted({*self._starts, *(position for _number, position in places)})
            yield None, finditer_at(concept.regex, self._joined, starts)
            return
        first = 0
        while first < len(places):  # the places of one sentence after another
            number = places[first][0]
            last = first
            while last < len(places) and places[last][0] == number:
                last += 1
            start = self._starts[number]
            positions = [position for _number, position in places[first:last]]
            yield number, finditer_at(concept.regex, self._joined, positions, start, start + len(self.sentences[number][3]))
            first = last

    def _span(self, number: int) -> tuple[int, int]:
        """(start, end) of sentence ``number`` in the joined text."""
        return self._starts[number], self._starts[number] + len(self.sentences[number][3])

    def _places(self, regex: re.Pattern[str], candidates: list[int], index: DocumentIndex, held: set[int] | None) -> list[tuple[int, int]]:
        """(sentence number, place in the joined text) where a match of ``regex`` may start, in
        order: the index's candidates (positions in its text of the blocks) that fall in a sentence
        of a ``held`` block, and the start of a sentence the index cannot vouch for."""
        sentence_starts = self._sentence_starts_in(index)
        places: list[tuple[int, int]] = []
        number, following, length, shift, skip = -1, 0, 0, 0, True
        for position in candidates:
            if position >= following:
                number = bisect.bisect_right(sentence_starts, position) - 1
                following = sentence_starts[number + 1] if number + 1 < len(sentence_starts) else len(index.index.folded) + 1
                if number >= 0:
                    block_index, _start, _end, text = self.sentences[number]
                    skip = held is not None and block_index not in held
                    length, shift = len(text), self._starts[number] - sentence_starts[number]
            if number < 0 or skip or position - sentence_starts[number] >= length:
                continue  # between sentences, in one that carries no statement, or in a block without the runs
            places.append((number, position + shift))
        anchors = pattern_anchors(regex)
        extra = set(self._starting_mid_word())
        if anchors is not None and anchors.text_start and self.sentences:
            extra.add(0)  # "^" matches at the start of the joined text
        if held is not None:
            extra = {number for number in extra if self.sentences[number][0] in held}
        if extra:
            places = sorted({*places, *((number, self._starts[number]) for number in extra)})
        return places

    def _sentences_holding(self, runs: frozenset[str], index: DocumentIndex, budget: int) -> list[int] | None:
        """The numbers of the sentences holding one of ``runs`` (a concept's prefilter), in order,
        found from where the runs stand in the index's text; None when they stand in more places
        than ``budget`` (then the blocks holding them narrow the search instead)."""
        if not prefilter.PREFILTERS_ON or index.index.occurrence_count(runs) > budget:
            return None
        positions = sorted(position for run in runs for position in index.index.prefix_positions(False, run))
        sentence_starts = self._sentence_starts_in(index)
        numbers: list[int] = []
        for position in positions:
            number = bisect.bisect_right(sentence_starts, position) - 1
            if number >= 0 and position - sentence_starts[number] < len(self.sentences[number][3]) and (not numbers or numbers[-1] != number):
                numbers.append(number)
        return numbers

    def _places_in(self, sentences: list[int], regex: re.Pattern[str], candidates: list[int], index: DocumentIndex) -> list[tuple[int, int]]:
        """(sentence number, place in the joined text) where a match of ``regex`` may start in one
        of ``sentences``, in order (see :meth:`_places`)."""
        sentence_starts = self._sentence_starts_in(index)
        anchors = pattern_anchors(regex)
        extra = set(self._starting_mid_word())
        if anchors is not None and anchors.text_start and self.sentences:
            extra.add(0)  # "^" matches at the start of the joined text
        places: list[tuple[int, int]] = []
        for number in sentences:
            start = sentence_starts[number]
            shift = self._starts[number] - start
            low = bisect.bisect_left(candidates, start)
            high = bisect.bisect_left(candidates, start + len(self.sentences[number][3]))
            if number in extra and (low == high or candidates[low] != start):
                places.append((number, self._starts[number]))
            places.extend((number, position + shift) for position in candidates[low:high])
        return places

    def _sentence_starts_in(self, index: DocumentIndex) -> list[int]:
        """Where each sentence starts in the index's text of the blocks."""
        if self._document_starts is None:
            self._document_starts = [index.offsets[block_index] + start for block_index, start, _end, _text in self.sentences]
        return self._document_starts

    def _starting_mid_word(self) -> list[int]:
        """Sentences that start a word in the joined text but not in their block (a letter just
        before them there): the anchor index of the blocks cannot vouch for their first word."""
        if self._mid_word is None:
            self._mid_word = [
                number
                for number, (block_index, start, _end, _text) in enumerate(self.sentences)
                if start > 0 and _LETTER.match(fold(self.document.blocks[block_index].text[start - 1]))
            ]
        return self._mid_word

    def _spans_containing(self, runs: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) in the joined text of each sentence with one of ``runs`` (kaplint.text.prefilter)."""
        return [self._span(number) for number in self._sentences_with(runs)]

    def _sentences_with(self, runs: frozenset[str]) -> list[int]:
        """The numbers of the sentences holding one of ``runs`` (kaplint.text.prefilter), in
        order; worked out once per document for every concept with the same runs."""
        numbers = self._with_runs.get(runs)
        if numbers is None:
            if literal_index(self._joined).may_contain(runs):
                numbers = [number for number in range(len(self.sentences)) if self._sentence_index(number).may_contain(runs)]
            else:
                numbers = []
            self._with_runs[runs] = numbers
        return numbers

    def find(self, statement: Statement, window: int, contradictions: re.Pattern[str]) -> Evidence | None:
        """The first passage that makes ``statement``, as the span of its first sentence, or None."""
        passage = self._passage_making(statement, window, contradictions)
        if passage is None:
            return None
        # Point at the first sentence of the passage that carries part of the statement.
        concepts = [requirement.concept for requirement in statement.requirements] + list(statement.group)
        carrier = next(
            (index for index in passage if any(index in self._uses(concept) for concept in concepts)), passage[0]
        )
        block_index, start, end, _ = self.sentences[carrier]
        return Evidence(block_index, start, end)

    def _passage_making(
        self, statement: Statement, window: int, contradictions: re.Pattern[str] = _NOTHING
    ) -> tuple[int, ...] | None:
        """The first window (in the order of :meth:`windows`) that makes ``statement`` and is not
        vetoed, or None."""
        tables: list[tuple[Requirement, _Uses]] = []
        for requirement in statement.requirements:
            table = self._uses(requirement.concept)
            # A tied concept may be in a heading only; a section concept must be used in a sentence
            # of the document, wherever it stands.
            if requirement.polarity == "section" and not table:
                return None
            if requirement.polarity != "tied" and not self._possible(table):
                return None  # stop early: the remaining concepts need not be searched
            tables.append((requirement, table))
        group = [Requirement(concept, "affirmed") for concept in statement.group]
        group_tables: list[tuple[Requirement, _Uses]] = [(requirement, self._uses(requirement.concept)) for requirement in group]
        if sum(1 for _, table in group_tables if self._possible(table)) < statement.group_min:
            return None
        anchor = tables[0] if tables else None
        for passage in self._candidate_windows(tables, window):
            if self._makes(passage, anchor, tables, group_tables, statement.group_min) and self._stands(passage, contradictions):
                return passage
        return None

    def _possible(self, table: _Uses) -> bool:
        """Whether a concept may be used in the document: when it cannot be, no window makes a
        statement that needs it, and none is tried.

        A short document answers from its literal words (:meth:`may_hold`), without a search: a
        concept whose words are there is then looked up only in the windows a statement tries.
        A long document tries its windows in order, so there the sentences are searched until the
        concept is found: a missing one stops the statement before any window is tried.
        """
        return self.may_hold(table.concept) if self._is_short() else bool(table)

    def _makes(
        self,
        passage: tuple[int, ...],
        anchor: tuple[Requirement, _Uses] | None,
        tables: list[tuple[Requirement, _Uses]],
        group_tables: list[tuple[Requirement, _Uses]],
        group_min: int,
    ) -> bool:
        """Whether ``passage`` has every required concept, used as required, and enough of the group."""
        return all(
            self._tied(anchor, requirement, table, passage) if requirement.polarity == "tied" else self._satisfied(requirement, table, passage)
            for requirement, table in tables
        ) and sum(1 for requirement, table in group_tables if _satisfied(requirement, table, passage)) >= group_min

    def _stands(self, passage: tuple[int, ...], contradictions: re.Pattern[str]) -> bool:
        """Whether a passage that has a statement's concepts says it: not an unanswered question,
        not a denial or a reassurance, and without one of the statement's ``contradictions``."""
        question = self.sentences[passage[0]][3]
        if (
            passage[0] in self.questions
            and passage[0] not in self.denied_by_answer
            and _asks_about_treatment(question)
            and not _open_question().match(question)
        ):
            # "Is Spravato addictive?" says nothing by itself. Its answer is read on its
            # own (its own window), except that "Yes, ..." affirms the question. An open
            # question ("Who is eligible?", "What happens after my infusion?") is the
            # heading of its answer: the two are read together.
            if not _yes_answer().match(self.sentences[passage[-1]][3]):
                return False
        if self._reassures_or_denies(passage):
            return False
        return contradictions is _NOTHING or not contradictions.search(self._passage_text(passage))

    def _candidate_windows(self, tables: list[tuple[Requirement, _Uses]], size: int) -> Iterable[tuple[int, ...]]:
        """The windows of up to ``size`` sentences that may make a statement with the
        requirements of ``tables``, in the order of :meth:`windows`.

        A concept that must be affirmed, denied or either (not ``tied:`` or ``section:``) is met
        only in a window with a sentence that uses it. A page has hundreds of windows and a
        statement's first concept is in a few of them, so in a short document only those are
        tried: its uses are searched in the whole document (once, for every statement that starts
        with it) and the windows holding them found in the table of the windows each sentence is
        part of. The other concepts are then looked up in the sentences of those windows only, as
        they are tried (:class:`_Uses`). A long document's windows are tried in order, every use
        looked up as it is needed: there a statement is usually made early.
        """
        required = [table for requirement, table in tables if requirement.polarity in ("affirmed", "denied", "any")]
        if not self._is_short() or not required:
            return self.windows(size)
        windows, containing = self._windows_by_sentence(size)
        ordinals = self._windows_holding(required[0].complete(), containing)
        return [windows[ordinal] for ordinal in sorted(ordinals)]

    @staticmethod
    def _windows_holding(numbers: Iterable[int], containing: dict[int, list[int]]) -> set[int]:
        """The ordinals of the windows holding one of the sentences ``numbers``."""
        return {ordinal for number in numbers for ordinal in containing.get(number, ())}

    def _windows_by_sentence(self, size: int) -> tuple[list[tuple[int, ...]], dict[int, list[int]]]:
        """Every window of up to ``size`` sentences (:meth:`windows`), and for each sentence the
        ordinals of the windows it is part of, made once per size for all the statements."""
        made = self._window_tables.get(size)
        if made is None:
            windows = list(self.windows(size))
            containing: dict[int, list[int]] = {}
            for ordinal, window in enumerate(windows):
                for number in window:
                    containing.setdefault(number, []).append(ordinal)
            made = self._window_tables[size] = (windows, containing)
        return made

    def _passage_text(self, passage: tuple[int, ...]) -> str:
        return " ".join(self.sentences[index][3] for index in passage)

    def _reassures_or_denies(self, passage: tuple[int, ...]) -> bool:
        """Whether a passage denies its statement or only reassures ("rarely, if ever"), worked
        out once per passage for every statement that reaches it."""
        verdict = self._passage_verdicts.get(passage)
        if verdict is None:
            text = self._passage_text(passage)
            verdict = bool(_DENIAL.search(text)) or bool(_REASSURANCE.search(text) and not _possibility().search(text))
            self._passage_verdicts[passage] = verdict
        return verdict

    def first_use(self, statement: Statement, window: int) -> Evidence | None:
        """Where ``statement`` is first made, pointing at its first concept's words (for triggers)."""
        passage = self._passage_making(statement, window)
        if passage is None:
            return None
        concept = statement.requirements[0].concept if statement.requirements else statement.group[0]
        for index in passage:
            block_index, start, end, _ = self.sentences[index]
            match = concept.regex.search(self.document.blocks[block_index].text, start, end)
            if match is not None:
                return Evidence(block_index, match.start(), match.end())
        block_index, start, end, _ = self.sentences[passage[0]]
        return Evidence(block_index, start, end)

    def _tied(
        self,
        anchor: tuple[Requirement, _Uses] | None,
        tied: Requirement,
        table: _Uses,
        passage: tuple[int, ...],
    ) -> bool:
        """Whether a ``tied:`` concept is said of the statement's first concept.

        That is: affirmed in a sentence that carries the first concept, in the
        lead-in of the list item that carries it ("Other effects include:" /
        "- feeling anxious"), or in a heading above it ("During the infusion"
        over a table of effects). A neighbouring sentence does not tie.
        """
        if anchor is None:
            return False
        requirement, anchor_table = anchor
        carriers = [index for index in passage if self._satisfied(requirement, anchor_table, (index,))]
        if not carriers:
            return False
        lead_in = len(passage) > 1 and self.sentences[passage[0]][3].rstrip().endswith(":")
        units = [passage] if lead_in else [(index,) for index in carriers]
        if any(table.get(index, (False, False))[0] for unit in units for index in unit):
            return True
        return any(
            tied.concept.regex.search(heading) for index in carriers for heading in self.document.blocks[self.sentences[index][0]].section
        )

    def _satisfied(self, requirement: Requirement, table: _Uses, passage: tuple[int, ...]) -> bool:
        if requirement.polarity != "section":
            # Read a question answered "No" ("Can I drive home? No.") as forbidden: an affirmed use
            # there is a denied one.
            return _satisfied(requirement, table, passage, flip_first=passage[0] in self.denied_by_answer)
        if self._run_number[passage[0]] in self._runs_holding(requirement.concept):
            return True
        headings = self.document.blocks[self.sentences[passage[0]][0]].section
        return any(requirement.concept.regex.search(heading) for heading in (*headings, self._title) if heading)

    def _runs_holding(self, concept: Concept) -> frozenset[int]:
        """The numbers of the passages (runs of one section) in which ``concept`` occurs."""
        held = self._held_in_runs.get(concept.regex.pattern)
        if held is None:
            held = frozenset(self._run_number[index] for index in self.occurrences(concept))
            self._held_in_runs[concept.regex.pattern] = held
        return held


def is_pointer(text: str, has_link: bool) -> bool:
    """Whether a sentence sends the reader elsewhere ("See our safety page") instead of saying the thing."""
    if _POINTER_START.search(text) and (has_link or _pointer_place().search(text)):
        return True
    return bool(_POINTER_ANYWHERE.search(text))


def _satisfied(requirement: Requirement, table: _Uses, passage: tuple[int, ...], flip_first: bool = False) -> bool:
    """Whether ``requirement`` is met in ``passage`` (``flip_first``: with the first sentence's
    affirmed and denied uses swapped)."""
    for index in passage:
        uses = table.get(index)
        if uses is None:
            continue
        affirmed, denied = uses
        if flip_first and index == passage[0]:
            affirmed, denied = denied, affirmed
        if requirement.polarity == "any" or (requirement.polarity == "affirmed" and affirmed) or (
            requirement.polarity == "denied" and denied
        ):
            return True
    return False


def _asks_about_treatment(question: str) -> bool:
    """A question whose answer must say the thing ("Is Spravato addictive?"), as opposed to a lead-in
    about the reader ("Are you pregnant or breastfeeding? Tell us first.", "Pregnant? ...")."""
    if _about_the_reader().match(question):
        return False
    return bool(_asks().match(question)) or len(question.split()) > 4



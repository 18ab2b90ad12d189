"""Statements: one description of each sentence, shared by the claims rules and fair balance.

Real writers paraphrase, so rules that list phrases miss most claims on real
pages. Instead, every sentence is described once:

- **about**: the subjects it mentions (this treatment, another treatment, a
  study, other providers, patients, the reader); a sentence with no subject of
  its own ("The improvement is rapid") is about the document's subject;
- **cues**: what it asserts, as named cues from the lexicons (an effect,
  safety, speed, evidence, a mechanism, a comparison, a number, a risk ...),
  each with the exact words that carry it. A cue denied by the words before
  it ("not safe for everyone") is kept apart as *denied* (a cue whose own
  words deny, "requiring no supervision", is not), and a cue in a clause about
  another treatment ("antidepressants, which can take weeks") as *elsewhere*;
- **manner**: how it says it (hedged, intensified, a question, quoted or
  reported to be criticised, attributed to a named source);
- **context**: the heading above it and the question it answers, recovered
  from layout in plain text as in Markdown (:mod:`kaplint.loaders.text`).

The lexicons are data (``rules/data/statement-lexicons.yml``), so a writer of
rules adds words without touching code. A claim category is then a
combination of these properties (see :mod:`kaplint.kinds.phrase`'s
``statements`` parameter): absolute safety is a safety cue about this
treatment, not hedged, not denied, with no risk in the same statement.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kaplint import cache
from kaplint.bundled import bundled_rules_dir
from kaplint.text import compiled_later
from kaplint.text.anchors import BlockSearch, DocumentIndex, document_index, span_finditer
from kaplint.text.negation import is_denied, is_negated
from kaplint.text.memo import BlockMemo
from kaplint.text.prefilter import LiteralIndex, Needs, NeedsTable, literal_index, needs, required_runs
from kaplint.text.segmentation import Sentence, asked_from, segment, tail_holding

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document

LEXICON_FILE = "statement-lexicons.yml"
# "^" outside a character class, or "$": the pattern is anchored to the text it is matched on.
_ANCHOR = re.compile(r"(?<![\[\\])\^|(?<!\\)\$")
_MEMO_KEY = "statements"

# Where a clause ends, for deciding which subject a cue belongs to.
_CLAUSE_BREAKS = r"[;:\u2014()]|,\s*(?:while|whereas|but)\b|\b(?:whereas|while|unlike|but|however)\b"
# a relative clause (", which ...") stays with the clause it describes
_CLAUSE_SPLIT = re.compile(_CLAUSE_BREAKS + r"|,\s+(?!which\b|who\b|that\b)(?=[a-z]+\s)", re.IGNORECASE)
# A sentence that opens by setting this treatment against another ("Unlike older antidepressants,
# it works ...") is about this treatment even when it names it only as "it".
_CONTRAST_OPENING = re.compile(r"^\W*(?:unlike|compared\s+(?:to|with)|in\s+contrast\s+to|as\s+opposed\s+to|whereas)\b", re.IGNORECASE)
# How far a hedge reaches: its clause, including a list of participles that continues it
# ("implicated in the growth of neurons, creating new connections, and strengthening others").
_HEDGE_CLAUSE_SPLIT = re.compile(
    _CLAUSE_BREAKS + r"|,\s+(?!who\b|that\b|[a-z]+ing\b|and\s+[a-z]+ing\b)(?=[a-z]+\s)", re.IGNORECASE
)
# An answer's opening word, possibly after a qualifier ("Under medical supervision, no.").
_answer_start = compiled_later(
    r"^\W*(?:(?:under|with|when|in|for|at|if)\b[^.?!,]{0,60},\s*)?(?P<word>yes|yep|absolutely|definitely|of\s+course|no|nope|not\s+at\s+all)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One asserted property and the words that carry it (block offsets)."""

    name: str
    start: int
    end: int


@dataclass(slots=True)
class Statement:
    """What one sentence is about, what it asserts, and how."""

    sentence: Sentence
    about: frozenset[str]
    cues: tuple[Cue, ...]
    denied: tuple[Cue, ...]
    elsewhere: tuple[Cue, ...]  # cues in a clause about another treatment
    manner: frozenset[str]
    heading: str = ""
    block_kind: str = "paragraph"
    question: "Statement | None" = None  # the FAQ question this sentence answers
    answer: str = ""  # "yes" or "no" when the sentence opens by answering its question
    index: int = 0
    hedged_cues: frozenset[tuple[int, int]] = frozenset()  # (start, end) of the cues a hedge softens
    _names: frozenset[str] = field(default=frozenset(), repr=False)
    _other_by_clause: dict[tuple[int, int], bool] = field(default_factory=dict, repr=False)  # memo of about_other_treatment_at
    _naming: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # sentence spans of cues that name another treatment
    _clause_list: list[tuple[int, int]] | None = field(default=None, repr=False)  # the sentence's clauses, once split

    @property
    def block_index(self) -> int:
        return self.sentence.block_index

    @property
    def text(self) -> str:
        return self.sentence.text

    def has(self, name: str) -> bool:
        """Whether the statement asserts cue ``name`` (affirmed, about this treatment)."""
        return name in self._names

    def shows(self, name: str) -> bool:
        """Whether an affirmed cue, a manner or a subject of this name describes the statement."""
        return self.has(name) or name in self.manner or name in self.about

    def mentions(self, name: str) -> bool:
        """Whether cue ``name`` occurs about this treatment, affirmed or denied ("we do not know
        whether it is safe" mentions safety as a question); a cue about another treatment does not."""
        return self.has(name) or any(cue.name == name for cue in self.denied)

    def hedges(self, name: str) -> bool:
        """Whether every affirmed occurrence of cue ``name`` is softened by a hedge before it."""
        spans = [(cue.start, cue.end) for cue in self.cues if cue.name == name]
        return bool(spans) and all(span in self.hedged_cues for span in spans)

    def about_other_treatment_at(self, offset: int) -> bool:
        """Whether the clause holding block offset ``offset`` speaks of another treatment and not of
        this one ("Unlike antidepressants, which can take weeks" before a claim about ketamine)."""
        text = self.sentence.text
        position = offset - self.sentence.start
        if not 0 <= position <= len(text):
            return False
        # rules ask this for every match; each clause is judged once per sentence, as the analysis judged it
        if self._clause_list is None:
            self._clause_list = _clauses(text)
        span = _clause_bounds(self._clause_list, position, len(text))
        if span not in self._other_by_clause:
            self._other_by_clause[span] = _about_other_treatment(_without(text, span, list(self._naming)), load_lexicons())
        return self._other_by_clause[span]

    def first(self, name: str) -> Cue | None:
        return next((cue for cue in self.cues if cue.name == name), None)

    def explain(self) -> str:
        """The cues that describe this statement, for a finding's message."""
        parts = sorted({cue.name for cue in self.cues})
        return ", ".join(parts + sorted(self.manner))


@dataclass(frozen=True)
class Lexicons:
    """Compiled lexicons: subjects, cues and manners, each a named pattern."""

    subjects: dict[str, re.Pattern[str]]
    cues: dict[str, re.Pattern[str]]
    manners: dict[str, re.Pattern[str]]
    # cues that veto a recipe only when affirmed ("no side effects" states no risk)
    affirmed_only_vetoes: frozenset[str] = frozenset()
    # cues whose words name another treatment by design ("when other medicines have failed")
    names_other_treatment: frozenset[str] = frozenset()
    # patterns anchored to the start or end of a text: matched sentence by sentence
    anchored: frozenset[str] = frozenset()
    # per name, literal runs one of which every match contains (None: no prefilter); the
    # document index narrows a long document's blocks down with them
    prefilters: dict[str, frozenset[str] | None] = field(default_factory=dict)
    # per name, what each alternative needs (None: no prefilter): a block is scanned only by the
    # names it holds all that one alternative needs ("ketamine is the best" needs both words)
    needs: dict[str, Needs | None] = field(default_factory=dict)

    def named_patterns(self) -> list[tuple[str, str, re.Pattern[str]]]:
        """(kind, name, pattern) of every subject, cue and manner, in the lexicons' order."""
        groups = (("subject", self.subjects), ("cue", self.cues), ("manner", self.manners))
        return [(kind, name, pattern) for kind, patterns in groups for name, pattern in patterns.items()]

    @functools.cached_property
    def needs_table(self) -> NeedsTable:
        """What each of :meth:`named_patterns` needs, numbered in that order, asked of a block at once."""
        return NeedsTable.of([self.needs.get(name) for _kind, name, _pattern in self.named_patterns()])


def _compile_group(entries: dict[str, list[str]], where: str) -> dict[str, re.Pattern[str]]:
    compiled = {}
    for name, patterns in (entries or {}).items():
        if not isinstance(patterns, list) or not all(isinstance(pattern, str) for pattern in patterns):
            raise ValueError(f"{where}.{name}: a list of regular expressions")
        compiled[name] = re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + r")(?![\w])", re.IGNORECASE)
    return compiled


@lru_cache(maxsize=4)
def load_lexicons(path: Path | None = None) -> Lexicons:
    """Read and compile the lexicons (the bundled file unless ``path`` is given), from the cache
    when this file was compiled before."""
    location = path or bundled_rules_dir() / "data" / LEXICON_FILE
    return cache.built_from(location, lambda: _read_lexicons(location), Lexicons)


def _read_lexicons(location: Path) -> Lexicons:
    import yaml  # here, not at the top: the compiled lexicons usually come from the cache

    data = yaml.safe_load(location.read_text(encoding="utf-8")) or {}
    return Lexicons(
        subjects=_compile_group(data.get("subjects"), "subjects"),
        cues=_compile_group(data.get("cues"), "cues"),
        manners=_compile_group(data.get("manners"), "manners"),
        affirmed_only_vetoes=frozenset(data.get("affirmed-only-vetoes") or ()),
        names_other_treatment=frozenset(data.get("names-other-treatment") or ()),
        prefilters={
            name: required_runs(patterns)
            for group in ("subjects", "cues", "manners")
            for name, patterns in (data.get(group) or {}).items()
        },
        needs={name: needs(patterns) for group in ("subjects", "cues", "manners") for name, patterns in (data.get(group) or {}).items()},
        anchored=frozenset(
            name
            for group in ("subjects", "cues", "manners")
            for name, patterns in (data.get(group) or {}).items()
            if any(_ANCHOR.search(pattern) for pattern in patterns)
        ),
    )


def cue_names() -> frozenset[str]:
    """Every cue and manner name a rule may ask for."""
    lexicons = load_lexicons()
    return frozenset(lexicons.cues) | frozenset(lexicons.manners) | frozenset(lexicons.subjects) | {
        "question",
        "risk-nearby",
        "fragment",
        "topic-heading",
        "about-other-treatment",
        "answer-yes",
        "answer-no",
    }


def describe(document: "Document") -> list[Statement]:
    """Every sentence's statement, in document order, worked out once per document."""
    statements = document.memo.get(_MEMO_KEY)
    if statements is None:
        statements = document.memo[_MEMO_KEY] = _describe(document, load_lexicons())
    return statements


def statements_by_block(document: "Document") -> dict[int, list[Statement]]:
    """The statements of each block."""
    key = _MEMO_KEY + "-by-block"
    grouped = document.memo.get(key)
    if grouped is None:
        grouped = {}
        for statement in describe(document):
            grouped.setdefault(statement.block_index, []).append(statement)
        document.memo[key] = grouped
    return grouped


# Among the keys of statements_having: the statements that answer a question.
ANSWERS = "\0answers"


def statements_having(document: "Document") -> dict[str, frozenset[int]]:
    """For each cue the statements assert (affirmed, :meth:`Statement.has`), the numbers of those
    statements; under :data:`ANSWERS`, the statements that answer a question."""
    key = _MEMO_KEY + "-having"
    having = document.memo.get(key)
    if having is None:
        numbers: dict[str, list[int]] = {}
        for number, statement in enumerate(describe(document)):
            for name in statement._names:
                numbers.setdefault(name, []).append(number)
            if statement.question is not None:
                numbers.setdefault(ANSWERS, []).append(number)
        having = document.memo[key] = {name: frozenset(found) for name, found in numbers.items()}
    return having  # type: ignore[no-any-return]


def statement_of(document: "Document", sentence: Sentence) -> "Statement | None":
    """The statement of ``sentence`` (a sentence of the document's segmentation), found by its
    block and start rather than by reading its block's statements, which a paragraph of
    thousands of sentences would make slow for every match."""
    key = _MEMO_KEY + "-by-start"
    by_start = document.memo.get(key)
    if by_start is None:
        by_start = {}
        for statement in describe(document):
            by_start.setdefault((statement.block_index, statement.sentence.start), statement)
        document.memo[key] = by_start
    return by_start.get((sentence.block_index, sentence.start))  # type: ignore[no-any-return]


def _describe(document: "Document", lexicons: Lexicons) -> list[Statement]:
    statements: list[Statement] = []
    segmentation = segment(document)
    search = _LexiconSearch(lexicons, document)
    for block_index, sentences in segmentation.by_block.items():
        if not sentences:
            continue
        block = document.blocks[block_index]
        bounds = tuple((sentence.start, sentence.end) for sentence in sentences)
        scanned = _SCANS.get(lexicons, (block.text, bounds), lambda: _scan_block(block.text, block_index, sentences, lexicons, search.in_block(block_index), search.index))
        for sentence, found in zip(sentences, scanned):
            statement = _statement(sentence, block.text, lexicons, found)
            statement.heading = block.section[-1] if block.section else ""
            statement.block_kind = block.kind
            statement.index = len(statements)
            statements.append(statement)
    _share_citations(statements)
    _mark_nearby_risks(statements)
    _mark_rejected_reports(statements)
    _mark_fragments(statements)
    _link_questions(document, statements)
    return statements


# What others say, reported ("Some ads promise ...", "You may have read that ..."), and a rejection of
# it in the same or the next sentence ("It isn't.", "That is wrong.", "We disagree.").
_REPORTING = re.compile(
    r"\b(?:(?:some|many|other|certain|most)\s+(?:[\w-]+\s+){0,2}?(?:ads?|advertisements|clinics|providers|platforms|websites|"
    r"companies|sellers|articles|headlines|marketers|influencers)\s+(?:[\w-]+\s+){0,2}?(?:say|says|claim|claims|promise|promises|"
    r"suggest|call|tout|advertise|describe)|you\s+(?:may|might)\s+have\s+(?:read|heard|seen)|you\s+(?:may|might)\s+(?:read|hear|see)|"
    r"(?:ads?|advertisements|websites|platforms|companies|sellers|articles|headlines|marketers)\s+(?:that|which)\s+(?:promise|claim|say|call|tout)|"
    r"claims?\s+that|(?:it\s+is|it[\u2019']s)\s+(?:often\s+|sometimes\s+)?(?:said|claimed)\s+that|"
    r"^\W*(?:the\s+)?(?:headlines|ads|advertisements|websites|news\s+stories|articles|marketers|influencers|media\s+reports)\s+"
    r"(?:often\s+|sometimes\s+|still\s+)?(?:say|claim|promise|suggest|call|tout|advertise|describe))",
    re.IGNORECASE,
)
_rejection = compiled_later(
    r"(?:^\W*(?:it\s+isn[\u2019']t|it\s+is\s+not|it[\u2019']s\s+not|that(?:[\u2019']s|\s+is)\s+(?:not|wrong|false|misleading|untrue)|"
    r"this\s+is\s+(?:not|wrong|false)|we\s+disagree|not\s+true|false|wrong|they\s+(?:are|were)\s+(?:not|wrong))\b)|"
    r"\b(?:(?:is|are)\s+not\s+(?:supported|true|accurate|correct)|(?:is|are)\s+(?:wrong|false|misleading|untrue|a\s+myth))\b",
    re.IGNORECASE,
)
_FRAGMENT_WORDS = 6


_TOPIC_WORDS = 3


def _mark_fragments(statements: list[Statement]) -> None:
    """"fragment": a tagline or heading of a few words ("Gentle and very safe") whose subject is the page's.

    "topic-heading": a heading of at most three words without closing punctuation ("Neuroplasticity",
    "BDNF upregulation") names what the section is about; it asserts nothing about it.
    """
    for statement in statements:
        words = len(statement.text.split())
        if words <= _FRAGMENT_WORDS and "question" not in statement.manner:
            statement.manner = statement.manner | {"fragment"}
        if statement.block_kind == "heading" and words <= _TOPIC_WORDS and not statement.text.rstrip().endswith(("!", ".", "?")):
            statement.manner = statement.manner | {"topic-heading"}


def _mark_rejected_reports(statements: list[Statement]) -> None:
    """"criticized": a claim the text reports in order to reject it, here or in the next sentence."""
    for position, statement in enumerate(statements):
        if not _REPORTING.search(statement.text):
            continue
        following = statements[position + 1] if position + 1 < len(statements) else None
        nearby = following is not None and following.block_index - statement.block_index <= 1
        if _rejection().search(statement.text) or (nearby and following is not None and _rejection().search(following.text)):
            statement.manner = statement.manner | {"criticized"}


def _mark_nearby_risks(statements: list[Statement]) -> None:
    """"risk-nearby": the sentence before or after (same or adjacent block) states a risk, so a
    plain description of how treatment usually feels stands beside the risks."""
    for position, statement in enumerate(statements):
        for other in statements[max(0, position - 1) : position + 2]:
            if other is statement or abs(other.block_index - statement.block_index) > 1:
                continue
            if "question" in other.manner or (other.block_kind == "heading" and len(other.text.split()) <= _LABEL_WORDS):
                continue  # a label such as the heading "Side effects" states no risk
            if other.has("risk") and not other.has("mild-framing"):
                statement.manner = statement.manner | {"risk-nearby"}
                break


def _share_citations(statements: list[Statement]) -> None:
    """A citation supports its whole paragraph: "... long-lasting (Smith et al., 2013)." It also
    supports what introduces it: a heading ("Research-backed") over a cited paragraph, and a
    lead-in ending with a colon ("multiple studies support it:") over cited list items."""
    cited = {statement.block_index for statement in statements if "attributed" in statement.manner}
    for statement in statements:
        if statement.block_index in cited:
            statement.manner = statement.manner | {"attributed"}
    for statement, following in zip(statements, statements[1:]):
        introduces = statement.block_kind == "heading" or statement.text.rstrip().endswith(":")
        if introduces and following.block_index == statement.block_index + 1 and following.block_index in cited:
            statement.manner = statement.manner | {"attributed"}


@dataclass
class _Found:
    """What the lexicons found in one sentence: cue spans (sentence offsets), subjects, manners."""

    cues: list[tuple[str, int, int]] = field(default_factory=list)
    subjects: set[str] = field(default_factory=set)
    manners: set[str] = field(default_factory=set)


# Lexicon scans by (lexicons, block text, sentence bounds): the scan reads nothing else, and its
# results are only read afterwards (kaplint.text.memo).
_SCANS = BlockMemo()


class _LexiconSearch:
    """How each lexicon pattern searches the blocks of one document, in the lexicons' order.

    In a long document the document's index (:mod:`kaplint.text.anchors`) finds a pattern's
    matches in all blocks at once, trying it only where a match may start, so a block is visited
    only by the patterns that match there (those without anchors, and those matched sentence by
    sentence, only by the blocks holding their literal runs); in a short document every pattern
    asks each block's prefilter.
    """

    def __init__(self, lexicons: Lexicons, document: "Document") -> None:
        self.index = index = document_index(document)
        self.patterns = [
            # a pattern anchored to the start or end of a text is matched sentence by sentence, as before
            (number, kind, name, pattern, BlockSearch(index, pattern, lexicons.prefilters.get(name), per_sentence=name in lexicons.anchored))
            for number, (kind, name, pattern) in enumerate(lexicons.named_patterns())
        ]
        self._everywhere = [number for number, *_, search in self.patterns if not search.narrowed]
        self._narrowed: dict[int, list[int]] = {}
        for number, *_, search in self.patterns:
            for block_index in search.blocks or ():
                self._narrowed.setdefault(block_index, []).append(number)

    def in_block(self, block_index: int) -> list[tuple[int, str, str, re.Pattern[str], BlockSearch]]:
        """The patterns that may match in the block, in the lexicons' order, each with its number
        (its place in :attr:`Lexicons.needs_table`)."""
        numbers = self._narrowed.get(block_index, [])
        if not numbers and len(self._everywhere) == len(self.patterns):
            return self.patterns  # a short document: every pattern asks the block's prefilter
        if self._everywhere:
            numbers = sorted(numbers + self._everywhere)
        return [self.patterns[number] for number in numbers]


def _scan_block(
    text: str,
    block_index: int,
    sentences: list[Sentence],
    lexicons: Lexicons,
    plan: list[tuple[int, str, str, re.Pattern[str], BlockSearch]],
    anchor_index: DocumentIndex | None,
) -> list[_Found]:
    """Run every lexicon pattern once over the block and give each match to its sentence.

    Scanning the block rather than each sentence calls each pattern once per paragraph; a match
    that would cross a sentence boundary is dropped, and patterns anchored to the start or end
    of a text are matched per sentence, as they were written. ``plan`` lists the patterns that
    may match in the block (see :class:`_LexiconSearch`); ``anchor_index`` says where in a sentence
    a match may start.
    """
    found = [_Found() for _ in sentences]
    starts = [sentence.start for sentence in sentences]

    def owner(start: int, end: int) -> int | None:
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            return None
        sentence = sentences[index]
        return index if start >= sentence.start and end <= sentence.end else None

    # The patterns the block's prefilter lets through, asked once of the needs table. A long
    # document (one with an anchor index) asks each pattern's word set instead, and builds a
    # block's literal index only for a pattern that has one: the table needs every block's index,
    # and holding those for a 4 MB file cost 20 MB of peak memory for no time saved.
    may_match: set[int] | None = None
    literals: LiteralIndex | None = None
    for number, kind, name, pattern, search in plan:
        if not search.narrowed and anchor_index is not None:
            runs = lexicons.prefilters.get(name)
            if runs is not None:
                if literals is None:
                    literals = literal_index(text)  # asked once per block, not once per pattern
                if not literals.may_contain(runs):
                    continue  # none of the words every match needs: the pattern cannot match here
        elif not search.narrowed:
            if may_match is None:
                may_match = literal_index(text).matching(lexicons.needs_table)
            if number not in may_match:
                continue  # no alternative has all the words and signs it needs here: no match
        if name in lexicons.anchored:
            matches = [
                (index, match.start() + sentence.start, match.end() + sentence.start)
                for index, sentence in enumerate(sentences)
                for match in span_finditer(anchor_index, pattern, block_index, sentence.start, sentence.text)
            ]
        else:
            matches = [(owner(match.start(), match.end()), match.start(), match.end()) for match in search.finditer(block_index, text)]
        for index, start, end in matches:
            if index is None or end == start:
                continue
            if kind == "cue":
                offset = sentences[index].start
                found[index].cues.append((name, start - offset, end - offset))
            elif kind == "subject":
                found[index].subjects.add(name)
            else:
                found[index].manners.add(name)
    return found


def _statement(sentence: Sentence, block_text: str, lexicons: Lexicons, found_in: _Found) -> Statement:
    text = sentence.text
    offset = sentence.start
    about = found_in.subjects
    if "other-treatment" in about and "treatment" not in about and _CONTRAST_OPENING.match(text):
        about = about | {"treatment"}
    clauses = _clauses(text) if found_in.cues else []  # only a cue's clause is ever asked about
    hedge_clauses: list[tuple[int, int]] | None = None
    cues: list[Cue] = []
    hedged: set[tuple[int, int]] = set()
    denied: list[Cue] = []
    elsewhere: list[Cue] = []
    other_clause: dict[tuple[int, int], bool] = {}
    # Comparisons name the other treatment by design ("helps people resistant to other
    # medications"): their words do not make the rest of their clause about that treatment.
    naming = [(start, end) for name, start, end in found_in.cues if name in lexicons.names_other_treatment]
    for name, start, end in found_in.cues:
        cue = Cue(name, start + offset, end + offset)
        bounds = _clause_bounds(clauses, start, len(text))
        if bounds not in other_clause:
            other_clause[bounds] = _about_other_treatment(_without(text, bounds, naming), lexicons)
        if name not in lexicons.names_other_treatment and other_clause[bounds]:
            elsewhere.append(cue)
        elif _is_denied(block_text, offset, cue):
            denied.append(cue)
        else:
            cues.append(cue)
            if hedge_clauses is None:
                hedge_clauses = _clauses(text, _HEDGE_CLAUSE_SPLIT)
            if _hedged_before(text, hedge_clauses, start, lexicons):
                hedged.add((cue.start, cue.end))
    # a harm word that an effect acts on ("fewer cravings") is the condition treated, not a risk
    effects = [(cue.start, cue.end) for cue in cues if cue.name == "effect"]
    if effects:
        cues = [cue for cue in cues if cue.name != "risk" or not any(start <= cue.start and cue.end <= end for start, end in effects)]
    manner = set(found_in.manners)
    if _asks(text):
        manner.add("question")
    statement = Statement(
        sentence,
        _shared(frozenset(about)),
        tuple(sorted(cues, key=lambda cue: (cue.start, -cue.end))),
        tuple(denied),
        tuple(elsewhere),
        _shared(frozenset(manner)),
    )
    statement._names = _shared(frozenset(cue.name for cue in cues))
    statement.hedged_cues = frozenset(hedged) if hedged else _NO_SPANS
    statement._naming = tuple(naming)
    statement._other_by_clause = other_clause  # the same judgement for the rules that ask later
    statement._clause_list = clauses if found_in.cues else None
    return statement


_NO_SPANS: frozenset[tuple[int, int]] = frozenset()

# One object per distinct set of names: a long page has tens of thousands of statements and a
# few hundred different sets among them.
_SHARED_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(names: frozenset[str]) -> frozenset[str]:
    found = _SHARED_SETS.get(names)
    if found is None:
        if len(_SHARED_SETS) >= 8192:
            _SHARED_SETS.clear()
        found = _SHARED_SETS[names] = names
    return found


_HEDGE_WINDOW_WORDS = 8


def _hedged_before(text: str, clauses: list[tuple[int, int]], position: int, lexicons: Lexicons) -> bool:
    """Whether a hedge stands before ``position`` in its clause, a few words back at most."""
    hedge = lexicons.manners.get("hedged")
    if hedge is None:
        return False
    start = _clause_bounds(clauses, position, 0)[0]
    window = tail_holding(text, position, _HEDGE_WINDOW_WORDS, start).split()[-_HEDGE_WINDOW_WORDS:]
    return bool(hedge.search(" ".join(window)))


_LABEL_WORDS = 4
_COORDINATED = re.compile(r"\b(?:or|nor)\b", re.IGNORECASE)
_HARD_BREAK = re.compile(r"[.;:!?\u2014()]")


def _is_denied(block_text: str, sentence_start: int, cue: Cue) -> bool:
    """Denied in its clause, or by a denial carried over "or" ("has not been shown to prevent
    suicide or to reduce suicidal behavior")."""
    if is_denied(block_text, cue.start, cue.end):
        return True
    before = block_text[max(sentence_start, cue.start - 160) : cue.start]
    breaks = list(_HARD_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    window = " ".join(before.split()[-14:])
    return bool(_COORDINATED.search(window)) and is_negated(window)


def _asks(text: str) -> bool:
    """A question that asks from its first word (see :func:`asked_from`)."""
    return asked_from(text) == 0


def _clauses(text: str, split: re.Pattern[str] = _CLAUSE_SPLIT) -> list[tuple[int, int]]:
    bounds = [0] + [found.start() for found in split.finditer(text)] + [len(text)]
    return [(start, end) for start, end in zip(bounds, bounds[1:]) if end > start]


def _clause_bounds(clauses: list[tuple[int, int]], position: int, length: int) -> tuple[int, int]:
    """The clause holding ``position`` ((0, ``length``) when none does), found by bisection: the
    clauses are in order and apart, and a run-on sentence has thousands."""
    index = bisect.bisect_right(clauses, (position, math.inf)) - 1
    if index >= 0 and position < clauses[index][1]:
        return clauses[index]
    return 0, length


def _without(text: str, bounds: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """``text[bounds]`` with the parts covered by ``spans`` blanked out."""
    start, end = bounds
    clause = list(text[start:end])
    for span_start, span_end in spans:
        for index in range(max(span_start, start), min(span_end, end)):
            clause[index - start] = " "
    return "".join(clause)


def _about_other_treatment(clause: str, lexicons: Lexicons) -> bool:
    """Whether a clause speaks of another treatment and not of this one
    ("Unlike antidepressants, which can take weeks, ...")."""
    other = lexicons.subjects.get("other-treatment")
    this = lexicons.subjects.get("treatment")
    return bool(other and other.search(clause)) and not (this and this.search(clause))


def _link_questions(document: "Document", statements: list[Statement]) -> None:
    """Tie each answer to the question it answers: the question just before it, or its heading."""
    previous: Statement | None = None
    current_question: Statement | None = None
    for statement in statements:
        block = document.blocks[statement.block_index]
        if "question" in statement.manner:
            current_question = statement
        elif previous is not None and "question" in previous.manner and statement.block_index - previous.block_index <= 1:
            statement.question = previous
        elif current_question is not None and block.kind != "heading" and block.section and block.section[-1] == current_question.text:
            statement.question = current_question
        if statement.question is not None and statement.question is previous:
            opening = _answer_start().match(statement.text)
            if opening:
                word = opening.group("word").lower()
                statement.answer = "no" if word in ("no", "nope", "not at all") else "yes"
        if block.kind == "heading" and "question" not in statement.manner:
            current_question = None
        previous = statement

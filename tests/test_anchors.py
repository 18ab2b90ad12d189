"""Anchored search never changes a result: trying a pattern only where the anchor index says a
match may start finds exactly the matches ``finditer`` finds (kaplint/text/anchors.py)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaplint.rulepacks import load_rules
from kaplint.text import anchors
from kaplint.text.anchors import Anchors, DocumentIndex, TextIndex, finditer_at, pattern_anchors
from kaplint.text.statements import load_lexicons

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![\w])(?:cure|heals?)(?![\w])", Anchors(word_prefixes=frozenset({"cure", "heal", "heals"}))),
        (r"\b(?:Side[\s-]effects?|adverse)", Anchors(word_prefixes=frozenset({"adverse"}), word_pairs=frozenset({("side", "effect"), ("side", "effects")}))),
        (
            r"\b(?:one(?:\s+|\s*[-\u2013]\s*)hundred|side[\s-]?effects)",
            Anchors(word_prefixes=frozenset({"sideeffe"}), word_pairs=frozenset({("one", "hundred"), ("side", "effects")})),
        ),
        (r"(?:the\s+)?ketamine", Anchors(prefixes=frozenset({"the", "ketamine"}))),
        (r"(?:(?<![\w])|(?=n['\u2019]t\b))(?:drive)", Anchors(prefixes=frozenset({"n't", "n\u2019t"}), word_prefixes=frozenset({"drive"}))),
        (r"\d+\s*%|percent", Anchors(prefixes=frozenset({"percent"}), digits=True)),
        (r"^\W*proven", Anchors(text_start=True)),
        (r"(?-i:[Ss]chedule)\s+I", Anchors(prefixes=frozenset({"schedule"}))),
        (r"[$\u00a3]\s?\d", Anchors(prefixes=frozenset({"$", "\u00a3"}))),
        (
            r"\b(?:(?:an?|the)\s+(?:excellent|optimal)|we\s+can['\u2019]t)",
            Anchors(word_pairs=frozenset({("a", "excellen"), ("an", "excellen"), ("the", "excellen"), ("a", "optimal"), ("an", "optimal"),
                                          ("the", "optimal"), ("we", "can")})),
        ),
        (r"\b(?:the\s+)?optimal\s+care", Anchors(word_pairs=frozenset({("the", "optimal"), ("optimal", "care")}))),
    ],
)
def test_anchors_of_a_pattern(pattern: str, expected: Anchors) -> None:
    found = pattern_anchors(re.compile(pattern, re.IGNORECASE))
    assert found == expected
    # the count the search costs are worked out from, kept with the anchors
    assert found is not None and found.alternatives == len(expected.word_prefixes) + len(expected.prefixes) + len(expected.word_pairs) + expected.digits


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:[\w'-]+\s+)?cystitis",  # a match may start with any word
        r"\s*talk\s+therapy",
        r"(?!)",  # never matches: nothing to anchor
        r"(?:cure)?",  # matches the empty string
        r"(?=cure)",  # reads nothing
        r"(?:^|\W)none\W*$",
        r"caf\u00e9|\u00e9clair",  # a letter with case outside ASCII
    ],
)
def test_patterns_without_anchors(pattern: str) -> None:
    assert pattern_anchors(re.compile(pattern, re.IGNORECASE)) is None


@functools.lru_cache(maxsize=1)
def _bundled_patterns() -> list[re.Pattern[str]]:
    """Every regular expression the bundled rules and lexicons search text with."""
    patterns: dict[tuple[str, int], re.Pattern[str]] = {}

    def add(value: object) -> None:
        if isinstance(value, re.Pattern):
            patterns.setdefault((value.pattern, value.flags), value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                add(item)

    for rule in load_rules():
        compiled = rule.compiled
        for value in vars(compiled).values() if hasattr(compiled, "__dict__") else ():
            add(value)
        if rule.kind == "disclosure":
            for concept in compiled.vocabulary.concepts.values():
                add(concept.regex)
            for part in compiled.parts:
                for statement in part.statements:
                    add([requirement.concept.regex for requirement in statement.requirements])
                    add([concept.regex for concept in statement.group])
    lexicons = load_lexicons()
    add([*lexicons.subjects.values(), *lexicons.cues.values(), *lexicons.manners.values()])
    return list(patterns.values())


class _ReadingAgain(anchors._Reader):
    """The reader without its kept answers: every part of a pattern read each time it is reached."""

    def walk(self, items, position, rest, flags, word_start, prefix):  # type: ignore[no-untyped-def]
        return self._walk(items, position, rest, flags, word_start, prefix)


def _reading(reader: type[anchors._Reader], pattern: re.Pattern[str], refined: bool) -> tuple[object, int] | None:
    """What a reader of ``reader``'s kind reads from ``pattern`` and the steps it counts; None when it runs out."""
    parsed = anchors.sre_parse.parse(pattern.pattern, pattern.flags)
    walker = reader(refined=refined)
    try:
        return walker.walk(anchors._items(parsed), 0, (), parsed.state.flags, False, ""), walker.steps
    except anchors._TooLong:
        return None


def test_kept_readings_read_every_bundled_pattern_as_reading_again_does() -> None:
    # the same anchors, the same count of steps, and the budget running out for the same patterns
    ran_out = 0
    for pattern in _bundled_patterns():
        for refined in (True, False):
            kept = _reading(anchors._Reader, pattern, refined)
            assert kept == _reading(_ReadingAgain, pattern, refined), pattern.pattern[:80]
            ran_out += kept is None
    assert ran_out > 0  # some patterns exceed the refined reading's budget, and are read plainly


def _corpus_paths() -> list[Path]:
    """The samples and every other document of the test corpus (all of it adds time, not cases)."""
    samples = sorted(path for path in (ROOT / "samples").iterdir() if path.suffix in (".md", ".txt", ".html"))
    corpus = sorted(path for path in (ROOT / "tests" / "corpus").iterdir() if path.suffix in (".md", ".txt", ".html"))
    return samples + corpus[::2]


def _corpus_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in _corpus_paths()]


@pytest.fixture
def every_place_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anchored search however many candidates a pattern has (it would read the text instead)."""
    monkeypatch.setattr(anchors, "_TRY_NS", 1e-9)


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[object, ...]]]:
    return [(match.span(), match.groups()) for match in matches]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("every_place_tried")
def test_bundled_patterns_find_the_same_matches_anchored() -> None:
    patterns = _bundled_patterns()
    assert sum(pattern_anchors(pattern) is not None for pattern in patterns) > 0.9 * len(patterns)
    for text in _corpus_texts():
        index = TextIndex(text)
        for pattern in patterns:
            starts = index.starts(pattern)
            if starts is not None:
                assert _spans(finditer_at(pattern, text, starts)) == _spans(pattern.finditer(text)), (pattern.pattern[:80], text[:60])


_PIECES = st.sampled_from(
    ["ketamine", "Ketam\u0131ne", "KET\u0130NE", "\u017fafe", "\u212aetamine", "can't", "can\u2019t", "don\u2019t", "no", "not", "cure",
     "side effects", "Side-effects", "100%", "988", "$250", "the", "a", "it", "safe", "\u201cquoted\u201d", "\u2018", "\u2019", " ", "  ",
     "\n", ".", ",", "-", "\u2014", "(", ")", "?", "caf\u00e9", "\u00c9", "x" * 70]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.data())
def test_generated_text_finds_the_same_matches_anchored(pieces: list[str], data: st.DataObject) -> None:
    anchors._TRY_NS, saved = 1e-9, anchors._TRY_NS
    try:
        text = "".join(pieces)
        index = TextIndex(text)
        for pattern in data.draw(st.lists(st.sampled_from(_bundled_patterns()), min_size=1, max_size=20)):
            starts = index.starts(pattern)
            if starts is not None:
                assert _spans(finditer_at(pattern, text, starts)) == _spans(pattern.finditer(text)), pattern.pattern[:80]
                pos = data.draw(st.integers(0, len(text)))
                end = data.draw(st.integers(pos, len(text)))
                assert _spans(finditer_at(pattern, text, starts, pos, end)) == _spans(pattern.finditer(text, pos, end))
    finally:
        anchors._TRY_NS = saved


@pytest.mark.usefixtures("every_place_tried")
def test_block_matches_are_the_blocks_own_matches() -> None:
    texts = [block for text in _corpus_texts() for block in text.split("\n\n")]
    index = DocumentIndex(texts)
    for pattern in _bundled_patterns()[::6]:
        for runs in (None, frozenset({"ketamine", "side"})):
            by_block = index.block_matches(pattern, runs)
            if by_block is None:
                continue
            for number, text in enumerate(texts):
                expected = _spans(pattern.finditer(text))
                found = _spans(by_block.get(number, []))
                if runs is None or any(run in text.lower() for run in runs):
                    assert found == expected, (pattern.pattern[:80], text[:60])
                else:
                    assert found == [] and (expected == [] or runs is not None)


def test_a_text_with_many_candidates_is_read_instead() -> None:
    pattern = re.compile(r"(?<![\w])(?:the|a)\s*cure", re.IGNORECASE)
    text = "the a " * 1000
    assert TextIndex(text).starts(pattern) is None
    assert TextIndex("a cure, the cure" + " x" * 200).starts(pattern) == [0, 8]


# The engine -------------------------------------------------------------------------------
def _findings(document: bytes, name: str, indexed: bool) -> list[tuple[str, int, int, str]]:
    """The findings of a document linted with the anchor index on every document (and every
    place tried) or with no index at all."""
    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions

    saved = anchors.ANCHORS_ON, anchors.ANCHORED_MIN_CHARACTERS, anchors._TRY_NS
    anchors.ANCHORS_ON, anchors.ANCHORED_MIN_CHARACTERS, anchors._TRY_NS = indexed, 0, 1e-9
    try:
        result = Linter(Config(), RunOptions(profile="web")).lint_bytes(name, document)
    finally:
        anchors.ANCHORS_ON, anchors.ANCHORED_MIN_CHARACTERS, anchors._TRY_NS = saved
    return sorted((finding.rule, finding.offset, finding.end_offset, finding.message) for finding in result.findings)


def test_indexed_and_plain_engines_report_the_same_on_the_corpus() -> None:
    for path in _corpus_paths():
        data = path.read_bytes()
        assert _findings(data, path.name, True) == _findings(data, path.name, False), path.name


def _example_texts() -> list[str]:
    """Every pass and fail example of the bundled rules, as text."""
    return [
        example.text.strip()
        for rule in load_rules()
        for example in (*rule.fail_examples, *rule.pass_examples)
        if isinstance(example.text, str) and example.format in ("markdown", "text")
    ]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_indexed_and_plain_engines_report_the_same_on_generated_pages(data: st.DataObject) -> None:
    """Pages built from random rule examples, as one paragraph or many."""
    chosen = data.draw(st.lists(st.sampled_from(_example_texts()), min_size=1, max_size=12))
    separator = data.draw(st.sampled_from(["\n\n", " ", "\n"]))
    document = ("# Ketamine care\n\n" + separator.join(chosen) + "\n").encode("utf-8")
    assert _findings(document, "page.md", True) == _findings(document, "page.md", False)


def _analyses(document: bytes, name: str, indexed: bool) -> tuple[list[tuple[object, ...]], dict[str, dict[int, tuple[bool, bool]]]]:
    """What the statement analysis says of every sentence, and where every disclosure concept
    occurs, with the anchor index on every document or with none."""
    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions
    from kaplint.text.evidence import StatementFinder
    from kaplint.text.statements import describe

    saved = anchors.ANCHORS_ON, anchors.ANCHORED_MIN_CHARACTERS, anchors._TRY_NS
    anchors.ANCHORS_ON, anchors.ANCHORED_MIN_CHARACTERS, anchors._TRY_NS = indexed, 0, 1e-9
    try:
        linter = Linter(Config(), RunOptions(profile="web"))
        loaded = linter.load_bytes(name, document, "markdown")
        statements = [
            (s.block_index, s.sentence.start, s.about, s.cues, s.denied, s.elsewhere, s.manner, s.hedged_cues, s.answer)
            for s in describe(loaded)
        ]
        finders = [StatementFinder(loaded, strict=True), StatementFinder(loaded, strict=False)]
        concepts = {concept.regex.pattern: concept for rule in load_rules() if rule.kind == "disclosure" for concept in rule.compiled.vocabulary.concepts.values()}
        occurrences = {f"{finder.strict} {pattern}": finder.occurrences(concept) for finder in finders for pattern, concept in concepts.items()}
    finally:
        anchors.ANCHORS_ON, anchors.ANCHORED_MIN_CHARACTERS, anchors._TRY_NS = saved
    return statements, occurrences


def test_statements_and_concepts_are_the_same_with_the_index() -> None:
    page = (
        "# Ketamine care\n\n"
        "Ketamine can cause nausea. \"It cured me overnight,\" one patient wrote. \"'Best treatment ever,' she said,\" he wrote. "
        "Some ads promise a cure. It isn't one. "
        "You may have read that it is 100% safe; it is not. See our safety page for more. Do not drive until tomorrow. "
        "Can I drive home? No. Studies (Smith et al., 2019) suggest rapid relief within hours for some people.\n\n"
        "- Bladder problems such as cystitis can happen with heavy use\n- None\n"
    ).encode("utf-8")
    documents = [(page, "page.md"), *((path.read_bytes(), path.name) for path in _corpus_paths()[::4] if path.suffix == ".md")]
    for data, name in documents:
        assert _analyses(data, name, True) == _analyses(data, name, False), name


@pytest.mark.usefixtures("every_place_tried")
def test_a_long_span_of_a_block_finds_the_same_matches_anchored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence of a long block, searched as a text of its own (sentence exceptions, what a
    rule's sentence must be about), at the places the document's index gives."""
    from kaplint.text.anchors import span_finditer

    monkeypatch.setattr(anchors, "LONG_SPAN", 0)
    texts = [" ".join(text.split()) for text in _corpus_texts()]
    index = DocumentIndex(texts)
    for number, text in enumerate(texts):
        for start, end in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3), (7, 90)):
            span = text[start:end]
            for pattern in _bundled_patterns()[::5]:
                assert _spans(span_finditer(index, pattern, number, start, span)) == _spans(pattern.finditer(span)), pattern.pattern[:80]


def test_concept_uses_looked_up_sentence_by_sentence_are_the_whole_search() -> None:
    """In a long document a disclosure statement looks a concept's uses up sentence by sentence;
    each answer is the whole-document search's."""
    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions
    from kaplint.text.evidence import StatementFinder, _Uses

    saved = anchors.ANCHORED_MIN_CHARACTERS
    anchors.ANCHORED_MIN_CHARACTERS = 0
    try:
        linter = Linter(Config(), RunOptions(profile="web"))
        concepts = {concept.regex.pattern: concept for rule in load_rules() if rule.kind == "disclosure" for concept in rule.compiled.vocabulary.concepts.values()}
        for path in _corpus_paths()[::3]:
            document = linter.load_bytes(path.name, path.read_bytes(), "markdown")
            finder = StatementFinder(document)
            for concept in concepts.values():
                table = finder.occurrences(concept)
                uses = _Uses(StatementFinder(document), concept)
                assert bool(uses) == bool(table), (path.name, concept.name)
                assert [uses.get(number) for number in range(len(finder.sentences))] == [table.get(number) for number in range(len(finder.sentences))]
    finally:
        anchors.ANCHORED_MIN_CHARACTERS = saved

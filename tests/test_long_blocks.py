"""The look-ups that keep a long block linear answer exactly as reading the whole block would.

A paragraph of a megabyte holds thousands of quotations, names and matches; the helpers below
find the one that matters by bisection instead of reading them all for every match. Each is
checked against the plain reading it replaced.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kaplint.kinds.abbreviation import _letters_in_capitals
from kaplint.kinds.jargon import _overlaps
from kaplint.text.names import _LINKING, _TITLE_MINOR, _WORD, _after_sentence_end, _capitalised, inside_name, is_title_case, name_spans
from kaplint.text.quotes import enclosing_quote, quote_spans

_QUOTE_PIECES = st.sampled_from(
    ["\u201c", "\u201d", '"', "\u2018", "\u2019", "don\u2019t", "it\u2019s", "a", "Ketamine", " ", ".", "\n", "x\u2018y", "9"]
)


def _quote_spans_by_character(text: str) -> list[tuple[int, int]]:
    """The character-by-character reading that quote_spans replaced."""
    pairs = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019"}
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        char = text[position]
        closer = pairs.get(char)
        if closer is None or (char == "\u2018" and position > 0 and text[position - 1].isalnum()):
            position += 1
            continue
        end = text.find(closer, position + 1)
        if closer == "\u2019":
            while end != -1 and end + 1 < len(text) and text[end + 1].isalpha():
                end = text.find(closer, end + 1)
        if end == -1:
            break
        spans.append((position + 1, end))
        position = end + 1
    return spans


@settings(max_examples=400, deadline=None)
@given(st.lists(_QUOTE_PIECES, max_size=40), st.data())
def test_quotations_are_found_and_looked_up_as_before(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    spans = quote_spans(text)
    assert spans == _quote_spans_by_character(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = next(((first, last) for first, last in spans if first <= start and end <= last), None)
    assert enclosing_quote(text, start, end, spans) == expected
    assert enclosing_quote(text, start, end) == expected


_NAME_PIECES = st.sampled_from(["National", "Institute", "on", "Drug", "Abuse", "the", "ketamine", "Elevate", "Mind", "U.S.", " ", ". ", ", ", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=40), st.data())
def test_a_match_inside_a_name_is_found_as_before(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    spans = name_spans(text, single=data.draw(st.booleans()))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert inside_name(spans, start, end) == any(first <= start and end <= last for first, last in spans)


def _is_title_case_listing_every_word(text: str) -> bool:
    """The reading is_title_case replaced: list every word that counts, then judge them all."""
    words = [word for word in _WORD.findall(text) if word.lower().rstrip(".") not in _TITLE_MINOR and word[:1].isalpha()]
    return len(words) >= 2 and all(_capitalised(word) for word in words)


_TITLE_PIECES = st.sampled_from(["What", "Is", "is", "Oral", "ketamine", "of", "the", "A", "a", "U.S.", "Vs.", "9am", "-", "'", " ", ": ", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_TITLE_PIECES, max_size=30))
def test_title_case_is_judged_as_before(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert is_title_case(text) == _is_title_case_listing_every_word(text)


def _name_spans_word_by_word(text: str, sentence_starts: list[int], single: bool, at_start: int) -> list[tuple[int, int]]:
    """The reading name_spans replaced: every word visited, a run read from each capitalised one."""
    starts = set(sentence_starts)
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        if not _capitalised(words[index].group()):
            index += 1
            continue
        run = [words[index]]
        cursor = index + 1
        while cursor < len(words):
            word = words[cursor]
            if text[run[-1].end() : word.start()].strip() not in ("", "&", "-"):
                break
            if _capitalised(word.group()):
                run.append(word)
                cursor += 1
                continue
            if word.group().lower() in _LINKING and cursor + 1 < len(words) and _capitalised(words[cursor + 1].group()):
                if text[word.end() : words[cursor + 1].start()].strip() == "":
                    run.append(word)
                    cursor += 1
                    continue
            break
        capitals = [word for word in run if _capitalised(word.group())]
        at_sentence_start = run[0].start() in starts or _after_sentence_end(text, run[0].start())
        if len(capitals) >= (at_start if at_sentence_start else 2):
            spans.append((run[0].start(), run[-1].end()))
        elif single and not at_sentence_start and len(capitals) == 1 and len(run) == 1:
            spans.append((run[0].start(), run[0].end()))
        index = cursor
    return spans


_RUN_PIECES = st.sampled_from(["National", "Institute", "on", "Drug", "abuse", "of", "the", "&", "-", "Élan", "élan", "U.S.", "KLN", " ", ". ", ", ", "\n", "9"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_RUN_PIECES, max_size=40), st.booleans(), st.integers(1, 3), st.data())
def test_names_are_found_as_before(pieces: list[str], single: bool, at_start: int, data: st.DataObject) -> None:
    text = "".join(pieces)
    starts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))) or [0]
    assert name_spans(text, starts, single=single, at_start=at_start) == _name_spans_word_by_word(text, starts, single, at_start)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aBcÉé9 .\u24b6\u00aa"), max_size=30))
def test_capitals_are_counted_as_before(text: str) -> None:
    letters = [char for char in text if char.isalpha()]
    share = sum(char.isupper() for char in letters) / len(letters) if letters else 0
    assert _letters_in_capitals(text) == ("".join(letters), share)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=12), st.integers(0, 60), st.integers(0, 60))
def test_an_overlapping_exception_is_found_as_before(gaps: list[tuple[int, int]], start: int, length: int) -> None:
    # spans in the order finditer gives them: each starts where or after the one before ends
    spans: list[tuple[int, int]] = []
    position = 0
    for gap, width in gaps:
        spans.append((position + gap, position + gap + width))
        position = position + gap + width + (1 if width == 0 else 0)
    end = start + length
    assert _overlaps(spans, start, end) == any(first < end and last > start for first, last in spans)


def test_a_sentence_statement_is_found_as_before() -> None:
    from pathlib import Path

    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions
    from kaplint.text.segmentation import segment
    from kaplint.text.statements import statement_of, statements_by_block

    linter = Linter(Config(), RunOptions())
    for path in sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.md")):
        document = linter.load_bytes(path.name, path.read_bytes(), "markdown")
        by_block = statements_by_block(document)
        for sentence in segment(document).sentences:
            expected = next((item for item in by_block.get(sentence.block_index, []) if item.sentence.start == sentence.start), None)
            assert statement_of(document, sentence) is expected


def _find_terms_word_by_word(text: str, settings: object) -> list[tuple[int, int, object]]:
    """The word-by-word reading that jargon.find_terms replaced."""
    from kaplint.kinds.jargon import _INNER_GAP, _TOKEN, _joined_to_neighbour

    tokens = list(_TOKEN.finditer(text))
    found = []
    position = 0
    while position < len(tokens):
        if settings.first_words and tokens[position].group().lower().replace("\u2019", "'") not in settings.first_words:  # type: ignore[attr-defined]
            position += 1
            continue
        for size in range(min(settings.longest, len(tokens) - position), 0, -1):  # type: ignore[attr-defined]
            window = tokens[position : position + size]
            start, end = window[0].start(), window[-1].end()
            if (start and _joined_to_neighbour(text[start - 1])) or (end < len(text) and _joined_to_neighbour(text[end])):
                continue
            if any(not _INNER_GAP.fullmatch(text[left.end() : right.start()]) for left, right in zip(window, window[1:])):
                continue
            entry = settings.index.get(tuple(token.group().lower().replace("\u2019", "'") for token in window))  # type: ignore[attr-defined]
            if entry is not None:
                found.append((start, end, settings.entries[entry]))  # type: ignore[attr-defined]
                position += size
                break
        else:
            position += 1
    return found


_JARGON_PIECES = st.sampled_from(
    ["ketamine", "dissociation", "dissociative", "efficacy", "utilize", "neuroplasticity", "off-label", "off label", "ketamine-assisted",
     "assist", "assisted", "in", "of", "the", "a", " ", "  ", "-", "\u2019s", "'", ".", ",", "\n", "Efficacy", "UTILIZE", "x"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_JARGON_PIECES, max_size=50), st.booleans())
def test_jargon_terms_are_found_as_before(pieces: list[str], spaced: bool) -> None:
    from kaplint.kinds.jargon import find_terms
    from kaplint.rulepacks import load_rules

    text = (" " if spaced else "").join(pieces)
    for rule in load_rules():
        if rule.kind == "jargon":
            assert list(find_terms(text, rule.compiled)) == _find_terms_word_by_word(text, rule.compiled)


def test_recipes_read_only_the_statements_they_can_apply_to() -> None:
    """A rule's statement recipes find the same claims as reading every statement."""
    from pathlib import Path

    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions
    from kaplint.kinds.recipes import _match, recipe_applies, recipe_matches
    from kaplint.rulepacks import load_rules
    from kaplint.text.statements import describe

    root = Path(__file__).resolve().parents[1]
    linter = Linter(Config(), RunOptions())
    rules = [rule for rule in load_rules() if getattr(rule.compiled, "statements", ())]
    paths = sorted((root / "samples").glob("*.md")) + sorted((root / "tests" / "corpus").glob("*.md"))[::3]
    for path in paths:
        document = linter.load_bytes(path.name, path.read_bytes(), "markdown")
        for rule in rules:
            expected = []
            for statement in describe(document):
                recipe = next((recipe for recipe in rule.compiled.statements if recipe_applies(recipe, statement)), None)
                if recipe is not None:
                    expected.append(_match(rule, recipe, statement))
            assert list(recipe_matches(rule, rule.compiled.statements, document, set())) == expected, (path.name, rule.name)


_CLAUSE_PIECES = st.sampled_from(["ketamine", "works", "while", "but", "unlike", "pills", ";", ":", "(", ")", ", ", ", which", ", and it", " ", "\u2014"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CLAUSE_PIECES, max_size=40), st.data())
def test_a_clause_is_found_as_before(pieces: list[str], data: st.DataObject) -> None:
    from kaplint.text.statements import _CLAUSE_SPLIT, _HEDGE_CLAUSE_SPLIT, _clause_bounds, _clauses

    text = " ".join(pieces)
    position = data.draw(st.integers(0, len(text)))
    for split in (_CLAUSE_SPLIT, _HEDGE_CLAUSE_SPLIT):
        clauses = _clauses(text, split)
        expected = next(((start, end) for start, end in clauses if start <= position < end), (0, len(text)))
        assert _clause_bounds(clauses, position, len(text)) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab1-.' \u2019\n%", max_size=80), st.integers(0, 30))
def test_words_are_counted_as_they_are_found(text: str, limit: int) -> None:
    from kaplint.text.segmentation import word_count, words

    assert word_count(text) == len(words(text))
    assert word_count(text, limit) == min(limit, len(words(text)))

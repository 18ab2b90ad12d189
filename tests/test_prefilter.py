"""Prefilters never change a result: a pattern skipped on a text could not have matched it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaplint.rulepacks import load_rules
from kaplint.text.prefilter import required_runs
from kaplint.text.statements import load_lexicons

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        (["side[\\s-]effects?"], {"effect"}),
        (["(?:may|can)\\s+cause"], {"cause"}),
        (["safe|risk"], None),  # "safe" is long enough, "risk" too: both kept
        (["\\d+\\s*%"], None),
        (["(?:es)?ketamine"], {"ketamine"}),
        (["(?:relief|anxiety)\\s+(?:is|was)"], {"relief", "anxiety"}),
    ],
)
def test_required_runs(patterns: list[str], expected: set[str] | None) -> None:
    runs = required_runs(patterns)
    if patterns == ["safe|risk"]:
        assert runs == frozenset({"safe", "risk"})
    elif expected is None:
        assert runs is None
    else:
        assert runs == frozenset(expected)


def _corpus_texts() -> list[str]:
    texts = []
    for folder in (ROOT / "tests" / "corpus", ROOT / "samples"):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".md", ".txt", ".html"):
                texts.extend(part for part in path.read_text(encoding="utf-8").split("\n\n") if part.strip())
    return texts


def test_lexicon_prefilters_never_skip_a_match() -> None:
    lexicons = load_lexicons()
    patterns = {**lexicons.subjects, **lexicons.cues, **lexicons.manners}
    texts = _corpus_texts()
    for name, pattern in patterns.items():
        runs = lexicons.prefilters.get(name)
        if runs is None:
            continue
        for text in texts:
            if not any(run in text.lower() for run in runs):
                assert pattern.search(text) is None, (name, text[:80])


def test_phrase_prefilters_never_skip_a_match() -> None:
    texts = _corpus_texts()
    for rule in load_rules():
        if rule.kind != "phrase":
            continue
        for regex, _, _, runs in rule.compiled.regexes:
            if runs is None:
                continue
            for text in texts:
                if not any(run in text.lower() for run in runs):
                    assert regex.search(text) is None, (rule.name, regex.pattern[:60], text[:80])


# Needs: all that each alternative needs ------------------------------------------------------


@pytest.mark.parametrize(
    ("patterns", "text", "may_match"),
    [
        # an alternative needs all its words: a common one alone does not let it run
        (["ketamine\\s+is\\s+the\\s+(?:best|greatest)"], "Ketamine is safe.", False),
        (["ketamine\\s+is\\s+the\\s+(?:best|greatest)"], "The greatest news: ketamine", True),
        # digits and signs are needs too
        (["988|911"], "Call the crisis line.", False),
        (["988|911"], "Call 988.", True),
        (["\\d+\\s*%"], "Most people", False),
        (["\\d+\\s*%"], "\u0663\u0660% in Arabic-Indic digits", True),
        (["\\$\\s*\\d"], "It costs 400 dollars", False),
        (["\\$\\s*\\d"], "It costs $400", True),
        # one alternative without needs: the patterns always run
        (["safe", "\\w+"], "nothing", True),
        # a repeat that occurs at least once needs what it repeats; an optional part does not
        (["(?:very\\s+)+safe"], "safe", False),
        (["(?:very\\s+)?safe"], "safe", True),
    ],
)
def test_needs_ask_for_all_that_an_alternative_needs(patterns: list[str], text: str, may_match: bool) -> None:
    from kaplint.text.prefilter import LiteralIndex, needs

    assert LiteralIndex(text).may_match(needs(patterns)) is may_match
    assert any(re.search(pattern, text, re.IGNORECASE) for pattern in patterns) <= may_match


def test_patterns_without_needs_have_no_prefilter() -> None:
    from kaplint.text.prefilter import LiteralIndex, needs

    assert needs(["\\w+\\s+al"]) is None
    assert needs(["ketamine|"]) is None  # the empty alternative matches anywhere
    assert LiteralIndex("anything").may_match(None)


@pytest.mark.parametrize("text", ["Call 988 now.", "The best care.", "Ketamine is the best.", "side effects", "nothing here"])
def test_combined_needs_answer_like_the_needs_of_all_the_patterns(text: str) -> None:
    from kaplint.text.prefilter import LiteralIndex, combined, needs

    patterns = ["ketamine\\s+is\\s+the\\s+best", "988", "side[\\s-]effects?"]
    index = LiteralIndex(text)
    assert index.may_match(combined([needs([pattern]) for pattern in patterns])) == index.may_match(needs(patterns))
    assert combined([needs(["988"]), None]) is None


def test_needs_ask_nothing_of_a_text_with_a_word_too_long_to_index() -> None:
    from kaplint.text.prefilter import LiteralIndex, needs

    assert LiteralIndex("x" * 100 + " no digit here").may_match(needs(["\\d"]))


def test_lexicon_needs_never_skip_a_match() -> None:
    from kaplint.text.prefilter import LiteralIndex

    lexicons = load_lexicons()
    patterns = {**lexicons.subjects, **lexicons.cues, **lexicons.manners}
    texts = [(text, LiteralIndex(text)) for text in _corpus_texts()]
    for name, pattern in patterns.items():
        for text, index in texts:
            if not index.may_match(lexicons.needs.get(name)):
                assert pattern.search(text) is None, (name, text[:80])


def test_a_needs_table_answers_like_each_pattern_asked_alone() -> None:
    from kaplint.text import prefilter
    from kaplint.text.prefilter import LiteralIndex

    lexicons = load_lexicons()
    wanted = [lexicons.needs.get(name) for _kind, name, _pattern in lexicons.named_patterns()]
    table = lexicons.needs_table
    assert table.count == len(wanted)
    for text in [*_corpus_texts(), "x" * 100 + " a word too long to index"]:
        index = LiteralIndex(text)
        assert index.matching(table) == {number for number, item in enumerate(wanted) if index.may_match(item)}, text[:80]
    prefilter.PREFILTERS_ON = False
    try:
        assert LiteralIndex("nothing").matching(table) == set(range(len(wanted)))
    finally:
        prefilter.PREFILTERS_ON = True


def test_phrase_needs_never_skip_a_match() -> None:
    from kaplint.text.prefilter import LiteralIndex

    texts = [(text, LiteralIndex(text)) for text in _corpus_texts()]
    for rule in load_rules():
        if rule.kind != "phrase":
            continue
        compiled = rule.compiled
        for (regex, _, _, _), wanted in zip(compiled.regexes, compiled.needs):
            for text, index in texts:
                if not index.may_match(wanted):
                    assert regex.search(text) is None, (rule.name, regex.pattern[:60], text[:80])
        for text, index in texts:
            if not index.may_match(compiled.any_needs):
                assert not any(regex.search(text) for regex, _, _, _ in compiled.regexes), (rule.name, text[:80])


_NEEDS_PATTERNS = (
    "side[\\s-]effects?",
    "ketamine\\s+is\\s+(?:the\\s+)?(?:best|safest)",
    "\\d+\\s*%|\\$\\s*\\d",
    "(?:no|zero)\\s+(?:side[\\s-]effects|risk)",
    "988|crisis\\s+line",
    "[\u2019']s\\s+safe",
)
_NEEDS_WORDS = st.sampled_from(
    ["side", "effects", "Ketamine", "is", "the", "best", "safest", "no", "zero", "risk", "988", "9", "%", "$", "crisis", "line",
     "\u2019s", "'s", "safe", "\u0663", "-", " ", "\n"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NEEDS_WORDS, max_size=14))
def test_needs_hold_for_generated_text(words: list[str]) -> None:
    from kaplint.text.prefilter import LiteralIndex, needs

    text = " ".join(words)
    index = LiteralIndex(text)
    for pattern in _NEEDS_PATTERNS:
        wanted = needs([pattern])
        assert wanted is not None
        if re.search(pattern, text, re.IGNORECASE):
            assert index.may_match(wanted), (pattern, text)


_WORDS = st.sampled_from(["side", "effects", "may", "cause", "ketamine", "esketamine", "relief", "SIDE-EFFECTS", "Cause", "x", "-", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=12))
def test_runs_hold_for_generated_text(words: list[str]) -> None:
    text = " ".join(words)
    for pattern in ("side[\\s-]effects?", "(?:may|can)\\s+cause", "(?:es)?ketamine", "relief|side"):
        runs = required_runs([pattern])
        assert runs is not None
        if re.search(pattern, text, re.IGNORECASE):
            assert any(run in text.lower() for run in runs)


def test_a_dotless_i_or_long_s_matched_by_a_case_insensitive_pattern_is_not_skipped() -> None:
    import re

    from kaplint.text.prefilter import fold

    for text, pattern in (("ketam\u0131ne", "ketamine"), ("\u017fafe", "safe"), ("\u0130STANBUL", "istanbul")):
        assert re.search(pattern, text, re.IGNORECASE)
        runs = required_runs([pattern])
        assert runs is not None and any(run in fold(text) for run in runs)


# The literal index ----------------------------------------------------------------------
_PIECES = st.sampled_from(
    ["side", "effects", "ketamine", "Ketam\u0131ne", "KET\u0130NE", "\u017fafe", "neuroplasticity", "electroconvulsive", "an", "x", "_", "9", "\u00bd",
     "re-wires", "n't", "IV", "caf\u00e9", "a" * 70, "ketamine" * 10, " ", "\n", ".", "\u2014"]
)
_RUNS = st.frozensets(st.sampled_from(["side", "effect", "ketamine", "safe", "plasticity", "electroconvulsi", "aaaa", "ine", "caf\u00e9", "wires"]), max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14), _RUNS)
def test_the_literal_index_answers_exactly_like_a_search_of_the_text(pieces: list[str], runs: frozenset[str]) -> None:
    from kaplint.text.prefilter import LiteralIndex, fold

    text = "".join(pieces)
    assert LiteralIndex(text).may_contain(runs) == any(run in fold(text) for run in runs)
    assert LiteralIndex(text).may_contain(None)


def test_runs_are_cut_to_pieces_the_index_keeps() -> None:
    from kaplint.text.prefilter import LiteralIndex

    runs = required_runs(["psychotherapeuticallyassistedtreatment"])
    assert runs is not None and max(len(run) for run in runs) <= 24
    assert LiteralIndex("A psychotherapeuticallyassistedtreatment here").may_contain(runs)
    assert not LiteralIndex("A psychotherapy here").may_contain(runs)


def _example_documents() -> list[str]:
    """Every pass and fail example of the bundled rules, as text."""
    texts = []
    for rule in load_rules():
        for example in (*rule.fail_examples, *rule.pass_examples):
            if isinstance(example.text, str) and example.format in ("markdown", "text"):
                texts.append(example.text.strip())
    return texts


def _findings_with_and_without_prefilters(document: bytes) -> tuple[list[tuple[str, int, int, str]], list[tuple[str, int, int, str]]]:
    """The findings of ``document`` (as a web page) with the prefilters on, then off."""
    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions
    from kaplint.text import prefilter

    linter = Linter(Config(), RunOptions(profile="web"))

    def findings() -> list[tuple[str, int, int, str]]:
        result = linter.lint_bytes("page.md", document, "markdown")
        return sorted((finding.rule, finding.offset, finding.end_offset, finding.message) for finding in result.findings)

    with_prefilters = findings()
    prefilter.PREFILTERS_ON = False
    try:
        return with_prefilters, findings()
    finally:
        prefilter.PREFILTERS_ON = True


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_prefiltered_and_unfiltered_engines_report_the_same(data: st.DataObject) -> None:
    """Documents built from random rule examples: the same findings with prefilters on and off."""
    examples = _example_documents()
    chosen = data.draw(st.lists(st.sampled_from(examples), min_size=1, max_size=8))
    separator = data.draw(st.sampled_from(["\n\n", " ", "\n"]))
    document = ("# Ketamine care\n\n" + separator.join(chosen) + "\n").encode("utf-8")
    with_prefilters, without = _findings_with_and_without_prefilters(document)
    assert with_prefilters == without


def test_a_long_document_finds_the_same_statements_with_and_without_prefilters() -> None:
    """A document long enough for the anchor index asks each lexicon pattern's word set rather
    than the needs table (to keep its blocks' indexes out of memory); its findings are still those
    of an engine without prefilters."""
    from kaplint.text.anchors import ANCHORED_MIN_CHARACTERS

    body = "\n\n".join(_example_documents())
    copies = ANCHORED_MIN_CHARACTERS // max(1, len(body)) + 1
    document = ("# Ketamine care\n\n" + "\n\n".join([body] * copies) + "\n").encode("utf-8")
    with_prefilters, without = _findings_with_and_without_prefilters(document)
    assert with_prefilters and with_prefilters == without

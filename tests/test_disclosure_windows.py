"""Disclosure statements in a short document try only the windows around their first concept.

The windows tried are a shortcut, not a new reading: for every bundled statement (rule evidence
and topic triggers) the passage found must be the one found by trying every window in order, and
a concept looked up sentence by sentence must answer as the search of the whole document does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.rulepacks import load_rules
from kaplint.text.anchors import document_index
from kaplint.text.document import Document
from kaplint.text.evidence import Statement, StatementFinder, _Uses

ROOT = Path(__file__).resolve().parents[1]


def _documents() -> Iterator[Document]:
    """The samples and a third of the test corpus, loaded as the linter loads them."""
    linter = Linter(Config(), RunOptions(profile="web"))
    samples = sorted(path for path in (ROOT / "samples").iterdir() if path.suffix in (".md", ".txt", ".html"))
    corpus = sorted(path for path in (ROOT / "tests" / "corpus").iterdir() if path.suffix in (".md", ".txt", ".html"))
    for path in samples + corpus[::3]:
        fmt = {".md": "markdown", ".txt": "text", ".html": "html"}[path.suffix]
        yield linter.load_bytes(path.name, path.read_bytes(), fmt)


def _statements() -> list[tuple[Statement, int]]:
    """Every statement of the bundled disclosure rules and topics, with its window."""
    found: list[tuple[Statement, int]] = []
    for rule in load_rules():
        if rule.kind != "disclosure":
            continue
        compiled = rule.compiled
        found.extend((statement, compiled.window) for part in compiled.parts for statement in part.statements)
        for topic in compiled.vocabulary.topics.values():
            found.extend((statement, topic.window) for statement in topic.statements)
    return found


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    loaded = list(_documents())
    assert all(document_index(document) is None for document in loaded), "the shortcut is for short documents"
    return loaded


def test_the_windows_tried_find_the_passage_every_window_finds(documents: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    statements = _statements()
    for document in documents:
        for strict in (True, False):
            narrowed = StatementFinder(document, strict=strict)
            found = [narrowed._passage_making(statement, window) for statement, window in statements]
            with monkeypatch.context() as patch:
                patch.setattr(StatementFinder, "_candidate_windows", lambda self, tables, size: self.windows(size))
                everywhere = StatementFinder(document, strict=strict)
                expected = [everywhere._passage_making(statement, window) for statement, window in statements]
            assert found == expected, document.path


def test_a_short_document_looks_uses_up_as_its_whole_search_finds_them(documents: list[Document]) -> None:
    concepts = {
        concept.regex.pattern: concept
        for rule in load_rules()
        if rule.kind == "disclosure"
        for concept in rule.compiled.vocabulary.concepts.values()
    }
    for document in documents[::2]:
        finder = StatementFinder(document)
        for concept in concepts.values():
            table = finder.occurrences(concept)
            uses = _Uses(StatementFinder(document), concept)
            assert bool(uses) == bool(table), (document.path, concept.name)
            assert [uses.get(number) for number in range(len(finder.sentences))] == [
                table.get(number) for number in range(len(finder.sentences))
            ], (document.path, concept.name)


def test_windows_are_tried_in_document_order(documents: list[Document]) -> None:
    """The windows tried for a statement are some of :meth:`windows`, in its order."""
    statement, window = next((statement, window) for statement, window in _statements() if statement.requirements)
    finder = StatementFinder(documents[0])
    tables = [(requirement, finder._uses(requirement.concept)) for requirement in statement.requirements]
    every = list(finder.windows(window))
    tried = list(finder._candidate_windows(tables, window))
    positions = [every.index(passage) for passage in tried]
    assert positions == sorted(positions)
    anchor = tables[0][1]
    assert all(any(number in anchor for number in passage) for passage in tried)
    assert all(not any(number in anchor for number in passage) for passage in every if passage not in tried)

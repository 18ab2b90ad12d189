"""Where a finding sits in its document's text, and a fingerprint that survives unrelated edits.

Findings carry offsets into the file as stored (a CRLF counts two characters),
but reports that show the text work on the normalised source the engine kept
(``DocumentResult.source``). Line and column mean the same in both, so this
module converts through them.

The fingerprint identifies a finding by what it is about, not where it is:
the matched words and the sentence around them. Adding a paragraph above a
finding moves its line but keeps its fingerprint, which is what a baseline
and GitLab's Code Quality diffing need.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from functools import lru_cache

from kaplint.finding import Finding

# A sentence ends at . ! or ? followed by space, or at a blank line.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s|\n[ \t]*\n")
# Markup that says nothing about a sentence's meaning: list bullets, heading and quote marks, emphasis.
_MARKUP = re.compile(r"(?m)^[ \t]*(?:[-*+>#]+|\d+[.)])[ \t]+|[*_`]+")
_SPACE = re.compile(r"\s+")
# How far to look for the sentence's ends; a sentence longer than this is cut there.
_REACH = 600


class LineStarts:
    """Offsets of line starts in a text, to turn (line, column) into an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def offset(self, line: int, column: int) -> int:
        """The offset of 1-based ``line`` and ``column``, clamped to the text."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        start = self.starts[line - 1]
        line_end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return min(start + max(column - 1, 0), line_end)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


@lru_cache(maxsize=8)
def line_starts(text: str) -> LineStarts:
    """Cached per text: every finding of a document converts through the same table."""
    return LineStarts(text)


def source_span(source: str, finding: Finding) -> tuple[int, int]:
    """(start, end) of ``finding`` in the normalised ``source``; equal for document-level findings."""
    lines = line_starts(source)
    start = lines.offset(finding.line, finding.column)
    end = lines.offset(finding.end_line, finding.end_column)
    return start, max(start, end)


def sentence_around(source: str, start: int, end: int) -> str:
    """The sentence (or heading, or list item) holding ``source[start:end]``, markup removed, spaces collapsed."""
    window_start = max(0, start - _REACH)
    before = source[window_start:start]
    left = window_start
    for match in _SENTENCE_END.finditer(before):
        left = window_start + match.end()
    after = source[end : end + _REACH]
    found = _SENTENCE_END.search(after)
    right = end + (found.start() + 1 if found else len(after))
    return normalise(source[left:right])


def normalise(text: str) -> str:
    """Text compared for meaning: no markup, one space between words, no case."""
    return _SPACE.sub(" ", _MARKUP.sub(" ", text)).strip().casefold()


def fingerprint(finding: Finding, source: str) -> str:
    """A short hash of the finding's matched text and its sentence.

    Findings about a whole document (a missing disclosure, the document's grade)
    match no text: their fingerprint is the same for every edit, so the rule and
    file alone identify them.
    """
    if not finding.match:
        basis = ""
    else:
        start, end = source_span(source, finding)
        basis = normalise(finding.match) + "\0" + sentence_around(source, start, end)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

"""The document model every loader produces and every rule reads.

A :class:`Document` holds the source text (line endings normalised to ``\\n``)
and a list of :class:`Block` objects: the prose a reader sees, one block per
heading, paragraph, list item, table cell or blockquote paragraph. Each block
carries a :class:`SourceMap` from offsets in its text back to offsets in the
source, recorded while the loader builds the text. That map is the only way
positions are computed, so a finding always points at the text it is about,
whatever markup, entities or escapes stood in between.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell", "blockquote")


@dataclass(frozen=True)
class Segment:
    """A run of block text copied from the source.

    When ``text_length == source_length`` the run is a verbatim copy and maps
    character by character. Otherwise it is atomic: one or more block
    characters stand for a different span of source (an entity such as
    ``&amp;``, an escape such as ``\\*``, a collapsed run of white space).
    """

    text_start: int
    source_start: int
    text_length: int
    source_length: int


class SourceMap:
    """Maps offsets in a block's text to offsets in the document source."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self._starts = [segment.text_start for segment in segments]

    def _segment_at(self, offset: int) -> Segment:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.segments[max(index, 0)]

    def to_source(self, offset: int) -> int:
        """Source offset of the block character at ``offset``."""
        if not self.segments:
            return 0
        segment = self._segment_at(offset)
        delta = offset - segment.text_start
        if segment.text_length == segment.source_length:
            return segment.source_start + min(delta, segment.source_length)
        return segment.source_start

    def to_source_end(self, end: int) -> int:
        """Source offset just after the block character before ``end`` (exclusive end)."""
        if not self.segments:
            return 0
        if end <= 0:
            return self.to_source(0)
        segment = self._segment_at(end - 1)
        delta = end - 1 - segment.text_start
        if segment.text_length == segment.source_length:
            return segment.source_start + min(delta, segment.source_length - 1) + 1
        return segment.source_start + segment.source_length


class BlockBuilder:
    """Accumulates block text while recording where each piece came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def copy(self, text: str, source_start: int) -> None:
        """Append ``text``, which stands verbatim in the source at ``source_start``."""
        if not text:
            return
        previous = self._segments[-1] if self._segments else None
        if (
            previous is not None
            and previous.text_length == previous.source_length
            and previous.text_start + previous.text_length == self._length
            and previous.source_start + previous.source_length == source_start
        ):
            self._segments[-1] = Segment(
                previous.text_start,
                previous.source_start,
                previous.text_length + len(text),
                previous.source_length + len(text),
            )
        else:
            self._segments.append(Segment(self._length, source_start, len(text), len(text)))
        self._parts.append(text)
        self._length += len(text)

    def substitute(self, text: str, source_start: int, source_length: int) -> None:
        """Append ``text`` standing for ``source_length`` source characters (atomic)."""
        if not text:
            return
        if len(text) == source_length:
            # Same length but different characters (e.g. a newline shown as a
            # space): still atomic per character so ends map exactly.
            for index, char in enumerate(text):
                self._segments.append(Segment(self._length, source_start + index, 1, 1))
                self._parts.append(char)
                self._length += 1
            return
        self._segments.append(Segment(self._length, source_start, len(text), source_length))
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, SourceMap]:
        return "".join(self._parts), SourceMap(list(self._segments))

    def strip(self) -> tuple[str, SourceMap]:
        """Build, dropping leading and trailing white space (the map stays exact)."""
        text, source_map = self.build()
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if left == 0 and right == len(text):
            return text, source_map
        segments: list[Segment] = []
        for segment in source_map.segments:
            start = max(segment.text_start, left)
            end = min(segment.text_start + segment.text_length, right)
            if start >= end:
                continue
            if segment.text_length == segment.source_length:
                shift = start - segment.text_start
                segments.append(Segment(start - left, segment.source_start + shift, end - start, end - start))
            else:
                segments.append(Segment(start - left, segment.source_start, end - start, segment.source_length))
        return text[left:right], SourceMap(segments)


@dataclass
class Block:
    """One unit of prose: heading, paragraph, list item, table cell or blockquote."""

    kind: str
    text: str
    source_map: SourceMap
    section: tuple[str, ...] = ()
    level: int = 0  # heading level for headings, nesting depth for list items
    links: tuple[str, ...] = ()  # link targets found in the block (text keeps the link words)
    landmark: str = ""  # "navigation" (page navigation, not scored for readability) or "footer" (page footer)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (start, exclusive end) of block text ``[start:end]``."""
        if end <= start:
            point = self.source_map.to_source(start)
            return point, point
        return self.source_map.to_source(start), self.source_map.to_source_end(end)


class SectionPath:
    """The chain of headings above the current block, as loaders walk a document."""

    def __init__(self, initial: tuple[tuple[int, str], ...] = ()) -> None:
        self._stack: list[tuple[int, str]] = list(initial)

    def enter(self, level: int, title: str) -> None:
        """A heading of ``level``: it closes headings at the same or a deeper level."""
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, title))

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(title for _, title in self._stack)

    @property
    def entries(self) -> tuple[tuple[int, str], ...]:
        return tuple(self._stack)


@dataclass(frozen=True)
class Directive:
    """An inline suppression comment such as ``<!-- kaplint-disable KAP301 -->``."""

    action: str  # disable | enable | disable-next-line | disable-file
    rules: tuple[str, ...]  # empty means all rules
    line: int  # line of the comment's start
    end_line: int  # line of the comment's end
    offset: int
    end_offset: int
    reason: str = ""


class LineIndex:
    """Converts source offsets to 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        if line < 1 or line > len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column - 1


@dataclass
class Document:
    """A loaded input file: normalised source, metadata and prose blocks."""

    path: str
    format: str
    source: str
    blocks: list[Block] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)
    body_offset: int = 0  # where the prose starts (after front matter)
    original_line_starts: list[int] | None = None  # for CRLF files: offsets in the raw text
    problems: list[Any] = field(default_factory=list)  # non-fatal input problems (InputProblem)
    encoding: str = "utf-8"
    newline: str = "\n"
    _line_index: LineIndex | None = field(default=None, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # per-document results kinds share

    @property
    def lines(self) -> LineIndex:
        if self._line_index is None:
            self._line_index = LineIndex(self.source)
        return self._line_index

    def original_offset(self, offset: int) -> int:
        """Offset in the file as stored (CRLF line endings count two characters)."""
        if self.original_line_starts is None:
            return offset
        line, column = self.lines.position(offset)
        return self.original_line_starts[line - 1] + column - 1

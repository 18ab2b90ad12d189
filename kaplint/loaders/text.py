"""Plain-text loader: paragraphs, list items and headings from layout alone.

Blocks are separated by blank lines. A line starting with a bullet ("-", "*",
"•") or a number ("1." / "1)") starts a list item. A short line with no end
punctuation standing alone, a line in capitals, or a line underlined with
``===`` / ``---`` is a heading. Lines inside a block are joined with a space
that maps back to the newline it replaced.

Text copied or scraped from a web page has no blank lines: every line is a
paragraph, a heading or a question of an FAQ. A run of lines is read that way
(one block per line) unless it is hard-wrapped prose, that is, unless some line
breaks off in mid-sentence and the next one carries on in lower case. So
"Is it safe?\nYes, ..." stays a question and its answer, and a bare title
line above a paragraph is a heading.
"""

from __future__ import annotations

import re

from kaplint.text.document import Block, BlockBuilder, Document
from kaplint.loaders.frontmatter import split_front_matter
from kaplint.loaders.frontmatter_prose import front_matter_blocks
from kaplint.loaders.urls import copy_without_urls

_BULLET = re.compile(r"^(\s*)(?:[-*+\u2022\u2023\u25e6\u2043]|\d{1,3}[.)])\s+")
_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
_HEADING_MAX_WORDS = 10
_QUESTION_HEADING_MAX_WORDS = 16


def load_text(path: str, text: str) -> Document:
    """Split plain text into blocks."""
    front = split_front_matter(text)
    document = Document(path=path, format="text", source=text, front_matter=front.data, body_offset=front.body_offset)
    if front.problem is not None:
        document.problems.append(front.problem)
    lines = document.lines
    first_line = lines.position(front.body_offset)[0] if front.body_offset else 1
    total = len(lines.line_starts)
    groups: list[tuple[str, list[tuple[int, int, int]]]] = []  # kind, [(line, start col offset, end)]
    current: list[tuple[int, int, int]] = []
    current_kind = "paragraph"

    def close() -> None:
        nonlocal current
        if current:
            groups.append((current_kind, current))
        current = []

    line_number = first_line
    while line_number <= total:
        raw = lines.line_text(line_number)
        start = lines.line_starts[line_number - 1]
        if not raw.strip():
            close()
            line_number += 1
            continue
        if _UNDERLINE.match(raw) and current and len(current) == 1 and current_kind == "paragraph":
            current_kind = "heading"
            close()
            line_number += 1
            continue
        bullet = _BULLET.match(raw)
        if bullet or (current and current_kind == "list_item" and _starts_new_line_block(text, current[-1], raw)):
            if not bullet:  # a line of its own after a list item: the list has ended
                close()
                current_kind = "paragraph"
                current = [(line_number, start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip()))]
                line_number += 1
                continue
            close()
            current_kind = "list_item"
            current = [(line_number, start + bullet.end(), start + len(raw))]
        else:
            if not current:
                current_kind = "paragraph"
            indent = len(raw) - len(raw.lstrip())
            current.append((line_number, start + indent, start + len(raw.rstrip())))
        line_number += 1
    close()
    groups = [piece for kind, spans in groups for piece in _split_scraped_lines(text, kind, spans)]

    sections: list[str] = []
    for index, (kind, spans) in enumerate(groups):
        next_kind = groups[index + 1][0] if index + 1 < len(groups) else None
        if kind == "paragraph" and len(spans) == 1 and _looks_like_heading(text[spans[0][1] : spans[0][2]], next_kind):
            kind = "heading"
        builder = BlockBuilder()
        for number, (_, start, end) in enumerate(spans):
            if number:
                builder.substitute(" ", _newline_before(text, start), 1)
            copy_without_urls(builder, text[start:end], start)
        block_text, source_map = builder.strip()
        if not block_text:
            continue
        if kind == "heading":
            sections = [block_text]
        document.blocks.append(Block(kind, block_text, source_map, tuple(sections), 1 if kind != "paragraph" else 0))
    document.blocks[:0] = front_matter_blocks(text, front.yaml_offset, front.yaml_end)
    return document


_SENTENCE_END = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]*_]*$")
_SALUTATION = re.compile(r"^(?:dear|hi|hello|greetings)\b.*,$", re.IGNORECASE)


def _split_scraped_lines(
    text: str, kind: str, spans: list[tuple[int, int, int]]
) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """One group per line for line-per-paragraph text; the group unchanged for hard-wrapped prose."""
    if len(spans) < 2 or kind != "paragraph":
        return [(kind, spans)]
    lines = [text[start:end] for _, start, end in spans]
    wrapped = any(
        not _SENTENCE_END.search(line) and not _SALUTATION.match(line) and following[:1].islower()
        for line, following in zip(lines, lines[1:])
    )
    if wrapped:
        return [(kind, spans)]
    groups: list[tuple[str, list[tuple[int, int, int]]]] = []
    for span, line in zip(spans, lines):
        if groups and _SOURCE_LINE.match(line):
            groups[-1][1].append(span)  # "Source: Smith et al., 2019" belongs to the text it sources
        else:
            groups.append((kind, [span]))
    return groups


_SOURCE_LINE = re.compile(
    r"\W*(?:sources?|references?|citations?|data|study|reference)\s*:|\W*\(?[A-Z][\w'\u2019-]+\s+(?:et\s+al\.?|and\s+colleagues)", re.IGNORECASE
)


_CONTINUES = re.compile(r"(?:[,\-\u2013]|\b(?:and|or))\s*$", re.IGNORECASE)


def _starts_new_line_block(text: str, previous: tuple[int, int, int], raw: str) -> bool:
    """Whether an unbulleted line after a list item starts a block of its own (scraped text).

    An indented line always continues the item ("- Dizziness after your" / "  Spravato
    session ends"); an unindented one starts a block unless it begins in lower case or the
    item's line breaks off after a comma, a dash, "and" or "or"."""
    previous_line = text[previous[1] : previous[2]]
    following = raw.strip()
    if raw[:1] in (" ", "\t"):
        return False
    return bool(following) and not following[:1].islower() and not _CONTINUES.search(previous_line)


def _newline_before(text: str, offset: int) -> int:
    newline = text.rfind("\n", 0, offset)
    return newline if newline >= 0 else offset


def _looks_like_heading(line: str, next_kind: str | None) -> bool:
    stripped = line.strip()
    if not stripped or next_kind is None:
        return False
    if stripped.endswith("?") and next_kind == "paragraph" and len(stripped.split()) <= _QUESTION_HEADING_MAX_WORDS:
        return stripped[0].isupper()  # an FAQ question over its answer, as scraped FAQs lay them out
    if stripped[-1] in ".!?,;\"'”’)":
        return False
    words = stripped.split()
    if len(words) > _HEADING_MAX_WORDS:
        return False
    letters = [char for char in stripped if char.isalpha()]
    if letters and all(char.isupper() for char in letters):
        return True
    if stripped.endswith(":") and next_kind == "list_item":
        return False  # the lead-in of a list ("Patients with these conditions:")
    return stripped.endswith(":") or stripped[0].isupper()

"""Anchoring a comment on exact words of a Word paragraph.

A Word comment covers whole runs (stretches of text with one formatting), so the runs are split
where the finding starts and ends; each half keeps the run's formatting, so the document looks
and reads exactly as before. Offsets are characters of python-docx's ``Paragraph.text`` (what
the .docx loader reads): the runs directly in the paragraph and in its hyperlinks, where a tab
is one character and a line break one (it was read as a space).
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml.ns import qn

# The run children python-docx turns into text, as it does for Paragraph.text.
_TEXT_TAGS = frozenset(qn(tag) for tag in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _length(child: Any) -> int:
    return len(str(child)) if child.tag in _TEXT_TAGS else 0


def run_spans(paragraph_element: Any) -> list[tuple[Any, int, int]]:
    """(w:r element, start, end) for each run that carries the paragraph's text, in order."""
    spans = []
    position = 0
    for run in paragraph_element.xpath("w:r | w:hyperlink/w:r"):
        length = sum(_length(child) for child in run if child.tag != qn("w:rPr"))
        spans.append((run, position, position + length))
        position += length
    return spans


def split_run(run: Any, offset: int) -> Any:
    """Split ``run`` at character ``offset`` (0 < offset < its length); return the new second run.

    The second run is a copy of the first with the same properties, placed right after it."""
    content = [child for child in run if child.tag != qn("w:rPr")]
    position = 0
    moved: list[Any] = []
    for index, child in enumerate(content):
        length = _length(child)
        if position + length <= offset:
            position += length
            continue
        if position == offset:
            moved = content[index:]
        else:  # inside a w:t: cut its text in two
            head, tail = child.text[: offset - position], child.text[offset - position :]
            child.text = head
            child.set(_XML_SPACE, "preserve")
            second = copy.deepcopy(child)
            second.text = tail
            second.set(_XML_SPACE, "preserve")
            moved = [second, *content[index + 1 :]]
            child.addnext(second)
        break
    new_run = copy.deepcopy(run)
    for child in list(new_run):
        if child.tag != qn("w:rPr"):
            new_run.remove(child)
    for child in moved:
        new_run.append(child)  # moves the element out of the first run
    run.addnext(new_run)
    return new_run


def _split_at(paragraph_element: Any, offset: int) -> None:
    for run, start, end in run_spans(paragraph_element):
        if start < offset < end:
            split_run(run, offset - start)
            return


def anchor_runs(paragraph: Any, start: int, end: int) -> list[Any]:
    """The python-docx Runs covering exactly ``[start, end)`` of the paragraph's text, splitting
    runs at both ends; an empty span widens to the word around it. Empty when the paragraph has
    no text there."""
    from docx.text.run import Run

    element = paragraph._p
    text = paragraph.text
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    if end == start:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if end == start:
            return []
    _split_at(element, end)
    _split_at(element, start)
    covered = [run for run, run_start, run_end in run_spans(element) if run_start >= start and run_end <= end and run_end > run_start]
    return [Run(run, paragraph) for run in covered]

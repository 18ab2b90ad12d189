"""Writing a review into a Word document: ``kaplint review``.

For a .docx the review goes into a copy of the writer's own file: the text and its formatting
are unchanged (runs are split only where a comment starts or ends, each half keeping the run's
properties), comments from an earlier kaplint review are replaced, and a reviewer's own
comments are kept. For Markdown, text and HTML a new Word document is made from the page's
blocks (headings, list items and paragraphs in their Word styles) with the same comments, so a
reviewer who lives in Word can review a web page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from kaplint.finding import Finding, Severity
from kaplint.word.anchor import anchor_runs
from kaplint.word.comments import AUTHOR, INITIALS, finding_comment, is_document_level, summary_comment
from kaplint.word.paragraphs import iter_paragraphs


@dataclass(frozen=True)
class ReviewContext:
    """What the comments need besides the findings: the rules' documentation, the fail level
    and the reading-grade target of each profile."""

    rules_by_id: dict[str, Any]
    fail_on: Severity
    grade_targets: dict[str, Any]


@dataclass(frozen=True)
class Review:
    """The reviewed document's bytes and how many comments it carries."""

    data: bytes
    comments: int


def review_docx(data: bytes, result: Any, context: ReviewContext) -> Review:
    """A copy of the .docx ``data`` with ``result``'s findings as comments."""
    import docx

    word = docx.Document(io.BytesIO(data))
    remove_comments_by(word, AUTHOR)
    paragraphs = [paragraph for paragraph, _, _ in iter_paragraphs(word)]

    def place(finding: Finding) -> list[Any]:
        if not 1 <= finding.line <= len(paragraphs):
            return []
        paragraph = paragraphs[finding.line - 1]
        end = finding.end_column - 1 if finding.end_line == finding.line else len(paragraph.text)
        return anchor_runs(paragraph, finding.column - 1, end)

    return _write_comments(word, paragraphs, result, context, place)


def export_docx(document: Any, result: Any, context: ReviewContext) -> Review:
    """A new Word document made from a loaded Markdown, text or HTML ``document``, with comments."""
    import docx

    word = docx.Document()
    placed: list[tuple[Any, Any]] = []  # (paragraph, block) for each block written
    for block in document.blocks:
        paragraph = word.add_paragraph(block.text, style=_style(word, block))
        placed.append((paragraph, block))
    if not placed:
        placed.append((word.add_paragraph(document.path), None))
    paragraphs = [paragraph for paragraph, _ in placed]

    def place(finding: Finding) -> list[Any]:
        for paragraph, block in placed:
            if block is None:
                continue
            span = _block_span(block, finding.offset, finding.end_offset)
            if span is not None:
                return anchor_runs(paragraph, *span)
        return []

    return _write_comments(word, paragraphs, result, context, place)


def _write_comments(word: Any, paragraphs: list[Any], result: Any, context: ReviewContext, place: Any) -> Review:
    """Add the summary comment on the title, then one comment per finding placed by ``place``."""
    title = next((paragraph for paragraph in paragraphs if paragraph.text.strip()), None)
    title_runs = anchor_runs(title, 0, len(title.text)) if title is not None else []
    summary = word.add_comment(title_runs, text="kaplint review", author=AUTHOR, initials=INITIALS) if title_runs else None
    unplaced: list[Finding] = []
    count = int(summary is not None)
    for finding in sorted(result.findings, key=Finding.sort_key):
        if is_document_level(finding):
            continue
        runs = place(finding)
        if not runs:
            unplaced.append(finding)
            continue
        rule = context.rules_by_id.get(finding.rule)
        word.add_comment(runs, text="\n".join(_one_line(text) for text in finding_comment(finding, rule)), author=AUTHOR, initials=INITIALS)
        count += 1
    if summary is not None:
        lines = summary_comment(result, context.rules_by_id, context.fail_on, context.grade_targets)
        lines += [f"\u2022 {finding.message} ({finding.rule} {finding.name}, line {finding.line})" for finding in unplaced]
        summary.paragraphs[0].runs[-1].text = _one_line(lines[0])  # the first run holds the annotation mark
        for line in lines[1:]:
            summary.add_paragraph(_one_line(line))
    out = io.BytesIO()
    word.save(out)
    return Review(out.getvalue(), count)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def remove_comments_by(word: Any, author: str) -> int:
    """Remove every comment by ``author`` with its anchors; return how many were removed."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    try:
        comments = word.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return 0
    ids = set()
    for comment in list(comments.iterchildren(qn("w:comment"))):
        if comment.get(qn("w:author")) == author:
            ids.add(comment.get(qn("w:id")))
            comments.remove(comment)
    if not ids:
        return 0
    body = word.element.body
    for tag in ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"):
        for marker in list(body.iter(qn(tag))):
            if marker.get(qn("w:id")) not in ids:
                continue
            parent = marker.getparent()
            parent.remove(marker)
            if tag == "w:commentReference" and parent.tag == qn("w:r") and all(child.tag == qn("w:rPr") for child in parent):
                parent.getparent().remove(parent)  # the run held only the reference mark
    return len(ids)


def _style(word: Any, block: Any) -> str | None:
    if block.kind == "heading":
        return "Title" if block.level <= 0 else f"Heading {min(block.level, 9)}"
    if block.kind == "list_item":
        return "List Bullet"
    if block.kind == "blockquote":
        return "Quote"
    return None


def _block_span(block: Any, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` in source offsets as offsets into ``block.text``, or None outside it."""
    length = len(block.text)
    source_map = block.source_map
    if length == 0 or not source_map.to_source(0) <= start < source_map.to_source_end(length):
        return None

    def first_at_or_after(offset: int) -> int:
        low, high = 0, length
        while low < high:
            middle = (low + high) // 2
            if source_map.to_source(middle) < offset:
                low = middle + 1
            else:
                high = middle
        return low

    return first_at_or_after(start), max(first_at_or_after(end), first_at_or_after(start))

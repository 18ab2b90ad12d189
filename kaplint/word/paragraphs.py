"""The paragraphs of a Word document in kaplint's reading order.

The .docx loader numbers paragraphs in this order (body paragraphs, and each table's cells row
by row, merged cells once) and a finding's line is that number, so the reviewer must walk the
document in exactly the same order to find the paragraph a finding is on.
"""

from __future__ import annotations

from typing import Any, Iterator


def iter_paragraphs(word: Any) -> Iterator[tuple[Any, str, int]]:
    """(python-docx Paragraph, kind, level) for every paragraph in reading order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(container: Any, in_table: bool) -> Iterator[tuple[Any, str, int]]:
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                kind, level = ("table_cell", 0) if in_table else paragraph_kind(item)
                yield item, kind, level
            elif isinstance(item, Table):
                seen: set[int] = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell, True)

    yield from walk(word, False)


def paragraph_kind(paragraph: Any) -> tuple[str, int]:
    """The block kind and level a paragraph's style gives it."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return "heading", 1
    if style.startswith("Heading"):
        digits = "".join(char for char in style if char.isdigit())
        return "heading", int(digits) if digits else 1
    properties = paragraph._p.pPr
    if "List" in style or (properties is not None and properties.numPr is not None):
        return "list_item", 1
    if style in ("Quote", "Intense Quote"):
        return "blockquote", 0
    return "paragraph", 0

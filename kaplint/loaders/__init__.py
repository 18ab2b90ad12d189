"""Input formats: choose a loader by file name and turn bytes into a Document."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from kaplint.loaders.decoding import DecodedText, InputProblem, decode

if TYPE_CHECKING:  # pragma: no cover - only a run that loads a document needs the document model
    from kaplint.text.document import Document

FORMATS_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mdx": "mdx",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}

# Document formats people hand kaplint that it cannot read as text: named explicitly, they get
# an input finding instead of having their markup read as prose.
UNREADABLE_DOCUMENTS = {
    ".rtf": "Rich Text", ".doc": "Word 97-2003", ".pdf": "PDF", ".odt": "OpenDocument", ".pages": "Pages",
    ".xlsx": "Excel", ".xls": "Excel", ".pptx": "PowerPoint", ".ppt": "PowerPoint", ".epub": "EPUB",
}


def unreadable_document(path: str) -> InputProblem | None:
    """The problem to report for a document format kaplint does not read, or None."""
    suffix = PurePath(path).suffix.lower()
    kind = UNREADABLE_DOCUMENTS.get(suffix)
    if kind is None:
        return None
    return InputProblem(
        "unreadable-file",
        f"kaplint does not read {kind} ({suffix}) files. It reads Markdown (.md, .markdown), MDX, plain text (.txt), "
        "HTML (.html, .htm) and Word (.docx): save this file as .docx, or export it as Markdown or HTML.",
    )


def detect_format(path: str) -> str | None:
    """The input format for a file name, or None when kaplint does not read it."""
    return FORMATS_BY_SUFFIX.get(PurePath(path).suffix.lower())


def load(path: str, data: bytes, format: str, max_size: int | None = None, encoding: str | None = None) -> Document:
    """Build a Document; raise :class:`InputProblem` when the file cannot be read.

    ``max_size`` is the run's file-size limit; an archive (.docx) may unpack to at most
    :data:`~kaplint.loaders.docx.UNPACKED_SIZE_FACTOR` times it. ``encoding`` is the
    project's legacy encoding for text files that are not UTF-8 (see :mod:`.decoding`)."""
    if format == "docx":
        from kaplint.loaders.docx import load_docx

        return load_docx(path, data, max_size)
    decoded = decode(data, encoding)
    document = load_text_format(path, decoded.text, format)
    _remember_encoding(document, decoded)
    return document


def load_text_format(path: str, text: str, format: str) -> Document:
    """Load already-decoded text (``\\n`` line endings) in one of the text formats."""
    if format in ("markdown", "mdx"):
        from kaplint.loaders.markdown import load_markdown

        return load_markdown(path, text, format)
    if format == "html":
        from kaplint.loaders.html import load_html

        return load_html(path, text)
    from kaplint.loaders.text import load_text

    return load_text(path, text)


def _remember_encoding(document: Document, decoded: DecodedText) -> None:
    document.original_line_starts = decoded.original_line_starts
    document.encoding = decoded.encoding
    document.newline = decoded.newline


__all__ = ["FORMATS_BY_SUFFIX", "InputProblem", "detect_format", "load", "load_text_format"]

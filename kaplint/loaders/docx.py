"""Word (.docx) loader.

Word files have no lines, so kaplint gives each paragraph a line of its own:
the document's source text is every paragraph's text in reading order (body
paragraphs, and table cells row by row), one per line, empty paragraphs
included. A finding's line is therefore the paragraph number (1-based,
counting every paragraph) and its column the character within that
paragraph. Line breaks inside a paragraph become spaces so the numbering holds.
"""

from __future__ import annotations

import io
import zipfile

from kaplint.config import DEFAULT_MAX_FILE_SIZE
from kaplint.text.document import Block, BlockBuilder, Document, SectionPath
from kaplint.loaders.decoding import InputProblem
from kaplint.loaders.urls import copy_without_urls
from kaplint.word.paragraphs import iter_paragraphs


# Limits on what a .docx may unpack to, checked from the zip directory before anything is
# decompressed or parsed: a small archive can expand to gigabytes (a "zip bomb").
UNPACKED_SIZE_FACTOR = 10  # the whole archive unpacked: at most this many times the file-size limit
MAX_COMPRESSION_RATIO = 200  # any one entry: at most this many times its compressed size
MAX_ENTRIES = 10_000


def check_archive(data: bytes, max_size: int | None = None) -> None:
    """Raise :class:`InputProblem` when the archive would unpack beyond the limits."""
    limit = (max_size or DEFAULT_MAX_FILE_SIZE) * UNPACKED_SIZE_FACTOR
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: reported as unreadable by the parser
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise InputProblem("file-too-large", f"This Word file holds {len(entries):,} parts (the limit is {MAX_ENTRIES:,}); kaplint did not open it.")
    total = sum(entry.file_size for entry in entries)
    if total > limit:
        raise InputProblem(
            "file-too-large",
            f"This Word file would unpack to {total / 1024 / 1024:.0f} MB, more than {limit / 1024 / 1024:.0f} MB "
            f"({UNPACKED_SIZE_FACTOR} times the file-size limit; raise it with --max-file-size or max-file-size).",
        )
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1):
            raise InputProblem(
                "file-too-large",
                f"A part of this Word file ({entry.filename}) is compressed {entry.file_size // max(entry.compress_size, 1)} to 1, "
                f"beyond the {MAX_COMPRESSION_RATIO} to 1 a real document needs; kaplint did not open it.",
            )
    for entry in entries:  # entity declarations (the "billion laughs") live in a DOCTYPE, which Word never writes
        if entry.filename.endswith((".xml", ".rels")) and entry.file_size:
            with archive.open(entry) as handle:
                if b"<!DOCTYPE" in handle.read(4096).upper():
                    raise InputProblem(
                        "unreadable-file", f"This Word file's {entry.filename} declares a DOCTYPE, which Word never writes; kaplint did not open it."
                    )


def load_docx(path: str, data: bytes, max_size: int | None = None) -> Document:
    """Read paragraphs, headings, list items and table cells from a .docx file."""
    check_archive(data, max_size)
    try:
        import docx  # python-docx; imported here so other formats never pay for it
        from docx.opc.exceptions import PackageNotFoundError

        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        raise InputProblem(
            "unreadable-file",
            f"This is not a readable Word .docx file ({type(error).__name__}: {error}); "
            "re-save it from Word as .docx, or export it as Markdown or HTML.",
        ) from None
    except Exception as error:  # lxml and zip errors come in many shapes
        raise InputProblem(
            "unreadable-file",
            f"kaplint could not read this Word file ({type(error).__name__}); re-save it from Word as .docx.",
        ) from None

    entries = [
        (kind, paragraph.text.replace("\n", " ").replace("\r", " "), level) for paragraph, kind, level in iter_paragraphs(word)
    ]
    source = "\n".join(text for _, text, _ in entries)
    document = Document(path=path, format="docx", source=source)
    properties = word.core_properties
    document.front_matter = {"title": properties.title} if properties.title else {}
    line_starts = document.lines.line_starts
    sections = SectionPath()
    for number, (kind, text, level) in enumerate(entries):
        if not text.strip():
            continue
        start = line_starts[number]
        builder = BlockBuilder()
        copy_without_urls(builder, text, start)
        block_text, source_map = builder.strip()
        if not block_text:
            continue
        if kind == "heading":
            sections.enter(level, block_text)
        document.blocks.append(Block(kind, block_text, source_map, sections.titles, level))
    return document

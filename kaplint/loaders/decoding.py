"""Turning raw bytes into text, or into a clear reason why not.

Accepted: UTF-8 with or without a byte-order mark, and UTF-16 with a BOM.
Everything else that is not valid UTF-8 is reported with the line and column
of the first bad byte, so a writer can find it; binary files (NUL bytes) are
reported as such. Line endings are normalised to ``\\n`` and the original
line starts are kept so offsets in reports still refer to the file on disk.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class InputProblem(Exception):
    """A file kaplint cannot read as text. ``rule`` names the input rule to report."""

    def __init__(self, rule: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class DecodedText:
    text: str  # with \n line endings
    encoding: str
    newline: str  # the file's dominant line ending: "\n", "\r\n" or "\r"
    original_line_starts: list[int] | None  # None when no line ending was changed


def decode(data: bytes) -> DecodedText:
    """Decode file contents; raise :class:`InputProblem` for binary or undecodable data."""
    if data.startswith(codecs.BOM_UTF8):
        # Decode without the mark so error positions count from the first character.
        encoding, payload = "utf-8-sig", data[len(codecs.BOM_UTF8) :]
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding, payload = "utf-16", data
    else:
        encoding, payload = "utf-8", data
        if b"\x00" in data[:8192]:
            raise InputProblem(
                "binary-file",
                "This looks like a binary file (it contains NUL bytes), not text; "
                "exclude it or convert it to Markdown, HTML, plain text or .docx.",
            )
    try:
        text = payload.decode("utf-8" if encoding == "utf-8-sig" else encoding)
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(payload, error.start, encoding)
        raise InputProblem(
            "undecodable-file",
            f"The file is not valid {_encoding_label(encoding)} (byte 0x{payload[error.start]:02x} "
            f"at line {line}, column {column}); save it as UTF-8 and run kaplint again.",
            line,
            column,
        ) from None
    if "\x00" in text:
        raise InputProblem(
            "binary-file",
            "The file contains NUL characters, so it is probably not a text document.",
        )
    return normalise_newlines(text, encoding)


def normalise_newlines(text: str, encoding: str = "utf-8") -> DecodedText:
    """Replace CRLF and lone CR with LF, remembering where the original lines began."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" not in text:
        return DecodedText(text, encoding, "\n", None)
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lf_only = text.count("\n") - crlf
    newline = "\r\n" if crlf >= max(lone_cr, lf_only) else ("\r" if lone_cr > lf_only else "\n")
    starts = [0]
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\r":
            index += 2 if index + 1 < length and text[index + 1] == "\n" else 1
            starts.append(index)
            continue
        if char == "\n":
            starts.append(index + 1)
        index += 1
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(normalised, encoding, newline, starts)


def _encoding_label(encoding: str) -> str:
    return "UTF-16" if encoding == "utf-16" else "UTF-8"


def _position_of_byte(data: bytes, index: int, encoding: str) -> tuple[int, int]:
    """Line and column (characters) of byte ``index`` in UTF-8 ``data``."""
    if encoding == "utf-16":
        return 1, 1
    before = data[:index]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column

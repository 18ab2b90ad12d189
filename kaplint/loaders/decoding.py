"""Turning raw bytes into text, or into a clear reason why not.

Accepted: UTF-8 with or without a byte-order mark, UTF-16 with a BOM, and,
when the project names one (``encoding`` setting, ``--encoding``), a legacy
encoding such as Windows-1252 for files that are not valid UTF-8.
UTF-8 is tried first because a legacy file with any accented letter or curly
quote is almost never valid UTF-8 by accident, while UTF-8 read as Windows-1252
is always "valid" mojibake; so a folder that mixes both reads each correctly.
Everything else is reported with the line and column of the first bad byte, so
a writer can find it; binary files (NUL bytes) are reported as such. Line
endings are normalised to ``\\n`` and the original line starts are kept, so
lines and columns (counted in characters, whatever the encoding) in reports
still refer to the file on disk.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from kaplint.config import close_matches


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


# Names people use for the legacy encodings Word, Notepad and old web editors save in.
LEGACY_EXAMPLES = ("cp1252", "latin-1", "iso-8859-15", "mac-roman", "cp850")


def legacy_encoding(name: str) -> str:
    """Python's name for the legacy encoding ``name``; ValueError (with a suggestion) if kaplint cannot use it.

    Only encodings that keep ASCII as ASCII are accepted: markup, front matter
    and directives are ASCII, and UTF-16/32 files are recognised by their
    byte-order mark without any setting."""
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        close = close_matches(name.strip().lower(), LEGACY_EXAMPLES, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else f" (for example {', '.join(LEGACY_EXAMPLES[:3])})"
        raise ValueError(f"unknown encoding {name!r}{hint}") from None
    if not getattr(info, "_is_text_encoding", True) or info.name.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        raise ValueError(
            f"{name!r} cannot be used as the encoding of legacy files: name an ASCII-compatible encoding "
            f"such as {', '.join(LEGACY_EXAMPLES[:3])} (UTF-16 files with a byte-order mark are read without a setting)"
        )
    try:
        ascii_kept = bytes(range(128)).decode(info.name) == "".join(map(chr, range(128)))
    except UnicodeDecodeError:
        ascii_kept = False
    if not ascii_kept:
        raise ValueError(f"{name!r} does not keep ASCII as ASCII, so kaplint cannot read markup in it")
    return info.name


@dataclass(frozen=True)
class RawText:
    """A file's text exactly as stored (line endings untouched), and how to write it back byte for byte."""

    bom: bytes
    encoding: str  # the codec the text was decoded with (and is encoded back with)
    text: str


def decode_raw(data: bytes, legacy: str | None = None) -> RawText:
    """Decode file contents without touching line endings; raise :class:`InputProblem` when that fails.

    A byte-order mark decides; otherwise UTF-8, then ``legacy`` (a name checked
    by :func:`legacy_encoding`) when UTF-8 fails."""
    if data.startswith(codecs.BOM_UTF8):
        # Decode without the mark so error positions count from the first character.
        bom, encoding = codecs.BOM_UTF8, "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        bom, encoding = codecs.BOM_UTF16_LE, "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        bom, encoding = codecs.BOM_UTF16_BE, "utf-16-be"
    else:
        bom, encoding = b"", "utf-8"
        if b"\x00" in data[:8192]:
            raise InputProblem(
                "binary-file",
                "This looks like a binary file (it contains NUL bytes), not text; "
                "exclude it or convert it to Markdown, HTML, plain text or .docx.",
            )
    payload = data[len(bom) :]
    try:
        text = payload.decode(encoding)
    except UnicodeDecodeError as error:
        if bom or legacy is None:
            raise _undecodable(payload, error.start, encoding, legacy) from None
        try:
            text = payload.decode(legacy)
        except UnicodeDecodeError as legacy_error:
            raise _undecodable(payload, legacy_error.start, legacy, legacy) from None
        encoding = legacy
    if "\x00" in text:
        raise InputProblem(
            "binary-file",
            "The file contains NUL characters, so it is probably not a text document.",
        )
    return RawText(bom, encoding, text)


def decode(data: bytes, legacy: str | None = None) -> DecodedText:
    """Decode file contents to text with ``\\n`` line endings; raise :class:`InputProblem` for binary or undecodable data."""
    raw = decode_raw(data, legacy)
    return normalise_newlines(raw.text, raw.encoding)


def _undecodable(payload: bytes, index: int, encoding: str, legacy: str | None) -> InputProblem:
    """The problem for ``payload``, which ``encoding`` (UTF-8, UTF-16 or the ``legacy`` one, tried last) cannot decode at ``index``."""
    line, column = _position_of_byte(payload, index, encoding)
    if legacy is not None and encoding == legacy:
        what = f"valid UTF-8 or {legacy}"
        advice = "check the encoding setting, or save the file as UTF-8"
    else:
        what = f"valid {_encoding_label(encoding)}"
        advice = (
            "save it as UTF-8, or name the encoding it was saved in with --encoding or the encoding setting "
            "(Word's and Notepad's older default on Windows is cp1252)"
            if encoding == "utf-8"
            else "save it as UTF-8"
        )
    return InputProblem(
        "undecodable-file",
        f"The file is not {what} (byte 0x{payload[index]:02x} at line {line}, column {column}); {advice}.",
        line,
        column,
    )


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
    return "UTF-16" if encoding.startswith("utf-16") else "UTF-8"


def _position_of_byte(data: bytes, index: int, encoding: str) -> tuple[int, int]:
    """Line and column (characters) of byte ``index`` in ``data``, an ASCII-compatible encoding."""
    if encoding.startswith("utf-16"):
        return 1, 1
    before = data[:index]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode(encoding, errors="replace")) + 1
    return line, column

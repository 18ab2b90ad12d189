"""Positions as the Language Server Protocol counts them.

kaplint counts lines from 1 and columns in characters (code points); the protocol counts both
from 0 and columns in UTF-16 code units, so an emoji or a character outside the Basic
Multilingual Plane is two units wide. Line breaks are \\n, \\r\\n or \\r in both.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes."""
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


class TextIndex:
    """Line starts of a text, to turn character offsets and kaplint's line/column into protocol positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def line_text(self, line: int) -> str:
        """The text of 0-based ``line`` without its line break."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def position(self, offset: int) -> types.Position:
        """The protocol position of character ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line=line, character=utf16_length(self.text[self.starts[line] : offset]))

    def at(self, line: int, column: int) -> types.Position:
        """The protocol position of kaplint's 1-based ``line`` and ``column`` (characters)."""
        line = max(0, min(line - 1, len(self.starts) - 1))
        prefix = self.line_text(line)[: max(0, column - 1)]
        return types.Position(line=line, character=utf16_length(prefix))

    def offset(self, position: types.Position) -> int:
        """The character offset of a protocol position."""
        line = max(0, min(position.line, len(self.starts) - 1))
        text = self.line_text(line)
        units = 0
        for index, character in enumerate(text):
            if units >= position.character:
                return self.starts[line] + index
            units += 2 if ord(character) > 0xFFFF else 1
        return self.starts[line] + len(text)

"""Finding URLs and e-mail addresses in prose, so rules never read them as words."""

from __future__ import annotations

import re

from kaplint.document import BlockBuilder

URL_PATTERN = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\[\]{}\"']+[^\s<>()\[\]{}\"'.,;:!?]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    re.IGNORECASE,
)


def split_urls(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, is_url) parts, in order."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in URL_PATTERN.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def copy_without_urls(builder: BlockBuilder, text: str, source_start: int) -> None:
    """Copy ``text`` (verbatim in the source at ``source_start``) into ``builder``, leaving out URLs."""
    position = source_start
    for piece, is_url in split_urls(text):
        if not is_url:
            builder.copy(piece, position)
        position += len(piece)

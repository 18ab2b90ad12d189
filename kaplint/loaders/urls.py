"""Finding URLs and e-mail addresses in prose, so rules never read them as words."""

from __future__ import annotations

import re

from kaplint.text.document import BlockBuilder

URL_PATTERN = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\[\]{}\"']+[^\s<>()\[\]{}\"'.,;:!?]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    re.IGNORECASE,
)


# URL_PATTERN's two alternatives, searched separately: the e-mail one, searched as a regular
# expression, tries every start in a long run of letters and scans to its end each time, so a
# 60 KB word took minutes. _find_url finds exactly the matches URL_PATTERN.finditer finds.
_WEB = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]{}\"']+[^\s<>()\[\]{}\"'.,;:!?]", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", re.IGNORECASE)
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-\u0130\u0131\u017f\u212a")


def _find_email(text: str, position: int) -> re.Match[str] | None:
    """The leftmost e-mail match starting at or after ``position``.

    An address's local part is a run of local-part characters ending at an ``@``;
    every start inside one run reaches the same ``@``, so the leftmost possible
    start of each ``@`` is tried once instead of every start before it.
    """
    at = text.find("@", position)
    while at != -1:
        start = at
        while start > position and text[start - 1] in _EMAIL_LOCAL:
            start -= 1
        if start < at:
            found = _EMAIL.match(text, start)
            if found is not None:
                return found
        at = text.find("@", at + 1)
    return None


def _find_url(text: str, position: int) -> re.Match[str] | None:
    """The match URL_PATTERN.search(text, position) would give: the leftmost, the web address on a tie."""
    web = _WEB.search(text, position)
    email = _find_email(text, position) if "@" in text else None
    if email is None or (web is not None and web.start() <= email.start()):
        return web
    return email


def split_urls(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, is_url) parts, in order."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _url_matches(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def _url_matches(text: str) -> list[re.Match[str]]:
    """What ``URL_PATTERN.finditer(text)`` yields, found in linear time."""
    found: list[re.Match[str]] = []
    position = 0
    while position <= len(text):
        match = _find_url(text, position)
        if match is None:
            break
        found.append(match)
        position = match.end() if match.end() > match.start() else match.end() + 1
    return found


def copy_without_urls(builder: BlockBuilder, text: str, source_start: int) -> None:
    """Copy ``text`` (verbatim in the source at ``source_start``) into ``builder``, leaving out URLs."""
    position = source_start
    for piece, is_url in split_urls(text):
        if not is_url:
            builder.copy(piece, position)
        position += len(piece)

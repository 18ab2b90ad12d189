"""Gitignore-style path patterns, used for excludes, per-file ignores and overrides.

Semantics follow ``.gitignore``: a pattern without a slash matches a name at
any depth; a leading ``/`` or an inner slash anchors it to the base folder;
a trailing ``/`` matches folders only; ``*`` and ``?`` stay within one path
segment, ``**`` crosses segments; ``!`` re-includes; the last matching pattern
wins. Paths are POSIX-style and relative to the base folder.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PathPattern:
    pattern: str
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool


def compile_pattern(pattern: str) -> PathPattern:
    """Compile one gitignore-style pattern."""
    raw = pattern.strip()
    negated = raw.startswith("!")
    if negated:
        raw = raw[1:]
    directory_only = raw.endswith("/")
    raw = raw.rstrip("/")
    anchored = raw.startswith("/") or "/" in raw
    raw = raw.lstrip("/")
    if raw.startswith("./"):
        raw = raw[2:]
    body = _translate(raw)
    prefix = "" if anchored else r"(?:.*/)?"
    return PathPattern(pattern, re.compile(rf"^{prefix}{body}$"), negated, directory_only)


def _translate(glob: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            out.append(r"(?:.*/)?")
            index += 3
        elif glob.startswith("/**", index) and index + 3 == len(glob):
            out.append(r"(?:/.*)?")
            index += 3
        elif glob.startswith("**", index):
            out.append(r".*")
            index += 2
        elif char == "*":
            out.append(r"[^/]*")
            index += 1
        elif char == "?":
            out.append(r"[^/]")
            index += 1
        elif char == "[":
            close = glob.find("]", index + 1)
            if close == -1:
                out.append(re.escape(char))
                index += 1
            else:
                content = glob[index + 1 : close]
                if content.startswith("!"):
                    content = "^" + content[1:]
                out.append("[" + content.replace("\\", "\\\\") + "]")
                index = close + 1
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


class PatternSet:
    """An ordered list of patterns relative to one base folder; the last match wins."""

    def __init__(self, patterns: list[str] | tuple[str, ...], base: Path | None = None) -> None:
        self.base = base
        self.texts = [item for item in patterns if item.strip() and not item.strip().startswith("#")]

    @functools.cached_property
    def patterns(self) -> list[PathPattern]:
        """The compiled patterns, compiled at the first match: a run given one file by name (pre-commit,
        an editor) never asks the excludes, and compiling the default ones cost it a millisecond."""
        return [compile_pattern(item) for item in self.texts]

    def matches(self, relative: str, is_dir: bool = False) -> bool | None:
        """True (excluded), False (re-included) or None (no pattern matched)."""
        result: bool | None = None
        for pattern in self.patterns:
            if pattern.directory_only and not is_dir:
                continue
            if pattern.regex.match(relative):
                result = not pattern.negated
        return result

    def matches_path_or_parent(self, relative: str, is_dir: bool = False) -> bool:
        """True when ``relative`` or one of its parent folders is matched."""
        parts = relative.split("/")
        for depth in range(1, len(parts) + 1):
            candidate = "/".join(parts[:depth])
            last = depth == len(parts)
            if self.matches(candidate, is_dir=is_dir if last else True):
                return True
        return False


def glob_matches(pattern: str, relative: str) -> bool:
    """Whether a single configuration glob (``samples/*.md``, ``*.html``) matches a path."""
    return bool(compile_pattern(pattern).regex.match(relative))

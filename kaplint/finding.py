"""Findings: what a rule reports, with an exact position in the source.

Value objects only. Rules produce :class:`Match` objects in the coordinates of
the text they were given; the engine turns them into :class:`Finding` objects
with source positions, so no rule ever computes a line or column itself.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Severity(enum.IntEnum):
    """Severity levels, ordered so that comparisons mean "at least as bad"."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        """Parse a lower-case severity name; raise ValueError with the valid names."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected one of: {', '.join(SEVERITY_NAMES)})"
            ) from None

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "suggestion")

CATEGORIES = (
    "readability",
    "disclosure",
    "claims",
    "terminology",
    "language",
    "grammar",
    "input",
)


@dataclass(frozen=True)
class Fix:
    """A replacement of a source span. ``safe`` fixes are applied by ``--fix``."""

    offset: int
    end_offset: int
    replacement: str
    safe: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "offset": self.offset,
            "end_offset": self.end_offset,
            "replacement": self.replacement,
            "safe": self.safe,
        }


@dataclass(frozen=True)
class Match:
    """A rule's raw result, in the coordinates of one block's text.

    ``block_index`` is None for document-level findings (for example a missing
    disclosure), which the engine places at ``anchor_offset`` in the source
    (default: the start of the document body).
    """

    start: int
    end: int
    message: str
    block_index: int | None = None
    suggestions: tuple[str, ...] = ()
    replacement: str | None = None
    fix_safe: bool = False
    element: str | None = None
    severity: Severity | None = None  # overrides the rule's severity when set
    anchor_offset: int | None = None  # source offset for document-level matches


@dataclass(frozen=True)
class Finding:
    """One reported problem. Lines and columns are 1-based; ends are exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    match: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    element: str | None = None

    @property
    def reports_missing_information(self) -> bool:
        """True for a required disclosure or element the text lacks, which reports group apart."""
        return self.category == "disclosure" or self.element is not None

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.reports_missing_information:
            data["element"] = self.element
        return data

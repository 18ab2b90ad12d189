"""The one interface every grammar engine is used through, and the issue it returns.

A backend takes plain paragraphs and returns, for each, the problems it found with
offsets into that paragraph as Python string indices. Everything else (batching
across the cache, vocabulary, mapping to source lines) is done once, above the
backends, so LanguageTool and Harper behave the same way to a writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kaplint.config import ConfigError


class GrammarUnavailable(ConfigError):
    """The configured engine cannot be used. The message says why and how to fix it.

    A :class:`~kaplint.config.ConfigError`, so the command line reports it like any other
    configuration problem: one message and exit code 2.
    """


class GrammarFailure(Exception):
    """The engine failed while checking (a server error, a lost connection)."""


@dataclass(frozen=True)
class GrammarIssue:
    """One problem in one paragraph: ``text[start:end]`` with the engine's own words."""

    start: int
    end: int
    message: str
    rule: str  # the engine's rule id, e.g. MORFOLOGIK_RULE_EN_US or SpellCheck
    spelling: bool  # a misspelled (unknown) word, as opposed to grammar, style or typography
    suggestions: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "rule": self.rule,
            "spelling": self.spelling,
            "suggestions": list(self.suggestions),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GrammarIssue:
        """Rebuild an issue from the cache; raises KeyError/TypeError/ValueError on a damaged entry."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            message=str(data["message"]),
            rule=str(data["rule"]),
            spelling=bool(data["spelling"]),
            suggestions=tuple(str(item) for item in data["suggestions"]),
        )


class GrammarBackend(Protocol):
    """What kaplint needs from a grammar engine."""

    name: str  # "languagetool" or "harper": shown in messages

    def fingerprint(self) -> str:
        """Everything besides the text that changes the results (engine, version, language,
        disabled rules), so a cached result is reused only under the same settings."""
        ...

    def check(self, texts: list[str]) -> list[list[GrammarIssue]]:
        """The issues of each text, in order. Raises :class:`GrammarFailure` when the engine fails."""
        ...

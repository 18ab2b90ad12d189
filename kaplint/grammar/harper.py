"""Harper, an offline English grammar checker, through its Python bindings (``harper-py``).

Installed with ``pip install 'kaplint[harper]'``; the module it provides is ``harper``.
Harper needs no Java and no server, which makes it the backend for a laptop or a CI job
without either. Its spans are already Python string indices.
"""

from __future__ import annotations

import difflib
import json
from importlib import metadata
from typing import Any

from kaplint.config import ConfigError
from kaplint.grammar.backend import GrammarIssue, GrammarUnavailable

# Harper's rule names for lints that are spelling (an unknown word, or a known word in the
# wrong case), as opposed to grammar.
SPELLING_RULES = frozenset({"SpellCheck", "OrthographicConsistency", "SplitWords"})
DIALECTS = {"en": "AMERICAN", "en-US": "AMERICAN", "en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN", "en-IN": "INDIAN"}

# Building a Harper linter loads its dictionary (about a second): one per settings, per process.
_LINTERS: dict[tuple[str, tuple[str, ...]], Any] = {}


class HarperBackend:
    """Harper in-process."""

    name = "harper"

    def __init__(self, language: str, disabled_rules: tuple[str, ...]) -> None:
        try:
            import harper
        except ImportError:
            raise GrammarUnavailable(
                "grammar checks are unavailable: the Harper backend needs the harper-py package; "
                "install it with pip install 'kaplint[harper]' (or pip install harper-py)"
            ) from None
        if language not in DIALECTS:  # a settings mistake: an error even when grammar is optional
            raise ConfigError(
                f"the Harper backend checks English only; set 'language' in [tool.kaplint.grammar] to one of "
                f"{', '.join(DIALECTS)}, not {language!r} (or use backend = \"languagetool\")"
            )
        self.language = language
        self.disabled_rules = disabled_rules
        try:
            self.version = metadata.version("harper-py")
        except metadata.PackageNotFoundError:  # pragma: no cover - installed some other way
            self.version = "unknown"
        known = harper.get_default_lint_config()
        for rule in disabled_rules:
            if rule not in known:
                close = difflib.get_close_matches(rule, list(known), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ConfigError(f"'grammar.disabled-rules': Harper has no rule {rule!r}{hint}")

    def _linter(self) -> Any:
        """Harper's linter for these settings, built on first use: a run whose paragraphs are
        all cached never pays for loading the dictionary."""
        import harper

        key = (DIALECTS[self.language], tuple(sorted(self.disabled_rules)))
        linter = _LINTERS.get(key)
        if linter is None:
            linter = harper.Linter(getattr(harper.Dialect, DIALECTS[self.language]))
            linter.set_lint_config({rule: False for rule in self.disabled_rules})
            _LINTERS[key] = linter
        return linter

    def fingerprint(self) -> str:
        return json.dumps(["harper", self.version, self.language, sorted(self.disabled_rules)])

    def check(self, texts: list[str]) -> list[list[GrammarIssue]]:
        results: list[list[GrammarIssue]] = []
        linter = self._linter()
        for text in texts:
            issues: list[GrammarIssue] = []
            for rule, lints in linter.organized_lints(text, language="plaintext").items():
                for lint in lints:
                    issues.append(
                        GrammarIssue(
                            start=lint.span.start,
                            end=lint.span.end,
                            message=lint.message,
                            rule=rule,
                            spelling=rule in SPELLING_RULES or lint.lint_kind == "Spelling",
                            suggestions=tuple(
                                suggestion.replacement_text for suggestion in lint.suggestions[:5] if suggestion.replacement_text
                            ),
                        )
                    )
            issues.sort(key=lambda issue: (issue.start, issue.end, issue.rule))
            results.append(issues)
        return results

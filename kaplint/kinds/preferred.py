"""The ``preferred-term`` kind: the project's own word choices, from configuration.

A clinic or publisher has house terms ("ketamine treatment", not "ketamine
therapy"; "session", not "journey"). They are data in the project's
configuration, not in a rule pack:

    [tool.kaplint.vocabulary]
    prefer = { "ketamine therapy" = "ketamine treatment" }

The engine hands that table to the rule as its ``prefer`` parameter. Each term
is matched like a phrase term (any case, flexible spaces and hyphens, not inside
a longer word) and reported with the preferred form as a suggestion and an
unsafe fix: a house style is the team's call, so ``--fix`` alone never applies
it, ``--unsafe-fixes`` does. Accepted terms still win.
"""

from __future__ import annotations

from typing import Any, Iterable

from kaplint.text.document import Document
from kaplint.finding import Match
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, validate_params
from kaplint.kinds.phrase import CompiledPhrase, PhraseKind, term_regex


class PreferredTermKind(Kind):
    name = "preferred-term"
    params = {
        "prefer": Param("mapping", {}, "term -> preferred form; usually set by [tool.kaplint.vocabulary] prefer"),
    }

    def __init__(self) -> None:
        self._phrase = PhraseKind()

    def compile(self, params: dict[str, Any]) -> CompiledPhrase | None:
        values = validate_params(self.params, params)
        fixes = []
        for term, preferred in values["prefer"].items():
            if not isinstance(term, str) or not isinstance(preferred, str) or not term.strip() or not preferred.strip():
                raise ParamError("prefer", "'prefer' maps a term to its preferred form, both non-empty text")
            fixes.append({"pattern": term_regex(term, False), "replacement": preferred})
        if not fixes:
            return None  # no house terms configured: the rule has nothing to look for
        return self._phrase.compile({"fixes": fixes, "fix": "unsafe", "skip-negated": False, "skip-questions": False})

    def fixable(self, compiled: CompiledPhrase | None) -> bool:
        return True  # every finding carries the preferred form as an (unsafe) fix

    def check(self, rule: Any, compiled: CompiledPhrase | None, document: Document, context: CheckContext) -> Iterable[Match]:
        if compiled is None:
            return []
        return self._phrase.check(rule, compiled, document, context)


__all__ = ["PreferredTermKind"]

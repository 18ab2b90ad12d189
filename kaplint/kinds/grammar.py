"""The ``grammar`` kind: spelling and grammar issues from the run's grammar engine.

The engine (LanguageTool or Harper, see :mod:`kaplint.grammar`) is chosen by
configuration, not by the rule; a rule picks which of its issues it reports
(``issues: spelling`` or ``issues: grammar``) and may skip some of the engine's rules.
Both rules of the bundled pack share one engine call per paragraph. Matches are in
block coordinates, like every other kind's, and the engine maps them to the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from kaplint.finding import Match
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, RuleSpec, validate_params

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document

ISSUE_KINDS = ("spelling", "grammar")
_PLACEHOLDER = re.compile(r"\{(match|detail|engine|engine_rule)\}")


class GrammarKind(Kind):
    name = "grammar"
    params: ClassVar[dict[str, Param]] = {
        "issues": Param("str", "grammar", "which of the engine's issues this rule reports: spelling (unknown words) or grammar (everything else)"),
        "skip-engine-rules": Param("str-list", [], "engine rule ids whose issues this rule never reports"),
    }

    def compile(self, params: dict[str, Any]) -> dict[str, Any]:
        values = validate_params(self.params, params)
        if values["issues"] not in ISSUE_KINDS:
            raise ParamError("issues", f"parameter 'issues' must be one of {', '.join(ISSUE_KINDS)}, not {values['issues']!r}")
        values["skip-engine-rules"] = frozenset(values["skip-engine-rules"])
        return values

    def check(self, rule: RuleSpec, compiled: dict[str, Any], document: Document, context: CheckContext) -> Iterable[Match]:
        checker = context.grammar
        if checker is None:  # grammar checks are off, or optional and unavailable
            return []
        spelling = compiled["issues"] == "spelling"
        matches: list[Match] = []
        for index, issues in sorted(checker.issues(document).items()):
            text = document.blocks[index].text
            for issue in issues:
                if issue.spelling != spelling or issue.rule in compiled["skip-engine-rules"]:
                    continue
                if spelling and context.is_accepted(text, issue.start, issue.end):
                    continue  # the project's own vocabulary
                message = _message(rule.message, text[issue.start : issue.end], issue.message, checker.backend.name, issue.rule)
                matches.append(Match(issue.start, issue.end, message, block_index=index, suggestions=issue.suggestions))
        return matches

    def describe(self, compiled: dict[str, Any]) -> list[tuple[str, str]]:
        return [
            (
                "Engine",
                (
                    "Checked by the grammar engine chosen in [tool.kaplint.grammar] (LanguageTool or Harper); off unless "
                    "configured there or asked for with --grammar. The bundled medical vocabulary and "
                    "[tool.kaplint.vocabulary] accept are never reported as misspellings."
                ),
            )
        ]


def _message(template: str, matched: str, detail: str, engine: str, engine_rule: str) -> str:
    """Fill the rule's message template. Placeholders are replaced by name, so braces in an
    engine's message (or an unknown placeholder in a project's rule) never break formatting."""
    values = {"match": matched, "detail": detail.strip(), "engine": engine, "engine_rule": engine_rule}
    return _PLACEHOLDER.sub(lambda found: values[found.group(1)], template)

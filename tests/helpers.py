"""Shared test helpers: a throw-away rule that finds marker words, and a linter for it."""

from __future__ import annotations

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.finding import Severity
from kaplint.kinds import KINDS
from kaplint.rulepacks import Rule, RuleDocs

# Made-up words that occur in no real text, so every match is one we planted.
MARKERS = ("kivrax", "mepotil", "sandorin", "quellabine", "trovanex")


def phrase_rule(rule_id: str, name: str, params: dict, severity: Severity = Severity.WARNING, message: str = "{match}") -> Rule:
    """A phrase rule built in code, for tests of the kind and the engine."""
    return Rule(
        id=rule_id,
        name=name,
        category="terminology",
        kind="phrase",
        severity=severity,
        message=message,
        params=params,
        docs=RuleDocs("a rule for tests", "for tests", ("tests",)),
        fail_examples=(),
        pass_examples=(),
        compiled=KINDS["phrase"].compile(params),
    )


def marker_rule(rule_id: str = "TST001") -> Rule:
    params = {"terms": list(MARKERS), "inflect": False, "skip-negated": False, "skip-questions": False}
    return phrase_rule(rule_id, "marker-word", params)


def marker_linter() -> Linter:
    return Linter(Config(), RunOptions(select=("TST001",)), rules=[marker_rule()])

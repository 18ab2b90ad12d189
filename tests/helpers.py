"""Shared test helpers: a throw-away rule that finds marker words, and a linter for it."""

from __future__ import annotations

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.finding import Severity
from kaplint.kinds import KINDS
from kaplint.rulepacks import Rule, RuleDocs

# Made-up words that occur in no real text, so every match is one we planted.
MARKERS = ("kivrax", "mepotil", "sandorin", "quellabine", "trovanex")


def marker_rule(rule_id: str = "TST001") -> Rule:
    params = {"terms": list(MARKERS), "inflect": False, "skip-negated": False, "skip-questions": False}
    return Rule(
        id=rule_id,
        name="marker-word",
        category="terminology",
        kind="phrase",
        severity=Severity.WARNING,
        message="{match}",
        params=params,
        docs=RuleDocs("finds marker words", "for tests", ("tests",)),
        fail_examples=(),
        pass_examples=(),
        compiled=KINDS["phrase"].compile(params),
    )


def marker_linter() -> Linter:
    return Linter(Config(), RunOptions(select=("TST001",)), rules=[marker_rule()])

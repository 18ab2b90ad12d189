"""Shared test helpers: a throw-away rule that finds marker words, a linter for it, and whether a
bundled disclosure rule reports its element missing from a text."""

from __future__ import annotations

import functools

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.finding import Severity
from kaplint.kinds import KINDS
from kaplint.rulepacks import CompiledParams, Rule, RuleDocs, load_rules

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
        compiled_params=CompiledParams(KINDS["phrase"].compile(params)),
    )


def marker_rule(rule_id: str = "TST001") -> Rule:
    params = {"terms": list(MARKERS), "inflect": False, "skip-negated": False, "skip-questions": False}
    return phrase_rule(rule_id, "marker-word", params)


def marker_linter() -> Linter:
    return Linter(Config(), RunOptions(select=("TST001",)), rules=[marker_rule()])


# Independently written case files (claims, terminology): {rule: {positives: [{text, quote}], negatives: [{text, why}]}}


def case_lists(cases: dict) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(rule, text, quote) for every positive and (rule, text, why) for every negative."""
    positives = [(name, case["text"], case["quote"]) for name, entry in cases.items() for case in entry["positives"]]
    negatives = [(name, case["text"], case["why"]) for name, entry in cases.items() for case in entry["negatives"]]
    return positives, negatives


def findings_of(rules: list[Rule], rule_id: str, text: str) -> list:
    """The findings of one rule (and only it) on ``text`` as a Markdown document."""
    linter = Linter(Config(), RunOptions(select=(rule_id,)), rules=rules)
    return linter.lint_bytes("case.md", text.encode("utf-8")).findings


def assert_flags_quote(name: str, findings: list, text: str, quote: str) -> None:
    """Some finding overlaps the words a reviewer underlined (``quote``, a substring of ``text``)."""
    start = text.index(quote)
    end = start + len(quote)
    assert any(finding.offset < end and start < max(finding.end_offset, finding.offset + 1) for finding in findings), (
        f"{name} should flag {quote!r} in: {text}\nfound: {[(finding.offset, finding.match) for finding in findings]}"
    )


def assert_not_flagged(name: str, why: str, findings: list, text: str) -> None:
    assert not findings, f"{name} ({why}) should not flag: {text}\nfound: {[finding.match for finding in findings]}"


@functools.cache
def bundled_rules() -> list[Rule]:
    """The bundled rule packs, loaded once for every test module that asks."""
    return load_rules()


def disclosure_missing(element: str, text: str, profile: str = "handout", name: str = "page.md") -> bool:
    """Whether the bundled rule for disclosure ``element`` reports it missing from ``text`` under
    ``profile``, checked whatever the text's length (disclosure-min-words = 0)."""
    rules = bundled_rules()
    rule = next(rule for rule in rules if rule.kind == "disclosure" and rule.params["element"] == element)
    linter = Linter(Config(disclosure_min_words=0), RunOptions(select=(rule.id,), profile=profile), rules=rules)
    result = linter.lint_bytes(name, text.encode("utf-8"))
    return any(finding.rule == rule.id for finding in result.findings)

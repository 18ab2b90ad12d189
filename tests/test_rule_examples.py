"""Every bundled rule's own examples, run through the whole pipeline.

A rule without docs, or without at least one ``fail`` and one ``pass`` example,
fails here: the rule pack loader refuses it and this suite loads every pack.
"""

from __future__ import annotations

import os

import pytest

from kaplint.examples import example_findings
from kaplint.grammar.backend import GrammarUnavailable
from kaplint.rulepacks import load_rules

RULES = load_rules()
FAIL_CASES = [(rule, example) for rule in RULES for example in rule.fail_examples]
PASS_CASES = [(rule, example) for rule in RULES for example in rule.pass_examples]


def _findings(rule, example):  # type: ignore[no-untyped-def]
    """The example's findings. A grammar rule's examples need their engine (Harper): where it
    is not installed they are skipped with the reason; CI installs it, so there they run."""
    try:
        return example_findings(rule, example, RULES)
    except GrammarUnavailable as error:
        if os.environ.get("KAPLINT_REQUIRE_HARPER"):
            raise
        pytest.skip(f"{rule.name}: {error}")


def _case_id(case: tuple) -> str:
    rule, example = case
    return f"{rule.name}:{example.line}"


def test_every_rule_is_documented_with_examples() -> None:
    assert RULES, "no rules were loaded"
    for rule in RULES:
        assert rule.docs.what and rule.docs.why and rule.docs.sources, rule.id
        assert rule.fail_examples and rule.pass_examples, rule.id


@pytest.mark.parametrize("case", FAIL_CASES, ids=[_case_id(case) for case in FAIL_CASES])
def test_fail_example_is_reported(case: tuple) -> None:
    rule, example = case
    findings = _findings(rule, example)
    assert findings, f"{rule.origin}: example at line {example.line} should produce {rule.name}"


@pytest.mark.parametrize("case", PASS_CASES, ids=[_case_id(case) for case in PASS_CASES])
def test_pass_example_is_clean(case: tuple) -> None:
    rule, example = case
    findings = _findings(rule, example)
    assert not findings, f"{rule.origin}: example at line {example.line} should not produce {rule.name}: {findings}"


@pytest.mark.parametrize("case", FAIL_CASES, ids=[_case_id(case) for case in FAIL_CASES])
def test_fail_example_positions_point_at_the_match(case: tuple) -> None:
    rule, example = case
    if isinstance(example.text, bytes) or example.format == "docx":
        return
    source = example.text.replace("\r\n", "\n")
    lines = source.split("\n")
    for finding in _findings(rule, example):
        if not finding.match:
            continue
        line_text = lines[finding.line - 1]
        if finding.end_line == finding.line:
            assert line_text[finding.column - 1 : finding.end_column - 1] == finding.match

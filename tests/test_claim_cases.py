"""Claim rules against independently written cases (tests/data/claim_cases.yml).

For every claim category the case file gives passages a reviewer would flag,
with the words they would underline, and passages that must not be flagged
(negated, hedged, correct, sourced, unrelated, followed by typical results,
quoted in order to correct). The cases were written from claims.md by someone
who had not seen the rules. ``fair-balance`` has whole documents instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kaplint.rulepacks import load_rules
from helpers import assert_flags_quote, assert_not_flagged, case_lists, findings_of

CASES = yaml.safe_load((Path(__file__).parent / "data" / "claim_cases.yml").read_text(encoding="utf-8"))
BALANCE = CASES.pop("fair-balance")
RULES = load_rules()
BY_NAME = {rule.name: rule for rule in RULES if rule.category == "claims"}


def _findings(name: str, text: str) -> list:
    return findings_of(RULES, BY_NAME[name].id, text)


POSITIVES, NEGATIVES = case_lists(CASES)


def test_every_claim_category_has_a_rule_and_cases() -> None:
    assert set(CASES) <= set(BY_NAME), set(CASES) - set(BY_NAME)
    for name, cases in CASES.items():
        assert len(cases["positives"]) >= 5 and len(cases["negatives"]) >= 5, name


@pytest.mark.parametrize(("name", "text", "quote"), POSITIVES, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(POSITIVES)])
def test_positive_is_found_at_the_underlined_words(name: str, text: str, quote: str) -> None:
    assert_flags_quote(name, _findings(name, text), text, quote)


@pytest.mark.parametrize(("name", "text", "why"), NEGATIVES, ids=[f"{n}-{w}-{i}" for i, (n, _, w) in enumerate(NEGATIVES)])
def test_negative_is_not_flagged(name: str, text: str, why: str) -> None:
    assert_not_flagged(name, why, _findings(name, text), text)


@pytest.mark.parametrize("case", BALANCE["documents"], ids=[f"{i}-{case['expected']}" for i, case in enumerate(BALANCE["documents"])])
def test_fair_balance_documents(case: dict) -> None:
    levels = {str(finding.severity) for finding in _findings("fair-balance", case["text"])}
    expected = case["expected"]
    if expected == "none":
        assert not levels, f"{case['why']}: {levels}"
    else:
        assert expected in levels, f"{case['why']}: expected {expected}, got {levels or 'nothing'}"

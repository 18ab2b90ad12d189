"""Disclosure elements against independently written cases (tests/data/disclosure_cases.yml).

For every catalogue element the case file gives a context that makes the
element applicable without satisfying it, passages that satisfy it in
different words, and near misses (negated, link-only, unrelated keyword,
unanswered question, partial) that must not. The cases were written from the
standard by someone who had not seen the rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.rulepacks import load_rules

CASES = yaml.safe_load((Path(__file__).parent / "data" / "disclosure_cases.yml").read_text(encoding="utf-8"))
RULES = load_rules()
BY_ELEMENT = {rule.params["element"]: rule for rule in RULES if rule.kind == "disclosure"}


def _missing(element: str, text: str) -> bool:
    rule = BY_ELEMENT[element]
    # The contexts are minimal on purpose: check them whatever their length (disclosure-min-words = 0).
    linter = Linter(Config(disclosure_min_words=0), RunOptions(select=(rule.id,), profile=CASES[element]["profile"]), rules=RULES)
    result = linter.lint_bytes("case.md", text.encode("utf-8"))
    return any(finding.rule == rule.id for finding in result.findings)


def _document(element: str, passage: str) -> str:
    return f"{CASES[element]['context'].strip()}\n\n{passage.strip()}\n"


SATISFYING = [(element, passage) for element, case in CASES.items() for passage in case["satisfying"]]
NEAR_MISSES = [(element, miss["text"], miss["why"]) for element, case in CASES.items() for miss in case["near-misses"]]


def test_every_catalogue_element_has_cases_and_a_rule() -> None:
    assert set(CASES) == set(BY_ELEMENT), set(CASES) ^ set(BY_ELEMENT)
    for element, case in CASES.items():
        assert len(case["satisfying"]) >= 3, element
        assert len(case["near-misses"]) >= 2, element


@pytest.mark.parametrize("element", sorted(CASES))
def test_context_alone_is_reported_missing(element: str) -> None:
    assert _missing(element, CASES[element]["context"]), f"{element}: the context should make the element applicable and missing"


@pytest.mark.parametrize(("element", "passage"), SATISFYING, ids=[f"{e}-{i}" for i, (e, _) in enumerate(SATISFYING)])
def test_satisfying_passage_is_accepted(element: str, passage: str) -> None:
    assert not _missing(element, _document(element, passage)), f"{element} should be satisfied by: {passage}"


@pytest.mark.parametrize(
    ("element", "passage", "why"), NEAR_MISSES, ids=[f"{e}-{w}-{i}" for i, (e, _, w) in enumerate(NEAR_MISSES)]
)
def test_near_miss_is_not_accepted(element: str, passage: str, why: str) -> None:
    assert _missing(element, _document(element, passage)), f"{element} ({why}) should not be satisfied by: {passage}"

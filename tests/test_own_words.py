"""kaplint's own words pass kaplint.

Every wording a rule recommends (its ``better`` text, its ``suggestions``, and replacements
that need no pattern groups) is linted with every rule. A claims, terminology or language
wording must draw no finding of its category; a disclosure rule's wording must satisfy its
own element. A linter whose advice it would flag teaches writers to ignore it.
"""

from __future__ import annotations

import pytest

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.rulepacks import Rule, load_rules

RULES = load_rules()
_LINTER = Linter(Config(), RunOptions(select=("ALL",), profile="handout"))
_CHECKED_CATEGORIES = ("claims", "terminology", "language", "disclosure")


def _wordings(rule: Rule) -> list[str]:
    texts = [rule.docs.better] if rule.docs.better else []
    texts += [str(text) for text in rule.params.get("suggestions") or []]
    replacement = rule.params.get("replacement")
    if isinstance(replacement, str) and replacement and "\\" not in replacement:
        texts.append(replacement)
    texts += [str(entry["replacement"]) for entry in rule.params.get("fixes") or [] if "\\" not in str(entry["replacement"])]
    return [text.strip() for text in texts if text.strip()]


CASES = [(rule, text) for rule in RULES if rule.category in _CHECKED_CATEGORIES for text in _wordings(rule)]


def test_rules_recommend_wordings() -> None:
    assert len(CASES) > 60


@pytest.mark.parametrize(("rule", "text"), CASES, ids=[f"{rule.name}-{index}" for index, (rule, _) in enumerate(CASES)])
def test_recommended_wording_passes(rule: Rule, text: str) -> None:
    findings = _LINTER.lint_bytes("advice.md", text.encode("utf-8"), "markdown").findings
    if rule.category == "disclosure":
        offending = [finding for finding in findings if finding.name == rule.name]
    else:
        offending = [finding for finding in findings if finding.category == rule.category]
    assert not offending, [(finding.name, finding.match) for finding in offending]

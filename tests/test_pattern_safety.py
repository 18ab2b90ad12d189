"""Every regular expression of every bundled rule stays fast on adversarial text.

The patterns come from the rule packs as loaded now, so rules added later are
checked without touching this file. Each pattern is searched in a child process
on inputs built to trigger catastrophic backtracking
(:mod:`kaplint.patternsafety`); a pattern that does not finish within the
budget would hang kaplint on a crafted document, and fails the test with its
rule named. A self-check shows the harness really catches ``(a+)+$``.
"""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
import time

import pytest

from kaplint.patternsafety import adversarial_inputs, patterns_in
from kaplint.rulepacks import load_rules

# Per pattern, far above what a safe pattern needs (milliseconds) even on a busy machine,
# far below what a catastrophic one needs (2**32 steps: hours).
BUDGET_SECONDS = 20.0

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses select() on a pipe")


def slow_patterns(patterns: list[tuple[str, int]], budget: float = BUDGET_SECONDS) -> list[int]:
    """Indexes of patterns that did not finish their adversarial searches within ``budget`` each."""
    child = subprocess.Popen(
        [sys.executable, "-m", "kaplint.patternsafety"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(json.dumps(patterns))
    child.stdin.close()
    done = -1
    try:
        while done < len(patterns) - 1:
            ready, _, _ = select.select([child.stdout], [], [], budget)
            if not ready:
                return [done + 1]  # the pattern after the last finished one is stuck
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"the pattern checker stopped: {child.stderr.read() if child.stderr else ''}")
            done = int(line)
    finally:
        child.kill()
        child.wait()
    return []


def test_the_check_catches_catastrophic_backtracking() -> None:
    started = time.monotonic()
    assert slow_patterns([(r"(a+)+$", 0)], budget=2.0) == [0]
    assert slow_patterns([(r"^(\w+\s?)*$", 0)], budget=2.0) == [0]
    assert time.monotonic() - started < 30
    assert slow_patterns([(r"a+$", 0), (r"(?:\w+\s)+x", 0)], budget=BUDGET_SECONDS) == []


def test_adversarial_inputs_reach_the_repeated_part() -> None:
    texts = adversarial_inputs(re.compile(r"risk of (\w+ )+done"))
    assert any(text.startswith("risk of " + "a " * 32) for text in texts)


def test_every_rule_pattern_is_safe() -> None:
    rules = load_rules()
    owners: dict[tuple[str, int], str] = {}
    for rule in rules:
        for pattern in patterns_in(rule.compiled):
            owners.setdefault((pattern.pattern, pattern.flags), f"{rule.id} {rule.name} ({rule.origin})")
    patterns = sorted(owners)
    assert len(patterns) > 100  # the packs really were searched
    slow = slow_patterns(patterns)
    assert not slow, f"catastrophic backtracking in {owners[patterns[slow[0]]]}: {patterns[slow[0]][0][:300]!r}"


"""docs/rules.md is the rule reference ``kaplint rules --format markdown`` writes for the bundled rules.

It must match what the rules say now (regenerate with KAPLINT_UPDATE_GOLDEN=1), and every rule's
heading must give the anchor the language server links diagnostics to.
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from kaplint.cli import main
from kaplint.reference import anchor
from kaplint.rulepacks import load_rules

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_the_reference_page_is_up_to_date() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    if os.environ.get("KAPLINT_UPDATE_GOLDEN") == "1":
        REFERENCE.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == REFERENCE.read_text(encoding="utf-8"), "docs/rules.md is stale: run with KAPLINT_UPDATE_GOLDEN=1"


def test_every_rule_has_a_heading_with_its_anchor() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for rule in load_rules():
        heading = f"### {rule.id} {rule.name}"
        assert heading in text
        assert anchor(rule) == heading[4:].lower().replace(" ", "-")

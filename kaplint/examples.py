"""Running a rule's own ``examples``: every ``fail`` example must produce a finding
of that rule and every ``pass`` example must produce none.

The test suite runs this for every bundled rule, so a rule's documentation can
never drift from its behaviour. Examples run through the whole pipeline
(loader, engine, suppressions) with the example's profile, format and settings.
"""

from __future__ import annotations

from pathlib import Path

from kaplint.config import config_from_mapping
from kaplint.engine import Linter, RunOptions
from kaplint.finding import Finding
from kaplint.rulepacks import Example, Rule

_EXTENSIONS = {"markdown": "md", "mdx": "mdx", "text": "txt", "html": "html", "docx": "docx"}


def example_findings(rule: Rule, example: Example, rules: list[Rule]) -> list[Finding]:
    """Findings of ``rule`` on ``example`` (other rules run too, but are filtered out)."""
    settings = dict(example.settings or {})
    # An example is a snippet that stands for a whole document: the short-text exemption from the
    # disclosure checklist (``disclosure-min-words``) would hide what it shows, unless it sets it.
    settings.setdefault("disclosure-min-words", 0)
    config = config_from_mapping(settings, Path(rule.origin.split(":")[0]))
    linter = Linter(config, RunOptions(profile=example.profile, extend_select=(rule.id,)), rules=rules)
    data = example.text if isinstance(example.text, bytes) else example.text.encode("utf-8")
    name = f"example.{_EXTENSIONS.get(example.format, 'md')}"
    result = linter.lint_bytes(name, data, example.format)
    return [finding for finding in result.findings if finding.rule == rule.id]

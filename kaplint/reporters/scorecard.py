"""The figures a reviewer reads first, shared by the HTML and Markdown reports.

Grade targets come from the ``reading-grade`` and ``section-reading-grade``
rules' parameters after configuration (``rule-options``), so a report shows
the same target the rules judged against, not a number of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kaplint.finding import Finding, Severity
from kaplint.rulepacks import Rule

# One line on the formula behind every grade a report shows, with the target's source.
SMOG_NOTE = (
    "SMOG estimates the school grade a reader needs to understand a text fully, from its long words per "
    "sentence (McLaughlin 1969); patient materials should read at grade 6 to 8 (AMA, NIH), and each profile's "
    "target comes from the reading-grade rule."
)


@dataclass(frozen=True)
class GradeTarget:
    """Grades above ``warning`` get a warning, above ``error`` an error."""

    warning: float
    error: float | None

    def status(self, grade: float | None) -> str:
        """``ok``, ``warning``, ``error`` or ``none`` (no grade) for a grade against this target."""
        if grade is None:
            return "none"
        if self.error is not None and grade > self.error:
            return "error"
        if grade > self.warning:
            return "warning"
        return "ok"


def grade_target(rules: tuple[Rule, ...], profile: str, rule_name: str = "reading-grade") -> GradeTarget | None:
    """The target of ``rule_name`` for ``profile``, or None when no such rule is loaded."""
    rule = next((item for item in rules if item.name == rule_name), None)
    if rule is None:
        return None
    warning = rule.params.get("warning-above", {})
    error = rule.params.get("error-above", {})
    if not isinstance(warning, dict) or profile not in warning:
        return None
    error_value = error.get(profile) if isinstance(error, dict) else None
    return GradeTarget(float(warning[profile]), float(error_value) if error_value is not None else None)


def disclosure_counts(metrics: dict[str, Any]) -> tuple[int, int, int] | None:
    """(present, missing and not suppressed, not applicable), or None without a checklist."""
    checklist = metrics.get("disclosures")
    if not checklist or not checklist.get("about_ketamine"):
        return None
    elements = checklist["elements"]
    present = sum(1 for item in elements if item["status"] == "present")
    missing = sum(1 for item in elements if item["status"] == "missing" and not item.get("suppressed"))
    not_applicable = sum(1 for item in elements if item["status"] == "not-applicable")
    return present, missing, not_applicable


def smog(metrics: dict[str, Any]) -> float | None:
    readability = metrics.get("readability") or {}
    value = readability.get("smog")
    return float(value) if isinstance(value, (int, float)) else None


def verdict(findings: list[Finding], fail_on: Severity) -> str:
    """The result in words, as ``kaplint check`` decides it: findings at or above the fail level must be fixed."""
    must = sum(1 for finding in findings if finding.severity >= fail_on)
    rest = len(findings) - must
    consider = f"; {rest} more to consider" if rest else ""
    if must:
        return f"Not ready to publish: {must} must-fix finding{'s' if must != 1 else ''}{consider}."
    if findings:
        return f"No must-fix findings{consider}."
    return "No findings: nothing kaplint checks needs changing."


def section_min_words(rules: tuple[Rule, ...]) -> int:
    """Sections shorter than this get no grade finding, so a chart shows them without judging them."""
    rule = next((item for item in rules if item.name == "section-reading-grade"), None)
    value = rule.params.get("min-words", 100) if rule is not None else 100
    return int(value) if isinstance(value, (int, float)) else 100


def plain_title(name: str) -> str:
    """A rule name for people: "missing-sedation-breathing" -> "Missing sedation breathing"."""
    words = name.replace("-", " ").strip()
    return words[:1].upper() + words[1:]

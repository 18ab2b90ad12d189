"""The figures a reviewer reads first, shared by the HTML and Markdown reports.

Grade targets come from the ``reading-grade`` and ``section-reading-grade``
rules' parameters after configuration (``rule-options``), so a report shows
the same target the rules judged against, not a number of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kaplint.rulepacks import Rule


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

"""What kaplint's Word comments say.

A reviewer in Word reads a comment, not a rule code: each comment says what is wrong, why it
matters and a better way to say it (the rule's own documentation, as ``kaplint explain`` gives
it), with a fix as suggested text; the code comes last, for whoever wants to look it up. The
first comment, on the title, sums the document up: the verdict in words, the reading grade
against the profile's target, the information that is missing (each with text to add) and fair
balance. Findings about the whole document go there rather than on some arbitrary words.
"""

from __future__ import annotations

from typing import Any

from kaplint.finding import Finding, Severity
from kaplint.reporters.scorecard import SMOG_NOTE, plain_title, verdict

AUTHOR = "kaplint"
INITIALS = "KL"


def is_document_level(finding: Finding) -> bool:
    """Findings about the document as a whole, which belong in the summary comment."""
    return finding.reports_missing_information or finding.category == "input" or finding.name in ("fair-balance", "reading-grade")


def _fix_text(finding: Finding) -> str | None:
    if finding.fix is not None and finding.fix.replacement != finding.match:
        kind = "Suggested change" if finding.fix.safe else "Possible change (check it first)"
        if not finding.fix.replacement:
            return f"{kind}: delete \u201c{finding.match}\u201d."
        return f"{kind}: replace \u201c{finding.match}\u201d with \u201c{finding.fix.replacement}\u201d."
    if finding.suggestions:
        return "Suggested wording: " + " or ".join(f"\u201c{item}\u201d" for item in finding.suggestions[:3]) + "."
    return None


def finding_comment(finding: Finding, rule: Any | None) -> list[str]:
    """The paragraphs of the comment for one finding anchored in the text."""
    paragraphs = [finding.message]
    if rule is not None and rule.docs.why:
        paragraphs.append("Why it matters: " + " ".join(rule.docs.why.split()))
    if rule is not None and rule.docs.better:
        paragraphs.append("A better way to say it: " + " ".join(rule.docs.better.split()))
    fix = _fix_text(finding)
    if fix:
        paragraphs.append(fix)
    paragraphs.append(f"{plain_title(finding.name)} ({finding.rule}, {finding.severity}). kaplint explain {finding.name}")
    return paragraphs


def summary_comment(result: Any, rules_by_id: dict[str, Any], fail_on: Severity, targets: dict[str, Any]) -> list[str]:
    """The paragraphs of the first comment, on the title."""
    findings = result.findings
    paragraphs = [f"kaplint review ({result.profile} profile). " + verdict(findings, fail_on)]
    readability = result.metrics.get("readability") or {}
    if readability.get("smog") is not None and readability.get("words", 0) >= 100:
        target = targets.get(result.profile)
        goal = f"; the target for this profile is grade {target} or lower" if target is not None else ""
        paragraphs.append(f"Reading grade: {readability['smog']:.1f} (SMOG){goal}. {SMOG_NOTE}")
    missing = [finding for finding in findings if finding.reports_missing_information]
    if missing:
        paragraphs.append(f"Missing information ({len(missing)}):")
        for finding in missing:
            rule = rules_by_id.get(finding.rule)
            text = f"\u2022 {finding.message}"
            if rule is not None and rule.docs.better:
                text += " Text to add: " + " ".join(rule.docs.better.split())
            paragraphs.append(text)
    balance = result.metrics.get("balance")
    if balance:
        paragraphs.append(f"Fair balance: {balance.get('benefits', 0)} benefit statements, {balance.get('risks', 0)} risk statements.")
    for finding in findings:
        if is_document_level(finding) and finding not in missing:
            paragraphs.append(f"\u2022 {finding.message} ({finding.rule} {finding.name}, {finding.severity})")
    return paragraphs

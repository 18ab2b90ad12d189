"""Diagnostics, code actions and hovers made from kaplint's findings.

Every finding becomes a diagnostic with the protocol's positions; the summary of the document
(the verdict, reading grade against the target, disclosures, benefits and risks) is an
information diagnostic on the first line. A finding's code actions apply its fix (safe ones
preferred, unsafe ones labelled), add an inline suppression with a reason to fill in, add a
word to the project's accepted vocabulary, or show the rule's explanation; ``source.fixAll.kaplint``
applies every safe fix. A hover on a finding explains its rule as ``kaplint explain`` does.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from pathlib import Path

import kaplint
from kaplint.engine import DocumentResult
from kaplint.finding import Finding, Severity
from kaplint.reporters.scorecard import plain_title, verdict
from kaplint.server.positions import TextIndex

SOURCE = "kaplint"
FIX_ALL = "source.fixAll.kaplint"
SUMMARY_CODE = "summary"
# Rules whose finding is often a word the project uses on purpose: offer to accept it.
VOCABULARY_RULES = ("jargon", "undefined-abbreviation", "preferred-term")
# Formats with comments a suppression can live in.
COMMENT_FORMATS = ("markdown", "mdx", "html")

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}


def code_of(finding: Finding) -> str:
    return f"{finding.rule} {finding.name}"


# The rule reference (docs/rules.md) beside the package in a checkout or an editable install;
# an installed wheel has no docs folder, and then hover is the documentation.
_REFERENCE = Path(kaplint.__file__).resolve().parents[1] / "docs" / "rules.md"


def documentation_link(rule: Any) -> types.CodeDescription | None:
    """Where the rule is documented, when the reference page is on this machine."""
    if rule is None or not _REFERENCE.is_file():
        return None
    from kaplint.reference import anchor

    return types.CodeDescription(href=f"{_REFERENCE.as_uri()}#{anchor(rule)}")


def finding_range(index: TextIndex, finding: Finding) -> types.Range:
    return types.Range(start=index.at(finding.line, finding.column), end=index.at(finding.end_line, finding.end_column))


def diagnostics(
    result: DocumentResult, index: TextIndex, fail_on: Severity, grade_target: Any, rules: dict[str, Any] | None = None
) -> list[types.Diagnostic]:
    """The findings as diagnostics, after a summary on the first line."""
    rules = rules or {}
    found = [diagnostic(index, finding, rules.get(finding.rule)) for finding in result.findings]
    first_line = index.line_text(0) if index.starts else ""
    summary = types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=len(first_line))),
        message=summary_text(result, fail_on, grade_target),
        severity=types.DiagnosticSeverity.Information,
        code=SUMMARY_CODE,
        source=SOURCE,
    )
    return [summary, *found]


def diagnostic(index: TextIndex, finding: Finding, rule: Any = None) -> types.Diagnostic:
    """One finding as the protocol's diagnostic."""
    return types.Diagnostic(
        range=finding_range(index, finding),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=code_of(finding),
        code_description=documentation_link(rule),
        source=SOURCE,
    )


def summary_text(result: DocumentResult, fail_on: Severity, grade_target: Any) -> str:
    """One line on the whole document: verdict, grade, disclosures, balance."""
    parts = [f"kaplint ({result.profile}): {verdict(result.findings, fail_on)}"]
    readability = result.metrics.get("readability") or {}
    if readability.get("smog") is not None:
        target = f" (target {grade_target.warning:g} or lower)" if grade_target is not None else ""
        parts.append(f"Reading grade {readability['smog']:.1f} SMOG{target}.")
    checklist = result.metrics.get("disclosures") or {}
    if checklist.get("about_ketamine"):
        elements = checklist.get("elements", [])
        present = sum(1 for item in elements if item["status"] == "present")
        missing = [item["element"] for item in elements if item["status"] == "missing" and not item.get("suppressed")]
        parts.append(f"Disclosures: {present} present, {len(missing)} missing" + (f" ({', '.join(missing)})." if missing else "."))
    balance = result.metrics.get("balance")
    if balance:
        parts.append(f"Benefit statements {balance.get('benefits', 0)}, risk statements {balance.get('risks', 0)}.")
    return " ".join(parts)


def findings_at(result: DocumentResult, index: TextIndex, selection: types.Range) -> list[Finding]:
    """Findings whose range meets ``selection`` (or contains its start, for an empty selection)."""
    start, end = index.offset(selection.start), index.offset(selection.end)
    chosen = []
    for finding in result.findings:
        low = index.offset(index.at(finding.line, finding.column))
        high = index.offset(index.at(finding.end_line, finding.end_column))
        if (low <= start <= high) or (start < high and low < end):
            chosen.append(finding)
    return chosen


def _edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def _fix_edit(index: TextIndex, finding: Finding) -> types.TextEdit:
    assert finding.fix is not None
    return types.TextEdit(
        range=types.Range(start=index.position(finding.fix.offset), end=index.position(finding.fix.end_offset)),
        new_text=finding.fix.replacement,
    )


def code_actions(
    uri: str, version: int | None, fmt: str, result: DocumentResult, index: TextIndex, findings: list[Finding], rules: dict[str, Any]
) -> list[types.CodeAction]:
    """Quick fixes, suppressions, vocabulary and explanations for ``findings``, then fix-all."""
    actions: list[types.CodeAction] = []
    for finding in findings:
        about = diagnostic(index, finding, rules.get(finding.rule))
        if finding.fix is not None and index.text[finding.fix.offset : finding.fix.end_offset] == finding.match:
            title = (
                f"Replace \u201c{finding.match}\u201d with \u201c{finding.fix.replacement}\u201d"
                if finding.fix.replacement
                else f"Delete \u201c{finding.match}\u201d"
            )
            actions.append(
                types.CodeAction(
                    title=title if finding.fix.safe else f"{title} (unsafe: check the sentence still says what you mean)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[about],
                    is_preferred=finding.fix.safe,
                    edit=_edit(uri, version, [_fix_edit(index, finding)]),
                )
            )
        if fmt in COMMENT_FORMATS:
            line = finding.line - 1
            indent = index.line_text(line)[: len(index.line_text(line)) - len(index.line_text(line).lstrip())]
            comment = f"{indent}<!-- kaplint-disable-next-line {finding.name} -- reason: why this is right here -->\n"
            at = types.Position(line=line, character=0)
            actions.append(
                types.CodeAction(
                    title=f"Suppress {finding.name} on this line (with a reason)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[about],
                    edit=_edit(uri, version, [types.TextEdit(range=types.Range(start=at, end=at), new_text=comment)]),
                )
            )
        if finding.name in VOCABULARY_RULES and finding.match.strip():
            actions.append(
                types.CodeAction(
                    title=f"Accept \u201c{finding.match}\u201d in this project's vocabulary",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[about],
                    command=types.Command(title="Accept in vocabulary", command="kaplint.acceptWord", arguments=[uri, finding.match]),
                )
            )
        actions.append(
            types.CodeAction(
                title=f"Explain {finding.name}",
                kind=types.CodeActionKind.Empty,
                command=types.Command(title="Explain", command="kaplint.explain", arguments=[finding.name]),
            )
        )
    safe = fix_all_edits(index, result)
    if safe:
        actions.append(types.CodeAction(title="Fix all safe kaplint problems", kind=FIX_ALL, edit=_edit(uri, version, safe)))
    return actions


def fix_all_edits(index: TextIndex, result: DocumentResult) -> list[types.TextEdit]:
    """Edits for every safe fix whose span still holds its words, skipping any that overlap an earlier one."""
    chosen: list[Finding] = []
    end = -1
    candidates = [finding for finding in result.findings if finding.fix is not None and finding.fix.safe]
    for finding in sorted(candidates, key=lambda item: (item.fix.offset, item.fix.end_offset)):  # type: ignore[union-attr]
        fix = finding.fix
        assert fix is not None
        if fix.offset < end or index.text[fix.offset : fix.end_offset] != finding.match:
            continue
        chosen.append(finding)
        end = fix.end_offset
    return [_fix_edit(index, finding) for finding in chosen]


def explanation(rule: Any) -> str:
    """A rule's documentation in Markdown, as 'kaplint explain' gives it."""
    lines = [f"**{plain_title(rule.name)}** (`{rule.id} {rule.name}`)", "", " ".join(rule.docs.what.split())]
    if rule.docs.why:
        lines += ["", "**Why it matters.** " + " ".join(rule.docs.why.split())]
    if rule.docs.better:
        lines += ["", ("**Text to add.** " if rule.kind == "disclosure" else "**A better way to say it.** ") + " ".join(rule.docs.better.split())]
    if rule.docs.sources:
        lines += ["", "**Sources.**", *(f"- {source}" for source in rule.docs.sources)]
    return "\n".join(lines)


def hover(result: DocumentResult, index: TextIndex, position: types.Position, rules: dict[str, Any]) -> types.Hover | None:
    """The explanation of every finding under ``position``."""
    findings = findings_at(result, index, types.Range(start=position, end=position))
    parts = []
    for finding in findings:
        rule = rules.get(finding.rule)
        head = f"{finding.message}"
        parts.append(head + ("\n\n" + explanation(rule) if rule is not None else ""))
    if not parts:
        return None
    first = findings[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=finding_range(index, first),
    )

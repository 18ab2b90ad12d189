"""A Markdown summary for pull-request comments and ``$GITHUB_STEP_SUMMARY``.

A table of the files with findings (counts, reading grade against its target,
missing disclosures), then each file's findings in a collapsed section. Comment
boxes have size limits (GitHub: 65,536 characters), so long lists are cut with
a note saying how many findings were left out.
"""

from __future__ import annotations

import re
from html import escape

from kaplint.reporters import Report
from kaplint.reporters.scorecard import disclosure_counts, grade_target, smog

MAX_FINDINGS_PER_FILE = 50
MAX_CHARACTERS = 60_000
_ICONS = {"error": "\u274c error", "warning": "\u26a0\ufe0f warning", "suggestion": "\U0001f4a1 suggestion"}


def cell(text: str) -> str:
    """Text safe in a table cell: no line breaks, pipes escaped, no raw HTML."""
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def code(text: str) -> str:
    """An inline code span that holds any backticks in ``text`` (its fence is one longer than their longest run)."""
    text = cell(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(report: Report) -> str:
    counts = report.counts()
    total = sum(counts.values())
    files = len(report.documents)
    with_findings = [document for document in report.documents if document.findings]
    out = []
    if total:
        parts = ", ".join(_plural(counts[name], name) for name in ("error", "warning", "suggestion") if counts[name])
        status = "\u274c" if report.failed() else "\u26a0\ufe0f"
        out.append(f"## {status} kaplint: {parts} in {len(with_findings)} of {_plural(files, 'file')}")
    else:
        out.append(f"## \u2705 kaplint: no problems in {_plural(files, 'file')}")
    if report.baseline is not None:
        outcome = report.baseline
        out += ["", f"Baseline {code(outcome.path)}: {outcome.matched} known findings not shown; {outcome.stale} entries are stale (fixed or reworded)."]
    if with_findings:
        out += ["", "| file | profile | errors | warnings | suggestions | SMOG grade | disclosures missing |", "| --- | --- | ---: | ---: | ---: | --- | ---: |"]
        for document in with_findings:
            by_severity = {name: sum(1 for finding in document.findings if str(finding.severity) == name) for name in ("error", "warning", "suggestion")}
            grade = smog(document.metrics)
            target = grade_target(report.rules, document.profile)
            grade_text = "" if grade is None else f"{grade:.1f}" + (f" (target \u2264 {target.warning:g})" if target else "")
            disclosures = disclosure_counts(document.metrics)
            out.append(
                f"| {code(document.path)} | {document.profile} | {by_severity['error']} | {by_severity['warning']} | "
                f"{by_severity['suggestion']} | {grade_text} | {'' if disclosures is None else disclosures[1]} |"
            )
    size = sum(len(line) + 1 for line in out)
    left_out = 0
    for document in with_findings:
        section = ["", f"<details><summary>{escape(document.path)}: {_plural(len(document.findings), 'finding')}</summary>", "",
                   "| line | severity | rule | message |", "| ---: | --- | --- | --- |"]
        for finding in document.findings[:MAX_FINDINGS_PER_FILE]:
            message = finding.message + (f" Suggestion: {'; '.join(finding.suggestions)}" if finding.suggestions else "")
            section.append(f"| {finding.line}:{finding.column} | {_ICONS[str(finding.severity)]} | {finding.rule} {code(finding.name)} | {cell(message)} |")
        hidden = len(document.findings) - MAX_FINDINGS_PER_FILE
        if hidden > 0:
            section += ["", f"... and {_plural(hidden, 'more finding')}: run kaplint locally for the full list."]
        section += ["", "</details>"]
        section_size = sum(len(line) + 1 for line in section)
        if size + section_size > MAX_CHARACTERS:
            left_out += len(document.findings)
            continue
        out += section
        size += section_size
    if left_out:
        out += ["", f"{_plural(left_out, 'finding')} in further files did not fit into this summary; run kaplint locally for the full list."]
    return "\n".join(out) + "\n"

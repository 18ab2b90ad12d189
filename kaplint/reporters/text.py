"""Human-readable output: findings grouped by file, with the source line and a caret.

    samples/web-bad.md:14:22 KAP305 not-addictive error: Calling ketamine ...
       14 | Our infusions are completely non-addictive and safe.
          |                      ^^^^^^^^^^^^^^^^^^^^^^^^
          = suggestion: ...
"""

from __future__ import annotations

from collections import Counter

import click

from kaplint.finding import Finding
from kaplint.reporters import Report

_COLORS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}
_MAX_SOURCE_WIDTH = 100


def render(report: Report) -> str:
    out: list[str] = []
    style = _styler(report.color)
    for document in report.documents:
        if not document.findings:
            if not report.quiet and _grade_line(document):
                out.append(style(document.path, bold=True) + style(f"  (profile: {document.profile})  ", dim=True) + _grade_line(document))
                if _disclosure_line(document):
                    out.append(style("  " + _disclosure_line(document), dim=True))
            continue
        if not report.quiet:
            out.append(style(f"{document.path}", bold=True) + style(f"  (profile: {document.profile})", dim=True))
        lines = document.source.split("\n") if report.show_source and not report.quiet else []
        for finding in document.findings:
            out.append(_headline(finding, style))
            if lines:
                out.extend(_context(finding, lines, style))
            if finding.suggestions and not report.quiet:
                out.append(style("      = ", dim=True) + "suggestion: " + "; ".join(finding.suggestions))
        if not report.quiet:
            for summary in (_grade_line(document), _disclosure_line(document)):
                if summary:
                    out.append(style("  " + summary, dim=True))
            out.append("")
    if report.statistics:
        out.extend(_statistics(report))
    if not report.quiet:
        out.append(_summary(report, style))
        if report.baseline is not None:
            out.append(_baseline_line(report))
    return "\n".join(out) + ("\n" if out else "")


def _styler(color: bool):  # type: ignore[no-untyped-def]
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    return style


def _headline(finding: Finding, style) -> str:  # type: ignore[no-untyped-def]
    severity = str(finding.severity)
    location = f"{finding.path}:{finding.line}:{finding.column}"
    return (
        f"{style(location, bold=True)} {style(finding.rule, fg=_COLORS[severity], bold=True)} "
        f"{finding.name} {style(severity, fg=_COLORS[severity])}: {finding.message}"
    )


def _context(finding: Finding, lines: list[str], style) -> list[str]:  # type: ignore[no-untyped-def]
    if finding.line < 1 or finding.line > len(lines):
        return []
    text = lines[finding.line - 1].replace("\t", " ")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    end = max(end, start + 1)
    offset = 0
    if len(text) > _MAX_SOURCE_WIDTH:
        offset = max(0, min(start - 20, len(text) - _MAX_SOURCE_WIDTH))
        text = ("…" if offset else "") + text[offset : offset + _MAX_SOURCE_WIDTH] + ("…" if offset + _MAX_SOURCE_WIDTH < len(lines[finding.line - 1]) else "")
        shift = 1 if offset else 0
        start, end = start - offset + shift, min(end - offset + shift, len(text))
    gutter = f"{finding.line:>6} | "
    pad = " " * (len(gutter) - 2) + "| "
    caret = " " * start + "^" * max(1, end - start)
    color = _COLORS[str(finding.severity)]
    return [style(gutter, dim=True) + text, style(pad, dim=True) + style(caret, fg=color, bold=True)]


def _grade_line(document) -> str:  # type: ignore[no-untyped-def]
    """One line of reading-level figures for a document, or "" when it has no scored prose."""
    metrics = document.metrics.get("readability") if document.metrics else None
    if not metrics or not metrics.get("sentences"):
        return ""
    confidence = ", low confidence" if metrics["confidence"] == "low" else ""
    return (
        f"grade: SMOG {metrics['smog']:.1f}, Flesch-Kincaid {metrics['flesch_kincaid']:.1f}, "
        f"Reading Ease {metrics['flesch_reading_ease']:.0f} ({metrics['words']} words, "
        f"{metrics['sentences']} sentences{confidence})"
    )


def _disclosure_line(document) -> str:  # type: ignore[no-untyped-def]
    """The disclosure checklist in one line: what is present, what is missing, what does not apply."""
    checklist = document.metrics.get("disclosures") if document.metrics else None
    if not checklist:
        return ""
    if not checklist["about_ketamine"]:
        return "disclosures: not checked (the text never mentions ketamine, esketamine or KAP)"
    if not checklist["elements"]:
        return ""
    counts = checklist["counts"]
    applicable = counts["present"] + counts["missing"]
    missing = [
        f"{item['element']} ({item['level']})"
        for item in checklist["elements"]
        if item["status"] == "missing" and not item.get("suppressed")
    ]
    suppressed = [item["element"] for item in checklist["elements"] if item["status"] == "missing" and item.get("suppressed")]
    text = f"disclosures: {counts['present']} of {applicable} present"
    if missing:
        text += "; missing: " + ", ".join(missing)
    if suppressed:
        text += "; suppressed: " + ", ".join(suppressed)
    if counts["not-applicable"]:
        text += f"; {counts['not-applicable']} not applicable"
    return text


def _statistics(report: Report) -> list[str]:
    counter: Counter[tuple[str, str, str]] = Counter(
        (finding.rule, finding.name, str(finding.severity)) for finding in report.findings
    )
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [f"{count:>5}  {rule:<8} {name:<32} [{severity}]" for (rule, name, severity), count in rows] + [""]


def _summary(report: Report, style) -> str:  # type: ignore[no-untyped-def]
    counts = report.counts()
    total = sum(counts.values())
    files = len(report.documents)
    with_findings = sum(1 for document in report.documents if document.findings)
    if files == 0:
        return style("No files were linted.", fg="yellow")
    if total == 0:
        return style(f"All clear: no problems in {_plural(files, 'file')}.", fg="green")
    parts = [_plural(counts[name], name) for name in ("error", "warning", "suggestion") if counts[name]]
    return style(
        f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {with_findings} of {_plural(files, 'file')}.", bold=True
    )


def _baseline_line(report: Report) -> str:
    """What the baseline held back, and how many of its entries no longer match anything."""
    outcome = report.baseline
    assert outcome is not None
    line = f"Baseline {outcome.path}: {_plural(outcome.matched, 'known finding')} not shown"
    if outcome.stale:
        line += f"; {outcome.stale} stale {'entry' if outcome.stale == 1 else 'entries'} (fixed or reworded): run with --update-baseline to drop them"
    return line + "."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


"""GitHub Actions workflow commands: one annotation per finding on the pull request."""

from __future__ import annotations

from kaplint.reporters import Report

_LEVELS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        properties = ",".join(
            [
                f"file={_escape_property(finding.path)}",
                f"line={finding.line}",
                f"col={finding.column}",
                f"endLine={finding.end_line}",
                f"endColumn={finding.end_column}",
                f"title={_escape_property(f'{finding.rule} {finding.name}')}",
            ]
        )
        message = finding.message
        if finding.suggestions:
            message += "\nSuggestion: " + "; ".join(finding.suggestions)
        lines.append(f"::{_LEVELS[str(finding.severity)]} {properties}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")

"""Output formats. Every reporter renders the same :class:`Report` object."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from kaplint.engine import DocumentResult
from kaplint.finding import Finding, Severity
from kaplint.rulepacks import Rule

REPORT_SCHEMA_VERSION = 1


@dataclass
class Report:
    """The results of one run, in the order files were linted (sorted by path)."""

    documents: list[DocumentResult]
    rules: tuple[Rule, ...]
    fail_on: Severity = Severity.ERROR
    color: bool = False
    show_source: bool = True
    statistics: bool = False
    quiet: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [finding for document in self.documents for finding in document.findings]

    def counts(self) -> dict[str, int]:
        counter = Counter(str(finding.severity) for finding in self.findings)
        return {name: counter.get(name, 0) for name in ("error", "warning", "suggestion")}

    def failed(self) -> bool:
        return any(finding.severity >= self.fail_on for finding in self.findings)


def _text(report: Report) -> str:
    from kaplint.reporters.text import render

    return render(report)


def _json(report: Report) -> str:
    from kaplint.reporters.json import render

    return render(report)


def _github(report: Report) -> str:
    from kaplint.reporters.github import render

    return render(report)


def _sarif(report: Report) -> str:
    from kaplint.reporters.sarif import render

    return render(report)


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
}

"""Output formats. Every reporter renders the same :class:`Report` object."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kaplint.engine import DocumentResult
from kaplint.finding import Finding, Severity
from kaplint.rulepacks import Rule

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.baseline import BaselineOutcome  # only runs with --baseline load baselines

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
    # Set by --baseline: what the baseline held back and which of its entries are stale.
    baseline: BaselineOutcome | None = None

    @property
    def findings(self) -> list[Finding]:
        return [finding for document in self.documents for finding in document.findings]

    def counts(self) -> dict[str, int]:
        """Findings per severity name, summed from each document's counts (see
        :meth:`DocumentResult.severity_counts`)."""
        counter: Counter[Severity] = Counter()
        for document in self.documents:
            counter.update(document.severity_counts())
        return {name: counter.get(Severity.parse(name), 0) for name in ("error", "warning", "suggestion")}

    def failed(self) -> bool:
        """Whether any finding is at or above ``fail_on`` (from the documents' counts, like :meth:`counts`)."""
        return any(severity >= self.fail_on for document in self.documents for severity in document.severity_counts())


# Each format is the module of the same name here, with a ``render(report) -> str``;
# only the one asked for is imported.
FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "markdown", "html")


def render(format_name: str, report: Report) -> str:
    """Render ``report`` in one of :data:`FORMATS`."""
    if format_name not in FORMATS:
        raise ValueError(f"unknown format {format_name!r}")
    return importlib.import_module(f"kaplint.reporters.{format_name}").render(report)


def render_chunks(format_name: str, report: Report) -> Iterator[str]:
    """Render ``report`` piece by piece (formats that can stream define ``render_chunks``)."""
    if format_name not in FORMATS:
        raise ValueError(f"unknown format {format_name!r}")
    module = importlib.import_module(f"kaplint.reporters.{format_name}")
    if hasattr(module, "render_chunks"):
        yield from module.render_chunks(report)
    else:
        yield module.render(report)

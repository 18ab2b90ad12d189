"""The JSON report: a documented, versioned schema (see docs/report-format.md).

Deterministic by design: documents sorted by path, findings by position, keys
in a fixed order, no timestamps, paths relative to the current folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kaplint import __version__, jsontext
from kaplint.reporters import REPORT_SCHEMA_VERSION, Report


def report_data(report: Report) -> dict[str, Any]:
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "kaplint", "version": __version__},
        "summary": summary_data(report),
        "documents": [document_data(document) for document in report.documents],
    }


def summary_data(report: Report) -> dict[str, Any]:
    """The report's ``summary``: counts of files and findings, and whether the run failed."""
    counts = report.counts()
    summary: dict[str, Any] = {
        "files": len(report.documents),
        "files_with_findings": sum(1 for document in report.documents if document.severity_counts()),
        "findings": sum(counts.values()),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "suggestions": counts["suggestion"],
        "fail_on": str(report.fail_on),
        "failed": report.failed(),
    }
    if report.baseline is not None:
        summary["baseline"] = {
            "path": report.baseline.path,
            "matched": report.baseline.matched,
            "stale": report.baseline.stale,
            "stale_entries": report.baseline.stale_entries,
        }
    return summary


def document_data(document: Any) -> dict[str, Any]:
    """One entry of the report's ``documents``."""
    return {
        "path": document.path,
        "format": document.format,
        "profile": document.profile,
        "metrics": document.metrics,
        "findings": [finding.to_dict() for finding in document.findings],
    }


def document_entry(document: Any) -> str:
    """The document's entry of the report's ``documents``, as it stands there (indented by four).

    A result read from the result cache brings the entry this function made when the file was
    linted (:class:`kaplint.resultcache.CachedResult`), so a warm run decodes no finding.
    """
    from kaplint.resultcache import CachedResult

    if isinstance(document, CachedResult) and document.stored is not None:
        return document.stored.json_entry
    # Nested two levels deep, a document's lines are indented by four more spaces.
    return jsontext.dumps(document_data(document)).replace("\n", "\n    ")


_DOCUMENTS = "\0documents\0"


def render(report: Report) -> str:
    """The report as one string (the same text :func:`render_chunks` streams)."""
    return "".join(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str]:
    """The same text as ``json.dumps(report_data(report), indent=2)``, one document at a time, so a
    run over thousands of files never holds the whole report in memory, as dictionaries or as text."""
    documents = report.documents
    if not documents:
        yield json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"
        return
    skeleton = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "kaplint", "version": __version__},
        "summary": summary_data(report),
        "documents": _DOCUMENTS,
    }
    head, tail = json.dumps(skeleton, indent=2, ensure_ascii=False).split(json.dumps(_DOCUMENTS), 1)
    yield head + "[\n    "
    for number, document in enumerate(documents):
        text = document_entry(document)
        yield text if number == 0 else ",\n    " + text
    yield "\n  ]" + tail + "\n"

"""The JSON report: a documented, versioned schema (see docs/report-format.md).

Deterministic by design: documents sorted by path, findings by position, keys
in a fixed order, no timestamps, paths relative to the current folder.
"""

from __future__ import annotations

import json
from typing import Any

from kaplint import __version__
from kaplint.reporters import REPORT_SCHEMA_VERSION, Report


def report_data(report: Report) -> dict[str, Any]:
    counts = report.counts()
    data: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "kaplint", "version": __version__},
        "summary": {
            "files": len(report.documents),
            "files_with_findings": sum(1 for document in report.documents if document.findings),
            "findings": sum(counts.values()),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "suggestions": counts["suggestion"],
            "fail_on": str(report.fail_on),
            "failed": report.failed(),
        },
        "documents": [
            {
                "path": document.path,
                "format": document.format,
                "profile": document.profile,
                "metrics": document.metrics,
                "findings": [finding.to_dict() for finding in document.findings],
            }
            for document in report.documents
        ],
    }
    if report.baseline is not None:
        data["summary"]["baseline"] = {
            "path": report.baseline.path,
            "matched": report.baseline.matched,
            "stale": report.baseline.stale,
            "stale_entries": report.baseline.stale_entries,
        }
    return data


def render(report: Report) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"

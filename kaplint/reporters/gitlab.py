"""GitLab Code Quality JSON: findings in the merge request widget and the diff.

GitLab compares the report of a merge request with the target branch's by
``fingerprint``, so the fingerprint must not change when unrelated lines move:
it hashes the file, rule and the finding's text fingerprint
(:mod:`kaplint.fingerprint`), plus a counter for repeats of the same finding.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from kaplint.fingerprint import fingerprint
from kaplint.reporters import Report

# Code Quality severities are info, minor, major, critical and blocker.
SEVERITIES = {"error": "major", "warning": "minor", "suggestion": "info"}


def issues(report: Report) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    result = []
    for document in report.documents:
        for finding in document.findings:
            basis = f"{finding.path}\0{finding.rule}\0{fingerprint(finding, document.source)}"
            seen[basis] += 1
            digest = hashlib.sha256(f"{basis}\0{seen[basis]}".encode()).hexdigest()
            description = f"{finding.rule} {finding.name}: {finding.message}"
            if finding.suggestions:
                description += " Suggestion: " + "; ".join(finding.suggestions)
            result.append(
                {
                    "type": "issue",
                    "description": description,
                    "check_name": f"kaplint/{finding.name}",
                    "fingerprint": digest[:32],
                    "severity": SEVERITIES[str(finding.severity)],
                    "categories": ["Clarity" if finding.category in ("readability", "language") else "Bug Risk"],
                    "location": {"path": finding.path, "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)}},
                }
            )
    return result


def render(report: Report) -> str:
    return json.dumps(issues(report), indent=2, ensure_ascii=False) + "\n"

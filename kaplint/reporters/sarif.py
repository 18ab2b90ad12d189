"""SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.

Columns are Unicode code points (``columnKind``), regions are 1-based with an
exclusive end column, artifact URIs are relative to ``%SRCROOT%``, and each
rule carries its documentation as help text.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kaplint import __version__
from kaplint.reporters import Report

_LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    help_text = f"{rule.docs.what}\n\nWhy: {rule.docs.why}\n\nSources: {'; '.join(rule.docs.sources)}"
    if rule.docs.better:
        help_text += f"\n\nBetter: {rule.docs.better}"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.docs.what.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.docs.what},
        "help": {"text": help_text, "markdown": help_text.replace("\n\nWhy:", "\n\n**Why:**")},
        "defaultConfiguration": {"level": _LEVELS[str(rule.severity)], "enabled": rule.enabled},
        "properties": {"category": rule.category, "kind": rule.kind, "tags": [rule.category, "kaplint"]},
    }
    if rule.docs.url:
        descriptor["helpUri"] = rule.docs.url
    return descriptor


def render(report: Report) -> str:
    used = sorted({finding.rule for finding in report.findings})
    rules_by_id = {rule.id: rule for rule in report.rules}
    descriptors = [_rule_descriptor(rules_by_id[rule_id]) for rule_id in used if rule_id in rules_by_id]
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    results = []
    for finding in report.findings:
        region: dict[str, Any] = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": max(finding.end_column, finding.column + (1 if finding.end_line == finding.line else 0)),
            "charOffset": finding.offset,
            "charLength": max(finding.end_offset - finding.offset, 0),
        }
        if finding.match:
            region["snippet"] = {"text": finding.match}
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _LEVELS[str(finding.severity)],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {
                "kaplintFinding/v1": hashlib.sha256(
                    f"{finding.path}\0{finding.rule}\0{finding.match}\0{finding.message}".encode()
                ).hexdigest()[:32]
            },
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        if finding.element:
            result["properties"] = {"element": finding.element}
        if finding.fix is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"Replace with {finding.fix.replacement!r}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "charOffset": finding.fix.offset,
                                        "charLength": finding.fix.end_offset - finding.fix.offset,
                                    },
                                    "insertedContent": {"text": finding.fix.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kaplint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"

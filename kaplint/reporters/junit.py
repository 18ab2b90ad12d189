"""JUnit XML: one test case per document, for CI systems that show test results (GitLab, Jenkins, Azure).

A document fails when it has a finding at or above the fail level; the failure
lists every finding of the document. Findings below the fail level go to the
test case's ``system-out`` so they are visible without failing the build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kaplint.finding import Finding
from kaplint.reporters import Report


def _line(finding: Finding) -> str:
    text = f"{finding.path}:{finding.line}:{finding.column} {finding.rule} {finding.name} {finding.severity}: {finding.message}"
    if finding.suggestions:
        text += "\n    suggestion: " + "; ".join(finding.suggestions)
    return text


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters, which a broken input file may contain."""
    return "".join(char if char in "\t\n\r" or ord(char) >= 0x20 else "\ufffd" for char in text)


def render(report: Report) -> str:
    failures = 0
    suite = ET.Element("testsuite", name="kaplint", tests=str(len(report.documents)))
    for document in report.documents:
        case = ET.SubElement(suite, "testcase", name=document.path, classname=f"kaplint.{document.profile}", file=document.path)
        failing = [finding for finding in document.findings if finding.severity >= report.fail_on]
        if failing:
            failures += 1
            first = failing[0]
            plural = "s" if len(failing) != 1 else ""
            failure = ET.SubElement(
                case,
                "failure",
                message=_clean(f"{len(failing)} finding{plural} at or above {report.fail_on}; first: {first.rule} {first.name}: {first.message}"),
                type=first.rule,
            )
            failure.text = _clean("\n".join(_line(finding) for finding in document.findings))
        elif document.findings:
            ET.SubElement(case, "system-out").text = _clean("\n".join(_line(finding) for finding in document.findings))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name="kaplint", tests=str(len(report.documents)), failures=str(failures), errors="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

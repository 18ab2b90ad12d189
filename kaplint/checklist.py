"""The disclosure checklist of one document: every checked element and its status.

Reports show it (``metrics.disclosures`` in JSON, one compact line in text)
so a writer sees at a glance what the document covers, where, and what it
still needs, not only the findings for what is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kaplint.text.evidence import Evidence
from kaplint.kinds.disclosure import GATE_TOPIC, evaluate, topic_use

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document
    from kaplint.finding import Severity
    from kaplint.rulepacks import Rule

STATUSES = ("present", "missing", "not-applicable")


def disclosure_checklist(
    document: "Document",
    rules: list["Rule"],
    profile: str,
    severity: dict[str, "Severity"],
    suppressed: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """The checklist for the disclosure rules that run on ``document``, or None if none is checked.

    ``suppressed`` holds the codes of rules whose finding an inline comment or front
    matter suppressed: those elements stay ``missing`` but are marked as suppressed.
    """
    rules = [rule for rule in rules if rule.kind == "disclosure"]
    if not rules:
        return None
    gates = {id(gate): gate for rule in rules if (gate := rule.compiled.vocabulary.topics.get(GATE_TOPIC)) is not None}
    about = not gates or any(topic_use(document, gate) is not None for gate in gates.values())
    elements: list[dict[str, Any]] = []
    for rule in rules:
        status = evaluate(rule.compiled, document, profile)
        if status.level == "off":
            continue
        level = severity.get(rule.id)
        elements.append(
            {
                "element": status.element,
                "rule": rule.id,
                "name": rule.name,
                "level": str(level) if level is not None else status.level,
                "status": status.status,
                "suppressed": rule.id in suppressed,
                "evidence": _location(document, status.evidence),
                "trigger": _location(document, status.trigger),
            }
        )
    if not elements:
        return None  # the profile expects no element (transactional): no checklist to show
    counts = {name: sum(1 for item in elements if item["status"] == name) for name in STATUSES}
    return {"profile": profile, "about_ketamine": about, "counts": counts, "elements": elements}


def _location(document: "Document", evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    block = document.blocks[evidence.block_index]
    start, end = block.source_span(evidence.start, evidence.end)
    line, column = document.lines.position(start)
    end_line, end_column = document.lines.position(end)
    return {
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": block.text[evidence.start : evidence.end],
    }

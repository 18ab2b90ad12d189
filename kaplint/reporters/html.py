"""A self-contained HTML report for writers and reviewers, who would rather look than read a log.

One file, no external resources: the styles, the chart (inline SVG) and a few
lines of script are inside it, so it opens from disk, from a CI artifact or an
email attachment. Per document it shows a scorecard (SMOG grade against the
profile's target, a per-section grade chart, the disclosure checklist, benefit
and risk statement counts), the findings, and the document's text with every
finding highlighted where it is; a highlight shows its message, rule and
suggestion on hover and on keyboard focus. Checkboxes filter by severity and
category; without script the page is complete and simply unfiltered.

Everything from a document is escaped: its text may itself contain HTML.
Output is deterministic (no timestamps, stable ids), like every kaplint format.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import pairwise
from typing import Any

from kaplint import __version__
from kaplint.engine import DocumentResult
from kaplint.finding import CATEGORIES, SEVERITY_NAMES, Finding
from kaplint.fingerprint import source_span
from kaplint.reporters import Report
from kaplint.reporters.html_assets import SCRIPT, STYLE
from kaplint.reporters.scorecard import (
    SMOG_NOTE,
    GradeTarget,
    disclosure_counts,
    grade_target,
    plain_title,
    section_min_words,
    smog,
    verdict,
)

_STATUS_LABELS = {"present": "Present", "missing": "Missing", "not-applicable": "Not applicable"}
_STATUS_ICONS = {"present": "\u2713", "missing": "\u2717", "not-applicable": "\u2013"}


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _classes(finding: Finding) -> str:
    return f"sev-{finding.severity} cat-{finding.category}"


# Highlighting ------------------------------------------------------------------------
def highlighted_source(source: str, findings: list[tuple[str, Finding]]) -> str:
    """``source`` escaped, with each finding's span wrapped in ``<mark>`` elements.

    Findings may overlap or cross (a claim inside a long sentence). At every
    boundary the open highlights are closed and the ones still covering the next
    piece reopened, so the markup nests correctly; only a finding's first piece is
    focusable and carries its tooltip, later pieces share its classes.
    """
    spans = []
    for anchor, finding in findings:
        start, end = source_span(source, finding)
        if end > start:
            spans.append((start, end, anchor, finding))
    boundaries = sorted({0, len(source)} | {start for start, _, _, _ in spans} | {end for _, end, _, _ in spans})
    # Longer spans outside shorter ones, so nesting follows containment where it can.
    spans.sort(key=lambda span: (span[0], -span[1], span[2]))
    started: set[str] = set()
    out: list[str] = []
    active: list[tuple[int, int, str, Finding]] = []  # spans covering the current piece, outermost first
    upcoming = 0
    for piece_start, piece_end in pairwise(boundaries):
        active = [span for span in active if span[1] > piece_start]
        while upcoming < len(spans) and spans[upcoming][0] <= piece_start:
            active.append(spans[upcoming])
            upcoming += 1
        text = escape(source[piece_start:piece_end], quote=False)
        for start, _end, anchor, finding in reversed(active):
            if anchor not in started and start == piece_start:
                started.add(anchor)
                text = (
                    f'<mark class="hl first {_classes(finding)}" id="{anchor}" tabindex="0" '
                    f'aria-describedby="{anchor}-tip" data-finding="{anchor}">{text}'
                    f'<span class="tip" role="tooltip" id="{anchor}-tip">{_tip(finding)}</span></mark>'
                )
            else:
                text = f'<mark class="hl {_classes(finding)}" data-finding="{anchor}">{text}</mark>'
        out.append(text)
    return "".join(out)


def _tip(finding: Finding) -> str:
    parts = [
        (
            f'<span class="badge sev-{finding.severity}">{finding.severity}</span> '
            f"<b>{escape(finding.rule)} {escape(finding.name)}</b> "
            f'<span class="where">line {finding.line}, column {finding.column} \u00b7 {escape(finding.category)}</span>'
        ),
        f'<span class="msg">{escape(finding.message)}</span>',
    ]
    if finding.suggestions:
        parts.append(f'<span class="sugg">Suggestion: {escape("; ".join(finding.suggestions))}</span>')
    return "".join(f'<span class="row">{part}</span>' for part in parts)


# Scorecard ---------------------------------------------------------------------------
def grade_card(document: DocumentResult, target: GradeTarget | None) -> str:
    readability = document.metrics.get("readability") or {}
    grade = smog(document.metrics)
    status = target.status(grade) if target else ("none" if grade is None else "ok")
    value = "\u2013" if grade is None else f"{grade:.1f}"
    target_text = f"target: grade {target.warning:g} or lower" if target else "no target for this profile"
    verdict = {"ok": "on target", "warning": "above target", "error": "far above target", "none": "not graded"}[status]
    extra = []
    if readability.get("flesch_kincaid") is not None:
        extra.append(f"Flesch-Kincaid {readability['flesch_kincaid']:.1f}")
    if readability.get("flesch_reading_ease") is not None:
        extra.append(f"Reading Ease {readability['flesch_reading_ease']:.0f}")
    if readability.get("words"):
        extra.append(f"{readability['words']} words, {readability['sentences']} sentences")
    if readability.get("confidence") == "low":
        extra.append("low confidence (under 30 sentences)")
    return (
        f'<div class="card grade st-{status}"><h4>Reading grade (SMOG)</h4>'
        f'<p class="big"><span class="value">{value}</span> <span class="verdict">{verdict}</span></p>'
        f'<p class="target">{target_text}</p><p class="small">{escape("; ".join(extra))}</p>'
        f'<p class="small note">{escape(SMOG_NOTE)}</p></div>'
    )


def section_chart(document: DocumentResult, target: GradeTarget | None, chart_id: str, min_words: int = 100) -> str:
    """A horizontal bar per section: its SMOG grade, coloured against the target, with the target drawn as a line.

    Sections under ``min_words`` words get no grade finding (a grade from a few sentences says
    little), so their bars are drawn grey and labelled as not judged rather than painted red."""
    sections = (document.metrics.get("readability") or {}).get("sections") or []
    if not sections:
        return '<div class="card chart"><h4>Grade per section</h4><p class="small">No sections with prose.</p></div>'
    grades = [section.get("smog") for section in sections]
    top = max([18.0] + [float(grade) for grade in grades if grade is not None] + ([target.error or 0.0] if target else []))
    label_width, bar_width, row, pad = 230, 330, 26, 30
    width = label_width + bar_width + 60
    height = pad + row * len(sections) + 10

    def x(grade: float) -> float:
        return label_width + bar_width * grade / top

    rows = []
    description = []
    for index, section in enumerate(sections):
        y = pad + index * row
        heading = section.get("heading") or "(before the first heading)"
        short = heading if len(heading) <= 32 else heading[:31] + "\u2026"
        grade = section.get("smog")
        rows.append(f'<text class="label" x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(short)}<title>{escape(heading)}</title></text>')
        if grade is None:
            rows.append(f'<text class="none" x="{label_width + 4}" y="{y + 17}">no grade (no scored prose)</text>')
            description.append(f"{heading}: no grade")
            continue
        short_section = int(section.get("words") or 0) < min_words
        status = "unjudged" if short_section else (target.status(float(grade)) if target else "ok")
        rows.append(
            f'<rect class="bar st-{status}" x="{label_width}" y="{y + 4}" width="{x(float(grade)) - label_width:.1f}" height="{row - 8}" rx="3">'
            f"<title>{escape(heading)}: grade {grade:.1f}</title></rect>"
        )
        note = " (short)" if short_section else ""
        rows.append(f'<text class="value" x="{x(float(grade)) + 6:.1f}" y="{y + 17}">{grade:.1f}{note}</text>')
        description.append(f"{heading}: grade {grade:.1f}{f' (under {min_words} words, not judged)' if short_section else ''}")
    lines = []
    if target:
        for level, value in (("warning", target.warning), ("error", target.error)):
            if value is None:
                continue
            lines.append(
                f'<line class="target {level}" x1="{x(value):.1f}" x2="{x(value):.1f}" y1="{pad - 6}" y2="{height - 6}"/>'
                f'<text class="target-label" x="{x(value) + (-4 if level == "warning" else 4):.1f}" y="{pad - 10}" '
                f'text-anchor="{"end" if level == "warning" else "start"}">{"target" if level == "warning" else "error above"} {value:g}</text>'
            )
    return (
        '<div class="card chart"><h4>Grade per section</h4>'
        f'<svg class="grade-chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet"><title id="{chart_id}-t">SMOG grade per section</title>'
        f'<desc id="{chart_id}-d">{escape("; ".join(description))}</desc>'
        + "".join(lines)  # under the bars and labels, so a label is never crossed out by a line
        + "".join(rows)
        + "</svg>"
        + (
            f'<p class="small">Grey bars: sections under {min_words} words, shown but not judged (a grade from a few sentences says little).</p>'
            if any(int(section.get("words") or 0) < min_words and section.get("smog") is not None for section in sections)
            else ""
        )
        + "</div>"
    )


def checklist_card(document: DocumentResult) -> str:
    checklist = document.metrics.get("disclosures")
    if not checklist:
        return '<div class="card checklist"><h4>Disclosures</h4><p class="small">No disclosure rules ran.</p></div>'
    if not checklist.get("about_ketamine"):
        return (
            '<div class="card checklist"><h4>Disclosures</h4><p class="small">Not checked: the text never mentions '
            "ketamine, esketamine or KAP.</p></div>"
        )
    counts = disclosure_counts(document.metrics) or (0, 0, 0)

    def item(element: dict[str, Any]) -> str:
        status = element["status"]
        if status == "missing" and element.get("suppressed"):
            note = "suppressed"
        elif status == "missing":
            note = element["level"]
        else:
            note = ""
        where = element.get("evidence") if status == "present" else element.get("trigger")
        location = f' <span class="small">line {where["line"]}</span>' if where else ""
        title = f' title="{_attr(where["text"])}"' if where and where.get("text") else ""
        return (
            f'<li class="st-{status}"{title}><span class="icon" aria-hidden="true">{_STATUS_ICONS[status]}</span>'
            f'<span class="visually-hidden">{_STATUS_LABELS[status]}: </span>{escape(element["element"])}'
            + (f' <span class="level lv-{escape(note)}">{escape(note)}</span>' if note else "")
            + location
            + "</li>"
        )

    elements = checklist["elements"]
    missing = [item(element) for element in elements if element["status"] == "missing"]
    present = [item(element) for element in elements if element["status"] == "present"]
    not_applicable = [item(element) for element in elements if element["status"] == "not-applicable"]
    parts = [f'<div class="card checklist"><h4>Disclosures: {counts[0]} of {counts[0] + counts[1]} present</h4>']
    if missing:
        parts.append(f'<p class="small">Missing</p><ul class="elements">{"".join(missing)}</ul>')
    if present:
        parts.append(f'<p class="small">Present</p><ul class="elements">{"".join(present)}</ul>')
    if not_applicable:
        parts.append(f'<details><summary>{len(not_applicable)} not applicable</summary><ul class="elements">{"".join(not_applicable)}</ul></details>')
    parts.append("</div>")
    return "".join(parts)


def balance_card(document: DocumentResult) -> str:
    balance = document.metrics.get("balance")
    if not balance:
        return '<div class="card balance"><h4>Benefits and risks</h4><p class="small">The fair-balance rule did not run.</p></div>'
    benefits, risks = int(balance.get("benefits", 0)), int(balance.get("risks", 0))
    biggest = max(benefits, risks, 1)
    if benefits == 0:
        verdict = "no benefit statements"
    elif risks == 0:
        verdict = "benefits with no risk statement"
    elif risks * 3 < benefits:
        verdict = "fewer than one risk per three benefits"
    else:
        verdict = "balanced"
    state = "ok" if verdict in ("balanced", "no benefit statements") else ("error" if risks == 0 else "warning")
    return (
        f'<div class="card balance st-{state}"><h4>Benefits and risks</h4>'
        f'<div class="meter"><span class="name">Benefits</span><span class="track"><span class="fill benefit" style="width:{100 * benefits / biggest:.0f}%"></span></span><span class="count">{benefits}</span></div>'
        f'<div class="meter"><span class="name">Risks</span><span class="track"><span class="fill risk" style="width:{100 * risks / biggest:.0f}%"></span></span><span class="count">{risks}</span></div>'
        f'<p class="small">{verdict}</p></div>'
    )


# Page --------------------------------------------------------------------------------
# Finding groups, in the order a writer works through them.
_GROUPS = (
    ("missing", "Missing information", "What the text must add; each item has text you can copy."),
    ("wording", "Wording to change", "Claims, facts, names and wording to rewrite."),
    ("readability", "Readability", "Grade, sentence length and plain words."),
)


def finding_group(finding: Finding) -> str:
    """``missing`` (disclosures), ``readability`` or ``wording`` (everything else)."""
    if finding.reports_missing_information:
        return "missing"
    return "readability" if finding.category == "readability" else "wording"


def _explanation(rule: Any) -> str:
    """Why the rule matters, a better wording and its sources, folded under the finding."""
    if rule is None:
        return ""
    parts = [f"<p><b>Why it matters.</b> {escape(' '.join(rule.docs.why.split()))}</p>"] if rule.docs.why else []
    if rule.docs.better and rule.kind != "disclosure":
        parts.append(f"<p><b>A better way to say it.</b> {escape(' '.join(rule.docs.better.split()))}</p>")
    if rule.docs.sources:
        parts.append('<p class="sources"><b>Sources.</b> ' + "; ".join(escape(source) for source in rule.docs.sources) + "</p>")
    if not parts:
        return ""
    return f'<details class="explain"><summary>Why it matters{" and a better way to say it" if rule.docs.better and rule.kind != "disclosure" else ""}</summary>{"".join(parts)}</details>'


def _finding_item(anchor: str, finding: Finding, highlighted: bool, rule: Any = None) -> str:
    location = f"line {finding.line}"
    link = f'<a href="#{anchor}" class="jump" data-target="{anchor}">{location}</a>' if highlighted else f'<span class="jump">{location}</span>'
    missing = finding.reports_missing_information
    suggestion = f'<div class="sugg">Suggestion: {escape("; ".join(finding.suggestions))}</div>' if finding.suggestions and not missing else ""
    match = f' <q class="match">{escape(finding.match)}</q>' if finding.match and len(finding.match) <= 80 and not missing else ""
    add = ""
    if missing and rule is not None and rule.docs.better:
        add = f'<div class="add"><span class="small">Text to add:</span><blockquote class="copy">{escape(" ".join(rule.docs.better.split()))}</blockquote></div>'
    return (
        f'<li class="item {_classes(finding)}"><span class="badge sev-{finding.severity}">{finding.severity}</span> '
        f'<b class="title">{escape(plain_title(finding.name))}</b>{match} {link} '
        f'<code class="code">{escape(finding.rule)} {escape(finding.name)}</code>'
        f'<div class="msg">{escape(finding.message)}</div>{suggestion}{add}{_explanation(rule)}</li>'
    )


def _findings_groups(anchors: list[tuple[str, Finding]], highlighted: set[str], rules: dict[str, Any]) -> str:
    """The findings in groups (missing information, wording, readability), by severity within each."""
    parts = []
    for key, title, note in _GROUPS:
        members = [(anchor, finding) for anchor, finding in anchors if finding_group(finding) == key]
        if not members:
            continue
        members.sort(key=lambda item: (-int(item[1].severity), item[1].line, item[1].column))
        items = "".join(_finding_item(anchor, finding, anchor in highlighted, rules.get(finding.rule)) for anchor, finding in members)
        parts.append(
            f'<div class="group group-{key}"><h4>{escape(title)} <span class="count">({len(members)})</span></h4>'
            f'<p class="small">{escape(note)}</p><ol class="findings">{items}</ol></div>'
        )
    return "".join(parts)


def document_section(index: int, document: DocumentResult, report: Report) -> str:
    anchors = [(f"d{index}-f{number}", finding) for number, finding in enumerate(document.findings, 1)]
    source = document.source
    highlighted = {anchor for anchor, finding in anchors if source and source_span(source, finding)[1] > source_span(source, finding)[0]}
    target = grade_target(report.rules, document.profile)
    section_target = grade_target(report.rules, document.profile, "section-reading-grade") or target
    counts = Counter(str(finding.severity) for finding in document.findings)
    count_text = ", ".join(_plural(counts[name], name) for name in SEVERITY_NAMES if counts[name]) or "no findings"
    rules = {rule.id: rule for rule in report.rules}
    failing = any(finding.severity >= report.fail_on for finding in document.findings)
    parts = [
        f'<section class="document" id="doc-{index}" aria-labelledby="doc-{index}-h">',
        f'<h2 id="doc-{index}-h">{escape(document.path)}</h2>',
        f'<p class="doc-verdict verdict-{"failed" if failing else "passed"}">{escape(verdict(document.findings, report.fail_on))}</p>',
        f'<p class="meta">profile <b>{escape(document.profile)}</b> \u00b7 {escape(document.format)} \u00b7 {count_text}</p>',
    ]
    if document.metrics.get("readability") or document.metrics.get("disclosures") or document.metrics.get("balance"):
        parts.append('<h3>Scorecard</h3><div class="scorecard">')
        chart = section_chart(document, section_target, f"chart-{index}", section_min_words(report.rules))
        parts += [grade_card(document, target), chart, balance_card(document), checklist_card(document)]
        parts.append("</div>")
    if anchors:
        parts.append(f"<h3>Findings</h3>{_findings_groups(anchors, highlighted, rules)}")
    if source:
        parts.append(
            '<h3>Text</h3><p class="small">Highlights mark each finding; point at one or move to it with the Tab key to read it.</p>'
            f'<pre class="source">{highlighted_source(source, anchors)}</pre>'
        )
    parts.append("</section>")
    return "".join(parts)


def _filters(report: Report) -> str:
    findings = report.findings
    severities = Counter(str(finding.severity) for finding in findings)
    categories = Counter(finding.category for finding in findings)
    boxes = ['<form class="filters" id="filters" hidden aria-label="Filter findings"><fieldset><legend>Severity</legend>']
    for name in SEVERITY_NAMES:
        boxes.append(
            f'<label><input type="checkbox" name="filter" value="sev-{name}" checked> '
            f'<span class="badge sev-{name}">{name}</span> {severities.get(name, 0)}</label>'
        )
    boxes.append("</fieldset><fieldset><legend>Category</legend>")
    for name in CATEGORIES:
        if categories.get(name):
            boxes.append(f'<label><input type="checkbox" name="filter" value="cat-{name}" checked> {name} {categories[name]}</label>')
    boxes.append(f'</fieldset><p class="shown" aria-live="polite" id="shown">Showing all {len(findings)} findings.</p></form>')
    return "".join(boxes)


def _summary_table(report: Report) -> str:
    rows = []
    for index, document in enumerate(report.documents, 1):
        counts = Counter(str(finding.severity) for finding in document.findings)
        grade = smog(document.metrics)
        target = grade_target(report.rules, document.profile)
        status = target.status(grade) if target else "none"
        grade_text = "\u2013" if grade is None else f'<span class="pill st-{status}">{grade:.1f}</span>'
        disclosures = disclosure_counts(document.metrics)
        disclosure_text = "\u2013" if disclosures is None else f"{disclosures[0]} present, {disclosures[1]} missing"
        rows.append(
            f'<tr><th scope="row"><a href="#doc-{index}">{escape(document.path)}</a></th><td>{escape(document.profile)}</td>'
            + "".join(f'<td class="num">{counts[name] or ""}</td>' for name in SEVERITY_NAMES)
            + f'<td class="num">{grade_text}</td><td>{disclosure_text}</td></tr>'
        )
    return (
        '<table class="summary"><caption class="visually-hidden">Files</caption><thead><tr><th scope="col">File</th><th scope="col">Profile</th>'
        '<th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Suggestions</th>'
        '<th scope="col" class="num">SMOG</th><th scope="col">Disclosures</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def render(report: Report) -> str:
    counts = report.counts()
    total = sum(counts.values())
    files = len(report.documents)
    with_findings = sum(1 for document in report.documents if document.findings)
    if total:
        headline = (
            f"{_plural(total, 'finding')} ("
            + ", ".join(_plural(counts[name], name) for name in SEVERITY_NAMES if counts[name])
            + f") in {with_findings} of {_plural(files, 'file')}"
        )
    else:
        headline = f"No findings in {_plural(files, 'file')}"
    baseline = ""
    if report.baseline is not None:
        baseline = (
            f'<p class="meta">Baseline {escape(report.baseline.path)}: {report.baseline.matched} known findings not shown; '
            f"{report.baseline.stale} stale entries (fixed or reworded).</p>"
        )
    state = "failed" if report.failed() else "passed"
    in_words = verdict(report.findings, report.fail_on)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="kaplint {_attr(__version__)}"><title>kaplint report: {escape(headline)}</title>'
        f"<style>{STYLE}</style></head><body>"
        '<a class="skip" href="#main">Skip to the report</a>'
        f'<header><h1>kaplint report</h1><p class="headline verdict-{state}">{escape(in_words)}</p>'
        f'<p class="meta">{escape(headline)}; findings at {escape(str(report.fail_on))} level or above must be fixed.</p>'
        f"{baseline}</header>{_filters(report)}"
        f'<main id="main">{_summary_table(report)}'
        + "".join(document_section(index, document, report) for index, document in enumerate(report.documents, 1))
        + f'</main><footer><p class="small">kaplint {escape(__version__)}</p></footer><script>{SCRIPT}</script></body></html>\n'
    )

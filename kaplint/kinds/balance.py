"""The ``balance`` kind: fair balance between benefit and risk statements.

Every sentence is classified as a benefit statement (it claims an effect:
relief, improvement, response, healing, hope, speed), a risk statement (it
states a harm, side effect, limitation, contraindication or uncertainty), both
or neither; denied mentions ("no side effects") do not count. Then, per
document:

1. presence: benefit statements and no risk statement at all is an error
   (also for a section under a benefit heading, when the document has no
   section about risks);
2. ratio: fewer than one risk statement for every ``ratio`` benefit statements
   is a warning;
3. prominence: benefits in headings, lists or the first paragraph while every
   risk statement sits in the last part of the document, after a references or
   legal heading, or only in link text, is a warning.

The counts and locations become ``metrics.balance``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from kaplint.text.anchors import DocumentIndex, document_index, span_finditer
from kaplint.text.segmentation import Sentence, is_question, segment
from kaplint.text.document import Document
from kaplint.text.evidence import any_pattern, is_pointer, word_pattern
from kaplint.finding import Match, Severity
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, validate_params
from kaplint.kinds.recipes import check_names, vetoes
from kaplint.text.names import is_title_case
from kaplint.text.negation import is_denied
from kaplint.text.statements import Statement as StatementAnalysis, describe

_MIN_BLOCKS_FOR_PROMINENCE = 5  # a short text has no "end" to hide risks in (a link can still hide them)
_HEADING_LABEL_WORDS = 4


@dataclass(frozen=True)
class CompiledBalance:
    benefit: re.Pattern[str]
    risk: re.Pattern[str]
    harm: re.Pattern[str]
    possibility: re.Pattern[str]
    not_risk: re.Pattern[str]
    topic: re.Pattern[str] | None  # None: every document is judged
    benefit_heading: re.Pattern[str]
    risk_heading: re.Pattern[str]
    footer_heading: re.Pattern[str]
    ratio: float
    min_benefits: int
    tail_share: float
    benefit_cues: frozenset[str] = frozenset()
    risk_cues: frozenset[str] = frozenset()
    not_benefit: frozenset[str] = frozenset()
    not_risk_cues: frozenset[str] = frozenset()
    condition_lead: re.Pattern[str] | None = None  # ends a clause just before a harm's word that names a condition treated
    harm_lead: re.Pattern[str] | None = None  # in that clause, keeps it a harm the treatment causes
    condition: re.Pattern[str] | None = None  # names of conditions treated: a harm's word beside one, with no treatment, is the illness


@dataclass
class Statement:
    block_index: int
    start: int
    end: int
    text: str
    prominent: bool  # in a heading, list item or the first paragraph
    late: bool  # in the last part of the document or under a footer heading
    in_link_only: bool = False  # a pointer to risks elsewhere ("Read about the [risks](/safety)")


@dataclass
class BalanceAnalysis:
    benefits: list[Statement] = field(default_factory=list)
    risks: list[Statement] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    about_topic: bool = False


class BalanceKind(Kind):
    name = "balance"
    params = {
        "benefit": Param("regex-list", [], "words and phrases of benefit statements"),
        "risk": Param("regex-list", [], "phrases that state a risk or limitation by themselves ('side effects', 'not everyone responds')"),
        "harms": Param("regex-list", [], "harms that make a risk statement with a possibility cue ('may cause nausea')"),
        "not-risk": Param("regex-list", [], "sentences that mention risks without stating one (other drugs' side effects, minimizing)"),
        "possibility": Param("regex-list", [], "cues that a harm can happen: may, can, some people, common, risk of"),
        "topic": Param("regex-list", [], "the document must mention one of these to be judged"),
        "benefit-headings": Param("regex-list", [], "headings that present benefits"),
        "risk-headings": Param("regex-list", [], "headings that present risks"),
        "footer-headings": Param("regex-list", [], "headings of references, legal or small-print sections"),
        "ratio": Param("number", 3.0, "at most this many benefit statements per risk statement"),
        "min-benefits": Param("int", 2, "benefit statements a document needs before it is judged"),
        "tail-share": Param("number", 0.2, "the share of the document at its end that counts as 'at the end'"),
        "benefit-cues": Param("str-list", [], "statement cues that make a benefit statement (besides the 'benefit' phrases)"),
        "risk-cues": Param("str-list", [], "statement cues that make a risk statement (besides the 'risk' phrases)"),
        "not-benefit": Param("str-list", [], "statement cues or manners that keep a sentence from being a benefit statement"),
        "not-risk-cues": Param("str-list", [], "statement cues that keep a sentence from being a risk statement (minimizing: 'rare and mild')"),
        "condition-leads": Param("regex-list", [], "words a few words before a harm's word that make it a condition treated ('living with', 'such as')"),
        "harm-leads": Param("regex-list", [], "words in the same clause that keep it a harm the treatment causes ('can lead to', 'risk of')"),
        "conditions": Param(
            "regex-list", [], "conditions treated: a harm's word in a sentence naming one and not the treatment describes the illness"
        ),
    }

    def compile(self, params: dict[str, Any]) -> CompiledBalance:
        values = validate_params(self.params, params)
        for key in ("benefit", "risk"):
            if not values[key]:
                raise ParamError(key, f"a balance rule needs '{key}'")
        return CompiledBalance(
            benefit=word_pattern(values["benefit"]),
            risk=word_pattern(values["risk"]),
            harm=word_pattern(values["harms"]),
            possibility=word_pattern(values["possibility"]),
            not_risk=any_pattern(values["not-risk"]),
            topic=word_pattern(values["topic"]) if values["topic"] else None,
            benefit_heading=word_pattern(values["benefit-headings"]),
            risk_heading=word_pattern(values["risk-headings"]),
            footer_heading=word_pattern(values["footer-headings"]),
            ratio=values["ratio"],
            min_benefits=values["min-benefits"],
            tail_share=values["tail-share"],
            benefit_cues=frozenset(check_names(values["benefit-cues"], "benefit-cues")),
            risk_cues=frozenset(check_names(values["risk-cues"], "risk-cues")),
            not_benefit=frozenset(check_names(values["not-benefit"], "not-benefit")),
            not_risk_cues=frozenset(check_names(values["not-risk-cues"], "not-risk-cues")),
            condition_lead=_lead_pattern(values["condition-leads"]),
            harm_lead=word_pattern(values["harm-leads"]) if values["harm-leads"] else None,
            condition=word_pattern(values["conditions"]) if values["conditions"] else None,
        )

    def check(self, rule: Any, compiled: CompiledBalance, document: Document, context: CheckContext) -> Iterable[Match]:
        analysis = analyse_balance(compiled, document)
        if not analysis.about_topic or len(analysis.benefits) < compiled.min_benefits:
            return
        title = next((index for index, block in enumerate(document.blocks) if block.landmark != "navigation"), None)
        benefits, risks = len(analysis.benefits), len(analysis.risks)
        counts = f"{_count(benefits, 'benefit statement')}, {_count(risks, 'risk statement')}"
        if risks == 0:
            message = f"The text presents benefits but states no risk at all ({counts}); give risks comparable space."
            yield Match(0, 0, message, block_index=title, severity=Severity.ERROR)
            return
        has_risk_section = any(compiled.risk_heading.search(" ".join(block.section)) for block in document.blocks) or any(
            _asks_about_risk(section["heading"]) and section["risks"] > 0 for section in analysis.sections
        )
        if not has_risk_section:
            for section in analysis.sections:
                if section["benefit_heading"] and section["benefits"] >= compiled.min_benefits and section["risks"] == 0:
                    message = (
                        f"The section \"{section['heading']}\" presents {section['benefits']} benefit statements and no risk, "
                        "and the document has no section about risks."
                    )
                    yield Match(0, 0, message, block_index=section["block_index"], severity=Severity.ERROR)
        if risks * compiled.ratio < benefits:
            message = f"Risks get too little space: {counts} (aim for at least one risk for every {compiled.ratio:g} benefits)."
            yield Match(0, 0, message, block_index=title, severity=Severity.WARNING)
        prominent = any(statement.prominent for statement in analysis.benefits)
        risk_sentences = {(statement.block_index, statement.start) for statement in analysis.risks}
        benefit_blocks = {
            statement.block_index for statement in analysis.benefits if (statement.block_index, statement.start) not in risk_sentences
        }
        only_links = all(statement.in_link_only for statement in analysis.risks)
        hidden = only_links or (
            len(document.blocks) >= _MIN_BLOCKS_FOR_PROMINENCE
            and all(
                (statement.late or statement.in_link_only) and statement.block_index not in benefit_blocks
                for statement in analysis.risks
            )
        )
        if prominent and hidden:
            first = analysis.risks[0]
            block = document.blocks[first.block_index]
            line = document.lines.position(block.source_span(first.start, first.end)[0])[0]
            message = (
                "Benefits are prominent (headings, lists or the opening) while every risk statement is at the end, "
                f"in a footer or behind a link (the first is on line {line}); bring the risks up beside the benefits."
            )
            yield Match(0, 0, message, block_index=title, severity=Severity.WARNING)

    def metrics(self, rule: Any, compiled: CompiledBalance, document: Document, context: CheckContext) -> tuple[str, Any] | None:
        analysis = analyse_balance(compiled, document)

        def locate(statement: Statement) -> dict[str, Any]:
            block = document.blocks[statement.block_index]
            line, column = document.lines.position(block.source_span(statement.start, statement.end)[0])
            return {"line": line, "column": column, "text": statement.text}

        return "balance", {
            "benefits": len(analysis.benefits),
            "risks": len(analysis.risks),
            "benefit_statements": [locate(statement) for statement in analysis.benefits[:25]],
            "risk_statements": [locate(statement) for statement in analysis.risks[:25]],
            "sections": [{key: value for key, value in section.items() if key != "block_index"} for section in analysis.sections],
        }


# A question heading about safety or risk ("Is ketamine safe?", "What are the risks?") makes its
# section a risk section when the answer under it states risks.
_RISK_QUESTION = re.compile(r"\b(?:safe|safety|risks?|risky|side[\s-]effects?|dangerous|harm\w*|addictive|addiction|downsides?)\b", re.IGNORECASE)


def _asks_about_risk(heading: str | None) -> bool:
    return bool(heading) and is_question(heading or "") and bool(_RISK_QUESTION.search(heading or ""))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def analyse_balance(compiled: CompiledBalance, document: Document) -> BalanceAnalysis:
    """Benefit and risk statements of ``document`` (cached on the document)."""
    key = ("balance", id(compiled))
    if key not in document.memo:
        document.memo[key] = _analyse(compiled, document)
    return document.memo[key]


def _analyse(compiled: CompiledBalance, document: Document) -> BalanceAnalysis:
    analysis = BalanceAnalysis()
    blocks = document.blocks
    analysis.about_topic = compiled.topic is None or any(compiled.topic.search(block.text) for block in blocks)
    first_paragraph = next((index for index, block in enumerate(blocks) if block.kind == "paragraph"), None)
    tail_start = int(len(blocks) * (1 - compiled.tail_share))
    footer_from = next(
        (index for index, block in enumerate(blocks) if block.kind == "heading" and compiled.footer_heading.search(block.text)),
        len(blocks),
    )
    sections: dict[tuple[str, ...], dict[str, Any]] = {}
    described = describe(document) if compiled.benefit_cues or compiled.risk_cues or compiled.not_risk_cues or compiled.not_benefit else None
    index = document_index(document)
    for position, sentence in enumerate(segment(document).sentences):
        block = blocks[sentence.block_index]
        if block.landmark == "navigation":
            continue
        text = sentence.text
        asks = is_question(text)
        if block.kind == "heading" and len(text.split()) <= _HEADING_LABEL_WORDS:
            continue  # a label such as "Side effects" or "Benefits" is not a statement
        statement_of = described[position] if described is not None else None
        benefit = not asks and (
            _affirmed(compiled.benefit, sentence, index, statement_of)
            or (statement_of is not None and any(statement_of.shows(name) for name in compiled.benefit_cues))
        )
        if benefit and statement_of is not None and any(vetoes(statement_of, name) for name in compiled.not_benefit):
            benefit = False
        risk = not asks and (
            _affirmed(compiled.risk, sentence, index, statement_of)
            or (
                _affirmed(compiled.harm, sentence, index, statement_of, skip=lambda text, start: _named_as_condition(compiled, text, start))
                and bool(compiled.possibility.search(text))
                and not _describes_condition(compiled, text, statement_of)
            )
        )
        if risk and compiled.not_risk.search(text):
            risk = False
        if risk and block.kind == "heading" and is_title_case(text):
            risk = False  # "Benefits and Possible Risks" names a section; its sentences state the risks
        cued = not asks and described is not None and any(described[position].shows(name) for name in compiled.risk_cues)
        if not risk:
            risk = cued
        if risk and not cued and described is not None and any(described[position].shows(name) for name in compiled.not_risk_cues):
            # a minimizing statement is no risk statement ("side effects are rare and mild"), unless it
            # also says the harm can be serious ("uncommon, but they can be serious")
            risk = False
        pointer = risk and is_pointer(text, bool(block.links))
        if not (benefit or risk):
            continue
        statement = Statement(
            sentence.block_index,
            sentence.start,
            sentence.end,
            text,
            prominent=block.kind in ("heading", "list_item") or sentence.block_index == first_paragraph,
            late=sentence.block_index >= tail_start or sentence.block_index > footer_from or block.landmark == "footer",
            in_link_only=pointer,
        )
        top = block.section[:2]
        section = sections.setdefault(
            top,
            {
                "heading": top[-1] if top else None,
                "block_index": sentence.block_index,
                "benefit_heading": bool(top and compiled.benefit_heading.search(top[-1])),
                "benefits": 0,
                "risks": 0,
            },
        )
        if benefit:
            analysis.benefits.append(statement)
            section["benefits"] += 1
        if risk:
            analysis.risks.append(statement)
            section["risks"] += 1
    analysis.sections = list(sections.values())
    return analysis


def _affirmed(
    pattern: re.Pattern[str],
    sentence: Sentence,
    index: DocumentIndex | None,
    statement: StatementAnalysis | None = None,
    skip: Callable[[str, int], bool] | None = None,
) -> bool:
    """Whether ``pattern`` occurs in the sentence without being denied ("no side effects", "risk-free")
    and, when the sentence's statement is known, in a clause about this treatment: "most
    antidepressants come with unpleasant side effects" is no risk statement about ketamine.
    ``skip`` drops matches of another sense (a condition treated named by a harm's word). The
    document's ``index`` says where a match may start (kaplint.text.anchors)."""
    text = sentence.text
    return any(
        not is_denied(text, match.start(), match.end())
        and not (statement is not None and statement.about_other_treatment_at(statement.sentence.start + match.start()))
        and not (skip is not None and skip(text, match.start()))
        for match in span_finditer(index, pattern, sentence.block_index, sentence.start, text)
    )


def _lead_pattern(leads: list[str]) -> re.Pattern[str] | None:
    """One of ``leads`` followed by at most eight words (a list of conditions) up to the end of the text."""
    if not leads:
        return None
    return re.compile(r"\b(?:" + "|".join(f"(?:{lead})" for lead in leads) + r")\s+(?:[\w\u2019'-]+,?\s+){0,8}?$", re.IGNORECASE)


_CLAUSE_END = re.compile(r"[.;:!?]")


def _describes_condition(compiled: CompiledBalance, text: str, statement: StatementAnalysis | None) -> bool:
    """Whether the sentence speaks of a condition and not of the treatment, so its harm's words
    describe the illness ("migraine brings throbbing headaches", "depression can damage memory")."""
    if compiled.condition is None or statement is None or "treatment" in statement.about:
        return False
    return bool(compiled.condition.search(text))


def _named_as_condition(compiled: CompiledBalance, text: str, start: int) -> bool:
    """Whether the harm's word at ``start`` names a condition the treatment is offered for, not a
    harm it can cause ("ketamine can help people living with anxiety and addiction")."""
    if compiled.condition_lead is None:
        return False
    clause = _CLAUSE_END.split(text[max(0, start - 90) : start])[-1]
    return bool(compiled.condition_lead.search(clause)) and not (compiled.harm_lead is not None and compiled.harm_lead.search(clause))

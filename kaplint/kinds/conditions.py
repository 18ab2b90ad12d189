"""The ``condition-list`` kind: many conditions presented as established uses.

Clinic pages list conditions ketamine "treats" or "helps with" (anxiety, PTSD,
OCD, chronic pain, migraine, Lyme disease ...), though the evidence outside
depression is limited and every such use is off-label. A finding is raised for

- a sentence that names at least ``min-conditions`` conditions, at least
  ``min-other`` of them besides the primary one (depression), in a treatment
  context (a ``cues`` word in the sentence, or in the heading or lead-in above);
- a list whose lead-in (the sentence ending with a colon, or the section
  heading) is a treatment cue, once the list names ``min-other`` conditions
  besides depression: one finding for the list, at its first such item.

Sentences that qualify the list ("is being studied", "off-label", "evidence is
limited"), screening questions ("tell us if you have") and negated sentences
are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from kaplint.text.document import Document
from kaplint.text.evidence import any_pattern, word_pattern
from kaplint.finding import Match
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, validate_params
from kaplint.kinds.recipes import Recipe, compile_recipes, recipe_matches
from kaplint.text.statements import statement_of
from kaplint.text.negation import is_denied
from kaplint.text.anchors import document_index, span_finditer, span_search
from kaplint.text.quotes import is_discussed, quote_spans
from kaplint.text.segmentation import segment


@dataclass(frozen=True)
class CompiledConditionList:
    condition: re.Pattern[str]
    primary: re.Pattern[str]
    cues: re.Pattern[str]
    qualifiers: re.Pattern[str]
    established: re.Pattern[str]
    min_conditions: int
    min_other: int
    statements: tuple[Recipe, ...] = ()


class ConditionListKind(Kind):
    name = "condition-list"
    params = {
        "conditions": Param("regex-list", [], "names of conditions"),
        "primary": Param("regex-list", [], "the conditions the treatment is studied for most (not counted as 'other')"),
        "cues": Param("regex-list", [], "words that present the list as uses: treat, help with, conditions we treat"),
        "qualifiers": Param("regex-list", [], "a sentence containing one of these is not a finding"),
        "established": Param("regex-list", [], "a single condition presented as an established use ('a standard treatment for PTSD')"),
        "min-conditions": Param("int", 3, "conditions a sentence must name"),
        "min-other": Param("int", 2, "conditions besides the primary ones"),
        "statements": Param("list", [], "statement recipes for scope without a list (see kaplint.kinds.recipes)"),
    }

    def compile(self, params: dict[str, Any]) -> CompiledConditionList:
        values = validate_params(self.params, params)
        for key in ("conditions", "cues"):
            if not values[key]:
                raise ParamError(key, f"a condition-list rule needs '{key}'")
        return CompiledConditionList(
            condition=word_pattern(values["conditions"] + values["primary"]),
            primary=word_pattern(values["primary"]),
            cues=any_pattern(values["cues"]),
            qualifiers=any_pattern(values["qualifiers"]),
            established=any_pattern(values["established"]),
            min_conditions=values["min-conditions"],
            min_other=values["min-other"],
            statements=compile_recipes(values["statements"]),
        )

    def check(self, rule: Any, compiled: CompiledConditionList, document: Document, context: CheckContext) -> Iterable[Match]:
        if not compiled.statements:
            yield from self._lists(rule, compiled, document)
            return
        analysis = segment(document)
        covered: set[tuple[int, int]] = set()
        for match in self._lists(rule, compiled, document):
            sentence = analysis.sentence_at(match.block_index, match.start) if match.block_index is not None else None
            if sentence is not None:
                covered.add((sentence.block_index, sentence.start))
                statement = statement_of(document, sentence)
                if statement is not None and statement.about_other_treatment_at(match.start):
                    continue  # "SSRIs are given to veterans with PTSD for low mood, anxiety and insomnia"
                if statement is not None and "criticized" in statement.manner:
                    continue  # "Harbor Ketamine promised a cure for depression, PTSD and anxiety" in a news report
            yield match
        # a qualified sentence ("has drawn attention as a possible treatment for ... and other
        # conditions") is no finding whichever way the scope is stated
        for match in recipe_matches(rule, compiled.statements, document, covered):
            sentence = analysis.sentence_at(match.block_index, match.start) if match.block_index is not None else None
            if sentence is None or not compiled.qualifiers.search(sentence.text):
                yield match

    def _lists(self, rule: Any, compiled: CompiledConditionList, document: Document) -> Iterable[Match]:
        analysis = segment(document)
        index = document_index(document)  # where a pattern's match may start in a sentence (kaplint.text.anchors)
        reported: set[int] = set()
        lead_in = ""  # the last sentence ending with a colon, for the list items under it
        for sentence in analysis.sentences:
            block = document.blocks[sentence.block_index]
            text = sentence.text
            if block.kind != "list_item":
                lead_in = text if text.rstrip().endswith(":") else ""
            if span_search(index, compiled.qualifiers, sentence.block_index, sentence.start, text):
                continue
            if _quoted_to_question(text, analysis, sentence):
                continue
            claim = span_search(index, compiled.established, sentence.block_index, sentence.start, text)
            if claim and not is_denied(text, claim.start(), claim.end()):
                start, end = sentence.start + claim.start(), sentence.start + claim.end()
                yield Match(start, end, rule.message.replace("{match}", block.text[start:end]), block_index=sentence.block_index)
                reported.add(sentence.block_index)
                continue
            # the cue first: most sentences offer no treatment, and then their conditions do not matter
            context_text = " ".join((text, lead_in if block.kind == "list_item" else "", " ".join(block.section[-1:])))
            if not compiled.cues.search(context_text):
                continue
            found = [
                match
                for match in span_finditer(index, compiled.condition, sentence.block_index, sentence.start, text)
                if not is_denied(text, match.start(), match.end())
            ]
            others = [match for match in found if not compiled.primary.fullmatch(match.group())]
            if len(found) >= compiled.min_conditions and len(others) >= compiled.min_other:
                start = sentence.start + found[0].start()
                end = sentence.start + found[-1].end()
                yield Match(start, end, rule.message.replace("{match}", block.text[start:end]), block_index=sentence.block_index)
                reported.add(sentence.block_index)
            elif block.kind == "list_item" and others and sentence.block_index not in reported:
                listed = _listed_conditions(document, sentence.block_index, compiled)
                if len(listed) >= compiled.min_other:
                    # One finding for the whole list, at its first item naming another condition.
                    first, last = others[0], others[-1]
                    start, end = sentence.start + first.start(), sentence.start + last.end()
                    named = ", ".join(listed[:6]) + (f" and {len(listed) - 6} more" if len(listed) > 6 else "")
                    yield Match(start, end, rule.message.replace("{match}", named), block_index=sentence.block_index)
                    reported.update(_list_run(document, sentence.block_index))


def _quoted_to_question(text: str, analysis: Any, sentence: Any) -> bool:
    """A sentence that quotes a list in order to question it ("Some clinics list ... among the "conditions we treat".")."""
    quotes = quote_spans(text)
    if not quotes:
        return False
    following = analysis.sentence_after(sentence.block_index, sentence.end)
    outside = "".join(text[end:start] for (_, end), (start, _) in zip([(0, 0), *quotes], [*quotes, (len(text), 0)]))
    return is_discussed(outside, following.text if following else "")


def _list_run(document: Document, index: int) -> range:
    """The indexes of the run of list items around block ``index``."""
    start = index
    while start > 0 and document.blocks[start - 1].kind == "list_item":
        start -= 1
    end = index
    while end + 1 < len(document.blocks) and document.blocks[end + 1].kind == "list_item":
        end += 1
    return range(start, end + 1)


def _listed_conditions(document: Document, index: int, compiled: CompiledConditionList) -> list[str]:
    """The other (non-primary) conditions the list around block ``index`` names, in order, once each."""
    names: list[str] = []
    for position in _list_run(document, index):
        for match in compiled.condition.finditer(document.blocks[position].text):
            if not compiled.primary.fullmatch(match.group()) and match.group().lower() not in {name.lower() for name in names}:
                names.append(match.group())
    return names

"""Readability kinds: reading grade, sentence and paragraph length, passive voice.

They all read the shared :class:`kaplint.readability.ReadabilityAnalysis`, so
a document's words, sentences and syllables are counted once however many of
these rules run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from kaplint.text.segmentation import segment, word_count
from kaplint.text.document import Document
from kaplint.finding import Match, Severity
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, validate_params
from kaplint.profiles import PROFILES
from kaplint.readability import Counts, SentenceStats, readability

FORMULAS = ("smog", "flesch-kincaid")
_FORMULA_NAMES = {"smog": "SMOG grade", "flesch-kincaid": "Flesch-Kincaid grade"}


def _profile_thresholds(key: str, value: dict[str, Any]) -> dict[str, float]:
    unknown = set(value) - set(PROFILES)
    if unknown:
        raise ParamError(key, f"parameter {key!r} has unknown profiles {sorted(unknown)} (profiles: {', '.join(PROFILES)})")
    for profile, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise ParamError(key, f"parameter {key!r}: the threshold for {profile} must be a number")
    return {profile: float(number) for profile, number in value.items()}


@dataclass(frozen=True)
class GradeSettings:
    formula: str
    scope: str
    warning_above: dict[str, float]
    error_above: dict[str, float]
    min_words: int
    hardest: int


class GradeKind(Kind):
    """Reading grade of the whole document or of each section, against per-profile targets."""

    name = "grade"
    params = {
        "formula": Param("str", "smog", "smog or flesch-kincaid"),
        "scope": Param("str", "document", "document or section"),
        "warning-above": Param("mapping", {}, "profile: grade above which a warning is raised"),
        "error-above": Param("mapping", {}, "profile: grade above which an error is raised"),
        "min-words": Param("int", 100, "no finding for text (document or section) shorter than this"),
        "hardest": Param("int", 3, "how many of the hardest sentences the message names"),
    }

    def compile(self, params: dict[str, Any]) -> GradeSettings:
        values = validate_params(self.params, params)
        if values["formula"] not in FORMULAS:
            raise ParamError("formula", f"parameter 'formula' must be one of {', '.join(FORMULAS)}")
        if values["scope"] not in ("document", "section"):
            raise ParamError("scope", "parameter 'scope' must be document or section")
        return GradeSettings(
            formula=values["formula"],
            scope=values["scope"],
            warning_above=_profile_thresholds("warning-above", values["warning-above"]),
            error_above=_profile_thresholds("error-above", values["error-above"]),
            min_words=values["min-words"],
            hardest=values["hardest"],
        )

    def check(self, rule: Any, compiled: GradeSettings, document: Document, context: CheckContext) -> Iterable[Match]:
        analysis = readability(document)
        if compiled.scope == "document":
            if not document.blocks:
                return
            anchor = next((index for index, block in enumerate(document.blocks) if block.kind == "heading"), 0)
            match = self._judge(rule, compiled, context, analysis.counts, analysis.sentences, anchor, "This document", analysis)
            if match:
                yield match
            return
        sections = [section for section in analysis.sections if section.heading_block is not None]
        if len(analysis.sections) < 2:
            return  # one section: the document rule already says it all
        for section in sections:
            label = f'The section "{section.title}"'
            match = self._judge(
                rule, compiled, context, section.counts, list(section.sentences), section.heading_block, label, analysis
            )
            if match:
                yield match

    def _judge(
        self,
        rule: Any,
        compiled: GradeSettings,
        context: CheckContext,
        counts: Counts,
        sentences: list[SentenceStats],
        anchor_block: int | None,
        label: str,
        analysis: Any,
    ) -> Match | None:
        if counts.words < compiled.min_words or anchor_block is None:
            return None
        grade = counts.smog if compiled.formula == "smog" else counts.flesch_kincaid
        if grade is None:
            return None
        error_limit = compiled.error_above.get(context.profile)
        warning_limit = compiled.warning_above.get(context.profile)
        # An error needs the grade above both limits, so raising only the warning
        # target in configuration never turns a text into an error below it.
        if error_limit is not None and grade > error_limit and (warning_limit is None or grade > warning_limit):
            severity, target = Severity.ERROR, warning_limit if warning_limit is not None else error_limit
        elif warning_limit is not None and grade > warning_limit:
            severity, target = Severity.WARNING, warning_limit
        else:
            return None
        caveat = ""
        if counts.confidence == "low":
            # A grade from fewer than 30 sentences is an estimate: worth a warning, never an error.
            severity = Severity.WARNING
            caveat = f" (low confidence: only {counts.sentences} sentences)"
        hardest = []
        for stats in analysis.hardest(sentences, compiled.hardest):
            line, _ = analysis.sentence_position(stats)
            detail = f"{stats.words} words"
            if stats.long_words:
                detail += ", long words: " + ", ".join(dict.fromkeys(stats.long_words))
            hardest.append(f"line {line} ({detail})")
        message = (
            f"{label} reads at {_FORMULA_NAMES[compiled.formula]} {grade:.1f}{caveat}; the target for "
            f"{context.profile} materials is {target:g} or lower. "
            f"Average sentence: {counts.words / max(counts.sentences, 1):.0f} words. "
            f"Hardest sentences: {'; '.join(hardest)}."
        )
        heading = analysis.document.blocks[anchor_block]
        return Match(0, len(heading.text), message, anchor_block, severity=severity)


@dataclass(frozen=True)
class LengthSettings:
    unit: str
    max_words: int
    max_sentences: int
    blocks: frozenset[str]


class LengthKind(Kind):
    """Sentences or paragraphs that are too long."""

    name = "length"
    params = {
        "unit": Param("str", "sentence", "sentence or paragraph"),
        "max-words": Param("int", 25, "more words than this is too long"),
        "max-sentences": Param("int", 0, "paragraphs only: more sentences than this is too long (0: no limit)"),
        "blocks": Param("str-list", ["paragraph", "list_item", "blockquote", "table_cell"], "block kinds to check"),
    }

    def compile(self, params: dict[str, Any]) -> LengthSettings:
        values = validate_params(self.params, params)
        if values["unit"] not in ("sentence", "paragraph"):
            raise ParamError("unit", "parameter 'unit' must be sentence or paragraph")
        if values["max-words"] < 1:
            raise ParamError("max-words", "parameter 'max-words' must be at least 1")
        return LengthSettings(values["unit"], values["max-words"], values["max-sentences"], frozenset(values["blocks"]))

    def check(self, rule: Any, compiled: LengthSettings, document: Document, context: CheckContext) -> Iterable[Match]:
        analysis = segment(document)
        for index, block in enumerate(document.blocks):
            if block.kind not in compiled.blocks:
                continue
            sentences = analysis.by_block.get(index, [])
            if compiled.unit == "sentence":
                for sentence in sentences:
                    count = word_count(sentence.text)
                    if count > compiled.max_words:
                        message = rule.message.replace("{words}", str(count)).replace("{max}", str(compiled.max_words))
                        yield Match(sentence.start, sentence.end, message, index)
                continue
            count = word_count(block.text)
            too_many_sentences = compiled.max_sentences and len(sentences) > compiled.max_sentences
            if count > compiled.max_words or too_many_sentences:
                message = (
                    rule.message.replace("{words}", str(count))
                    .replace("{sentences}", str(len(sentences)))
                    .replace("{max}", str(compiled.max_words))
                    .replace("{max_sentences}", str(compiled.max_sentences))
                )
                first_end = sentences[0].end if sentences else len(block.text)
                yield Match(0, first_end, message, index)


# Past participles of irregular verbs common in health texts.
_IRREGULAR_PARTICIPLES = (
    "given|taken|done|made|seen|shown|known|told|found|kept|held|left|brought|bought|built|caught|chosen|"
    "driven|eaten|forgotten|gotten|hidden|hit|hurt|led|lost|meant|met|paid|put|read|run|said|sent|set|"
    "shut|spent|spoken|stolen|taught|thought|understood|woken|worn|written|withheld|undertaken|overseen|"
    "drawn|felt|heard|begun|broken|fed|bound|dealt|sold|won"
)
# Participles used as adjectives after "be" ("I am tired", "you are allowed").
_ADJECTIVAL = frozenset(
    """tired concerned interested worried scared supposed married located pleased excited depressed
    frightened dehydrated disoriented overwhelmed exhausted stressed upset ashamed embarrassed
    surprised confused bored relaxed prepared allowed required qualified licensed trained certified
    insured covered detailed limited advanced experienced based involved related designed done
    committed dedicated established known
    """.split()
)
# Words ending in "-ed" that are not participles ("is red", "the need").
_NOT_PARTICIPLES = frozenset({"need", "feed", "seed", "speed", "bed", "red", "shed", "bred", "wed"})
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being|isn['\u2019]t|aren['\u2019]t|wasn['\u2019]t|weren['\u2019]t)"
    r"\s+(?:(?:not|also|often|usually|always|never|only|then|typically|generally|closely|carefully|slowly)\s+)?"
    rf"((?:[a-z]+ed)|(?:{_IRREGULAR_PARTICIPLES}))\b",
    re.IGNORECASE,
)


class PassiveKind(Kind):
    """Passive voice ("you will be monitored"), reported once per sentence as a suggestion."""

    name = "passive"
    params = {
        "blocks": Param("str-list", ["paragraph", "list_item", "blockquote", "table_cell"], "block kinds to check"),
        "allowed": Param("str-list", [], "participles never reported (besides the built-in adjective-like ones)"),
    }

    def compile(self, params: dict[str, Any]) -> dict[str, Any]:
        values = validate_params(self.params, params)
        values["allowed"] = frozenset(word.lower() for word in values["allowed"]) | _ADJECTIVAL
        values["blocks"] = frozenset(values["blocks"])
        return values

    def check(self, rule: Any, compiled: dict[str, Any], document: Document, context: CheckContext) -> Iterable[Match]:
        analysis = segment(document)
        for index, block in enumerate(document.blocks):
            if block.kind not in compiled["blocks"]:
                continue
            for sentence in analysis.by_block.get(index, []):
                for found in _PASSIVE.finditer(sentence.text):
                    participle = found.group(1).lower()
                    if participle in compiled["allowed"] or participle in _NOT_PARTICIPLES:
                        continue
                    start = sentence.start + found.start()
                    message = rule.message.replace("{match}", found.group())
                    yield Match(start, sentence.start + found.end(), message, index)
                    break

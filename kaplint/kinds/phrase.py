"""The ``phrase`` kind: words and patterns in context.

A phrase rule lists literal ``terms`` (matched on word boundaries, in any
case, with flexible spaces and hyphens and, unless turned off, the usual
English inflections of each word) and regular-expression ``patterns``. A
match is dropped when

- an ``exceptions`` pattern overlaps it in the same sentence, or a
  ``sentence-exceptions`` pattern occurs anywhere in that sentence, or none of
  the ``sentence-requires`` patterns does (what a fact rule's sentence must be
  about: "for an hour" is only wrong about Spravato),
- it is negated earlier in its clause ("ketamine is not a cure",
  "no treatment is completely safe"), unless ``skip-negated`` is false,
- it is hedged ("some people may feel relief within hours") and the rule
  sets ``skip-hedged``,
- its sentence is a question and ``skip-questions`` is true (the default),
- its block (paragraph, list item) contains a ``block-exceptions`` pattern,
  such as a citation that backs the claim,
- it lies in a quotation that the text reports or questions ("Some websites
  call ketamine "100% safe". That is not true."), unless ``skip-discussed-quotes``
  is false,
- it is one of the project's accepted terms.

``question-answers`` catch claims made by answering a question ("Is it safe?
Absolutely!", "Is ketamine addictive? No."): a question matching ``question``
followed by a sentence (in the same block or the next) that starts with
``answer``; the finding points at the answer.

Rhetorical questions ("Why settle for pills when ketamine works better?") are
claims too: ``skip-questions`` only skips questions that ask.

A match inside a quotation or a blockquote that is kept gets ``quote-note``
added to its message: a publisher is responsible for the claims it quotes.

A ``replacement`` becomes a suggestion (``{lower}`` in it stands for the match
in lower case), and a fix when ``fix`` is ``safe`` or
``unsafe``. Only ``safe`` fixes may ever be applied without a writer's review.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Iterable

from kaplint.text import compiled_later
from kaplint.text.segmentation import asked_from, is_question, segment
from kaplint.text.document import BLOCK_KINDS, Document
from kaplint.finding import Match
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, validate_params
from kaplint.kinds.recipes import Recipe, check_names, compile_recipes, recipe_matches, vetoes
from kaplint.text.statements import statement_of
from kaplint.text.anchors import BlockSearch, DocumentIndex, document_index, span_finditer, span_search
from kaplint.text.evidence import any_pattern
from kaplint.text.names import inside_name, is_title_case, name_spans
from kaplint.text.negation import is_negated
from kaplint.text.memo import BlockMemo
from kaplint.text.prefilter import LiteralIndex, Needs, combined, literal_index, needs, required_runs
from kaplint.text.quotes import enclosing_quote, is_credited_blockquote, is_discussed, is_testimony, quote_spans

_hedge = compiled_later(
    r"\b(?:may|might|could|some|sometimes|possibly|potentially|perhaps|in\s+some\s+cases|for\s+some|"
    r"can\s+sometimes|it\s+is\s+possible|(?:thought|believed|hypothesi[sz]ed|theori[sz]ed)\s+to|(?:is|are)\s+believed|"
    r"(?:one|another|the\s+leading|the\s+main)\s+(?:theory|hypothesis)|theor(?:y|ies)\s+(?:says?|suggests?|holds?))\b",
    re.IGNORECASE,
)
# Where a clause ends, looking back from a match.
# A comma continues a list ("no nausea, headache or dizziness" stays denied) unless the next
# member brings its own quantifier ("No side effects, zero downtime": "zero downtime" is not denied).
_CLAUSE_BREAK = re.compile(
    r"[;:\u2014()]|\s[\u2013-]\s|\s-{2,}\s|,\s*(?:so|and|which)\b|,\s*(?=(?:zero|no|none|every|all|only|just)\b)"
    r"|\b(?:but|however|although|though|yet|whereas|while)\b",
    re.IGNORECASE,
)
_OWN_QUANTIFIER = re.compile(r"(?:zero|no|none|every|all|only|just)\b", re.IGNORECASE)
_NEGATION_WINDOW_WORDS = 6
_LOOKBACK_CHARACTERS = 400  # twice the longest window of words a clause is read back

_WORD_GAP = r"(?:\s+|\s*[-\u2010\u2011\u2013]\s*)"
_HYPHEN_GAP = r"(?:\s*[-\u2010\u2011\u2013]\s*|\s+|)"


@dataclass(frozen=True)
class CompiledPhrase:
    # (regex, replacement template, whether the template refers to groups, the literal runs one
    # of which every match contains or None); each pattern of ``fixes`` brings its own
    # replacement, the others share the rule's.
    regexes: tuple[tuple[re.Pattern[str], str, bool, frozenset[str] | None], ...]
    exceptions: tuple[re.Pattern[str], ...]
    sentence_exceptions: tuple[re.Pattern[str], ...]
    sentence_requires: tuple[re.Pattern[str], ...]
    sentence_requires_reach: int
    skip_negated: bool
    skip_hedged: bool
    hedges: re.Pattern[str] | None
    skip_questions: bool
    block_exceptions: tuple[re.Pattern[str], ...]
    block_exceptions_reach: int
    skip_discussed_quotes: bool
    quote_note: str
    once_per_block: bool
    once_per_sentence: bool
    skip_testimony: bool
    question_answers: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    replacement: str
    fix: str
    suggestions: tuple[str, ...]
    blocks: frozenset[str]
    statements: tuple[Recipe, ...] = ()
    statement_exceptions: tuple[str, ...] = ()
    unexcused_by_nearby_risk: re.Pattern[str] | None = None
    skip_names: bool = False
    title_case_headings: bool = True
    sentence_requires_context: bool = False
    sentence_requires_unless: tuple[re.Pattern[str], ...] = ()
    document_requires: tuple[re.Pattern[str], ...] = ()
    # what each alternative of each of ``regexes`` needs, in the same order (see
    # kaplint.text.prefilter.needs; None: that pattern has no prefilter), and of them all
    needs: tuple[Needs | None, ...] = ()
    any_needs: Needs | None = None



# Pattern matches of a rule in a block, by (rule, block text): they depend on nothing else, and an
# editor's re-lint finds most blocks unchanged (kaplint.text.memo).
_CANDIDATES = BlockMemo(size=32768)  # rules x blocks: a long page has thousands


def _candidates(
    compiled: Any, text: str, block_index: int, searches: list[BlockSearch]
) -> list[tuple[int, int, re.Match[str], tuple[str, bool]]]:
    """Every non-empty match of the rule's patterns in ``text``, by start and then longest first.

    ``searches`` says how each pattern searches this document's blocks (see
    :class:`kaplint.text.anchors.BlockSearch`): a pattern the document's index does not narrow
    down asks the block's prefilter first.
    """
    found_all: list[tuple[int, int, re.Match[str], tuple[str, bool]]] = []
    literals = None
    for (_regex, template, expand, _runs), wanted, search in zip(compiled.regexes, compiled.needs, searches):
        if search.narrowed:
            if not search.may_match(block_index):
                continue  # the document's index says no match can start in this block
        elif wanted is not None:
            if literals is None:
                literals = literal_index(text)
            if not literals.may_match(wanted):
                continue  # no alternative has all the words it needs here (see kaplint.text.prefilter)
        for found in search.finditer(block_index, text):
            if found.end() > found.start():
                found_all.append((found.start(), found.end(), found, (template, expand)))
    found_all.sort(key=lambda item: (item[0], -item[1]))
    return found_all


def _searches(compiled: CompiledPhrase, document: Document) -> list[BlockSearch]:
    """How each of the rule's patterns searches the document's blocks."""
    index = document_index(document)
    return [BlockSearch(index, regex, runs) for regex, _, _, runs in compiled.regexes]


def _block_literals(document: Document) -> list[LiteralIndex]:
    """The literal index of each block (kaplint.text.prefilter), looked up once per document
    rather than by every rule for every block."""
    literals: list[LiteralIndex] | None = document.memo.get("phrase-block-literals")
    if literals is None:
        literals = document.memo["phrase-block-literals"] = [literal_index(block.text) for block in document.blocks]
    return literals


def _blocks_to_visit(searches: list[BlockSearch], count: int) -> Iterable[int]:
    """The blocks where one of the patterns may match, in order: all of them unless every
    pattern is narrowed down by the document's index."""
    if not all(search.narrowed for search in searches):
        return range(count)
    return sorted(set().union(*(search.blocks or () for search in searches)))


class PhraseKind(Kind):
    name = "phrase"
    params = {
        "terms": Param("str-list", [], "literal phrases; spaces match spaces or hyphens"),
        "patterns": Param("regex-list", [], "regular expressions (Python syntax), matched without case unless case-sensitive"),
        "exceptions": Param("regex-list", [], "a match overlapping one of these in the same sentence is dropped"),
        "sentence-exceptions": Param("regex-list", [], "a match in a sentence containing one of these is dropped"),
        "sentence-requires": Param("regex-list", [], "a match counts only in a sentence containing one of these (what the sentence is about)"),
        "sentence-requires-reach": Param("int", 0, "sentence-requires also looks this many sentences back in the block (\"It is approved for ...\")"),
        "inflect": Param("bool", True, "also match inflections of each term word (cure, cures, cured, curing)"),
        "case-sensitive": Param("bool", False, "match case exactly"),
        "skip-negated": Param("bool", True, "drop matches denied earlier in their clause"),
        "skip-hedged": Param("bool", False, "drop matches hedged in their clause (may, might, some ...)"),
        "hedges": Param(
            "regex-list", [], "further words that hedge this rule's claim in its clause, for phrases and statements alike ('can' before a speed claim)"
        ),
        "skip-questions": Param("bool", True, "drop matches in questions"),
        "unexcused-by-nearby-risk": Param(
            "regex-list", [], "a match containing one of these is reported even beside a risk statement (risk-nearby does not excuse 'harmless')"
        ),
        "block-exceptions": Param("regex-list", [], "a match in a paragraph or list item containing one of these is dropped"),
        "block-exceptions-reach": Param("int", 0, "also look for block-exceptions this many blocks before and after"),
        "skip-discussed-quotes": Param("bool", True, "drop matches in quotations the text reports or questions"),
        "skip-testimony": Param("bool", False, "drop matches in a speaker's credited first-person words (\"I suffered from depression,\" said one patient)"),
        "once-per-sentence": Param("bool", False, "report only the first match of each sentence (one wrong statement, one finding)"),
        "once-per-block": Param("bool", False, "report one finding per block, from the first match to the last (one testimonial is one claim)"),
        "question-answers": Param("list", [], "{question: regex, answer: regex} pairs: a claim made by answering a question"),
        "quote-note": Param("str", "", "added to the message when the match is inside a quotation or blockquote"),
        "replacement": Param("str", "", "suggested replacement; \\1 refers to a pattern group"),
        "fixes": Param("list", [], "{pattern: regex, replacement: str} pairs: patterns with a replacement of their own"),
        "fix": Param("str", "none", "safe | unsafe | none: whether the replacement is a fix, and how safe"),
        "suggestions": Param("str-list", [], "other suggestions shown with the finding"),
        "blocks": Param("str-list", list(BLOCK_KINDS), "block kinds to check"),
        "sentence-requires-context": Param("bool", False, "sentence-requires is also met by the document's subject: its title (front matter title or subject, first heading) or the headings above the sentence"),
        "document-requires": Param("regex-list", [], "the rule applies only to a document containing one of these (\"ketamine nasal spray\" is wrong on a Spravato page, right on a page about a compounded spray)"),
        "sentence-requires-unless": Param("regex-list", [], "the document's subject does not count for a sentence (with its reach) that names one of these (another treatment)"),
        "title-case-headings": Param("bool", True, "check blocks and source lines written in Title Case (headings, labels, heading-like lines); false leaves them alone (a heading in sentence case is still a sentence)"),
        "skip-names": Param("bool", False, "drop matches inside names of agencies, programs, clinics, products and people (kaplint.text.names)"),
        "statement-exceptions": Param("str-list", [], "a match is dropped when its sentence's statement has one of these cues, manners or subjects (see kaplint.kinds.recipes)"),
        "statements": Param("list", [], "statement recipes: combinations of the statement analysis that make the claim (see kaplint.kinds.recipes)"),
    }

    def compile(self, params: dict[str, Any]) -> CompiledPhrase:
        values = validate_params(self.params, params)
        if not (values["terms"] or values["patterns"] or values["fixes"] or values["question-answers"] or values["statements"]):
            raise ParamError("terms", "a phrase rule needs at least one of 'terms', 'patterns', 'fixes' or 'statements'")
        if values["fix"] not in ("safe", "unsafe", "none"):
            raise ParamError("fix", f"parameter 'fix' must be safe, unsafe or none, not {values['fix']!r}")
        if values["fix"] != "none" and not values["replacement"] and not values["fixes"]:
            raise ParamError("fix", "a fix needs a 'replacement'")
        unknown_blocks = set(values["blocks"]) - set(BLOCK_KINDS)
        if unknown_blocks:
            raise ParamError("blocks", f"unknown block kinds {sorted(unknown_blocks)} (known: {', '.join(BLOCK_KINDS)})")
        flags = 0 if values["case-sensitive"] else re.IGNORECASE
        # (the patterns one regex joins, its replacement template, whether that refers to groups)
        sources: list[tuple[list[str], str, bool]] = []
        if values["terms"]:
            alternatives = sorted(
                (term_regex(term, values["inflect"]) for term in values["terms"]), key=len, reverse=True
            )
            sources.append((alternatives, values["replacement"], False))
        sources.extend(([pattern], values["replacement"], True) for pattern in values["patterns"])
        sources.extend(([pattern], replacement, True) for pattern, replacement in _fixes(values["fixes"]))
        regexes = [
            (re.compile(r"(?<![\w])(?:" + "|".join(patterns) + r")(?![\w])", flags), template, expand, required_runs(patterns))
            for patterns, template, expand in sources
        ]
        needed = [needs(patterns) for patterns, _, _ in sources]
        return CompiledPhrase(
            regexes=tuple(regexes),
            needs=tuple(needed),
            any_needs=combined(needed),
            exceptions=tuple(re.compile(pattern, flags) for pattern in values["exceptions"]),
            sentence_exceptions=tuple(re.compile(pattern, flags) for pattern in values["sentence-exceptions"]),
            sentence_requires=tuple(re.compile(pattern, flags) for pattern in values["sentence-requires"]),
            sentence_requires_reach=values["sentence-requires-reach"],
            skip_negated=values["skip-negated"],
            skip_hedged=values["skip-hedged"],
            hedges=re.compile(r"\b(?:" + "|".join(f"(?:{pattern})" for pattern in values["hedges"]) + r")\b", flags) if values["hedges"] else None,
            skip_questions=values["skip-questions"],
            block_exceptions=tuple(re.compile(pattern, flags) for pattern in values["block-exceptions"]),
            block_exceptions_reach=values["block-exceptions-reach"],
            skip_discussed_quotes=values["skip-discussed-quotes"],
            quote_note=values["quote-note"],
            once_per_block=values["once-per-block"],
            once_per_sentence=values["once-per-sentence"],
            skip_testimony=values["skip-testimony"],
            question_answers=_question_answers(values["question-answers"], flags),
            replacement=values["replacement"],
            fix=values["fix"],
            suggestions=tuple(values["suggestions"]),
            blocks=frozenset(values["blocks"]),
            statements=compile_recipes(values["statements"]),
            statement_exceptions=check_names(values["statement-exceptions"], "statement-exceptions"),
            unexcused_by_nearby_risk=any_pattern(values["unexcused-by-nearby-risk"]) if values["unexcused-by-nearby-risk"] else None,
            skip_names=values["skip-names"],
            title_case_headings=values["title-case-headings"],
            sentence_requires_context=values["sentence-requires-context"],
            sentence_requires_unless=tuple(re.compile(pattern, flags) for pattern in values["sentence-requires-unless"]),
            document_requires=tuple(re.compile(pattern, flags) for pattern in values["document-requires"]),
        )

    def _answers(self, rule: Any, compiled: CompiledPhrase, document: Document) -> Iterable[Match]:
        """Findings for claims made by answering a question ("Is it safe? Absolutely!")."""
        sentences = segment(document).sentences
        for position, sentence in enumerate(sentences[:-1]):
            if not is_question(sentence.text):
                continue
            answer = sentences[position + 1]
            if answer.block_index - sentence.block_index > 1:
                continue
            text = document.blocks[answer.block_index].text
            for question, reply in compiled.question_answers:
                if not question.search(sentence.text):
                    continue
                found = reply.match(text, answer.start)
                if found and found.end() > found.start():
                    matched = found.group().strip()
                    message = rule.message.replace("{match}", f"{sentence.text} {matched}").replace("{replacement}", "")
                    yield Match(found.start(), found.start() + len(found.group().rstrip()), message, block_index=answer.block_index)
                    break

    def fixable(self, compiled: CompiledPhrase) -> bool:
        return compiled.fix != "none"

    def check(self, rule: Any, compiled: CompiledPhrase, document: Document, context: CheckContext) -> Iterable[Match]:
        if compiled.document_requires and not any(
            _block_has(document, pattern, index) for pattern in compiled.document_requires for index in range(len(document.blocks))
        ):
            return
        if not compiled.statements and not compiled.statement_exceptions:
            yield from self._phrase_matches(rule, compiled, document, context)
            return
        # One statement, one finding: a sentence the phrases already report is not read again.
        analysis = segment(document)
        covered: set[tuple[int, int]] = set()

        def kept(match: Match) -> bool:
            sentence = analysis.sentence_at(match.block_index, match.start)
            if sentence is None:
                return True
            statement = statement_of(document, sentence) if compiled.statement_exceptions else None
            firm = compiled.unexcused_by_nearby_risk is not None and bool(
                compiled.unexcused_by_nearby_risk.search(document.blocks[match.block_index].text[match.start : match.end])
            )
            if statement is not None and any(
                statement.about_other_treatment_at(match.start) if name == "about-other-treatment" else vetoes(statement, name)
                for name in compiled.statement_exceptions
                if not (firm and name == "risk-nearby")
            ):
                return False
            covered.add((sentence.block_index, sentence.start))
            return True

        screen = _MatchScreen(self, compiled, context, analysis, document)  # one per document: phrases and statements share its facts
        answers = [match for match in self._answers(rule, compiled, document) if kept(match)] if compiled.question_answers else []
        matches = [match for match in self._phrase_matches(rule, compiled, document, context, answers=False, screen=screen) if kept(match)]
        matches.extend(match for match in recipe_matches(rule, compiled.statements, document, covered) if screen.admits_statement(match))
        yield from one_per_statement(matches, answers, analysis, document)

    def _phrase_matches(
        self,
        rule: Any,
        compiled: CompiledPhrase,
        document: Document,
        context: CheckContext,
        answers: bool = True,
        screen: "_MatchScreen | None" = None,
    ) -> Iterable[Match]:
        if answers and compiled.question_answers:
            yield from self._answers(rule, compiled, document)
        analysis = segment(document)
        screen = screen or _MatchScreen(self, compiled, context, analysis, document)
        searches = _searches(compiled, document)
        narrowed = all(search.narrowed for search in searches)
        literals = None if narrowed else _block_literals(document)
        for block_index in _blocks_to_visit(searches, len(document.blocks)):
            block = document.blocks[block_index]
            if block.kind not in compiled.blocks or (literals is not None and not literals[block_index].may_match(compiled.any_needs)):
                continue  # most blocks hold none of the words a rule's patterns need
            if not compiled.title_case_headings and is_title_case(block.text):
                continue  # "What Is Oral Ketamine?" capitalises every word; "What is Ketamine?" is a sentence
            if compiled.once_per_block:
                matches = list(self._block_matches(rule, compiled, screen, block_index, block, document, searches))
                if matches:
                    first, last = matches[0], matches[-1]
                    message = rule.message.replace("{match}", block.text[first.start : last.end]).replace("{replacement}", "")
                    if compiled.quote_note and any(compiled.quote_note in match.message for match in matches):
                        message = f"{message} {compiled.quote_note}"
                    yield dataclasses.replace(first, end=last.end, message=message)
                continue
            yield from self._block_matches(rule, compiled, screen, block_index, block, document, searches)

    def _block_matches(
        self,
        rule: Any,
        compiled: CompiledPhrase,
        screen: "_MatchScreen",
        block_index: int,
        block: Any,
        document: Document,
        searches: list[BlockSearch],
    ) -> Iterable[Match]:
        """The findings of one block, in order."""
        candidates = _CANDIDATES.get(compiled, block.text, lambda: _candidates(compiled, block.text, block_index, searches))
        # asked after the search: most blocks a rule visits hold no match, and the answer is the same
        if not candidates or _block_excepted(compiled, document, block_index):
            return
        last_end = -1
        reported_sentences: set[int] = set()
        for start, end, found, replacement_template in candidates:
            if start < last_end:
                continue  # overlaps a match already reported
            verdict = screen.verdict(block_index, start, end)
            if verdict is None:
                continue
            sentence_start, quote = verdict
            match = self._match(rule, compiled, block_index, found, replacement_template, start == sentence_start)
            if replacement_template[0] and match.suggestions[:1] == (found.group(),):
                continue  # its fix changes nothing: "Ketamine" opening a sentence is already right
            if compiled.once_per_sentence:
                if sentence_start in reported_sentences:
                    continue
                reported_sentences.add(sentence_start)
            last_end = end
            if compiled.quote_note and (quote is not None or block.kind == "blockquote"):
                match = dataclasses.replace(match, message=f"{match.message} {compiled.quote_note}")
            yield match

    def _excluded(
        self,
        compiled: CompiledPhrase,
        context: CheckContext,
        text: str,
        start: int,
        end: int,
        sentence_start: int,
    ) -> bool:
        """Whether the match itself is excluded: an accepted term, or denied or hedged in its clause."""
        if context.is_accepted(text, start, end):
            return True
        clause = clause_before(text, sentence_start, start)
        if compiled.skip_negated and is_negated(clause):
            return True
        if compiled.skip_hedged and _hedge().search(clause):
            return True
        return compiled.hedges is not None and bool(compiled.hedges.search(clause))

    def _match(
        self,
        rule: Any,
        compiled: CompiledPhrase,
        block_index: int,
        found: re.Match[str],
        replacement_template: tuple[str, bool],
        at_sentence_start: bool,
    ) -> Match:
        matched = found.group()
        template, expand = replacement_template
        replacement = ""
        if template:
            replacement = found.expand(template) if expand else template
            # "{lower}": the match in lower case ("Ketamine Infusion Therapy" -> "ketamine infusion therapy")
            replacement = replacement.replace("{lower}", matched.lower())
            if at_sentence_start and matched[:1].isupper() and replacement[:1].islower():
                replacement = replacement[0].upper() + replacement[1:]
        message = rule.message.replace("{match}", matched).replace("{replacement}", replacement)
        suggestions = ((replacement,) if replacement else ()) + compiled.suggestions
        return Match(
            start=found.start(),
            end=found.end(),
            message=message,
            block_index=block_index,
            suggestions=suggestions,
            replacement=replacement if compiled.fix != "none" else None,
            fix_safe=compiled.fix == "safe",
        )


# Questions that assert rather than ask: "Why settle for pills when ...?", "Tired of ...?".
_RHETORICAL = re.compile(
    r"^\W*(?:why\s+(?:settle|wait|suffer|keep|struggle|put\s+up|go\s+on|live|choose|pick|trust|not\s+try)|tired\s+of|ready\s+(?:to|for)|what\s+if|"
    r"(?:do\s+you\s+)?(?:want|need|looking\s+for|searching\s+for|craving)\b|"
    r"isn['\u2019]t\s+it\s+time|who\s+(?:wouldn['\u2019]t|doesn['\u2019]t))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _SentenceFacts:
    """What a rule needs to know about one sentence, worked out once for all its matches."""

    excluded: bool  # a sentence-exception occurs
    about: bool  # sentence-requires is met (or not asked for)
    exception_spans: tuple[tuple[int, int], ...]  # block offsets of the rule's exceptions in it
    asks_from: int | None = None  # block offset where a question that asks begins (None: no question)


def _sentence_facts(
    compiled: CompiledPhrase, analysis: Any, block_index: int, text: str, sentence_start: int, sentence_end: int, index: DocumentIndex | None
) -> _SentenceFacts:
    sentence_text = text[sentence_start:sentence_end]
    excluded = any(span_search(index, exception, block_index, sentence_start, sentence_text) for exception in compiled.sentence_exceptions)
    asks_from = None
    if compiled.skip_questions and not _RHETORICAL.match(sentence_text):
        asked = asked_from(sentence_text)
        asks_from = None if asked is None else sentence_start + asked
    about = not compiled.sentence_requires or _about(compiled, analysis, block_index, text, sentence_start, sentence_end, index)
    spans = tuple(
        (found.start() + sentence_start, found.end() + sentence_start)
        for exception in compiled.exceptions
        for found in span_finditer(index, exception, block_index, sentence_start, sentence_text)
    )
    return _SentenceFacts(excluded, about, spans, asks_from)


def _about(
    compiled: CompiledPhrase, analysis: Any, block_index: int, text: str, sentence_start: int, sentence_end: int, index: DocumentIndex | None
) -> bool:
    """Whether the sentence (or the few before it in its block) mentions what the rule is about."""
    scope_start = sentence_start
    if compiled.sentence_requires_reach:
        earlier = analysis.count_before(block_index, sentence_start)  # found by bisection: a paragraph may hold thousands
        if earlier:
            scope_start = analysis.by_block[block_index][max(0, earlier - compiled.sentence_requires_reach)].start
    scope = text[scope_start:sentence_end]
    return any(span_search(index, required, block_index, scope_start, scope) for required in compiled.sentence_requires)


def _about_by_context(compiled: CompiledPhrase, document: Document, block: Any, sentence_text: str) -> bool:
    """Whether the document's subject is what the rule is about: its title (front matter ``title`` or
    ``subject``, or its first heading) or a heading above the block ("Your Spravato Treatment Day" over
    "You stay in the recovery room for an hour"), unless the sentence names another treatment."""
    if any(other.search(sentence_text) for other in compiled.sentence_requires_unless):
        return False
    if block.kind == "table_cell":
        return False  # a cell's subject is its row and column ("FDA approval for depression" over two drugs)
    context = [block.text] if block.kind == "heading" else []
    context += list(block.section)
    for key in ("title", "subject"):
        value = document.front_matter.get(key)
        if isinstance(value, str):
            context.append(value)
    first_heading = next((item for item in document.blocks[:3] if item.kind == "heading"), None)
    if first_heading is not None:
        context.append(first_heading.text)
    return any(required.search(text) for required in compiled.sentence_requires for text in context)


def _names(block: Any, sentences: list[Any]) -> list[tuple[int, int]]:
    """The names in a block; none in a block written in Title Case throughout (every word has a capital)."""
    if is_title_case(block.text):
        return []
    return name_spans(block.text, [sentence.start for sentence in sentences])


def _fixes(entries: list[Any]) -> list[tuple[str, str]]:
    """The ``fixes`` entries as (pattern, replacement) pairs, checked."""
    pairs = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != {"pattern", "replacement"}:
            raise ParamError("fixes", "each entry of 'fixes' is {pattern: regex, replacement: text}")
        pattern, replacement = entry["pattern"], entry["replacement"]
        if not isinstance(pattern, str) or not isinstance(replacement, str):
            raise ParamError("fixes", "each entry of 'fixes' is {pattern: regex, replacement: text}")
        try:
            re.compile(pattern)
        except re.error as error:
            raise ParamError("fixes", f"invalid regular expression {pattern!r} in 'fixes': {error}") from None
        pairs.append((pattern, replacement))
    return pairs


def _question_answers(entries: list[Any], flags: int) -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    pairs = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != {"question", "answer"}:
            raise ParamError("question-answers", "each entry of 'question-answers' is {question: regex, answer: regex}")
        try:
            question = re.compile(entry["question"], flags)
            # The finding covers the whole answering sentence ("Yes! Ketamine is a risk-free option ...").
            answer = re.compile(r"\W*(?:" + entry["answer"] + r")(?![\w])[^.!?]*[.!?]*", flags)
        except (re.error, TypeError) as error:
            raise ParamError("question-answers", f"invalid regular expression in 'question-answers': {error}") from None
        pairs.append((question, answer))
    return tuple(pairs)


def clause_before(text: str, sentence_start: int, position: int) -> str:
    """The part of the clause that precedes ``position``, at most a few words long."""
    # Only the last few words matter, so a run-on "sentence" is read back a bounded distance:
    # without the bound, every match in a 60 KB sentence rescanned it from the start.
    before = text[max(sentence_start, position - _LOOKBACK_CHARACTERS) : position]
    if _OWN_QUANTIFIER.match(text, position) and before.rstrip().endswith(","):
        return ""  # "No side effects, zero downtime": the member brings its own quantifier
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = before.split()
    window = words[-_NEGATION_WINDOW_WORDS:]
    if any(word.lower() in ("or", "nor") for word in window):
        # a coordinated denial carries on: "has not been shown to prevent suicide or to reduce ..."
        window = words[-2 * _NEGATION_WINDOW_WORDS :]
    return " ".join(window)


def term_regex(term: str, inflect: bool) -> str:
    """Regular expression for a literal term: flexible spaces and hyphens, optional inflections."""
    words = re.split(r"(\s+|-)", term.strip())
    parts: list[str] = []
    for piece in words:
        if not piece:
            continue
        if piece.isspace():
            parts.append(_WORD_GAP)
        elif piece == "-":
            parts.append(_HYPHEN_GAP)
        else:
            parts.append(_word_regex(piece, inflect))
    return "".join(parts)


def _word_regex(word: str, inflect: bool) -> str:
    escaped = re.escape(word).replace("'", "['\u2019]").replace("\u2019", "['\u2019]")
    if not inflect or not word.isalpha() or len(word) < 3:
        return escaped
    forms = sorted(inflections(word.lower()), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(form) for form in forms) + ")"


def inflections(word: str) -> set[str]:
    """Regular English inflections of ``word`` (noun plural, verb forms)."""
    forms = {word}
    vowels = "aeiou"
    if word.endswith("y") and len(word) > 2 and word[-2] not in vowels:
        stem = word[:-1]
        forms |= {stem + "ies", stem + "ied", word + "ing"}
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {word + "es", word + "ed", word + "ing"}
    elif word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in vowels + "wxy" and word[-2] in vowels and word[-3] not in vowels:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def _block_excepted(compiled: CompiledPhrase, document: Document, block_index: int) -> bool:
    """Whether a block-exception stands in the block or within reach of it."""
    if not compiled.block_exceptions:
        return False
    reach = compiled.block_exceptions_reach
    nearby = range(max(0, block_index - reach), min(len(document.blocks), block_index + reach + 1))
    return any(_block_has(document, exception, index) for exception in compiled.block_exceptions for index in nearby)


def _block_has(document: Document, pattern: re.Pattern[str], block_index: int) -> bool:
    """Whether ``pattern`` occurs in a block; kept per document, since many rules share their
    block exceptions (a citation backs every claim in its paragraph) and document requirements."""
    by_pattern: dict[re.Pattern[str], dict[int, bool]] = document.memo.setdefault("phrase-block-searches", {})
    found = by_pattern.setdefault(pattern, {})
    hit = found.get(block_index)
    if hit is None:
        hit = found[block_index] = pattern.search(document.blocks[block_index].text) is not None
    return hit


_LINE_MARKS = " \t\u2022\u00b7*->#"  # bullets, quote marks and heading marks before a line's words


def _on_a_title_case_line(document: Document, block: Any, offset: int) -> bool:
    """Whether the source line holding block offset ``offset`` is written in Title Case. Plain
    text joins a heading line to the lines around it ("- Takes about an hour", "Home Ketamine
    Lozenges", "- Costs less ..." become one paragraph), so the line is the heading."""
    line, _column = document.lines.position(block.source_map.to_source(offset))
    # kept per document by line: every match on a long line (a run-on sentence of one line) asks again
    by_line: dict[int, bool] = document.memo.setdefault("phrase-title-case-lines", {})
    title_case = by_line.get(line)
    if title_case is None:
        title_case = by_line[line] = is_title_case(document.lines.line_text(line).strip(_LINE_MARKS))
    return title_case


class _MatchScreen:
    """Everything a phrase rule asks of a match before it reports it, for phrase and statement
    matches alike: the block's kind, the sentence (its exceptions, what it must be about, a
    question), the words before the match (accepted, denied, hedged), names, and quotations the
    text discusses or credits to a speaker. Per-sentence and per-block facts are kept."""

    def __init__(self, kind: "PhraseKind", compiled: CompiledPhrase, context: CheckContext, analysis: Any, document: Document) -> None:
        self.kind, self.compiled, self.context, self.analysis, self.document = kind, compiled, context, analysis, document
        self._facts: dict[tuple[int, int], _SentenceFacts] = {}
        # a block's quotations and names are the same for every rule: kept with the document
        self._quotes: dict[int, list[tuple[int, int]]] = document.memo.setdefault("phrase-quote-spans", {})
        self._names: dict[int, list[tuple[int, int]]] = document.memo.setdefault("phrase-name-spans", {})

    def verdict(self, block_index: int, start: int, end: int) -> tuple[int, tuple[int, int] | None] | None:
        """None when the match is not reported; else the start of its sentence and its enclosing quotation."""
        compiled, document, analysis = self.compiled, self.document, self.analysis
        block = document.blocks[block_index]
        sentence = analysis.sentence_at(block_index, start)
        sentence_start = sentence.start if sentence else 0
        sentence_end = sentence.end if sentence else len(block.text)
        facts = self._facts.get((block_index, sentence_start))
        if facts is None:  # once per sentence: a long run-on sentence is not rescanned for every match
            facts = _sentence_facts(compiled, analysis, block_index, block.text, sentence_start, sentence_end, document_index(document))
            if not facts.about and compiled.sentence_requires_context and _about_by_context(compiled, document, block, block.text[sentence_start:sentence_end]):
                facts = dataclasses.replace(facts, about=True)
            self._facts[(block_index, sentence_start)] = facts
        if facts.excluded or not facts.about or (facts.asks_from is not None and start >= facts.asks_from):
            return None
        if any(span_start < end and span_end > start for span_start, span_end in facts.exception_spans):
            return None
        if not compiled.title_case_headings and _on_a_title_case_line(document, block, start):
            return None
        if self.kind._excluded(compiled, self.context, block.text, start, end, sentence_start):
            return None
        if compiled.skip_names:
            if block_index not in self._names:
                self._names[block_index] = _names(block, analysis.by_block.get(block_index, []))
            if inside_name(self._names[block_index], start, end):
                return None  # "National Institute on Drug Abuse" is a name, not wording
        if block_index not in self._quotes:
            self._quotes[block_index] = quote_spans(block.text)
        quote = enclosing_quote(block.text, start, end, self._quotes[block_index])
        if quote is not None and (compiled.skip_discussed_quotes or compiled.skip_testimony):
            outside = block.text[sentence_start : quote[0]] + " " + block.text[quote[1] : sentence_end]
            following = analysis.sentence_after(block_index, sentence_end)
            following_text = following.text if following else ""
            if compiled.skip_discussed_quotes and is_discussed(outside, following_text):
                return None
            credit = block.text[quote[1] + 1 : quote[1] + 80]
            if compiled.skip_testimony and is_testimony(block.text[quote[0] : quote[1]], outside, following_text, credit):
                return None
        if compiled.skip_testimony and block.kind == "blockquote":
            next_block = document.blocks[block_index + 1].text if block_index + 1 < len(document.blocks) else ""
            if is_credited_blockquote(block.text, next_block):
                return None
        return sentence_start, quote

    def admits_statement(self, match: Match) -> bool:
        """Whether a statement match passes what the rule asks of its phrase matches."""
        if match.block_index is None:
            return True
        block = self.document.blocks[match.block_index]
        if block.kind not in self.compiled.blocks or _block_excepted(self.compiled, self.document, match.block_index):
            return False
        if not self.compiled.title_case_headings and is_title_case(block.text):
            return False
        return self.verdict(match.block_index, match.start, match.end) is not None


MERGE_GAP = 40  # characters between two phrases of one sentence that read as one claim


def one_per_statement(matches: list[Match], answers: list[Match], analysis: Any, document: Document) -> list[Match]:
    """One finding per rule and sentence, for rules that read statements.

    Two phrases of one claim, close together in one sentence ("a revolutionary
    breakthrough", "mild and temporary and gone within an hour"), are one problem for the
    writer, so they become one finding that underlines from the first phrase to the last;
    phrases further apart keep their own findings, so every underline stays short. A yes/no
    answer ("Yes!") followed closely by the claim in its own words ("Yes! It is risk-free")
    is one finding, from the answer on; when the claim comes later in the next sentence, its
    finding stands for both; a claim further on leaves the answer its own finding.
    The message quotes the words underlined. Matches that carry a fix are left alone:
    each fix replaces its own words.
    """
    kept: list[Match] = []
    by_sentence: dict[tuple[int, int], int] = {}
    for match in sorted(matches, key=lambda item: (-1 if item.block_index is None else item.block_index, item.start)):
        sentence = analysis.sentence_at(match.block_index, match.start) if match.block_index is not None else None
        if sentence is None or match.replacement is not None:
            kept.append(match)
            continue
        key = (sentence.block_index, sentence.start)
        previous = kept[by_sentence[key]] if key in by_sentence else None
        if previous is not None and previous.replacement is None and match.start - previous.end <= MERGE_GAP:
            kept[by_sentence[key]] = _widened(document, previous, previous.start, max(previous.end, match.end))
            continue
        by_sentence[key] = len(kept)
        kept.append(match)
    result: list[Match] = []
    for answer in answers:
        following = analysis.sentence_after(answer.block_index, answer.end)
        reach = following.end if following is not None and following.block_index == answer.block_index else answer.end
        claim = next(
            (
                index
                for index, match in enumerate(kept)
                if match.block_index == answer.block_index and match.replacement is None and answer.start <= match.start < reach
            ),
            None,
        )
        if claim is None:
            result.append(answer)  # no claim in the answer's own words close by: the answer is the finding
        elif kept[claim].start - answer.end <= MERGE_GAP:
            kept[claim] = _widened(document, kept[claim], answer.start, kept[claim].end)
        # else: the next sentence makes the claim in its own words, and that finding stands for both
    return result + kept


def _widened(document: Document, match: Match, start: int, end: int) -> Match:
    """``match`` stretched to ``start``-``end`` of its block, its message quoting the new words."""
    text = document.blocks[match.block_index].text if match.block_index is not None else ""
    before, after = text[match.start : match.end], text[start:end]
    message = match.message.replace(f'"{before}"', f'"{after}"', 1)
    return dataclasses.replace(match, start=start, end=end, message=message)

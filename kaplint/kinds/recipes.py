"""Statement recipes: a claim category as a combination of what sentences say.

A phrase rule's ``statements`` parameter lists recipes. Each recipe reads the
statement analysis (:mod:`kaplint.text.statements`) instead of the text:

.. code-block:: yaml

    statements:
      - cues: [safety-word]                 # all of these are asserted
        any: [effect, treats]               # and at least one of these (optional)
        unless: [hedged, risk, question]    # and none of these cues, manners or subjects
        underline: safety-word              # the words the finding underlines
        reads: the treatment called safe with no risk beside it

      - answers: [safety-word]              # the sentence answers a question asserting these
        answer: "yes"                       # and opens with this answer (yes or no)
        unless: [risk]
        reads: an FAQ asking whether it is safe, answered yes

The finding underlines the words of the ``underline`` cue (by default the first
of ``cues``; for an answer, the answering sentence) and says in its message how
the sentence was read, so a writer sees why it is a claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from kaplint.finding import Match
from kaplint.kinds.base import ParamError
from kaplint.text.document import Document
from kaplint.text.statements import ANSWERS, Statement, cue_names, describe, load_lexicons, statements_having

RECIPE_KEYS = frozenset({"cues", "any", "unless", "answers", "answer", "underline", "reads", "within"})


@dataclass(frozen=True)
class Recipe:
    """One combination of statement properties that makes a claim."""

    cues: tuple[str, ...]
    any_of: tuple[str, ...]
    unless: tuple[str, ...]
    answers: tuple[str, ...]
    answer: str
    underline: str
    reads: str
    within: int = 0  # when set, an ``any`` cue must stand within this many characters of the first cue


def check_names(names: list[str], key: str) -> tuple[str, ...]:
    """The names, checked against the lexicons (a typo in a rule pack fails when it loads)."""
    unknown = [name for name in names if name not in cue_names()]
    if unknown:
        raise ParamError(key, f"unknown name(s) {unknown} in '{key}' (see rules/data/statement-lexicons.yml)")
    return tuple(names)


def compile_recipes(entries: list[Any]) -> tuple[Recipe, ...]:
    """Validate the ``statements`` entries of a rule against the lexicons' names."""
    known = cue_names()
    recipes = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise ParamError("statements", "each entry of 'statements' is a mapping (cues, any, unless, answers, answer, underline, reads)")
        unknown_keys = set(entry) - RECIPE_KEYS
        if unknown_keys:
            raise ParamError("statements", f"unknown key(s) {sorted(unknown_keys)} in 'statements' (known: {', '.join(sorted(RECIPE_KEYS))})")
        lists = {}
        for key in ("cues", "any", "unless", "answers"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ParamError("statements", f"'{key}' in 'statements' is a list of names")
            unknown = [item for item in value if item not in known]
            if unknown:
                raise ParamError("statements", f"unknown name(s) {unknown} in 'statements' (see rules/data/statement-lexicons.yml)")
            lists[key] = tuple(value)
        if not lists["cues"] and not lists["answers"]:
            raise ParamError("statements", "a statement recipe needs 'cues' or 'answers'")
        answer = str(entry.get("answer", ""))
        if answer not in ("", "yes", "no"):
            raise ParamError("statements", "'answer' in 'statements' is yes or no")
        underline = str(entry.get("underline") or (lists["cues"][0] if lists["cues"] else ""))
        if underline and underline not in lists["cues"] + lists["any"]:
            raise ParamError("statements", f"'underline' names one of the recipe's cues, not {underline!r}")
        within = entry.get("within", 0)
        if not isinstance(within, int) or isinstance(within, bool) or within < 0:
            raise ParamError("statements", "'within' in 'statements' is a number of characters")
        recipes.append(
            Recipe(lists["cues"], lists["any"], lists["unless"], lists["answers"], answer, underline, str(entry.get("reads", "")), within)
        )
    return tuple(recipes)


def vetoes(statement: Statement, name: str) -> bool:
    """Whether a cue, manner or subject named in ``unless`` describes the statement."""
    if name == "answer-yes":
        return statement.answer == "yes"
    if name == "answer-no":
        return statement.answer == "no"
    if name == "about-other-treatment":
        return "other-treatment" in statement.about and "treatment" not in statement.about
    if name in statement.manner or name in statement.about:
        return True
    if name in load_lexicons().affirmed_only_vetoes:
        return statement.has(name)
    return statement.mentions(name)


def recipe_applies(recipe: Recipe, statement: Statement) -> bool:
    """Whether the statement is the claim the recipe describes."""
    if any(not statement.has(name) for name in recipe.cues):
        return False
    if recipe.any_of and not any(_shows_beside(statement, name, recipe.cues) for name in recipe.any_of):
        return False
    if recipe.within and recipe.cues and not _near(statement, recipe.cues[0], recipe.any_of, recipe.within):
        return False
    if recipe.answers:
        question = statement.question
        if question is None or not all(question.shows(name) or _denied_or_asked(question, name) for name in recipe.answers):
            return False
        if recipe.answer and statement.answer != recipe.answer:
            return False
    elif "question" in statement.manner:
        return False  # a question that asks claims nothing
    return not any(_hedged(statement, recipe) if name == "hedged" else _vetoes_anchor(statement, name, recipe) for name in recipe.unless)


def _vetoes_anchor(statement: Statement, name: str, recipe: Recipe) -> bool:
    """Whether ``name`` vetoes the recipe. A veto cue that reads the recipe's own words ("monitored
    for safe use" holds the "safe" of a safety claim) speaks only for the occurrences it covers: in
    "Esketamine is safe, and we give it in a room where staff watch for safe use" the first "safe"
    is still a claim. A veto that covers none of them speaks for the sentence."""
    if not vetoes(statement, name):
        return False
    if not recipe.cues:
        return True
    anchors = [(cue.start, cue.end) for cue in statement.cues if cue.name == recipe.cues[0]]
    spans = [(cue.start, cue.end) for cue in (*statement.cues, *statement.denied) if cue.name == name]
    covered = [any(start < end_ and start_ < end for start_, end_ in spans) for start, end in anchors]
    return not any(covered) or all(covered)


def _shows_beside(statement: Statement, name: str, anchors: tuple[str, ...]) -> bool:
    """Whether ``name`` describes the statement in words of its own, not inside a cue of the
    recipe that names another treatment: in "an option once other medicines have failed to bring a
    response" the "response" belongs to the other medicines, and no effect is claimed."""
    if name in statement.manner or name in statement.about:
        return True
    naming = load_lexicons().names_other_treatment
    inside = [(cue.start, cue.end) for cue in statement.cues if cue.name in anchors and cue.name in naming]
    return any(
        cue.name == name and not any(start <= cue.start and cue.end <= end for start, end in inside) for cue in statement.cues
    )


def _hedged(statement: Statement, recipe: Recipe) -> bool:
    """A hedge vetoes the recipe when it softens the recipe's own cue ("may ease pain"), or when
    the whole sentence is uncertain; a hedge elsewhere in the sentence does not."""
    if "uncertain" in statement.manner:
        return True
    if recipe.cues:
        return statement.hedges(recipe.cues[0])
    return "hedged" in statement.manner


def _near(statement: Statement, anchor: str, others: tuple[str, ...], distance: int) -> bool:
    """Whether some ``others`` cue stands within ``distance`` characters of an ``anchor`` cue."""
    anchors = [cue for cue in statement.cues if cue.name == anchor]
    return any(
        cue.name in others and min(abs(cue.start - point.end), abs(point.start - cue.end)) <= distance
        for cue in statement.cues
        for point in anchors
    )


def _denied_or_asked(question: Statement, name: str) -> bool:
    """A question's cue counts even when phrased as a denial ("Is it not addictive?")."""
    return any(cue.name == name for cue in question.denied)


def recipe_matches(rule: Any, recipes: tuple[Recipe, ...], document: Document, covered: set[tuple[int, int]]) -> Iterable[Match]:
    """Findings for the statements a rule's recipes describe, skipping sentences in ``covered``."""
    statements = describe(document)
    for number in _statements_to_read(recipes, document, len(statements)):
        statement = statements[number]
        key = (statement.block_index, statement.sentence.start)
        if key in covered:
            continue
        for recipe in recipes:
            if not recipe_applies(recipe, statement):
                continue
            covered.add(key)
            yield _match(rule, recipe, statement)
            break


def _statements_to_read(recipes: tuple[Recipe, ...], document: Document, count: int) -> Iterable[int]:
    """The numbers of the statements one of ``recipes`` can apply to, in order: a recipe needs
    all its cues affirmed, or (one made by answering) a question the statement answers. A long
    page has tens of thousands of statements and a rule's cues stand in a few of them."""
    having = statements_having(document)
    chosen: set[int] = set()
    for recipe in recipes:
        if recipe.cues:
            holders = sorted((having.get(name, frozenset()) for name in recipe.cues), key=len)
            chosen |= holders[0].intersection(*holders[1:])
        elif recipe.answers:
            chosen |= having.get(ANSWERS, frozenset())
        else:
            return range(count)
    return sorted(chosen)


def _match(rule: Any, recipe: Recipe, statement: Statement) -> Match:
    cue = statement.first(recipe.underline) if recipe.underline else None
    if recipe.underline and recipe.underline in recipe.any_of and cue is None:
        cue = next((statement.first(name) for name in recipe.any_of if statement.first(name)), None)
    if cue is not None:
        start, end = cue.start, cue.end
    else:
        start, end = statement.sentence.start, statement.sentence.end
    block_text = statement.sentence.text
    matched = block_text[start - statement.sentence.start : end - statement.sentence.start]
    message = rule.message.replace("{match}", matched).replace("{replacement}", "")
    if recipe.reads:
        message = f"{message} (Read as {recipe.reads}.)"
    return Match(start=start, end=end, message=message, block_index=statement.block_index)

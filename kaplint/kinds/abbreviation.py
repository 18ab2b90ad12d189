"""The ``abbreviation`` kind: abbreviations must be spelled out at first use.

An abbreviation is a word of two to seven capital letters (digits allowed
after the first letter, a plural "s" allowed at the end): TRD, NMDA, SSRIs.
It counts as defined when it appears in parentheses right after words whose
letters spell it ("treatment-resistant depression (TRD)"), or is followed by
its long form in parentheses ("TRD (treatment-resistant depression)"), or by
"stands for" / "means". Its first use before such a definition (or at all,
when there is none) is reported once. A title giving the long form before a
dash ("Post-Traumatic Stress Disorder - PTSD") defines it too, and so do the
initials of a name given earlier ("Stone Harbor Wellness ... SHW"), except for
the medical abbreviations that must always be spelled out. Dotted ("I.V.")
and prefixed ("post-KAP") uses are found as well.

Not abbreviations: the project's list of abbreviations everyone knows,
codes with digits ("BN1", "BLOOM40"), words of six or more capitals (names
such as "VITALIS"; the long medical ones are listed below),
ordinary words in capitals for emphasis ("DO NOT drive", "arrive EARLY": words
the pronunciation dictionary says as words, not letters), Roman numerals after
words like "Schedule" or "Phase", and text in capitals throughout (headings
written in capitals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from kaplint.text import compiled_later
from kaplint.text.anchors import finditer_at
from kaplint.text.document import Document
from kaplint.text.names import inside_name, name_spans
from kaplint.text.segmentation import tail_holding
from kaplint.finding import Match
from kaplint.kinds.base import CheckContext, Kind, Param, validate_params

# "FDA-approved" holds "FDA"; "COVID-19" and "A-B" do not hold abbreviations.
# A slash joins it to a word only in a pair of terms ("depression/PTSD", "NMDA/glutamate"), not in a
# path, a date or a pair of capitals ("24/7", "KAP/IV"); web addresses are left out in check().
_CANDIDATE = re.compile(r"(?<![\w.-])(?:(?<=[a-z]/)|(?<!/))([A-Z][A-Z0-9&]{1,6})(s?)(?!\w)(?!/(?![a-z]{3}))(?!-[A-Z0-9])")
# After a prefix: "post-KAP support", "pre-TMS screening".
_PREFIXED = re.compile(r"(?<![\w-])(?:[Pp]ost|[Pp]re|[Nn]on|[Aa]nti)-([A-Z][A-Z0-9&]{1,6})(s?)(?![\w/])(?!-[A-Z0-9])")
# Written with dots: "I.V.", "P.T.S.D." (only abbreviations that must always be spelled out; "U.S." and "a.m." are known)
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,6})(?!\w)")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X{1,3})$")
_ROMAN_CONTEXT = re.compile(
    r"(?:schedule|phase|type|class|stage|part|chapter|grade|level|title|appendix|section|category|tier|step|volume|bipolar)\s*$",
    re.IGNORECASE,
)
_ROMAN_CONTEXT_REACH = 20  # longer than its longest word
_STOP_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "with", "a", "an", "or", "&"})
# Abbreviations patient materials use that must always be spelled out, even where
# the dictionary also knows them as a word ("REMS", "IM").
_ALWAYS_ABBREVIATIONS = frozenset(
    """
    TRD KAP NMDA REMS IV IM MDD PTSD SSRI SNRI MAOI ECT TMS OCD GAD BPD ADHD EKG ECG
    BP HR CBT DBT EMDR FDA DEA CMS IOP PHP SUD AUD OUD GABA BDNF
    """.split()
)


def _is_ordinary_word(candidate: str) -> bool:
    """A word in capitals for emphasis ("DO NOT", "EAT", "EARLY"), not letters to spell out.

    The pronunciation dictionary knows ordinary words; it also lists some
    abbreviations, but then with one syllable per letter ("FDA" = 3).
    """
    if candidate in _ALWAYS_ABBREVIATIONS:
        return False
    from kaplint.syllables import dictionary, spelled_out_syllables

    syllables = dictionary().get(candidate.lower())
    return syllables is not None and syllables != spelled_out_syllables(candidate)


@dataclass(frozen=True)
class AbbreviationSettings:
    known: frozenset[str]
    window: int


class AbbreviationKind(Kind):
    name = "abbreviation"
    params = {
        "known": Param("str-list", [], "abbreviations readers already know; never reported"),
        "window": Param("int", 10, "how many words before '(ABBR)' may spell it out"),
    }

    def compile(self, params: dict[str, Any]) -> AbbreviationSettings:
        values = validate_params(self.params, params)
        return AbbreviationSettings(frozenset(item.upper() for item in values["known"]), values["window"])

    def check(self, rule: Any, compiled: AbbreviationSettings, document: Document, context: CheckContext) -> Iterable[Match]:
        defined: set[str] = set()
        reported: set[str] = set()
        for index, block in enumerate(document.blocks):
            text = block.text
            letters, upper_share = _letters_in_capitals(text)
            if (block.kind == "heading" and upper_share == 1) or (upper_share > 0.8 and len(letters) > 8):
                continue  # a heading or line in capitals: its words are not abbreviations
            names: list[tuple[int, int]] | None = None  # the block's names, read at the first candidate that needs them
            for found in _candidates(text):
                abbreviation = found.group(1).replace(".", "")
                if abbreviation in compiled.known or abbreviation in defined or abbreviation in reported:
                    continue
                if _is_ordinary_word(abbreviation) or context.is_accepted(text, found.start(1), found.end(1)):
                    continue
                if _ROMAN.match(abbreviation) and _after_roman_context(text, found.start()):
                    continue
                if "/" in text[max(0, found.start() - 1) : found.end() + 1] and _in_web_address(text, found.start()):
                    continue
                if _is_citation(text, found):
                    continue  # "(ABC, 2019)": an author cited by year, not letters to spell out
                if any(char.isdigit() for char in abbreviation):
                    continue  # "A1", "BN1", "BLOOM40": labels, postcodes and codes, not abbreviations
                if len(abbreviation) >= 6 and abbreviation not in _ALWAYS_ABBREVIATIONS:
                    continue  # "GLOWKET", "VITALIS": a name in capitals; abbreviations this long are rare
                if abbreviation not in _ALWAYS_ABBREVIATIONS:
                    if names is None:
                        names = _word_names(text)
                    if _in_a_name(text, found.start(1), found.end(found.lastindex or 1), names):
                        continue  # "Harbor KLN", "BRIGHT MIND", "Mara Lind, EDS, LMHC": a name or a person's credentials
                elif _ends_a_practice_name(text, found.start(1)):
                    continue  # "Birch Hollow TMS": the practice's name, not the treatment to spell out
                if _defined_here(text, found, abbreviation, compiled.window):
                    defined.add(abbreviation)
                    continue
                if _named_before(document, index, found.start(), abbreviation):
                    defined.add(abbreviation)  # "Harbor Light Clinic ... HLC": the initials of a name given earlier
                    continue
                reported.add(abbreviation)
                later = _later_definition(document, index, found.end(), abbreviation, compiled.window)
                message = rule.message.replace("{match}", abbreviation)
                if later:
                    message += f" It is spelled out later (line {later}); move that to the first use."
                yield Match(found.start(1), found.end(1), message, index)


# A person's name and the credentials already after it: "Mara Lind, EDS, " before "LMHC".
_after_person = compiled_later(r"\b[A-Z][a-z]+\.?(?:\s+[A-Z]\.)?\s+[A-Z][a-z'\u2019-]+,\s+(?:[A-Z][A-Za-z.]{1,6},?\s+)*(?:and\s+|&\s+)?$")
_BYLINE = re.compile(r"(?:^|\W)[Bb]y\s+$")  # "By RBHA | March 3rd"
_BEFORE_CAPS_WORD = re.compile(r"^\s+[A-Z]{3,}\b")
_AFTER_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\s+$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
# An organisation's own word straight after the capitals: "KRM Health", "BVX Clinic", "QLT Medical Center".
_before_org_word = compiled_later(
    r"\s+(?:Health|Healthcare|Clinics?|Cent(?:er|re)s?|Medical|Wellness|Psychiatry|Institute|Hospitals?|Group|Partners|Associates|University|College|Foundation)\b"
)


def _letters_in_capitals(text: str) -> tuple[str, float]:
    """The letters of ``text`` and the share of them in capitals (0 without letters), counted by
    the string functions rather than letter by letter in Python: a block may hold a megabyte."""
    letters = "".join(filter(str.isalpha, text))
    return letters, (sum(map(str.isupper, letters)) / len(letters) if letters else 0)


def _word_names(text: str) -> list[tuple[int, int]]:
    """The names of a block (:func:`kaplint.text.names.name_spans`) that hold a capitalised word as
    well as capitals, within one sentence: "Harbor KLN" and "Spine Care NYC" are names, "PICC and
    CPAP" is two abbreviations, and "the UK. Print the PDF" is two sentences (the name finder lets a
    word with a full stop run on into the next capitalised word, so a name is cut at the first
    sentence break in it: "at Cedar Row KLN. Then ..." keeps "Cedar Row KLN")."""
    names = []
    for start, end in name_spans(text):
        cut = _SENTENCE_BREAK.search(text, start, end)
        if cut is not None:
            end = cut.start()
        words = text[start:end].split()
        if len(words) >= 2 and any(word[:1].isupper() and not word.isupper() for word in words):
            names.append((start, end))
    return names


def _in_a_name(text: str, start: int, end: int, names: list[tuple[int, int]]) -> bool:
    """Whether the capitals at ``start``-``end`` belong to a name rather than stand for words: a
    clinic's letters inside one of the block's ``names``, a person's credentials after the name, a
    byline, or a name written in capitals throughout ("BRIGHT MIND")."""
    if inside_name(names, start, end):
        return True
    before = text[max(0, start - 80) : start]
    if _after_person().search(before) or _BYLINE.search(before):
        return True
    following = text[end : end + 40]
    return bool(_BEFORE_CAPS_WORD.match(following) or _before_org_word().match(following) or _AFTER_CAPS_WORD.search(before))


# Two capitalised words right before a medical abbreviation that ends a practice's name ("Birch
# Hollow TMS"). Treatment and drug words are left out: "Ketamine Therapy IV" or "Spravato REMS" name
# the treatment, whose abbreviation a reader still needs spelled out.
_PRACTICE_NAME_BEFORE = re.compile(r"(?<![\w'\u2019-])([A-Z][a-z]+)\s+([A-Z][a-z]+)\s+$")
_TREATMENT_WORDS = frozenset(
    """ketamine esketamine spravato therapy therapies treatment treatments infusion infusions
    injection injections depression depressive disorder disorders stress program protocol
    psychotherapy medication medicine nasal spray""".split()
)


def _ends_a_practice_name(text: str, start: int) -> bool:
    """Whether the medical abbreviation at ``start`` ends a practice's name: two capitalised words,
    neither a treatment word, stand right before it ("At Birch Hollow TMS, we ..."). Such names are
    names (terminology.md), while "TRD Clinic" or "Spravato REMS" still leave the letters unexplained,
    and words whose initials are in the letters ("Generalized Anxiety GAD") are its long form."""
    found = _PRACTICE_NAME_BEFORE.search(text, max(0, start - 60), start)
    if found is None or any(word.lower() in _TREATMENT_WORDS for word in found.groups()):
        return False
    abbreviation = text[start : start + 8].split(None, 1)[0].upper()
    return found.group(1)[0] + found.group(2)[0] not in abbreviation


_CITATION_AFTER = re.compile(r",?\s*(?:19|20)\d\d[a-z]?\s*[);,]")


def _is_citation(text: str, found: re.Match[str]) -> bool:
    """Whether the capitals are an author in a citation: "(ABC, 2019)", "(WHO 2021; ...)". Only the
    few characters before them are read: a long paragraph is not copied per candidate."""
    before = text[max(0, found.start() - 8) : found.start()].rstrip()
    return before.endswith(("(", ";")) and bool(_CITATION_AFTER.match(text, found.end()))


def _in_web_address(text: str, position: int) -> bool:
    """Whether ``position`` is inside a web address or path ("example.org/KAP/intake")."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = position
    while end < len(text) and not text[end].isspace():
        end += 1
    token = text[start:end]
    return "://" in token or token.lower().startswith("www.") or bool(re.search(r"\.[a-z]{2,}/", token))


def _after_roman_context(text: str, position: int) -> bool:
    """Whether a word such as "schedule" or "phase" ends just before ``position`` ("Schedule III").

    Looks only at the words right before it, so a long paragraph is not read again per candidate.
    """
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return bool(_ROMAN_CONTEXT.search(text, max(0, end - _ROMAN_CONTEXT_REACH), position))


def _candidates(text: str) -> list[re.Match[str]]:
    """Abbreviation candidates in reading order: plain ("TRD"), after a prefix ("post-KAP") and dotted ("I.V.")."""
    found = list(_CANDIDATE.finditer(text)) + list(_PREFIXED.finditer(text))
    found += [match for match in _DOTTED.finditer(text) if match.group(1).replace(".", "") in _ALWAYS_ABBREVIATIONS]
    return sorted(found, key=lambda match: match.start(1))


_NAME_WORD = re.compile(r"[A-Z][\w'\u2019&-]*")
_NAME_LINK = frozenset({"of", "and", "for", "on", "the", "&"})


def _named_before(document: Document, block_index: int, offset: int, abbreviation: str) -> bool:
    """Whether a name whose capitalised words' initials spell ``abbreviation`` comes earlier in the
    text ("Field Stone Wellness" before "FSW"): a reader has the long form already."""
    if len(abbreviation) < 2 or abbreviation in _ALWAYS_ABBREVIATIONS:
        return False  # medical abbreviations are spelled out where they are used, not left to be guessed
    for index in range(0, block_index + 1):
        text = document.blocks[index].text
        if index == block_index:
            text = text[:offset]
        words = re.findall(r"[\w'\u2019&-]+", text)
        initials = [(word[0], word) for word in words if word.lower() not in _NAME_LINK]
        for start in range(len(initials) - len(abbreviation) + 1):
            window = initials[start : start + len(abbreviation)]
            if all(_NAME_WORD.fullmatch(word) and word[0] == letter for (_, word), letter in zip(window, abbreviation)):
                if not any(word.isupper() and len(word) > 1 for _, word in window):
                    return True
    return False


_OR_BEFORE = re.compile(r",?\s+or\s+[\"'\u201c\u2018]?$")
_FOR_SHORT_AFTER = re.compile(r"[\"'\u201d\u2019]?\s*,?\s*for\s+short\b", re.IGNORECASE)


def _defined_here(text: str, found: re.Match[str], abbreviation: str, window: int) -> bool:
    """"long form (ABBR)", "ABBR (long form)", "ABBR stands for / means long form", and the forms
    real pages use: "long form, or ABBR", "long form — “ABBR” for short", "long form (ABBR; what it means)",
    "ABBR – long form"."""
    before = tail_holding(text, found.start(), window + 1, token=_TOKEN)  # _spells reads the last `window` of these
    after = _text_after(text, found.end())
    if before.rstrip().endswith("(") and (after.lstrip().startswith(")") or re.match(r"\s*[;,]", after)):
        return _spells(before.rstrip()[:-1], abbreviation, window)
    named_or = _OR_BEFORE.search(before)
    if named_or and _ends_spelling(before[: named_or.start()], abbreviation) and _spells(before[: named_or.start()], abbreviation, window):
        return True
    if _FOR_SHORT_AFTER.match(after) and _spells(before.rstrip(" \"'\u201c\u2018\u2013\u2014-("), abbreviation, window):
        return True
    dash = re.search(r"\s[\u2013\u2014-]\s*$", before)
    if dash and not text[found.end() :].strip(" .!?:"):
        return _spells(before[: dash.start()], abbreviation, window)  # a title: "Post-Traumatic Stress Disorder \u2013 PTSD"
    dashed = re.match(r"\s+[\u2013\u2014-]\s+([^.;:()]{3,120})", after)
    if dashed and _spells(dashed.group(1), abbreviation, window, from_start=True):
        return True  # "BDNF \u2013 brain-derived neurotrophic factor"
    opened = re.match(r"\s*\(([^()]{3,120})\)", after)
    if opened and _spells(opened.group(1), abbreviation, window, from_start=True):
        return True
    spelled = re.match(r",?\s+(?:stands\s+for|means|is\s+short\s+for|short\s+for)\s+([^.;:]{3,120})", after, re.IGNORECASE)
    return bool(spelled and _spells(spelled.group(1), abbreviation, window, from_start=True))


_AFTER_REACH = 400  # past the spaces after a candidate: longer than any "(long form)" or "stands for ..."
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _text_after(text: str, position: int) -> str:
    """The start of ``text[position:]``, long enough for every definition _defined_here reads."""
    first = position
    while first < len(text) and text[first].isspace():
        first += 1
    return text[position : first + _AFTER_REACH]


def _spells(phrase: str, abbreviation: str, window: int, from_start: bool = False) -> bool:
    """Whether the words of ``phrase`` (its last ``window`` words, or its first when
    ``from_start``) spell the abbreviation: its first letter starts a word and its
    letters appear in order."""
    tokens = _TOKEN.findall(phrase)
    tokens = tokens[:window] if from_start else tokens[-window:]
    letters = [char.lower() for char in abbreviation if char.isalnum()]
    if not tokens or not letters:
        return False
    for start in range(len(tokens)):
        if tokens[start].lower() in _STOP_WORDS or tokens[start][0].lower() != letters[0]:
            continue
        joined = " ".join(token.lower() for token in tokens[start:])
        position = 0
        matched = True
        for letter in letters:
            position = joined.find(letter, position)
            if position < 0:
                matched = False
                break
            position += 1
        if matched and (not from_start or start == 0):
            return True
        if from_start:
            break
    return False


def _ends_spelling(phrase: str, abbreviation: str) -> bool:
    """Whether the last word of ``phrase`` holds the abbreviation's last letter: the long form
    ends right before "or ABBR" ("treatment-resistant depression, or TRD"), where a list of
    things ("shots or IV drips") does not."""
    tokens = _TOKEN.findall(phrase)
    return bool(tokens) and abbreviation[-1].lower() in tokens[-1].lower()


def _places_of(literal: str, text: str, start: int) -> list[int]:
    """Where ``literal`` stands in ``text`` from ``start`` on."""
    places = []
    position = text.find(literal, start)
    while position != -1:
        places.append(position)
        position = text.find(literal, position + 1)
    return places


def _later_definition(document: Document, block_index: int, offset: int, abbreviation: str, window: int) -> int | None:
    pattern = re.compile(rf"(?<![\w/.-]){re.escape(abbreviation)}s?(?![\w/])(?!-[A-Z0-9])")
    for index in range(block_index, len(document.blocks)):
        text = document.blocks[index].text
        start = offset if index == block_index else 0
        # every match starts with the abbreviation itself: the pattern is tried only where it stands,
        # not along every block of the rest of the document for every abbreviation reported
        for found in finditer_at(pattern, text, _places_of(abbreviation, text, start), start):
            if _defined_here(text, found, abbreviation, window):
                block = document.blocks[index]
                return document.lines.position(block.source_map.to_source(found.start()))[0]
    return None

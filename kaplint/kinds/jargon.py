"""The ``jargon`` kind: hard words with everyday alternatives, from a word list.

Entries come from a YAML data file (``rules/data/jargon.yml``). Two sorts:

- ``plain``: formal or bureaucratic words ("utilize", "prior to") with an
  everyday alternative; every use is reported;
- ``medical``: terms patients may need to learn ("dissociation",
  "intranasal"); fine when defined near their first use ("dissociation,
  which means ...", "dissociation (feeling ...)", "a feeling called
  dissociation"), otherwise the first use is reported once.

An entry's ``except`` phrases are fixed phrases in which the term is not
jargon ("Food and Drug Administration").
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from kaplint.text import compiled_later
from kaplint.text.document import Document
from kaplint.finding import Match
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, validate_params
from kaplint.kinds.phrase import inflections, term_regex
from kaplint.text.names import inside_name, is_title_case, name_spans
from kaplint.text.segmentation import segment

_DEFINED_AFTER = re.compile(
    r"^\s*(?:,\s*(?:which|that)\s+(?:means|is|are|refers)|,?\s*(?:means|meaning|refers\s+to|is\s+when|is\s+a\s+feeling|"
    r"describes)\b|,\s*or\s+[a-z]|\s*\(\s*[a-z][^()]*\s[^()]*\)|\s*[\u2013\u2014:-]\s+[a-z]"
    # an appositive: "an anesthetic, a drug that ...", "psychosis, a condition in which ..."
    r"|,\s*(?:a|an|the)\s+[a-z]+(?:\s+[a-z]+){0,3}?\s+(?:that|which|who|used|in\s+which|where|for)\b)",
)
# "a feeling called dissociation"
_DEFINED_BEFORE = re.compile(r"(?:called|known\s+as|named|termed)\s*[\"'\u201c]?\s*$", re.IGNORECASE)
# "feeling disconnected (dissociation)": the plain words come first, the term in parentheses.
_GLOSSED_BEFORE = re.compile(r"\w[^()]*\w\s*\((?:an?\s+|the\s+)?$", re.IGNORECASE)
# The next sentence explains it: "Dissociation is common. It means feeling ..."
_DEFINED_NEXT = re.compile(r"^\s*[\"'\u201d\u2019)*_]*[.:;]?\s*(?:[^.!?]*[.!?]\s+)?(?:this|that|it)\s+(?:means|refers\s+to|is\s+when|describes|is\s+a\s+(?:feeling|sense|state))\b", re.IGNORECASE)
# A label at the start of a list item or paragraph, explained by what follows ("Dissociation. You may feel ...").
_label = compiled_later(r"^\s*[.:\u2013\u2014-]\s+\S+(?:\s+\S+){4,}")


@dataclass(frozen=True)
class JargonEntry:
    term: str
    kind: str
    plain: tuple[str, ...]
    exceptions: tuple[str, ...]
    exception_regex: re.Pattern[str] | None = None  # fixed phrases in which the term is not jargon


@dataclass(frozen=True)
class JargonSettings:
    entries: tuple[JargonEntry, ...]
    index: dict[tuple[str, ...], int]  # lower-case word forms of a term -> entry
    longest: int  # most words in any term
    blocks: frozenset[str]
    first_words: frozenset[str] = frozenset()  # the first word of every key: most words start no term


# Words are looked up in a table of every inflected form instead of one giant
# regular expression: building that expression cost a quarter of a second on
# every run, and a table lookup per word is also faster to match.
_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?")
_INNER_GAP = re.compile(r"\s+|\s*[-\u2010\u2011\u2013]\s*")


def _term_keys(term: str) -> list[tuple[str, ...]]:
    """Every word sequence that spells ``term`` with regular inflections of its words."""
    options = [sorted(inflections(word)) if word.isalpha() and len(word) >= 3 else [word] for word in re.split(r"[\s-]+", term) if word]
    return [tuple(words) for words in itertools.product(*options)]


def _joined_to_neighbour(char: str) -> bool:
    return char.isalnum() or char in "-_\u2010\u2011"


def find_terms(text: str, settings: JargonSettings) -> Iterator[tuple[int, int, JargonEntry]]:
    """(start, end, entry) of each term in ``text``, leftmost and longest first, never inside a
    hyphenated or longer word ("assist" is not found in "ketamine-assisted")."""
    tokens = list(_TOKEN.finditer(text))
    keys = [token.group().lower().replace("\u2019", "'") for token in tokens]
    first_words = settings.first_words
    # only a word that starts some term can start one, whatever follows it
    starts: Iterable[int] = [number for number, key in enumerate(keys) if key in first_words] if first_words else range(len(tokens))
    position = 0
    for start_token in starts:
        if start_token < position:
            continue  # inside the term found last
        position = start_token + 1
        for size in range(min(settings.longest, len(tokens) - start_token), 0, -1):
            # the list is asked first: most runs of words are no term, and a look-up costs less
            # than reading the gaps between them
            entry = settings.index.get(tuple(keys[start_token : start_token + size]))
            if entry is None:
                continue
            window = tokens[start_token : start_token + size]
            start, end = window[0].start(), window[-1].end()
            if (start and _joined_to_neighbour(text[start - 1])) or (end < len(text) and _joined_to_neighbour(text[end])):
                continue
            if any(not _INNER_GAP.fullmatch(text[left.end() : right.start()]) for left, right in zip(window, window[1:])):
                continue
            yield start, end, settings.entries[entry]
            position = start_token + size
            break


class JargonKind(Kind):
    name = "jargon"
    params = {
        "list": Param("path", "", "YAML word list (relative to the rule pack)"),
        "extra": Param("mapping", {}, "more entries: term: plain alternative (kind plain)"),
        "blocks": Param("str-list", ["heading", "paragraph", "list_item", "blockquote", "table_cell"], "block kinds to check"),
    }

    def compile(self, params: dict[str, Any]) -> JargonSettings:
        values = validate_params(self.params, params)
        entries = list(load_word_list(values["list"])) if values["list"] else []
        for term, plain in values["extra"].items():
            alternatives = (plain,) if isinstance(plain, str) else tuple(plain)
            entries.append(JargonEntry(str(term).lower(), "plain", alternatives, ()))
        if not entries:
            raise ParamError("list", "a jargon rule needs a word 'list' or 'extra' entries")
        index: dict[tuple[str, ...], int] = {}
        for number, entry in enumerate(entries):
            for key in _term_keys(entry.term):
                index.setdefault(key, number)
        longest = max(len(key) for key in index)
        return JargonSettings(tuple(entries), index, longest, frozenset(values["blocks"]), frozenset(key[0] for key in index))

    def check(self, rule: Any, compiled: JargonSettings, document: Document, context: CheckContext) -> Iterable[Match]:
        settled: set[str] = set()  # medical terms already defined or reported
        analysis = segment(document)
        for index, block in enumerate(document.blocks):
            if block.kind not in compiled.blocks:
                continue
            text = block.text
            names: list[tuple[int, int]] | None = None
            exceptions = _MatchSpans()
            for start, end, entry in find_terms(text, compiled):
                matched = text[start:end]
                if entry.term in settled or context.is_accepted(text, start, end):
                    continue
                if matched[:1].isupper():
                    if names is None:
                        names = _names(text, [sentence.start for sentence in analysis.by_block.get(index, [])], block.kind == "heading")
                    if inside_name(names, start, end):
                        continue  # a clinic, program or product: "Elevate Mind" is not the word "elevate"
                if entry.exception_regex is not None and _overlaps(exceptions.spans(entry.exception_regex, text), start, end):
                    continue
                if entry.kind == "medical":
                    if block.kind == "heading":
                        continue  # "What is dissociation?": the answer below may explain it
                    settled.add(entry.term)
                    if _defined_nearby(text, start, end):
                        continue
                message = rule.message.replace("{match}", matched).replace("{plain}", " / ".join(entry.plain))
                if entry.kind == "medical":
                    message += " If the term is needed, explain it in plain words where it first appears."
                yield Match(start, end, message, index, suggestions=entry.plain)


class _MatchSpans:
    """The (start, end) of each match of an entry's exceptions in one block, found once per block:
    a long paragraph is not read again for every term in it."""

    def __init__(self) -> None:
        self._spans: dict[re.Pattern[str], list[tuple[int, int]]] = {}

    def spans(self, pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
        found = self._spans.get(pattern)
        if found is None:
            found = self._spans[pattern] = [match.span() for match in pattern.finditer(text)]
        return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of ``spans`` (a pattern's matches in order, so ordered by end too) overlaps
    ``start``-``end``: only the first that ends after ``start`` can."""
    index = bisect.bisect_right(spans, start, key=lambda span: span[1])
    return index < len(spans) and spans[index][0] < end and spans[index][1] > start


def _names(text: str, sentence_starts: list[int], heading: bool) -> list[tuple[int, int]]:
    """Names in a block: a capitalised list term mid-sentence ("at Elevate") or next to another
    capitalised word ("Elevate Mind", also in a sign-off line such as "The Elevate Mind Team"); none
    in a heading in Title Case, where every word has a capital."""
    if heading and is_title_case(text):
        return []
    return name_spans(text, sentence_starts, single=True, at_start=2)


def _defined_nearby(text: str, start: int, end: int) -> bool:
    """Whether the term at ``text[start:end]`` is explained where it stands."""
    after = text[end : end + 200]
    if _DEFINED_AFTER.match(after) or _DEFINED_NEXT.match(after):
        return True
    before = text[max(0, start - 60) : start]
    if _DEFINED_BEFORE.search(before):
        return True
    if _GLOSSED_BEFORE.search(before) and text[end : end + 3].lstrip().startswith(")"):
        return True
    return not text[:start].strip(" *_\"'") and bool(_label().match(after))


_LIST_CACHE: dict[str, tuple[JargonEntry, ...]] = {}


def load_word_list(path: str) -> tuple[JargonEntry, ...]:
    """Read and check a jargon word list; errors name the file and entry."""
    if path in _LIST_CACHE:
        return _LIST_CACHE[path]
    file = Path(path)
    import yaml  # here, not at the top: word lists are read when rules are compiled, not when they come from the cache

    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except (OSError, UnicodeDecodeError) as error:
        raise ParamError("list", f"cannot read word list {path}: {error}") from None
    except yaml.YAMLError as error:
        raise ParamError("list", f"word list {path} is not valid YAML: {error}") from None
    if not isinstance(data, list):
        raise ParamError("list", f"word list {path} must be a YAML list of entries")
    entries: list[JargonEntry] = []
    for number, item in enumerate(data, 1):
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or item.get("kind") not in ("plain", "medical"):
            raise ParamError("list", f"word list {path}, entry {number}: needs 'term' and 'kind' (plain or medical)")
        plain = item.get("plain", [])
        plain = [plain] if isinstance(plain, str) else plain
        if not plain or not all(isinstance(option, str) for option in plain):
            raise ParamError("list", f"word list {path}, entry {number} ({item['term']}): 'plain' must list alternatives")
        exceptions = tuple(str(phrase).lower() for phrase in item.get("except", []) or [])
        exception_regex = (
            re.compile("|".join(term_regex(phrase, False) for phrase in exceptions), re.IGNORECASE) if exceptions else None
        )
        entries.append(JargonEntry(item["term"].lower(), item["kind"], tuple(plain), exceptions, exception_regex))
    _LIST_CACHE[path] = tuple(entries)
    return _LIST_CACHE[path]

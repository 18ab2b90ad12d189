"""Grammar checks for one run: prose in, cached and filtered issues out, per block.

Only prose blocks reach the engine (loaders have already left out front matter, code,
URLs and link targets); anything URL- or code-like still in a block is masked, so no
issue is reported inside it. Paragraphs already in the cache are not sent again; the
rest of a document goes to the engine in one batched call. Spelling issues on the
domain's vocabulary and the project's accepted words are dropped here, once, for every
backend alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kaplint.grammar.backend import GrammarBackend, GrammarFailure, GrammarIssue
from kaplint.grammar.cache import GrammarCache
from kaplint.grammar.vocabulary import is_domain_word
from kaplint.loaders.urls import URL_PATTERN

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document

PROSE_BLOCKS = ("paragraph", "list_item", "heading", "table_cell", "blockquote")
# Inline code that survived a loader (plain text keeps its backticks).
_CODE = re.compile(r"`[^`\n]+`")
# Web addresses written without a scheme ("glowketamine.example/kap", "988lifeline.org").
_DOMAIN = re.compile(
    r"(?<![\w@./:-])(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|info|io|us|health|clinic|care|example)"
    r"(?:/[^\s)]*[^\s).,;:!?])?(?![\w])",
    re.IGNORECASE,
)


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` no issue may touch: URLs, web addresses, e-mail addresses and inline code."""
    return sorted(found.span() for pattern in (URL_PATTERN, _DOMAIN, _CODE) for found in pattern.finditer(text))


@dataclass
class GrammarChecker:
    """One backend with its cache and vocabulary, shared by every grammar rule of a run."""

    backend: GrammarBackend
    cache: GrammarCache
    vocabulary: frozenset[str]
    failure: str | None = None  # set when the engine failed; later documents are not checked

    def issues(self, document: Document) -> dict[int, list[GrammarIssue]]:
        """Issues per block index of ``document``, computed once per document."""
        memo_key = ("grammar", id(self))
        if memo_key not in document.memo:
            document.memo[memo_key] = self._issues(document)
        return document.memo[memo_key]

    def _issues(self, document: Document) -> dict[int, list[GrammarIssue]]:
        if self.failure is not None:
            return {}
        fingerprint = self.backend.fingerprint()
        wanted = {
            index: block.text
            for index, block in enumerate(document.blocks)
            if block.kind in PROSE_BLOCKS and block.landmark != "navigation" and block.text.strip()
        }
        found: dict[str, list[GrammarIssue]] = {}
        pending: list[str] = []
        for text in dict.fromkeys(wanted.values()):
            cached = self.cache.get(GrammarCache.key(fingerprint, text))
            if cached is None:
                pending.append(text)
            else:
                found[text] = cached
        if pending:
            try:
                answers = self.backend.check(pending)
            except GrammarFailure as error:
                self.failure = str(error)
                return {}
            for text, issues in zip(pending, answers):
                self.cache.put(GrammarCache.key(fingerprint, text), issues)
                found[text] = issues
        return {index: self._keep(text, found.get(text, [])) for index, text in wanted.items()}

    def _keep(self, text: str, issues: list[GrammarIssue]) -> list[GrammarIssue]:
        masks = masked_spans(text)
        kept = []
        for issue in issues:
            if any(start < issue.end and issue.start < end for start, end in masks):
                continue
            if issue.spelling and is_domain_word(text[issue.start : issue.end], self.vocabulary):
                continue
            kept.append(issue)
        return kept

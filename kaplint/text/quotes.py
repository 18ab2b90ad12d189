"""Quotations in prose: where they are, whether someone is credited, whether they are discussed.

Claims rules treat quoted words two ways. A claim quoted in order to question
it ("Some websites call ketamine "100% safe". That is not true.") is not the
publisher's claim. A claim in a patient's quoted words ("It saved my life."
- Jessica R.) is still the publisher's claim (FTC Endorsement Guides), and its
finding says so.
"""

from __future__ import annotations

import bisect
import re

from kaplint.text import compiled_later

_QUOTE_PAIRS = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019"}
# Words outside a quotation that say it is being reported or questioned, not asserted.
_discussion = compiled_later(
    r"\b(?:call(?:s|ed|ing)?|claim(?:s|ed|ing)?|described\s+as|phrases?|words?|terms?|headlines?|read\s+that|"
    r"hear(?:d)?\s+that|such\s+as|marketing|myths?|believe|wrong|false|misleading|not\s+true|untrue|"
    r"beyond\s+the\s+evidence|wary|beware|careful|label(?:s|led|ed)?|so[\s-]called|buzzwords?|"
    r"(?:might|may|could)\s+(?:read|see|hear)|instead\s+of|rather\s+than|avoid(?:s|ed|ing)?|saying|"
    r"(?:we|you|they)\s+(?:say|write|use)|trivializ\w*|stigmatiz\w*|offensive|(?:have|has)\s+(?:seen|read|heard)|"
    r"ads?|advert\w*|(?:sites?|websites?|articles?|blogs?|posts?|sources?|clinics?)\s+(?:say|state|write|promise))\b",
    re.IGNORECASE,
)
# A next sentence that corrects what was just quoted.
_correction = compiled_later(
    r"^\W*(?:that|this|it|they|these|such\s+\w+)\s+(?:is|are|was|were|does|do|did|has|have)(?:\s+not|n['\u2019]t)\b|"
    r"^\W*(?:that|this|it)(?:\s+(?:phrase|claim|wording|statement|word|term|line))?\s+is\s+(?:false|wrong|misleading|untrue|inaccurate|an?\s+(?:myth|exaggeration))|"
    r"^\W*(?:in\s+fact|actually|the\s+truth|in\s+reality|not\s+so|(?:the\s+)?(?:evidence|FDA|research|data|studies)\b)",
    re.IGNORECASE,
)
_OPENERS = re.compile("[\u201c\"\u2018]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inner text in ``text`` (straight or curly quotes), in order.

    The spans never overlap: each quotation is looked for after the one before it ends.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        opener = _OPENERS.search(text, position)  # the next character that may open a quotation
        if opener is None:
            break
        position = opener.start()
        char = text[position]
        closer = _QUOTE_PAIRS[char]
        if char == "\u2018" and position > 0 and text[position - 1].isalnum():
            position += 1
            continue
        end = text.find(closer, position + 1)
        if closer == "\u2019":
            # An apostrophe ("don’t") is not a closing quote: take one followed by a non-letter.
            while end != -1 and end + 1 < len(text) and text[end + 1].isalpha():
                end = text.find(closer, end + 1)
        if end == -1:
            break
        spans.append((position + 1, end))
        position = end + 1
    return spans


def enclosing_quote(
    text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None
) -> tuple[int, int] | None:
    """The quotation that contains ``text[start:end]``, if any (``spans``: precomputed quote_spans).

    The quotations are in order and apart, so only the last one opening at or before ``start``
    can hold it: a long paragraph of many quotations is not read through for every match.
    """
    spans = quote_spans(text) if spans is None else spans
    index = bisect.bisect_right(spans, (start, len(text) + 1)) - 1
    if index >= 0 and spans[index][0] <= start and end <= spans[index][1]:
        return spans[index]
    return None


def is_discussed(sentence_outside_quotes: str, next_sentence: str) -> bool:
    """Whether a quotation is reported or questioned rather than asserted."""
    return bool(_discussion().search(sentence_outside_quotes) or _correction().search(next_sentence))



# Words outside a quotation that credit it to a speaker: "said one patient", "she told us".
_attribution = compiled_later(
    r"\b(?:said|says|say|told\s+(?:us|me|her|him|them)|tells\s+(?:us|me)|shared|shares|recalls?|recalled|"
    r"explains?|explained|writes|wrote|describes?|described|remembers?|remembered|puts?\s+it|reports?|reported|"
    r"admits?|admitted|jokes?|joked|laughs?|laughed)\b|^\s*[\u2014\u2013-]\s*\w",
    re.IGNORECASE,
)
# A credit right after the closing quote: "... gave me my life back." Marisol T., Miami
_credit_line = compiled_later(r"^\W{0,2}\s*(?:[\u2014\u2013-]\s*)?[A-Z][a-z]+(?:\s+[A-Z](?:[a-z]+|\.))?\s*(?:,|\(|$)")
_first_person = compiled_later(r"\b(?:I|I['\u2019](?:m|d|ve|ll)|me|my|myself|we|our)\b")


def is_testimony(quoted: str, outside: str, following: str, after_quote: str = "") -> bool:
    """Whether a quotation is someone's own first-person words, credited to them.

    Person-first guidance lets a speaker keep their own words ("I suffered from
    depression for years," said one patient); the same words in the publisher's
    voice are still the publisher's to change.
    """
    if not _first_person().search(quoted):
        return False
    return bool(_attribution().search(outside) or _attribution().match(following) or _credit_line().match(after_quote))


def is_credited_blockquote(text: str, following_block: str) -> bool:
    """A blockquote of first-person words with a credit line ("— Priya, client") in it or right after it."""
    if not _first_person().search(text):
        return False
    return bool(re.search(r"(?:^|\n|\s)[\u2014\u2013-]\s*[A-Z]", text) or re.match(r"\s*[\u2014\u2013-]\s*\w", following_block))

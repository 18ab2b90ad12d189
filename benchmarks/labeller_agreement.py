"""How far two independent labellers of the real corpus agree, measured like kaplint is.

kaplint's accuracy targets are precision and recall against one labeller's quotes. Whether a
target is reachable depends on how far careful reviewers agree with each other: if a second
reviewer, reading the same standards and the same texts, matches the first at precision 0.7,
no tool can be expected to match the first at 0.85. This script measures that ceiling.

A second labeller writes ``NNN_slug.labels.yml`` files (claims, terminology and language only)
for texts of a batch, in a folder of their own, without seeing the first labels. The script
scores the second labeller's quotes as if they were findings against the first labeller's
quotes (same category and overlapping text, with the same list tolerance and whole-document
fair balance as ``evaluate_corpus.py``), then kaplint against each labeller, against the quotes
both agree on (its recall there is recall on undisputed claims), and against the quotes either
labelled (its precision there counts a finding right when one reviewer would underline it).

    python benchmarks/labeller_agreement.py corpus-real/fresh9 corpus-real/fresh9-second

When the second labeller also labelled ``disclosures`` (each element present, missing or
not-applicable), the script compares those too: how often the two agree on an element, the
share of elements one labelled present that the other labelled missing (the human counterpart of
kaplint's "present reported missing"), and kaplint's missing findings against each labeller and
against the elements both labelled alike.

Only figures are printed (no quotations), so the output can go into notes and docs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_corpus import LIST_TOLERANCE_LINES, LabelledDocument, MatchScore, Score, evaluate_disclosures, evaluate_quotes  # noqa: E402
from evaluate_real import RealText, load_real_corpus  # noqa: E402

# each part: the label keys compared, and the rules kaplint runs for it (as in evaluate_real.py)
PARTS = {
    "claims": (("claims",), ("claims",)),
    "terminology": (("terminology",), ("terminology", "undefined-abbreviation")),
    "language": (("language",), ("language",)),
}


@dataclass(frozen=True)
class Quote:
    """One labelled quote located in the text."""

    category: str
    start: int
    end: int
    line: int


def locate(text: RealText, entries: list[dict], where: str) -> list[Quote]:
    """The quotes of ``entries`` as spans of ``text``'s body; a quote not found is an error."""
    quotes = []
    for entry in entries:
        start = text.body.find(entry["quote"])
        if start < 0:
            raise SystemExit(f"{where}: quote not found in {text.name}: {entry['quote'][:40]!r}...")
        quotes.append(Quote(entry["category"], start, start + len(entry["quote"]), text.body.count("\n", 0, start) + 1))
    return quotes


def same_claim(found: Quote, label: Quote) -> bool:
    """The matching rule of ``evaluate_corpus.evaluate_quotes``, applied to a quote as the finding."""
    if found.category != label.category:
        return False
    if label.category == "fair-balance":
        return True
    if abs(found.line - label.line) <= LIST_TOLERANCE_LINES.get(label.category, -1):
        return True
    return found.start < label.end and label.start < max(found.end, found.start + 1)


def agreement(pairs: list[tuple[list[Quote], list[Quote]]]) -> MatchScore:
    """Second-labeller quotes scored as findings against first-labeller quotes."""
    score = MatchScore()
    for first, second in pairs:
        score.findings += len(second)
        score.findings_matched += sum(any(same_claim(quote, label) for label in first) for quote in second)
        score.labels += len(first)
        score.labels_matched += sum(any(same_claim(quote, label) for quote in second) for label in first)
    return score


def _read_labels(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _entries(labels: dict, keys: tuple[str, ...]) -> list[dict]:
    return [entry for key in keys for entry in labels.get(key) or []]


def _agreed(text: RealText, second: dict, keys: tuple[str, ...]) -> dict[str, list[dict]]:
    """The first labeller's entries that a second-labeller quote matches."""
    others = locate(text, _entries(second, keys), "second labels")
    kept: dict[str, list[dict]] = {}
    for key in keys:
        entries = list(text.labels.get(key) or [])
        located = locate(text, entries, "first labels")
        kept[key] = [entry for entry, quote in zip(entries, located) if any(same_claim(other, quote) for other in others)]
    return kept


def present_called_missing(first: dict[str, str], second: dict[str, str]) -> tuple[int, int]:
    """(elements ``first`` labelled present that ``second`` labelled missing, elements ``first``
    labelled present that ``second`` labelled at all)."""
    present = [element for element, value in first.items() if value == "present" and element in second]
    return sum(second[element] == "missing" for element in present), len(present)


def _disclosures(texts: list[RealText], second_labels: dict[str, dict], folder: Path) -> None:
    pairs = [(text, dict(text.labels.get("disclosures") or {}), dict(second_labels[text.name].get("disclosures") or {})) for text in texts]
    pairs = [(text, first, second) for text, first, second in pairs if second]
    if not pairs:
        return
    shared = [(first[element], second[element]) for _, first, second in pairs for element in first if element in second]
    print(f"\ndisclosures ({len(pairs)} texts, {len(shared)} elements labelled by both)")
    print(f"  {'the same value':<44} {sum(a == b for a, b in shared) / len(shared):.2f}")
    for title, flip in (("first present, second missing", False), ("second present, first missing", True)):
        counts = [present_called_missing(second, first) if flip else present_called_missing(first, second) for _, first, second in pairs]
        called, present = sum(c for c, _ in counts), sum(p for _, p in counts)
        print(f"  {title:<44} {called / present if present else 0.0:.1%} ({called} of {present})")
    agreed = {text.name: {element: value for element, value in first.items() if second.get(element) == value} for text, first, second in pairs}
    for title, labels_of in (
        ("kaplint against first labeller", lambda text: dict(text.labels.get("disclosures") or {})),
        ("kaplint against second labeller", lambda text: dict(second_labels[text.name].get("disclosures") or {})),
        ("kaplint against elements both labelled alike", lambda text: agreed[text.name]),
    ):
        documents = []
        for text, _, _ in pairs:
            path = folder / f"{text.name}.txt"
            path.write_text(text.body, encoding="utf-8")
            documents.append(LabelledDocument(path, {"profile": text.profile, "disclosures": labels_of(text)}))
        evaluation = evaluate_disclosures(documents)
        present = sum(value == "present" for document in documents for value in document.labels["disclosures"].values())
        called = sum(1 for error in evaluation.errors if error[2] == "present")
        print(_disclosure_line(title, evaluation.overall, called, present))


def _disclosure_line(name: str, score: Score, called: int, present: int) -> str:
    return (
        f"  {name:<44} precision {score.precision:.2f}  recall {score.recall:.2f}  "
        f"present reported missing {called / present if present else 0.0:.1%} ({called} of {present})"
    )


def _line(name: str, score: MatchScore) -> str:
    return (
        f"  {name:<44} precision {score.precision:.2f}  recall {score.recall:.2f}  "
        f"({score.findings} found, {score.labels} labelled)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path, help="a real-corpus folder with texts and first labels")
    parser.add_argument("second", type=Path, help="a folder with the second labeller's NNN_slug.labels.yml")
    arguments = parser.parse_args()

    texts = [text for text in load_real_corpus(arguments.first) if (arguments.second / f"{text.name}.labels.yml").exists()]
    if not texts:
        raise SystemExit(f"no text of {arguments.first} has second labels in {arguments.second}")
    second_labels = {text.name: _read_labels(arguments.second / f"{text.name}.labels.yml") for text in texts}
    print(f"{len(texts)} texts labelled twice")

    with tempfile.TemporaryDirectory() as folder:
        for part, (keys, select) in PARTS.items():
            if not any(key in labels for labels in second_labels.values() for key in keys):
                continue  # the second labeller did not label this part
            pairs = []
            for text in texts:
                first = locate(text, _entries(text.labels, keys), "first labels")
                second = locate(text, _entries(second_labels[text.name], keys), "second labels")
                pairs.append((first, second))
            print(f"\n{part}")
            print(_line("second labeller against first", agreement(pairs)))
            agreed = {text.name: _agreed(text, second_labels[text.name], keys) for text in texts}
            either = {text.name: {key: _entries(text.labels, (key,)) + _entries(second_labels[text.name], (key,)) for key in keys} for text in texts}
            for title, labels_of in (
                ("kaplint against first labeller", lambda text: text.labels),
                ("kaplint against second labeller", lambda text: second_labels[text.name]),
                ("kaplint against quotes both labelled", lambda text: agreed[text.name]),
                ("kaplint against quotes either labelled", lambda text: either[text.name]),
            ):
                documents = []
                for text in texts:
                    path = Path(folder) / f"{text.name}.txt"
                    path.write_text(text.body, encoding="utf-8")
                    labels = {key: list(labels_of(text).get(key) or []) for key in keys}
                    documents.append(LabelledDocument(path, {"profile": text.profile, **labels}))
                print(_line(title, evaluate_quotes(documents, keys, select).overall))
        _disclosures(texts, second_labels, Path(folder))


if __name__ == "__main__":
    main()

"""Measure kaplint against the labelled corpus (tests/corpus/): precision and recall.

Claims: each finding of the claims category is compared with the labelled quotes
(same rule name, overlapping text); see :func:`evaluate_claims`.

    python benchmarks/evaluate_corpus.py            # summary per element
    python benchmarks/evaluate_corpus.py --errors   # also every disagreement, with the text
    python benchmarks/evaluate_corpus.py --writer e # only one writer's documents

Disclosures: each document's label file gives every element its profile checks
as present, missing or not-applicable. A missing-element finding is a true
positive when the label says missing, a false positive otherwise; a label of
missing without a finding is a false negative. Each document is linted with the
profile from its label file, as a project's configuration would set it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kaplint.config import Config
from kaplint.engine import DocumentResult, Linter, RunOptions

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
DOCUMENT_SUFFIXES = (".md", ".html", ".txt")


@dataclass(frozen=True)
class LabelledDocument:
    path: Path
    labels: dict

    @property
    def profile(self) -> str:
        return str(self.labels["profile"])


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


@dataclass
class DisclosureEvaluation:
    overall: Score = field(default_factory=Score)
    by_element: dict[str, Score] = field(default_factory=dict)
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # (document, element, label, kaplint, why)
    documents: int = 0


def load_corpus(folder: Path = CORPUS) -> list[LabelledDocument]:
    """Every document of the corpus that has a label file."""
    documents = []
    for labels_path in sorted(folder.glob("*.labels.yml")):
        stem = labels_path.name[: -len(".labels.yml")]
        candidates = [folder / f"{stem}{suffix}" for suffix in DOCUMENT_SUFFIXES]
        document = next((candidate for candidate in candidates if candidate.exists()), None)
        if document is None:
            raise SystemExit(f"{labels_path}: no document {stem}.md/.html/.txt beside it")
        documents.append(LabelledDocument(document, yaml.safe_load(labels_path.read_text(encoding="utf-8"))))
    return documents


def lint(document: LabelledDocument, select: tuple[str, ...]) -> DocumentResult:
    linter = Linter(Config(), RunOptions(select=select, profile=document.profile))
    return linter.lint_path(document.path, document.path.name)


def evaluate_disclosures(documents: list[LabelledDocument]) -> DisclosureEvaluation:
    evaluation = DisclosureEvaluation()
    for document in documents:
        evaluation.documents += 1
        result = lint(document, ("disclosure",))
        reported = {finding.element for finding in result.findings if finding.category == "disclosure"}
        checklist = {entry["element"]: entry for entry in result.metrics.get("disclosures", {}).get("elements", [])}
        for element, label in (document.labels.get("disclosures") or {}).items():
            score = evaluation.by_element.setdefault(element, Score())
            predicted_missing = element in reported
            if predicted_missing and label == "missing":
                outcome = "true_positives"
            elif predicted_missing:
                outcome = "false_positives"
            elif label == "missing":
                outcome = "false_negatives"
            else:
                continue
            setattr(score, outcome, getattr(score, outcome) + 1)
            setattr(evaluation.overall, outcome, getattr(evaluation.overall, outcome) + 1)
            if outcome != "true_positives":
                entry = checklist.get(element, {})
                where = entry.get("evidence") or (entry.get("trigger") if label == "not-applicable" else None)
                why = f"line {where['line']}: {where['text'][:110]}" if where else ""
                evaluation.errors.append((document.path.name, element, label, entry.get("status", "missing"), why))
    return evaluation


@dataclass
class MatchScore:
    """Precision over findings and recall over labels (one label may match several findings)."""

    findings: int = 0
    findings_matched: int = 0
    labels: int = 0
    labels_matched: int = 0

    @property
    def precision(self) -> float:
        return self.findings_matched / self.findings if self.findings else 1.0

    @property
    def recall(self) -> float:
        return self.labels_matched / self.labels if self.labels else 1.0

    @property
    def true_positives(self) -> int:
        return self.labels_matched

    @property
    def false_positives(self) -> int:
        return self.findings - self.findings_matched

    @property
    def false_negatives(self) -> int:
        return self.labels - self.labels_matched


@dataclass
class QuoteEvaluation:
    overall: MatchScore = field(default_factory=MatchScore)
    by_category: dict[str, MatchScore] = field(default_factory=dict)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (document, category, kind of error, text)


# A list of conditions is one claim that labellers underline at different items:
# a broad-indications finding matches a label this many lines away.
LIST_TOLERANCE_LINES = {"broad-indications": 8}


def evaluate_claims(documents: list[LabelledDocument]) -> QuoteEvaluation:
    """Claim findings against the labelled claim quotes (see :func:`evaluate_quotes`)."""
    return evaluate_quotes(documents, ("claims",), ("claims",))


def evaluate_terminology(documents: list[LabelledDocument]) -> QuoteEvaluation:
    """Terminology and language findings against their labelled quotes (see :func:`evaluate_quotes`)."""
    return evaluate_quotes(documents, ("terminology", "language"), ("terminology", "language", "undefined-abbreviation"))


def evaluate_quotes(documents: list[LabelledDocument], label_keys: tuple[str, ...], select: tuple[str, ...]) -> QuoteEvaluation:
    """Claim findings against the labelled quotes: same rule name and overlapping text.

    Precision is the share of findings that overlap a quote labelled with their rule
    name; recall the share of labelled quotes that some finding overlaps.
    ``fair-balance`` is about the whole document, so any such finding matches its
    label; a ``broad-indications`` finding also matches a label in the same list
    (within ``LIST_TOLERANCE_LINES``).
    """
    evaluation = QuoteEvaluation()
    for document in documents:
        result = lint(document, select)
        source = document.path.read_text(encoding="utf-8")
        labels = []
        for entry in [entry for key in label_keys for entry in document.labels.get(key) or []]:
            start = source.find(entry["quote"])
            if start < 0:
                raise SystemExit(f"{document.path.name}: quote not found: {entry['quote']!r}")
            line = source.count("\n", 0, start) + 1
            labels.append((entry["category"], start, start + len(entry["quote"]), entry["quote"], line))
        findings = [finding for finding in result.findings if finding.category != "input"]

        def overlaps(finding, label) -> bool:  # type: ignore[no-untyped-def]
            category, start, end, _, line = label
            if finding.name != category:
                return False
            if category == "fair-balance":
                return True
            if abs(finding.line - line) <= LIST_TOLERANCE_LINES.get(category, -1):
                return True
            return finding.offset < end and start < max(finding.end_offset, finding.offset + 1)

        for finding in findings:
            for score in (evaluation.by_category.setdefault(finding.name, MatchScore()), evaluation.overall):
                score.findings += 1
                if any(overlaps(finding, label) for label in labels):
                    score.findings_matched += 1
            if not any(overlaps(finding, label) for label in labels):
                evaluation.errors.append((document.path.name, finding.name, "unlabelled", f"line {finding.line}: {finding.match[:100]}"))
        for label in labels:
            matched = any(overlaps(finding, label) for finding in findings)
            for score in (evaluation.by_category.setdefault(label[0], MatchScore()), evaluation.overall):
                score.labels += 1
                score.labels_matched += matched
            if not matched:
                evaluation.errors.append((document.path.name, label[0], "missed", label[3][:110]))
    return evaluation


def _print_scores(title: str, overall: Score | MatchScore, table: dict[str, Score] | dict[str, MatchScore]) -> None:
    print(
        f"\n{title}: precision {overall.precision:.3f}  recall {overall.recall:.3f}  "
        f"(TP {overall.true_positives}, FP {overall.false_positives}, FN {overall.false_negatives})"
    )
    print(f"\n{'':<24} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    for name, score in sorted(table.items()):
        print(
            f"{name:<24} {score.true_positives:>4} {score.false_positives:>4} {score.false_negatives:>4} "
            f"{score.precision:>10.2f} {score.recall:>7.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every disagreement with the labels")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--part", action="append", choices=["disclosures", "claims", "terminology"], help="what to measure (default: all)"
    )
    parser.add_argument("--writer", action="append", help="only documents by this writer (file-name prefix); repeatable")
    arguments = parser.parse_args()
    documents = load_corpus(arguments.corpus)
    if arguments.writer:
        documents = [document for document in documents if str(document.labels.get("writer", "")) in arguments.writer]
    profiles = Counter(document.profile for document in documents)
    print(f"corpus: {len(documents)} documents ({', '.join(f'{name} {count}' for name, count in sorted(profiles.items()))})")

    parts = arguments.part or ["disclosures", "claims", "terminology"]
    if "disclosures" in parts:
        evaluation = evaluate_disclosures(documents)
        _print_scores("missing-element findings", evaluation.overall, evaluation.by_element)
        if arguments.errors and evaluation.errors:
            print("\ndisagreements (document, element, label -> kaplint):")
            for name, element, label, status, why in evaluation.errors:
                print(f"  {name:<20} {element:<20} {label} -> {status}  {why}")
    for part, title, evaluate in (
        ("claims", "claim findings", evaluate_claims),
        ("terminology", "terminology and language findings", evaluate_terminology),
    ):
        if part in parts:
            quotes = evaluate(documents)
            _print_scores(title, quotes.overall, quotes.by_category)
            if arguments.errors and quotes.errors:
                print("\ndisagreements (document, rule, error, text):")
                for name, category, kind, text in sorted(quotes.errors):
                    print(f"  {name:<20} {category:<24} {kind:<10} {text}")
    sys.exit(0)


if __name__ == "__main__":
    main()

"""Measure kaplint against the labelled corpus (tests/corpus/): precision and recall.

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every disagreement with the labels")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--writer", action="append", help="only documents by this writer (file-name prefix); repeatable")
    arguments = parser.parse_args()
    documents = load_corpus(arguments.corpus)
    if arguments.writer:
        documents = [document for document in documents if str(document.labels.get("writer", "")) in arguments.writer]
    profiles = Counter(document.profile for document in documents)
    print(f"corpus: {len(documents)} documents ({', '.join(f'{name} {count}' for name, count in sorted(profiles.items()))})")

    evaluation = evaluate_disclosures(documents)
    overall = evaluation.overall
    print(
        f"\nmissing-element findings: precision {overall.precision:.3f}  recall {overall.recall:.3f}  "
        f"(TP {overall.true_positives}, FP {overall.false_positives}, FN {overall.false_negatives})"
    )
    print(f"\n{'element':<22} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    for element, score in sorted(evaluation.by_element.items()):
        print(
            f"{element:<22} {score.true_positives:>4} {score.false_positives:>4} {score.false_negatives:>4} "
            f"{score.precision:>10.2f} {score.recall:>7.2f}"
        )
    if arguments.errors and evaluation.errors:
        print("\ndisagreements (document, element, label -> kaplint):")
        for name, element, label, status, why in evaluation.errors:
            print(f"  {name:<20} {element:<20} {label} -> {status}  {why}")
    sys.exit(0)


if __name__ == "__main__":
    main()

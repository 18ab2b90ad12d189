"""Measure kaplint on the real corpus (corpus-real/, git-ignored): sealed and tuning splits.

Real public KAP texts are kept only on the developer's machine (see
``shared/eval/README.md``): ``corpus-real/NNN_slug.txt`` holds a header
(``source:``, ``kind:``, ``profile:``), a line ``---`` and the text as stored;
``NNN_slug.labels.yml`` beside it holds labels in the format of
``tests/corpus/README.md`` plus an optional ``traps:`` list of look-alikes a
reviewer would not flag.

A fixed 30% of the texts form the **sealed split**, chosen by a hash of each
text's source address, so membership never depends on which other texts exist
or on anything a developer can see while tuning. Disagreements are listed only
for the tuning split unless ``--unseal`` is given (at the end of the work).

    python benchmarks/evaluate_real.py                      # figures for both splits
    python benchmarks/evaluate_real.py --split tuning --errors
    python benchmarks/evaluate_real.py --json figures.json  # machine-readable figures

Figures measured:

- claims, terminology and language findings: precision over findings and recall
  over labelled quotes (same rule name and overlapping text, as in
  ``evaluate_corpus.py``), and how many findings land on a labelled trap;
- fair balance: whether kaplint reports a presence or ratio ``fair-balance`` finding exactly when
  the labels do (prominence was not labelled);
- disclosures: precision and recall of missing-element findings, and the share of
  elements labelled present that kaplint reports missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_corpus import (  # noqa: E402  (the corpus evaluation is this script's library)
    LabelledDocument,
    MatchScore,
    evaluate_disclosures,
    evaluate_quotes,
    lint,
)

ROOT = Path(__file__).resolve().parent.parent
REAL_CORPUS = ROOT / "corpus-real"
SEALED_SHARE = 0.30
SPLIT_SALT = "kaplint-real-corpus-v1"


@dataclass(frozen=True)
class RealText:
    """One real text: where it came from, its profile, its body and its labels."""

    name: str
    source: str
    kind: str
    profile: str
    body: str
    labels: dict

    @property
    def sealed(self) -> bool:
        return is_sealed(self.source)


def is_sealed(source: str) -> bool:
    """Whether a text with this source address belongs to the sealed split (about 30%)."""
    digest = hashlib.sha256(f"{SPLIT_SALT}:{source.strip()}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < SEALED_SHARE


def read_real_text(path: Path) -> RealText:
    """Parse one ``NNN_slug.txt`` with its header and the labels beside it."""
    raw = path.read_text(encoding="utf-8")
    header, separator, body = raw.partition("\n---\n")
    if not separator:
        raise SystemExit(f"{path}: no '---' line after the header")
    fields = dict(line.split(":", 1) for line in header.splitlines() if ":" in line)
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    labels_path = path.with_name(path.name[: -len(".txt")] + ".labels.yml")
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}
    profile = str(labels.get("profile") or fields.get("profile") or "web")
    labels["profile"] = profile
    return RealText(path.stem, fields.get("source", path.stem), fields.get("kind", ""), profile, body, labels)


def load_real_corpus(folder: Path = REAL_CORPUS) -> list[RealText]:
    """Every labelled text of the real corpus, in name order."""
    texts = []
    for path in sorted(folder.glob("*.txt")):
        if path.with_name(path.name[: -len(".txt")] + ".labels.yml").exists():
            texts.append(read_real_text(path))
    return texts


def materialise(texts: list[RealText], folder: Path) -> list[LabelledDocument]:
    """Write each body as a plain-text file, so kaplint reads it exactly as a user's ``.txt``."""
    documents = []
    for text in texts:
        path = folder / f"{text.name}.txt"
        path.write_text(text.body, encoding="utf-8")
        labels = dict(text.labels)
        labels["claims"] = list(labels.get("claims") or [])
        documents.append(LabelledDocument(path, labels))
    return documents


# The labellers marked fair-balance when the standard's presence or ratio test fails (their
# instructions); the prominence test (benefits up front, risks only at the end) was not labelled,
# so a prominence warning alone is not compared with the labels.
_PROMINENCE = "Benefits are prominent"


def fair_balance_agreement(documents: list[LabelledDocument]) -> tuple[int, int, list[str]]:
    """(agreeing documents, documents, names that disagree): a presence or ratio finding iff labelled."""
    agree, disagree = 0, []
    for document in documents:
        labelled = any(entry.get("category") == "fair-balance" for entry in document.labels.get("claims") or [])
        reported = any(
            finding.name == "fair-balance" and not finding.message.startswith(_PROMINENCE)
            for finding in lint(document, ("fair-balance",)).findings
        )
        if labelled == reported:
            agree += 1
        else:
            disagree.append(f"{document.path.name}: labelled {labelled}, reported {reported}")
    return agree, len(documents), disagree


def findings_on_traps(documents: list[LabelledDocument], select: tuple[str, ...]) -> tuple[int, list[str]]:
    """Findings whose text overlaps a labelled trap (a look-alike a reviewer would not flag)."""
    count, where = 0, []
    for document in documents:
        source = document.path.read_text(encoding="utf-8")
        traps = []
        for entry in document.labels.get("traps") or []:
            start = source.find(str(entry.get("quote", "")))
            if start >= 0:
                traps.append((start, start + len(entry["quote"])))
        if not traps:
            continue
        for finding in lint(document, select).findings:
            if finding.category == "input" or finding.name == "fair-balance":
                continue
            if any(finding.offset < end and start < max(finding.end_offset, finding.offset + 1) for start, end in traps):
                count += 1
                where.append(f"{document.path.name} {finding.name}: {finding.match[:90]}")
    return count, where


def _score(score: MatchScore) -> dict[str, float | int]:
    return {
        "precision": round(score.precision, 3),
        "recall": round(score.recall, 3),
        "true_positives": score.true_positives,
        "false_positives": score.false_positives,
        "false_negatives": score.false_negatives,
    }


PARTS = ("claims", "terminology", "language", "fair-balance", "disclosures")


def measure(documents: list[LabelledDocument], show_errors: bool, parts: tuple[str, ...] = PARTS) -> dict:
    """The figures of ``parts`` for one split; prints disagreements when ``show_errors``."""
    figures: dict = {"documents": len(documents)}
    for part, keys, select in (
        ("claims", ("claims",), ("claims",)),
        ("terminology", ("terminology",), ("terminology", "undefined-abbreviation")),
        ("language", ("language",), ("language",)),
    ):
        if part not in parts:
            continue
        evaluation = evaluate_quotes(documents, keys, select)
        trap_count, trap_where = findings_on_traps(documents, select)
        figures[part] = _score(evaluation.overall) | {"findings_on_traps": trap_count}
        figures[part]["by_category"] = {name: _score(score) for name, score in sorted(evaluation.by_category.items())}
        if show_errors:
            print(f"\n== {part}: disagreements")
            for name, category, kind, text in sorted(evaluation.errors):
                print(f"  {name:<34} {category:<24} {kind:<10} {text}")
            for line in trap_where:
                print(f"  trap hit: {line}")
    if "fair-balance" in parts:
        agree, total, disagree = fair_balance_agreement(documents)
        figures["fair_balance"] = {"agree": agree, "documents": total, "share": round(agree / total, 3) if total else 1.0}
        if show_errors:
            print("\n== fair balance: disagreements")
            for line in disagree:
                print(f"  {line}")
    if "disclosures" in parts:
        figures["disclosures"] = _disclosure_figures(documents, show_errors)
    return figures


def _disclosure_figures(documents: list[LabelledDocument], show_errors: bool) -> dict:
    disclosures = evaluate_disclosures(documents)
    present_labels = sum(
        1 for document in documents for label in (document.labels.get("disclosures") or {}).values() if label == "present"
    )
    present_reported_missing = sum(1 for error in disclosures.errors if error[2] == "present")
    figures = {
        "precision": round(disclosures.overall.precision, 3),
        "recall": round(disclosures.overall.recall, 3),
        "present_reported_missing": present_reported_missing,
        "present_labels": present_labels,
        "present_reported_missing_share": round(present_reported_missing / present_labels, 3) if present_labels else 0.0,
    }
    if show_errors:
        print("\n== disclosures: disagreements (document, element, label -> kaplint)")
        for name, element, label, status, why in disclosures.errors:
            print(f"  {name:<34} {element:<20} {label} -> {status}  {why}")
    return figures


def _print_summary(split: str, figures: dict) -> None:
    print(f"\n{split} split: {figures['documents']} texts")
    for part in ("claims", "terminology", "language"):
        if part not in figures:
            continue
        score = figures[part]
        print(
            f"  {part:<12} precision {score['precision']:.3f}  recall {score['recall']:.3f}  "
            f"(TP {score['true_positives']}, FP {score['false_positives']}, FN {score['false_negatives']}; "
            f"findings on traps {score['findings_on_traps']})"
        )
    if "fair_balance" in figures:
        balance = figures["fair_balance"]
        print(f"  fair balance agrees on {balance['agree']} of {balance['documents']} ({balance['share']:.0%})")
    if "disclosures" not in figures:
        return
    disclosures = figures["disclosures"]
    print(
        f"  disclosures  precision {disclosures['precision']:.3f}  recall {disclosures['recall']:.3f}  "
        f"present reported missing {disclosures['present_reported_missing']} of {disclosures['present_labels']} "
        f"({disclosures['present_reported_missing_share']:.1%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REAL_CORPUS)
    parser.add_argument("--split", choices=["sealed", "tuning", "all"], action="append", help="default: sealed and tuning")
    parser.add_argument("--errors", action="store_true", help="list disagreements (tuning split only, unless --unseal)")
    parser.add_argument("--unseal", action="store_true", help="allow --errors on the sealed split (only when the work is done)")
    parser.add_argument("--part", action="append", choices=PARTS, help="what to measure (default: all)")
    parser.add_argument("--by-category", action="store_true", help="print per-category figures")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    arguments = parser.parse_args()
    texts = load_real_corpus(arguments.corpus)
    if not texts:
        raise SystemExit(f"no labelled texts in {arguments.corpus}")
    splits = arguments.split or ["sealed", "tuning"]
    results = {}
    with tempfile.TemporaryDirectory(prefix="kaplint-real-") as folder:
        for split in splits:
            chosen = [text for text in texts if split == "all" or text.sealed == (split == "sealed")]
            show = arguments.errors and (split == "tuning" or arguments.unseal)
            subfolder = Path(folder) / split
            subfolder.mkdir()
            results[split] = measure(materialise(chosen, subfolder), show, tuple(arguments.part or PARTS))
    for split, figures in results.items():
        _print_summary(split, figures)
        if arguments.by_category:
            for part in ("claims", "terminology", "language"):
                for name, score in figures.get(part, {}).get("by_category", {}).items():
                    print(
                        f"    {part[:5]} {name:<26} TP {score['true_positives']:>3} FP {score['false_positives']:>3} "
                        f"FN {score['false_negatives']:>3}  P {score['precision']:.2f} R {score['recall']:.2f}"
                    )
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

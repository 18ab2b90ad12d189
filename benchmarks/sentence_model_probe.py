"""Would a learned sentence model beside the claim rules help on real text? Measure it.

Issue 14 leaves room for a learned component "only where it beats understanding", shown on
the real corpus. This probe trains one logistic regression per claim category over each
sentence's words, word pairs, block kind, the question before it and the statement analysis's
cues (what the sentence asserts, and how), on some folders of the real corpus, and adds a
finding for a sentence the model scores at or above a threshold where no rule reported that
category. Precision and recall are then measured on other folders, rules alone and rules plus
model, with the matching of ``evaluate_corpus.py``.

    python benchmarks/sentence_model_probe.py --train corpus-real corpus-real/fresh \\
        --test corpus-real/fresh8 corpus-real/fresh9
    python benchmarks/sentence_model_probe.py --leave-one-out corpus-real corpus-real/fresh ...

Nothing is shipped from this script and it prints figures only. Pure Python (no NumPy), so
it runs wherever the project does; training on ~7,000 sentences takes about 15 s per fold.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_corpus import LabelledDocument, MatchScore, lint  # noqa: E402
from evaluate_real import RealText, load_real_corpus  # noqa: E402
from labeller_agreement import Quote, same_claim  # noqa: E402

from kaplint.loaders import load_text_format  # noqa: E402
from kaplint.text.segmentation import segment  # noqa: E402
from kaplint.text.statements import Statement, describe  # noqa: E402

# fair balance is about a whole document, so it stays with the rule
CATEGORIES = (
    "absolute-safety", "broad-indications", "cure", "guarantee", "home-use-minimized", "hype",
    "instant-relief", "mechanism-overclaim", "minimized-risk", "no-side-effects", "not-addictive",
    "safety-by-association", "suicide-prevention", "testimonial", "unsourced-statistic",
    "unsupported-comparison", "unsupported-evidence", "weak-qualifier",
)
THRESHOLDS = (0.5, 0.7, 0.8, 0.9)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|%|\?")
_PRODUCT = {"ketamine": "PRODUCT", "esketamine": "PRODUCT", "spravato": "PRODUCT", "ketamine's": "PRODUCT"}


@dataclass
class SentenceRow:
    start: int
    end: int
    features: frozenset[str]
    categories: frozenset[str]


@dataclass
class TextRows:
    """One real text: its sentences with features and labels, the rules' findings, the labels."""

    text: RealText
    sentences: list[SentenceRow] = field(default_factory=list)
    findings: list[Quote] = field(default_factory=list)
    labels: list[Quote] = field(default_factory=list)


def _tokens(text: str) -> list[str]:
    return [_PRODUCT.get(word, "NUM" if word.isdigit() else word) for word in _WORD.findall(text.lower())]


def _analysis_features(statement: Statement | None) -> set[str]:
    if statement is None:
        return set()
    features = {f"cue:{cue.name}" for cue in statement.cues}
    features |= {f"denied:{cue.name}" for cue in statement.denied}
    features |= {f"elsewhere:{cue.name}" for cue in statement.elsewhere}
    features |= {f"manner:{name}" for name in statement.manner} | {f"about:{name}" for name in statement.about}
    features |= {f"hedged:{cue.name}" for cue in statement.cues if (cue.start, cue.end) in statement.hedged_cues}
    if statement.answer:
        features.add(f"answer:{statement.answer}")
    if statement.question is not None:
        features |= {f"asked:{cue.name}" for cue in statement.question.cues}
    return features


def rows_of(text: RealText, folder: Path) -> TextRows:
    """Lint ``text`` as a user's .txt file, and describe each of its sentences."""
    path = folder / f"{text.name}.txt"
    path.write_text(text.body, encoding="utf-8")
    labels = {"profile": text.profile, "claims": list(text.labels.get("claims") or [])}
    result = lint(LabelledDocument(path, labels), ("claims",))
    rows = TextRows(text)
    rows.findings = [Quote(finding.name, finding.offset, finding.end_offset, finding.line) for finding in result.findings if finding.category != "input"]
    for entry in labels["claims"]:
        start = text.body.find(entry["quote"])
        rows.labels.append(Quote(entry["category"], start, start + len(entry["quote"]), text.body.count("\n", 0, start) + 1))
    document = load_text_format(str(path), text.body, "text")
    statements = {(statement.sentence.block_index, statement.sentence.start): statement for statement in describe(document)}
    previous = ""
    for sentence in segment(document).sentences:
        block = document.blocks[sentence.block_index]
        start, end = block.source_span(sentence.start, sentence.end)
        words = _tokens(sentence.text)
        features = {"BIAS", f"kind:{block.kind}", *(f"w:{word}" for word in words)}
        features |= {f"pair:{a}_{b}" for a, b in zip(words, words[1:])}
        features |= {f"before:{word}" for word in _tokens(previous)[-6:]}
        if sentence.text.rstrip().endswith("?"):
            features.add("question")
        if previous.rstrip().endswith("?"):
            features.add("after-question")
        features |= _analysis_features(statements.get((sentence.block_index, sentence.start)))
        categories = frozenset(label.category for label in rows.labels if label.category in CATEGORIES and label.start < end and start < label.end)
        rows.sentences.append(SentenceRow(start, end, frozenset(features), categories))
        previous = sentence.text
    return rows


class Model:
    """One-vs-rest logistic regression trained by stochastic gradient descent."""

    def __init__(self, epochs: int = 8, rate: float = 0.2, l2: float = 1e-4, positive_weight: float = 3.0) -> None:
        self.epochs, self.rate, self.l2, self.positive_weight = epochs, rate, l2, positive_weight
        self.weights: dict[str, defaultdict[str, float]] = {category: defaultdict(float) for category in CATEGORIES}

    def probability(self, category: str, features: frozenset[str]) -> float:
        weights = self.weights[category]
        z = max(-30.0, min(30.0, sum(weights.get(feature, 0.0) for feature in features)))
        return 1 / (1 + math.exp(-z))

    def train(self, rows: list[SentenceRow]) -> "Model":
        order = list(range(len(rows)))
        shuffle = random.Random(1).shuffle
        for epoch in range(self.epochs):
            shuffle(order)
            rate = self.rate / (1 + epoch)
            for index in order:
                row = rows[index]
                for category in CATEGORIES:
                    target = 1.0 if category in row.categories else 0.0
                    gradient = (self.probability(category, row.features) - target) * (self.positive_weight if target else 1.0)
                    if abs(gradient) < 1e-3:
                        continue
                    weights = self.weights[category]
                    for feature in row.features:
                        weights[feature] -= rate * (gradient + self.l2 * weights[feature])
        return self


def with_model(rows: TextRows, model: Model, threshold: float) -> list[Quote]:
    """The rules' findings plus a sentence-wide finding where the model alone is confident."""
    findings = list(rows.findings)
    for sentence in rows.sentences:
        line = rows.text.body.count("\n", 0, sentence.start) + 1
        for category in CATEGORIES:
            reported = any(found.category == category and found.start < sentence.end and sentence.start < found.end for found in findings)
            if not reported and model.probability(category, sentence.features) >= threshold:
                findings.append(Quote(category, sentence.start, sentence.end, line))
    return findings


def score(texts: list[TextRows], findings_of) -> MatchScore:  # type: ignore[no-untyped-def]
    total = MatchScore()
    for rows in texts:
        findings = findings_of(rows)
        total.findings += len(findings)
        total.findings_matched += sum(any(same_claim(found, label) for label in rows.labels) for found in findings)
        total.labels += len(rows.labels)
        total.labels_matched += sum(any(same_claim(found, label) for found in findings) for label in rows.labels)
    return total


def report(title: str, model: Model, texts: list[TextRows], totals: dict[str, MatchScore]) -> None:
    figures = {"rules": score(texts, lambda rows: rows.findings)}
    figures |= {f"rules + model >= {threshold}": score(texts, lambda rows, t=threshold: with_model(rows, model, t)) for threshold in THRESHOLDS}
    print(title)
    for name, figure in figures.items():
        print(f"  {name:<22} precision {figure.precision:.3f}  recall {figure.recall:.3f}  ({figure.findings} findings)")
        total = totals.setdefault(name, MatchScore())
        total.findings += figure.findings
        total.findings_matched += figure.findings_matched
        total.labels += figure.labels
        total.labels_matched += figure.labels_matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", nargs="+", type=Path, default=[], help="folders to train on")
    parser.add_argument("--test", nargs="+", type=Path, default=[], help="folders to measure on")
    parser.add_argument("--leave-one-out", nargs="+", type=Path, default=[], help="folders: each is measured with a model trained on the others")
    arguments = parser.parse_args()
    if not arguments.leave_one_out and not (arguments.train and arguments.test):
        parser.error("give --train and --test folders, or --leave-one-out folders")

    with tempfile.TemporaryDirectory() as scratch:
        folders = list(dict.fromkeys([*arguments.train, *arguments.test, *arguments.leave_one_out]))
        data = {folder: [rows_of(text, Path(scratch)) for text in load_real_corpus(folder)] for folder in folders}
    totals: dict[str, MatchScore] = {}
    if arguments.leave_one_out:
        for held in arguments.leave_one_out:
            training = [row for folder in arguments.leave_one_out if folder != held for rows in data[folder] for row in rows.sentences]
            report(f"{held} (trained on the other folders)", Model().train(training), data[held], totals)
    else:
        model = Model().train([row for folder in arguments.train for rows in data[folder] for row in rows.sentences])
        for folder in arguments.test:
            report(str(folder), model, data[folder], totals)
    print("all measured folders")
    for name, total in totals.items():
        print(f"  {name:<22} precision {total.precision:.3f}  recall {total.recall:.3f}  ({total.findings} findings)")


if __name__ == "__main__":
    main()

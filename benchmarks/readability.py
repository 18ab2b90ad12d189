"""Benchmark: readability of 1,000 documents / about 700,000 words, kaplint vs textstat.

Run by hand (not part of the test suite):

    python benchmarks/readability.py [--documents 1000] [--words 700]

kaplint's side is what a lint run pays for readability: Markdown loading,
sentence splitting, syllable counting and the per-section metrics. textstat's
side is its own SMOG, Flesch-Kincaid and Reading Ease functions on the same
text with the front matter removed (given the same offline CMU dictionary,
so it never tries to download one). Both sides start with warm dictionaries.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus  # noqa: E402

from kaplint.loaders import load_text_format  # noqa: E402
from kaplint.readability import readability  # noqa: E402
from kaplint.syllables import dictionary, install_for_textstat  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--words", type=int, default=700, help="words per document")
    arguments = parser.parse_args()

    corpus = build_corpus(arguments.documents, arguments.words)
    bodies = [re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL) for _, text in corpus]
    total_words = sum(len(body.split()) for body in bodies)
    print(f"corpus: {len(corpus)} documents, {total_words:,} words (whitespace-separated)")

    dictionary()  # warm both sides' dictionaries before timing
    install_for_textstat()
    import textstat

    textstat.syllable_count("warm up the dictionary")

    started = time.perf_counter()
    kaplint_grades = []
    for name, text in corpus:
        document = load_text_format(name, text, "markdown")
        analysis = readability(document)
        analysis.metrics()
        kaplint_grades.append(analysis.counts.smog or 0.0)
    kaplint_seconds = time.perf_counter() - started

    started = time.perf_counter()
    textstat_grades = []
    for body in bodies:
        textstat_grades.append(textstat.smog_index(body))
        textstat.flesch_kincaid_grade(body)
        textstat.flesch_reading_ease(body)
    textstat_seconds = time.perf_counter() - started

    differences = [abs(a - b) for a, b in zip(kaplint_grades, textstat_grades)]
    print(f"{'':28}{'seconds':>10}{'words/s':>12}")
    print(f"{'kaplint (load + metrics)':28}{kaplint_seconds:>10.2f}{total_words / kaplint_seconds:>12,.0f}")
    print(f"{'textstat (3 formulas)':28}{textstat_seconds:>10.2f}{total_words / textstat_seconds:>12,.0f}")
    print(f"kaplint / textstat time: {kaplint_seconds / textstat_seconds:.2f}x")
    print(
        f"SMOG, kaplint vs textstat on the same texts: mean difference {statistics.mean(differences):.2f} grades, "
        f"largest {max(differences):.2f}"
    )


if __name__ == "__main__":
    main()

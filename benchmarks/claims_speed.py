"""Benchmark: time per document of the claims rules and fair balance, in one process.

The accuracy work replaced phrase lists with a statement analysis; this measures what it
costs. Every document of the labelled corpus (tests/corpus/) and, when present, the real
corpus (corpus-real/, git-ignored) is linted with only the claims category selected, after
one warm-up pass (rule packs compiled, lexicons loaded); the median of ``--repeat`` passes is
reported per document.

    python benchmarks/claims_speed.py [--repeat 5]

Run it on two checkouts (for example the commit before a change, with PYTHONPATH pointing at
it) to compare.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.loaders import detect_format

ROOT = Path(__file__).resolve().parents[1]


def documents() -> list[tuple[str, bytes, str]]:
    """(name, bytes, format) of every corpus document."""
    found = []
    for path in sorted((ROOT / "tests" / "corpus").iterdir()):
        if path.suffix in (".md", ".html", ".txt"):
            found.append((path.name, path.read_bytes(), detect_format(path.name) or "markdown"))
    for path in sorted((ROOT / "corpus-real").glob("*.txt")):
        body = path.read_text(encoding="utf-8").partition("\n---\n")[2]
        found.append((path.name, body.encode("utf-8"), "text"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    docs = documents()
    linter = Linter(Config(), RunOptions(select=("claims",), profile="web"))
    for name, data, fmt in docs:  # warm-up: compile packs, load lexicons
        linter.lint_bytes(name, data, fmt)
    passes = []
    for _ in range(arguments.repeat):
        start = time.perf_counter()
        for name, data, fmt in docs:
            linter.lint_bytes(name, data, fmt)
        passes.append(time.perf_counter() - start)
    median = statistics.median(passes)
    words = sum(len(data.split()) for _, data, _ in docs)
    print(f"{len(docs)} documents, {words} words: claims and fair balance {median / len(docs) * 1000:.1f} ms per document "
          f"(median of {arguments.repeat} passes, {min(passes) / len(docs) * 1000:.1f} ms best)")


if __name__ == "__main__":
    main()

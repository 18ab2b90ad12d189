"""Benchmark: how long ``kaplint review`` takes on a 100-page Word document.

Builds a handout of about 100 pages (the sentences of the bundled samples, recombined with a
fixed seed, about 30,000 words in 1,000 paragraphs with a heading every 20) and reviews it
with the default rules: lint, then write every finding as a comment into a copy. Reports the
time of each step, the number of comments and the size of the result.

    python benchmarks/review_speed.py [--pages 100]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import time
from pathlib import Path

import docx

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.finding import Severity
from kaplint.word.review import ReviewContext, review_docx

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_PAGE = 300


def sample_sentences() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "samples").glob("*.md")))
    text = re.sub(r"(?s)^---.*?---", " ", text)
    text = re.sub(r"[#>*_`|\[\]()-]", " ", text)
    return [" ".join(sentence.split()) for sentence in re.split(r"(?<=[.!?])\s+", text) if len(sentence.split()) >= 6]


def build(pages: int) -> bytes:
    generator = random.Random(7)
    sentences = sample_sentences()
    word = docx.Document()
    word.add_paragraph("Ketamine Treatment: A Long Handout", style="Title")
    words = 0
    paragraph_index = 0
    while words < pages * WORDS_PER_PAGE:
        if paragraph_index % 20 == 0:
            word.add_paragraph(f"Part {paragraph_index // 20 + 1}", style="Heading 1")
        text = " ".join(generator.choice(sentences) for _ in range(3))
        word.add_paragraph(text)
        words += len(text.split())
        paragraph_index += 1
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    data = build(args.pages)
    linter = Linter(Config(), RunOptions(profile="handout"))
    linter.lint_bytes("warm-up.md", b"# Warm up\n\nKetamine is safe.\n")
    start = time.perf_counter()
    result = linter.lint_bytes("long.docx", data, "docx")
    linted = time.perf_counter()
    context = ReviewContext(rules_by_id=linter.rules_by_id, fail_on=Severity.parse(linter.config.fail_on), grade_targets={})
    reviewed = review_docx(data, result, context)
    written = time.perf_counter()
    print(f"{args.pages} pages, {len(data) / 1024:.0f} KB in, {len(result.findings)} findings")
    print(f"  lint  {linted - start:6.2f} s")
    print(f"  write {written - linted:6.2f} s  ({reviewed.comments} comments, {len(reviewed.data) / 1024:.0f} KB out)")
    print(f"  total {written - start:6.2f} s")


if __name__ == "__main__":
    sys.exit(main())

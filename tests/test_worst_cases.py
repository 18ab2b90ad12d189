"""Worst-case inputs cost memory in proportion to their size (times are in benchmarks/speed.py).

A page of thousands of sentences under one heading once held, for every sentence, a copy of
the list of all the others: 2.3 GB for a 190 KB aftercare page, 24 GB for 4 MB.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

_PROBE = """
import resource, sys
from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
data = open(sys.argv[1], "rb").read()
result = Linter(Config(), RunOptions()).lint_bytes(sys.argv[1], data, "markdown")
print(len(result.findings), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_megabytes(path: Path) -> tuple[int, float]:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, check=True, env={"KAPLINT_NO_CACHE": "1", "PATH": ""})
    findings, kilobytes = done.stdout.split()
    return int(findings), int(kilobytes) / (1024 * 1024 if sys.platform == "darwin" else 1024)


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read from POSIX accounting")
def test_thousands_of_sentences_in_one_section_stay_small(tmp_path: Path) -> None:
    rng = random.Random(7)
    sentences = ["Rest well.", "Drink water.", "Call us today.", "Ketamine may cause nausea.", "Bring a friend.", "Sleep early."]
    page = tmp_path / "aftercare.md"
    page.write_text("# Aftercare\n\n" + " ".join(rng.choice(sentences) for _ in range(8000)) + "\n", encoding="utf-8")
    findings, peak = _peak_megabytes(page)
    assert findings > 0  # the page was linted, not refused
    assert peak < 250, f"{peak:.0f} MB for a {page.stat().st_size // 1024} KB page"


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read from POSIX accounting")
def test_a_sentence_of_twenty_thousand_words_stays_small(tmp_path: Path) -> None:
    rng = random.Random(11)
    words = "ketamine treatment may help some people feel relief from depression but it can cause nausea and dizziness".split()
    page = tmp_path / "run-on.md"
    page.write_text(" ".join(rng.choice(words) for _ in range(20000)) + "\n", encoding="utf-8")
    findings, peak = _peak_megabytes(page)
    assert findings > 0
    assert peak < 250, f"{peak:.0f} MB for a {page.stat().st_size // 1024} KB sentence"

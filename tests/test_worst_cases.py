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
from hypothesis import given, settings
from hypothesis import strategies as st

# The peak is read from /proc (VmHWM, this process's own high-water mark): the rusage figure
# would include the test runner's memory, which a forked child inherits across exec on Linux.
_PROBE = """
import re, sys
from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
data = open(sys.argv[1], "rb").read()
result = Linter(Config(), RunOptions()).lint_bytes(sys.argv[1], data, "markdown")
status = open("/proc/self/status", encoding="ascii").read()
print(len(result.findings), re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
"""
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the peak is read from Linux's /proc")


def _peak_megabytes(path: Path) -> tuple[int, float]:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, check=True, env={"KAPLINT_NO_CACHE": "1", "PATH": ""})
    findings, kilobytes = done.stdout.split()
    return int(findings), int(kilobytes) / 1024


@linux_only
def test_thousands_of_sentences_in_one_section_stay_small(tmp_path: Path) -> None:
    rng = random.Random(7)
    sentences = ["Rest well.", "Drink water.", "Call us today.", "Ketamine may cause nausea.", "Bring a friend.", "Sleep early."]
    page = tmp_path / "aftercare.md"
    page.write_text("# Aftercare\n\n" + " ".join(rng.choice(sentences) for _ in range(8000)) + "\n", encoding="utf-8")
    findings, peak = _peak_megabytes(page)
    assert findings > 0  # the page was linted, not refused
    assert peak < 250, f"{peak:.0f} MB for a {page.stat().st_size // 1024} KB page"


@linux_only
def test_a_sentence_of_twenty_thousand_words_stays_small(tmp_path: Path) -> None:
    rng = random.Random(11)
    words = "ketamine treatment may help some people feel relief from depression but it can cause nausea and dizziness".split()
    page = tmp_path / "run-on.md"
    page.write_text(" ".join(rng.choice(words) for _ in range(20000)) + "\n", encoding="utf-8")
    findings, peak = _peak_megabytes(page)
    assert findings > 0
    assert peak < 250, f"{peak:.0f} MB for a {page.stat().st_size // 1024} KB sentence"


_PIECES = st.sampled_from(["may", "ease", "pain", " ", "  ", "\n", "(TRD)", "-", "word" * 40, "a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=200), st.integers(0, 12), st.data())
def test_a_bounded_look_back_reads_the_same_last_words_as_the_whole_span(pieces: list[str], count: int, data: st.DataObject) -> None:
    """The look-back that keeps run-on paragraphs cheap gives exactly the last words of the span."""
    from kaplint.text.segmentation import tail_holding

    text = "".join(pieces)
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    tail = tail_holding(text, end, count, start)
    assert text[start:end].endswith(tail)

    def last(words: list[str]) -> list[str]:
        return words[len(words) - min(count, len(words)) :]

    assert last(tail.split()) == last(text[start:end].split())

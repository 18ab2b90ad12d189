"""Soak benchmark: one process lints many generated documents; memory must stay flat.

Documents come from :func:`corpus.build_corpus` (sentences of the bundled samples recombined
with a fixed seed, about 700 words each). They are linted one after another in a single process
with the rules on by default (grammar is off by default), and the resident set size is sampled every ``--every``
documents. After warm-up (rule packs compiled, lexicons and caches loaded) it should not grow:
a leak shows up as steady growth across the samples.

    python benchmarks/soak.py --documents 10000 --every 1000
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus  # noqa: E402  (the benchmark corpus generator)

from kaplint.config import Config  # noqa: E402
from kaplint.engine import Linter, RunOptions  # noqa: E402


def current_rss_mb() -> float:
    """Resident set size now (Linux: /proc), else the peak so far."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1_000)
    args = parser.parse_args()
    # a pool of distinct documents, cycled: generation is not what is measured
    pool = build_corpus(documents=min(args.documents, 1_000))
    linter = Linter(Config(), RunOptions())
    start = time.perf_counter()
    samples: list[tuple[int, float]] = []
    for index in range(args.documents):
        name, text = pool[index % len(pool)]
        linter.lint_bytes(f"{index}-{name}", text.encode("utf-8"))
        if (index + 1) % args.every == 0:
            samples.append((index + 1, current_rss_mb()))
            print(f"{index + 1:>7} documents  {samples[-1][1]:7.1f} MB  {time.perf_counter() - start:7.1f} s", flush=True)
    if len(samples) >= 3:
        warm = samples[1][1]
        print(f"growth after warm-up ({samples[1][0]} documents): {samples[-1][1] - warm:+.1f} MB over {samples[-1][0] - samples[1][0]} documents")


if __name__ == "__main__":
    main()

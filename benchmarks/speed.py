"""Benchmark: kaplint cold, warm and single-file, against proselint on the same files.

Run by hand (not part of the test suite), in an environment with kaplint installed
(and proselint, for the comparison: ``pip install proselint``; without it that
column is skipped with a note):

    python benchmarks/speed.py [--documents 1000] [--words 700] [--jobs 0] [--keep DIR]

The corpus is rebuilt every time, with a fixed seed, from the paragraphs of the
bundled samples and the labelled test corpus: recombined into pages of about
``--words`` words, written as Markdown, plain text and HTML in turn. Measured,
each as wall time of the command a user would type:

- kaplint cold: ``kaplint check`` on the whole folder with an empty cache folder
  (rule packs compiled, every file linted);
- kaplint warm: the same command again (every result read from the cache);
- proselint: ``proselint check`` on the same folder;
- single file: ``kaplint check`` on one changed file, the pre-commit case (rule
  packs cached, the file's result not), median of 20 different files;
- single file, cached: the same command on a file whose result is cached;
- peak memory: the largest resident set of any kaplint process in the cold run
  (the main process or one worker; each has its own), from the operating system's accounting;
- worst cases, each one file with no cache: one paragraph of 1 MB (ordinary sentences, no
  blank line), one 100,000-word sentence (no full stop at all), and a 4 MB file of ordinary
  paragraphs; wall time and peak memory.

Every timed row is the median of ``--repeat`` runs (3 by default); proselint runs in the same
invocation on the same files, so its column is measured under the same load.

Timings on a shared machine are noisy: run it a few times and compare medians.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("md", "txt", "html")
TARGETS = {"cold_ratio": 1.0, "cold_aim": 1 / 3, "warm_ratio": 1 / 20, "single_seconds": 0.25, "cached_seconds": 0.10, "peak_mb": 300,
           "paragraph_seconds": 5.0, "sentence_seconds": 5.0, "large_seconds": 15.0}


# Corpus ------------------------------------------------------------------------------
def source_blocks() -> list[tuple[str, str]]:
    """(kind, text) blocks of the sample and corpus Markdown: headings, paragraphs, lists."""
    blocks: list[tuple[str, str]] = []
    paths = sorted((ROOT / "samples").glob("*.md")) + sorted((ROOT / "tests" / "corpus").glob("*.md"))
    for path in paths:
        if path.name == "README.md":
            continue
        text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
        for chunk in re.split(r"\n\s*\n", text):
            chunk = chunk.strip()
            if not chunk or chunk.startswith(("|", "```", "<")):
                continue
            if chunk.startswith("#"):
                blocks.append(("heading", chunk.lstrip("#").strip()))
            elif all(re.match(r"\s*(?:[-*]|\d+\.)\s", line) for line in chunk.splitlines()):
                blocks.append(("list", "\n".join(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line) for line in chunk.splitlines())))
            else:
                blocks.append(("paragraph", " ".join(chunk.split())))
    return blocks


def render(blocks: list[tuple[str, str]], fmt: str, title: str) -> str:
    """One document in ``fmt`` (Markdown, plain text or HTML)."""
    if fmt == "md":
        parts = [f"# {title}"]
        for kind, text in blocks:
            if kind == "heading":
                parts.append(f"## {text}")
            elif kind == "list":
                parts.append("\n".join(f"- {item}" for item in text.splitlines()))
            else:
                parts.append(text)
        return "\n\n".join(parts) + "\n"
    if fmt == "txt":
        parts = [title, "=" * len(title)]
        for kind, text in blocks:
            parts.append("\n".join(f"- {item}" for item in text.splitlines()) if kind == "list" else text)
        return "\n\n".join(parts) + "\n"
    body = [f"<h1>{html.escape(title)}</h1>"]
    for kind, text in blocks:
        if kind == "heading":
            body.append(f"<h2>{html.escape(text)}</h2>")
        elif kind == "list":
            body.append("<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in text.splitlines()) + "</ul>")
        else:
            body.append(f"<p>{html.escape(text)}</p>")
    return f"<!doctype html>\n<html><head><title>{html.escape(title)}</title></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"


def build_corpus(folder: Path, documents: int, words: int, seed: int = 2026) -> int:
    """Write the corpus to ``folder``; return its word count (whitespace-separated, prose only)."""
    rng = random.Random(seed)
    pool = source_blocks()
    headings = [block for block in pool if block[0] == "heading"]
    prose = [block for block in pool if block[0] != "heading"]
    total = 0
    for number in range(documents):
        chosen: list[tuple[str, str]] = []
        count = 0
        while count < words:
            block = rng.choice(headings) if rng.random() < 0.15 else rng.choice(prose)
            chosen.append(block)
            count += len(block[1].split())
        total += count
        fmt = FORMATS[number % len(FORMATS)]
        subfolder = folder / f"site-{number % 10}"
        subfolder.mkdir(parents=True, exist_ok=True)
        (subfolder / f"page-{number:04d}.{fmt}").write_text(render(chosen, fmt, f"Ketamine care, page {number}"), encoding="utf-8")
    return total


def build_worst_cases(folder: Path, seed: int = 2026) -> dict[str, Path]:
    """The three worst-case files: a 1 MB paragraph, a 100,000-word sentence, a 4 MB file."""
    rng = random.Random(seed)
    paragraphs = [text for kind, text in source_blocks() if kind == "paragraph"]
    folder.mkdir(parents=True, exist_ok=True)

    def fill(limit: int, pick: Any) -> list[str]:
        parts: list[str] = []
        size = 0
        while size < limit:
            part = pick()
            parts.append(part)
            size += len(part) + 2
        return parts

    paragraph = folder / "one-paragraph.md"
    paragraph.write_text("# One long paragraph\n\n" + " ".join(fill(1_000_000, lambda: rng.choice(paragraphs))) + "\n", encoding="utf-8")
    words = [word.strip(".,;:!?") for text in paragraphs for word in text.split()]
    sentence = folder / "one-sentence.txt"
    sentence.write_text(" ".join(rng.choice(words) for _ in range(100_000)) + "\n", encoding="utf-8")
    large = folder / "large.md"
    large.write_text("# A large page\n\n" + "\n\n".join(fill(4_000_000, lambda: rng.choice(paragraphs))) + "\n", encoding="utf-8")
    return {"paragraph": paragraph, "sentence": sentence, "large": large}


# Measuring ---------------------------------------------------------------------------
_PROBE = (
    "import resource, subprocess, sys, time; "
    "started = time.perf_counter(); "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "print(time.perf_counter() - started, code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds of ``command`` and the largest resident set (MB) of it or any process it waited for.

    The command runs under a small probe process, so the memory figure covers only it.
    """
    probe = subprocess.run([sys.executable, "-c", _PROBE, *command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    try:
        seconds, code, kilobytes = probe.stdout.split()
    except ValueError:
        sys.exit(f"{' '.join(command)} could not be measured: {probe.stderr[-2000:]}")
    if int(code) not in (0, 1):
        sys.exit(f"{' '.join(command)} failed with exit code {code}: {probe.stderr[-2000:]}")
    megabytes = int(kilobytes) / 1024 / (1024 if sys.platform == "darwin" else 1)
    return float(seconds), megabytes


def median_timed(command: list[str], cwd: Path, env: dict[str, str], repeat: int, before: Any = None) -> tuple[float, float]:
    """Median wall seconds over ``repeat`` runs and the largest peak memory (MB) of any of them.

    ``before`` runs ahead of each run, untimed (to empty a cache)."""
    seconds, peaks = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        elapsed, peak = timed(command, cwd, env)
        seconds.append(elapsed)
        peaks.append(peak)
    return statistics.median(seconds), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--words", type=int, default=700, help="words per document")
    parser.add_argument("--jobs", type=int, default=0, help="kaplint --jobs (0: one per CPU)")
    parser.add_argument("--single-runs", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timed row (the median is reported)")
    parser.add_argument("--skip-worst", action="store_true", help="leave out the worst-case files")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it (default: a temporary folder)")
    arguments = parser.parse_args()

    kaplint = shutil.which("kaplint")
    if kaplint is None:
        sys.exit("kaplint is not installed in this environment (pip install -e .)")
    proselint = shutil.which("proselint")
    work = arguments.keep or Path(tempfile.mkdtemp(prefix="kaplint-bench-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    words = build_corpus(corpus, arguments.documents, arguments.words)
    cache_folder = work / "cache"
    env = {**os.environ, "KAPLINT_CACHE_DIR": str(cache_folder), "NO_COLOR": "1"}
    env.pop("KAPLINT_NO_CACHE", None)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"corpus: {arguments.documents} documents ({', '.join(FORMATS)}), {words:,} words; {cpus} CPUs; load average {os.getloadavg()[0]:.1f}; "
          f"median of {arguments.repeat}")

    # An installed kaplint has bytecode compiled at install time (pip does it); an editable
    # install or a PYTHONDONTWRITEBYTECODE environment would recompile every module on every run.
    package = Path(subprocess.run([sys.executable, "-c", "import kaplint, os; print(os.path.dirname(kaplint.__file__))"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], stdout=subprocess.DEVNULL, check=False)
    # Warm up the operating system's file cache and the syllable table, untimed.
    subprocess.run([kaplint, "rules"], env=env, stdout=subprocess.DEVNULL, check=False)
    check = [kaplint, "check", "--exit-zero", "--format", "json", "--jobs", str(arguments.jobs), "corpus"]

    def empty_cache() -> None:
        shutil.rmtree(cache_folder, ignore_errors=True)

    cold, rss = median_timed(check, work, env, arguments.repeat, before=empty_cache)
    warm, _ = median_timed(check, work, env, arguments.repeat)
    prose_seconds = None
    if proselint:
        prose_seconds, _ = median_timed([proselint, "check", "--output-format", "json", "corpus"], work, env, arguments.repeat)

    files = sorted(path for path in corpus.rglob("*") if path.is_file())
    single_env = {**env, "KAPLINT_CACHE_DIR": str(work / "cache-single")}
    subprocess.run([kaplint, "check", "--exit-zero", str(files[-1])], env=single_env, stdout=subprocess.DEVNULL, check=False)  # rule packs cached
    single = [timed([kaplint, "check", "--exit-zero", str(path)], work, single_env)[0] for path in files[: arguments.single_runs]]
    cached = [timed([kaplint, "check", "--exit-zero", str(path)], work, single_env)[0] for path in files[: arguments.single_runs]]

    def ratio(value: float) -> str:
        return f"{value / prose_seconds:.3f}x proselint" if prose_seconds else "n/a"

    rows = [
        ("kaplint cold (empty cache)", f"{cold:.2f} s", ratio(cold), f"<= {TARGETS['cold_ratio']:.2f}x (aim {TARGETS['cold_aim']:.2f}x)"),
        ("kaplint warm (cached)", f"{warm:.2f} s", ratio(warm), f"<= {TARGETS['warm_ratio']:.2f}x"),
        ("proselint", f"{prose_seconds:.2f} s" if prose_seconds else "not installed", "1.000x" if prose_seconds else "n/a", ""),
        (f"kaplint single file, no cached result (median of {len(single)})", f"{statistics.median(single):.3f} s", "", f"<= {TARGETS['single_seconds']} s"),
        (f"kaplint single file, cached result (median of {len(cached)})", f"{statistics.median(cached):.3f} s", "", f"<= {TARGETS['cached_seconds']} s"),
        ("kaplint peak memory, corpus (largest process)", f"{rss:.0f} MB", "", f"<= {TARGETS['peak_mb']} MB"),
    ]
    if not arguments.skip_worst:
        worst = build_worst_cases(work / "worst")
        no_cache_env = {**env, "KAPLINT_NO_CACHE": "1"}
        for key, label, target in (
            ("paragraph", "one 1 MB paragraph", "paragraph_seconds"),
            ("sentence", "one 100,000-word sentence", "sentence_seconds"),
            ("large", "a 4 MB file of ordinary paragraphs", "large_seconds"),
        ):
            seconds, peak = median_timed([kaplint, "check", "--exit-zero", "--format", "json", str(worst[key])], work, no_cache_env, arguments.repeat)
            rows.append((f"{label}, no cache", f"{seconds:.2f} s, {peak:.0f} MB", "", f"<= {TARGETS[target]:.0f} s, <= {TARGETS['peak_mb']} MB"))
    print()
    print("| measurement | value | ratio | target |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if not prose_seconds:
        print("\nproselint is not installed here, so there are no ratios (pip install proselint in this environment).")
    else:
        print(f"\nkaplint's speed relative to proselint (above 1: kaplint is faster): cold {prose_seconds / cold:.2f}, warm {prose_seconds / warm:.1f}")
    print(f"single-file runs: min {min(single):.3f} s, max {max(single):.3f} s; corpus kept in {work}" if arguments.keep else "")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Time grammar checks on samples/: a cold run (empty cache) and a cached re-run, per backend.

Usage: python benchmarks/grammar.py [--runs N] [PATH ...]

Each measurement is a fresh ``kaplint check`` process, as a writer would run it, so a
cold run includes starting the engine (Harper's dictionary; for LanguageTool, the HTTP
round trips). A baseline with the grammar rules selected but grammar switched off shows
kaplint's own start-up and other work. Backends that are not available are listed with
the reason: Harper needs ``pip install 'kaplint[harper]'``; LanguageTool needs
``KAPLINT_LANGUAGETOOL_URL`` (or ``server``) or an installed local LanguageTool.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(paths: list[str], config: Path | None, cache: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall time of one ``kaplint check`` limited to the grammar rules."""
    command = [sys.executable, "-m", "kaplint", "check", *paths, "--select", "grammar", "--exit-zero", "-q", "--no-color"]
    if config is not None:
        command += ["--config", str(config)]
    environment = {**os.environ, "KAPLINT_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=ROOT, check=False)
    return time.perf_counter() - start, result


def backend_config(folder: Path, backend: str) -> Path:
    path = folder / f"{backend}.toml"
    path.write_text(f'[grammar]\nbackend = "{backend}"\n', encoding="utf-8")
    return path


def measure(paths: list[str], backend: str | None, runs: int, folder: Path) -> dict[str, object]:
    """Median cold and cached times over ``runs`` rounds, and the findings of the last run."""
    config = backend_config(folder, backend) if backend else None
    cold: list[float] = []
    cached: list[float] = []
    findings = 0
    for round_number in range(runs):
        cache = folder / f"cache-{backend}-{round_number}"
        seconds, result = run(paths, config, cache)
        if result.returncode != 0:
            return {"error": (result.stderr.strip() or result.stdout.strip()).splitlines()[-1]}
        cold.append(seconds)
        seconds, result = run(paths, config, cache)
        cached.append(seconds)
        findings = sum(1 for line in result.stdout.splitlines() if " KAP6" in line)
    return {"cold": statistics.median(cold), "cached": statistics.median(cached), "findings": findings}


def in_process(paths: list[str], backend: str | None, folder: Path) -> tuple[float, float]:
    """Seconds to lint ``paths`` inside one process, cold then cached (no process start-up).

    A cold run starts from an empty cache and a backend that was never built in this process.
    """
    from kaplint.config import Config, config_from_mapping
    from kaplint.discovery import discover
    from kaplint.engine import Linter, RunOptions

    os.environ["KAPLINT_CACHE_DIR"] = str(folder / f"in-process-{backend}")
    config = config_from_mapping({"grammar": {"backend": backend}}, ROOT / "kaplint.toml") if backend else Config()
    targets = discover([ROOT / path for path in paths], Config(), False)
    times = []
    for _ in range(2):
        start = time.perf_counter()
        linter = Linter(config, RunOptions(select=("grammar",)))
        for target in targets:
            linter.lint_path(target.path, target.display)
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["samples"])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    words = sum(len(path.read_text(encoding="utf-8", errors="replace").split()) for name in options.paths for path in sorted((ROOT / name).rglob("*")) if path.is_file())
    print(f"grammar checks on {', '.join(options.paths)} ({words} words), median of {options.runs} runs")
    with tempfile.TemporaryDirectory(prefix="kaplint-grammar-bench-") as temporary:
        folder = Path(temporary)
        baseline = measure(options.paths, None, options.runs, folder)
        cold, cached = in_process(options.paths, None, folder)
        print(f"{'baseline (grammar off)':<24} command {baseline['cold']:.2f} s; in-process {cached:.2f} s")
        for backend in ("harper", "languagetool"):
            result = measure(options.paths, backend, options.runs, folder)
            if "error" in result:
                print(f"{backend:<24} not available: {result['error']}")
                continue
            cold, cached = in_process(options.paths, backend, folder)
            print(
                f"{backend:<24} command: cold {result['cold']:.2f} s, cached {result['cached']:.2f} s; "
                f"in-process: cold {cold:.2f} s, cached {cached:.2f} s; {result['findings']} findings"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

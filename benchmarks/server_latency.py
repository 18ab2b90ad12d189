"""Benchmark: how soon diagnostics arrive after an edit, driving ``kaplint server`` as an editor does.

Opens a page of about 1,500 words (sentences of the bundled samples, recombined with a fixed
seed) over the protocol, then types: each edit inserts a word somewhere in the page
(``textDocument/didChange``, incremental) and the clock runs until the diagnostics for that
version are published. Edits are spaced so each is answered before the next, as when a writer
pauses; reports the median and 90th percentile.

    python benchmarks/server_latency.py [--edits 40] [--words 1500]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from lsp_client import LspClient  # noqa: E402  (the tests' protocol client)


def page(words: int) -> str:
    generator = random.Random(11)
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "samples").glob("*.md")))
    text = re.sub(r"(?s)^---.*?---", " ", text)
    sentences = [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", re.sub(r"[#>*_`|\[\]()-]", " ", text)) if len(s.split()) >= 6]
    paragraphs, count = ["# Ketamine treatment at our clinic", ""], 0
    while count < words:
        paragraph = " ".join(generator.choice(sentences) for _ in range(4))
        paragraphs += [paragraph, ""]
        count += len(paragraph.split())
        if len(paragraphs) % 12 == 0:
            paragraphs += [f"## Part {len(paragraphs) // 12}", ""]
    return "\n".join(paragraphs) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--words", type=int, default=1500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = folder / "page.md"
    text = page(args.words)
    path.write_text(text, encoding="utf-8")
    client = LspClient(folder)
    client.initialize(folder)
    start = time.perf_counter()
    client.open(path, text)
    client.wait_for("textDocument/publishDiagnostics")
    print(f"page: {len(text.split())} words; first diagnostics after opening: {time.perf_counter() - start:.2f} s (starts the linter)")
    generator = random.Random(5)
    lines = text.split("\n")
    latencies = []
    for version in range(2, args.edits + 2):
        line = generator.choice([index for index, value in enumerate(lines) if value and not value.startswith("#")])
        character = generator.randrange(len(lines[line]) + 1)
        insert = "really "
        lines[line] = lines[line][:character] + insert + lines[line][character:]
        change = {"range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}, "text": insert}
        sent = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version}, "contentChanges": [change]})
        client.wait_for("textDocument/publishDiagnostics", lambda params, v=version: params.get("version") == v)
        latencies.append(time.perf_counter() - sent)
        time.sleep(0.05)
    client.shutdown()
    latencies.sort()
    print(f"{len(latencies)} edits: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"90th percentile {latencies[int(len(latencies) * 0.9) - 1] * 1000:.0f} ms, worst {latencies[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()

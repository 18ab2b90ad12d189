"""A reproducible benchmark corpus of realistic KAP patient documents.

Documents are assembled from the sentences of the bundled samples, shuffled
and regrouped with a fixed seed into Markdown pages with front matter,
headings, paragraphs and lists, so the corpus looks like a content repository
of a few clinics: varied, but always real patient-material prose.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ("web", "handout", "consent", "prep", "integration", "email")
HEADINGS = (
    "What to expect", "Before your visit", "Risks and side effects", "After your session", "Costs",
    "Who we are", "Is ketamine right for me?", "How it works", "Questions", "Your safety",
)


def sample_sentences() -> list[str]:
    """Every prose sentence of the bundled Markdown samples (front matter and headings left out)."""
    sentences: list[str] = []
    for path in sorted((ROOT / "samples").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
        for line in text.splitlines():
            line = line.strip().lstrip("-*> ").strip()
            if not line or line.startswith(("#", "|", "<!--", "_")):
                continue
            sentences.extend(part.strip() for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line) if len(part.split()) > 3)
    return sentences


def build_corpus(documents: int = 1000, words_per_document: int = 700, seed: int = 2026) -> list[tuple[str, str]]:
    """(file name, Markdown text) pairs, about ``documents * words_per_document`` words in all."""
    rng = random.Random(seed)
    pool = sample_sentences()
    corpus: list[tuple[str, str]] = []
    for number in range(documents):
        profile = PROFILES[number % len(PROFILES)]
        parts = [f"---\ntitle: \"Document {number}\"\nkaplint:\n  profile: {profile}\n---\n", f"# {rng.choice(HEADINGS)}\n"]
        words = 0
        while words < words_per_document:
            if rng.random() < 0.2:
                parts.append(f"## {rng.choice(HEADINGS)}\n")
            if rng.random() < 0.25:
                items = [rng.choice(pool) for _ in range(rng.randint(2, 5))]
                parts.append("\n".join(f"- {item}" for item in items) + "\n")
                words += sum(len(item.split()) for item in items)
            else:
                paragraph = [rng.choice(pool) for _ in range(rng.randint(2, 6))]
                parts.append(" ".join(paragraph) + "\n")
                words += sum(len(item.split()) for item in paragraph)
        corpus.append((f"doc-{number:04d}.md", "\n".join(parts)))
    return corpus


def write_corpus(folder: Path, **kwargs: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in build_corpus(**kwargs):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

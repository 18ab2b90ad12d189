"""Measure the claims rules on a blind review set (tests/data/claims_review_*.yml).

A review set holds short passages written from claims.md by someone who has not seen the
rules: ``expect: found`` cases with the words a reviewer would underline, and ``expect:
not-found`` look-alikes. A set is measured once before any rule is tuned on it (a held-out
figure), so disagreements are listed only with ``--errors``, which makes it tuning data.

    python benchmarks/evaluate_review_set.py tests/data/claims_review_blind2.yml
    python benchmarks/evaluate_review_set.py tests/data/claims_review_blind2.yml --json figures.json
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import yaml

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions


def outcomes(cases: list[dict]) -> list[tuple[dict, bool]]:
    """Each case with whether kaplint agrees: a found case flagged on its quote, a not-found case left alone."""
    linter = Linter(Config(), RunOptions(select=("claims",), profile="web"))
    results = []
    for case in cases:
        text = case["text"]
        findings = [
            finding
            for finding in linter.lint_bytes("case.txt", text.encode("utf-8"), "text").findings
            if finding.name == case["category"]
        ]
        if case["expect"] == "found":
            start = text.find(case["quote"])
            end = start + len(case["quote"])
            agrees = any(finding.offset < end and start < max(finding.end_offset, finding.offset + 1) for finding in findings)
        else:
            agrees = not findings
        results.append((case, agrees))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("--errors", action="store_true", help="list disagreements (the set becomes tuning data)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    args = parser.parse_args()
    cases = yaml.safe_load(args.cases.read_text(encoding="utf-8"))["cases"]
    by_category: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"found": [0, 0], "not-found": [0, 0]})
    for case, agrees in outcomes(cases):
        tally = by_category[case["category"]][case["expect"]]
        tally[0] += agrees
        tally[1] += 1
        if args.errors and not agrees:
            print(f"  {case['category']:<24} {'missed' if case['expect'] == 'found' else 'flagged':<8} {case['text'].strip()[:110]!r}")
    found = [sum(c["found"][i] for c in by_category.values()) for i in (0, 1)]
    left = [sum(c["not-found"][i] for c in by_category.values()) for i in (0, 1)]
    print(f"{args.cases.name}: {len(cases)} cases")
    print(f"  positives found      {found[0]}/{found[1]} ({found[0] / max(found[1], 1):.0%})")
    print(f"  negatives left alone {left[0]}/{left[1]} ({left[0] / max(left[1], 1):.0%})")
    for name, tally in sorted(by_category.items()):
        print(f"    {name:<24} found {tally['found'][0]}/{tally['found'][1]}  left alone {tally['not-found'][0]}/{tally['not-found'][1]}")
    if args.json:
        figures = {"found": found, "left_alone": left, "by_category": dict(by_category)}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

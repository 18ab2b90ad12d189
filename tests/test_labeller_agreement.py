"""The agreement measure between two labellers matches quotes the way findings are matched."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from labeller_agreement import Quote, agreement, present_called_missing, same_claim  # noqa: E402


def test_quotes_of_one_category_agree_when_their_text_overlaps() -> None:
    assert same_claim(Quote("hype", 10, 30, 2), Quote("hype", 25, 40, 2))
    assert not same_claim(Quote("hype", 10, 30, 2), Quote("hype", 30, 40, 2))
    assert not same_claim(Quote("hype", 10, 30, 2), Quote("cure", 10, 30, 2))


def test_fair_balance_is_about_the_whole_document_and_a_list_is_one_claim() -> None:
    assert same_claim(Quote("fair-balance", 0, 5, 1), Quote("fair-balance", 300, 320, 9))
    assert same_claim(Quote("broad-indications", 100, 110, 4), Quote("broad-indications", 200, 210, 11))
    assert not same_claim(Quote("broad-indications", 100, 110, 4), Quote("broad-indications", 400, 410, 30))


def test_agreement_counts_precision_over_the_second_and_recall_over_the_first() -> None:
    first = [Quote("hype", 0, 10, 1), Quote("cure", 50, 60, 3)]
    second = [Quote("hype", 5, 8, 1), Quote("guarantee", 80, 90, 4), Quote("absolute-safety", 95, 99, 4)]
    score = agreement([(first, second)])
    assert (score.findings, score.findings_matched, score.labels, score.labels_matched) == (3, 1, 2, 1)
    assert round(score.precision, 2) == 0.33 and score.recall == 0.5


def test_present_called_missing_counts_only_elements_both_labelled() -> None:
    first = {"monitoring": "present", "driving": "present", "cost": "present", "bladder": "missing"}
    second = {"monitoring": "missing", "driving": "present", "bladder": "present"}
    assert present_called_missing(first, second) == (1, 2)
    assert present_called_missing(second, first) == (1, 2)

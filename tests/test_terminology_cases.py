"""Terminology and language rules against independently written cases (tests/data/terminology_*.yml).

For every row of terminology.md the case file gives passages a reviewer would
flag, with the words they would underline, and passages that must not be
flagged: correct statements, negations ("ketamine is not FDA-approved for
depression"), unrelated uses of the same words, a patient's credited quote, and
a wrong statement quoted in order to correct it. The cases were written from the
standard by someone who had not seen the rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
import yaml

from kaplint.cli import main
from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.rulepacks import load_rules
from helpers import assert_flags_quote, assert_not_flagged, case_lists, findings_of

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from evaluate_corpus import evaluate_terminology, load_corpus  # noqa: E402

def _load_cases(*names: str) -> dict:
    """Both case files, merged per rule: terminology_cases.yml (written before the rules) and
    terminology_review.yml (a later reviewer's held-out set, measured once before any change)."""
    merged: dict = {}
    for name in names:
        for rule, cases in yaml.safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8")).items():
            entry = merged.setdefault(rule, {"positives": [], "negatives": []})
            entry["positives"] += cases["positives"]
            entry["negatives"] += cases["negatives"]
    return merged


CASES = _load_cases("terminology_cases.yml", "terminology_review.yml")
RULES = load_rules()
BY_NAME = {rule.name: rule for rule in RULES}
STANDARD_IDS = [
    "ketamine-fda-approval", "spravato-is-ketamine", "spravato-indication", "esketamine-anesthetic", "spravato-at-home",
    "spravato-monitoring-time", "mechanism", "breathing", "approval-date", "schedule", "psychedelic",
    "dissociation-required", "crisis-line", "drug-name-case", "salt-name", "street-names", "route-names",
    "undefined-abbreviation", "suicide-wording", "substance-use-wording", "mental-illness-wording",
    "suffering-wording", "diagnosis-metaphor",
]  # fmt: skip


def _findings(name: str, text: str) -> list:
    return findings_of(RULES, BY_NAME[name].id, text)


POSITIVES, NEGATIVES = case_lists(CASES)


def test_every_row_of_the_standard_has_a_rule_of_its_category_and_cases() -> None:
    for name in STANDARD_IDS:
        assert name in BY_NAME, f"no rule named {name}"
        assert name in CASES, f"no cases for {name}"
        assert len(CASES[name]["positives"]) >= 3 and len(CASES[name]["negatives"]) >= 3, name
    language = {"suicide-wording", "substance-use-wording", "mental-illness-wording", "suffering-wording", "diagnosis-metaphor"}
    for name in STANDARD_IDS:
        expected = "language" if name in language else "readability" if name == "undefined-abbreviation" else "terminology"
        assert BY_NAME[name].category == expected, name


@pytest.mark.parametrize(("name", "text", "quote"), POSITIVES, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(POSITIVES)])
def test_positive_is_found_at_the_underlined_words(name: str, text: str, quote: str) -> None:
    assert_flags_quote(name, _findings(name, text), text, quote)


@pytest.mark.parametrize(("name", "text", "why"), NEGATIVES, ids=[f"{n}-{w}-{i}" for i, (n, _, w) in enumerate(NEGATIVES)])
def test_negative_is_not_flagged(name: str, text: str, why: str) -> None:
    assert_not_flagged(name, why, _findings(name, text), text)


@pytest.mark.parametrize("text", ["Mental health is health.", "Our mental health team is here for you.", "Talk to a mental health professional."])
def test_mental_health_is_never_a_finding(text: str) -> None:
    linter = Linter(Config(), RunOptions(select=("language", "terminology")), rules=RULES)
    assert not linter.lint_bytes("case.md", text.encode("utf-8")).findings


@pytest.mark.parametrize(
    ("rule", "text", "found"),
    [
        ("ketamine-fda-approval", "Ketamine is FDA-approved for depression.", True),
        ("ketamine-fda-approval", "We offer FDA-approved ketamine infusions.", True),
        ("ketamine-fda-approval", "Ketamine is not FDA-approved for depression.", False),
        ("ketamine-fda-approval", "Spravato (esketamine) is FDA-approved for treatment-resistant depression.", False),
        ("ketamine-fda-approval", "Ketamine was approved by the FDA in 1970 as an anesthetic.", False),
    ],
)
def test_the_statements_the_issue_names(rule: str, text: str, found: bool) -> None:
    assert bool(_findings(rule, text)) is found


def _configured(tmp_path: Path, toml: str, text: str, *selectors: str):  # type: ignore[no-untyped-def]
    from kaplint.config import load_config

    (tmp_path / "kaplint.toml").write_text(toml, encoding="utf-8")
    linter = Linter(load_config(tmp_path / "kaplint.toml"), RunOptions(select=selectors), rules=RULES)
    return linter.lint_bytes("page.md", text.encode("utf-8")).findings


def test_preferred_terms_come_from_configuration_with_their_preferred_form(tmp_path: Path) -> None:
    toml = '[vocabulary]\nprefer = { "ketamine therapy" = "ketamine treatment", "journey" = "course of treatment" }\n'
    findings = _configured(tmp_path, toml, "Your ketamine therapy journey begins. Ketamine-therapy works.", "preferred-term")
    assert [(finding.match, finding.suggestions[0]) for finding in findings] == [
        ("ketamine therapy", "ketamine treatment"),
        ("journey", "course of treatment"),
        ("Ketamine-therapy", "Ketamine treatment"),
    ]
    assert all(finding.fix is not None and not finding.fix.safe for finding in findings)  # a house style needs --unsafe-fixes


def test_accepted_terms_are_never_flagged_by_terminology_or_language_rules(tmp_path: Path) -> None:
    toml = '[vocabulary]\naccept = ["Special K Ranch Road", "Suffering Creek Clinic"]\n'
    text = "Our office is at 12 Special K Ranch Road, next to Suffering Creek Clinic. Ask about our Special K package."
    findings = _configured(tmp_path, toml, text, "terminology", "language")
    assert [finding.match for finding in findings] == ["Special K"]


@pytest.mark.parametrize("prefer", ['prefer = ["x"]', 'prefer = { "x" = "" }', 'prefer = { "x" = 3 }'])
def test_a_malformed_prefer_table_is_a_configuration_error(tmp_path: Path, prefer: str) -> None:
    from kaplint.config import ConfigError, load_config

    (tmp_path / "kaplint.toml").write_text(f"[vocabulary]\n{prefer}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="vocabulary.prefer"):
        load_config(tmp_path / "kaplint.toml")


def test_corpus_precision_and_recall_for_terminology_and_language() -> None:
    """The issue's bar: terminology and language findings (rule and exact text) reach 0.90 and 0.90."""
    score = evaluate_terminology(load_corpus()).overall
    assert score.precision >= 0.90, score
    assert score.recall >= 0.90, score


@pytest.mark.parametrize("name", STANDARD_IDS + ["preferred-term"])
def test_explain_every_terminology_and_language_rule(name: str) -> None:
    result = CliRunner().invoke(main, ["explain", name])
    assert result.exit_code == 0
    for heading in ("What it checks", "Why it matters", "A better way to say it", "Sources"):
        assert heading in result.output, (name, heading)


def test_spravato_never_dispensed_for_home_use_is_the_rule_itself() -> None:
    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions

    linter = Linter(Config(), RunOptions(select=("spravato-at-home",), profile="web"))
    text = "Spravato must never be dispensed directly to a patient for home use.\n"
    assert linter.lint_bytes("page.md", text.encode("utf-8")).findings == []
    assert linter.lint_bytes("page.md", b"You can use Spravato at home after your first visit.\n").findings

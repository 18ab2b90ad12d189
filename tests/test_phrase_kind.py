"""Unit tests of the phrase kind: matching, inflections, negation, hedges, questions."""

from __future__ import annotations

import pytest

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.finding import Severity
from kaplint.kinds import KINDS, ParamError
from kaplint.kinds.phrase import clause_before, inflections, is_negated
from helpers import phrase_rule as make_phrase_rule
from kaplint.rulepacks import Rule


def phrase_rule(**params) -> Rule:
    return make_phrase_rule("TST100", "test-phrase", params, Severity.ERROR, "found {match}")


def matches(text: str, config: Config | None = None, **params) -> list[str]:
    linter = Linter(config or Config(), RunOptions(select=("TST100",)), rules=[phrase_rule(**params)])
    return [finding.match for finding in linter.lint_bytes("t.md", text.encode(), "markdown").findings]


def test_terms_match_case_spacing_and_hyphen_variants() -> None:
    found = matches("Non-addictive. non addictive. NONADDICTIVE. non -  addictive.", terms=["non-addictive"])
    assert found == ["Non-addictive", "non addictive", "NONADDICTIVE", "non -  addictive"]


def test_terms_match_across_soft_line_breaks() -> None:
    linter = Linter(Config(), RunOptions(select=("TST100",)), rules=[phrase_rule(terms=["completely safe"])])
    (finding,) = linter.lint_bytes("t.md", b"It is completely\nsafe to use.", "markdown").findings
    assert finding.match == "completely safe"  # the prose, with the line break as a space
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 7, 2, 5)


def test_terms_respect_word_boundaries() -> None:
    assert matches("A secure, procured item.", terms=["cure"]) == []


@pytest.mark.parametrize(
    "word, form",
    [("cure", "cures"), ("cure", "cured"), ("cure", "curing"), ("remedy", "remedies"), ("fix", "fixes"), ("stop", "stopping")],
)
def test_inflections(word: str, form: str) -> None:
    assert form in inflections(word)
    assert matches(f"This {form} it.", terms=[word]) == [form]


def test_inflection_can_be_turned_off() -> None:
    assert matches("It cures.", terms=["cure"], inflect=False) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine is not a cure.",
        "No treatment is a cure for everyone.",
        "We never say it is a cure.",
        "It isn't a cure.",
        "There is no evidence that it is a cure.",
        "Ketamine cannot be called a cure.",
    ],
)
def test_negated_matches_are_skipped(text: str) -> None:
    assert matches(text, terms=["a cure"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine is not only fast, it is a cure.",
        "There is no doubt: it is a cure.",
        "Not everyone knows this, but it is a cure.",
        "It is not cheap; it is a cure.",
    ],
)
def test_phrases_that_do_not_deny_keep_the_match(text: str) -> None:
    assert matches(text, terms=["a cure"]) == ["a cure"]


def test_negation_can_be_turned_off() -> None:
    assert matches("It is not a cure.", terms=["a cure"], **{"skip-negated": False}) == ["a cure"]


def test_questions_are_skipped_by_default() -> None:
    assert matches("Is ketamine a cure?", terms=["a cure"]) == []
    assert matches("Is ketamine a cure?", terms=["a cure"], **{"skip-questions": False}) == ["a cure"]


def test_hedges_only_when_asked() -> None:
    text = "Some people may feel relief within hours."
    assert matches(text, terms=["relief within hours"]) == ["relief within hours"]
    assert matches(text, terms=["relief within hours"], **{"skip-hedged": True}) == []
    assert matches("You will feel relief within hours.", terms=["relief within hours"], **{"skip-hedged": True}) == [
        "relief within hours"
    ]


def test_exceptions_overlapping_the_match_drop_it() -> None:
    assert matches("Vitamin K deficiency is rare.", patterns=[r"vitamin\s+k"], exceptions=[r"vitamin k deficiency"]) == []
    assert matches("Some call it vitamin K.", patterns=[r"vitamin\s+k"], exceptions=[r"vitamin k deficiency"]) == ["vitamin K"]


def test_sentence_exceptions_drop_matches_in_that_sentence_only() -> None:
    text = "Warfarin interacts with vitamin K. Some call ketamine vitamin K."
    assert matches(text, patterns=[r"vitamin\s+k"], **{"sentence-exceptions": ["warfarin"]}) == ["vitamin K"]


def test_accepted_vocabulary_is_never_flagged() -> None:
    config = Config(accepted_terms=("Miracle Mile",))
    assert matches("Visit us on the Miracle Mile.", config, terms=["miracle mile"]) == []


def test_replacement_with_groups_and_sentence_case() -> None:
    linter = Linter(
        Config(),
        RunOptions(select=("TST100",)),
        rules=[phrase_rule(patterns=[r"(ketamine)\s+hcl"], replacement=r"\1 hydrochloride", fix="safe")],
    )
    findings = linter.lint_bytes("t.md", b"Ketamine HCL is given. We give ketamine hcl.", "markdown").findings
    assert [finding.suggestions[0] for finding in findings] == ["Ketamine hydrochloride", "ketamine hydrochloride"]
    assert all(finding.fix is not None and finding.fix.safe for finding in findings)


def test_fix_is_dropped_when_the_source_differs_from_the_prose() -> None:
    linter = Linter(
        Config(),
        RunOptions(select=("TST100",)),
        rules=[phrase_rule(terms=["ketamine hcl"], replacement="ketamine hydrochloride", fix="safe")],
    )
    findings = linter.lint_bytes("t.md", b"We give ketamine *hcl* here.", "markdown").findings
    assert len(findings) == 1 and findings[0].fix is None  # markup inside: no blind rewrite


def test_clause_before_stops_at_clause_breaks() -> None:
    text = "It is not cheap, but it works"
    assert "not" not in clause_before(text, 0, text.index("works"))
    assert is_negated("there is no")
    assert not is_negated("there is no doubt it is")


@pytest.mark.parametrize(
    "params, key",
    [
        ({}, "terms"),
        ({"terms": ["x"], "fix": "maybe"}, "fix"),
        ({"terms": ["x"], "fix": "safe"}, "fix"),
        ({"terms": ["x"], "patterns": ["(unclosed"]}, "patterns"),
        ({"terms": ["x"], "blocks": ["sidebar"]}, "blocks"),
        ({"terms": ["x"], "color": "red"}, "color"),
        ({"terms": "x", "inflect": "yes"}, "inflect"),
    ],
)
def test_invalid_params_name_the_key(params: dict, key: str) -> None:
    with pytest.raises(ParamError) as error:
        KINDS["phrase"].compile(params)
    assert error.value.key == key


def test_blocks_parameter_limits_where_it_looks() -> None:
    text = "# A cure\n\nIt is a cure.\n"
    assert matches(text, terms=["a cure"], blocks=["heading"]) == ["A cure"]


def test_accepted_vocabulary_covers_matches_inside_it_and_its_inflections() -> None:
    config = Config(accepted_terms=("Miracle Mile Wellness",))
    assert matches("Visit Miracle Mile Wellness today.", config, terms=["miracle"]) == []
    assert matches("A miracle for your mood.", config, terms=["miracle"]) == ["miracle"]
    assert matches("She cured it.", Config(accepted_terms=("cure",)), terms=["cured"], inflect=False) == []


def test_sentence_requires_limits_matches_to_sentences_about_the_topic() -> None:
    params = {"patterns": [r"for\s+an\s+hour"], "sentence-requires": ["spravato"]}
    assert matches("After Spravato we watch you for an hour.", **params) == ["for an hour"]
    assert matches("The clinic stays open for an hour longer. Spravato is given here.", **params) == []


def test_sentence_requires_reach_looks_back_in_the_same_block_only() -> None:
    params = {"patterns": [r"approved\s+for\s+depression"], "sentence-requires": ["spravato"], "sentence-requires-reach": 1}
    assert matches("Spravato is a nasal spray. It is approved for depression.", **params) == ["approved for depression"]
    assert matches("Spravato is a nasal spray.\n\nIt is approved for depression.", **params) == []
    assert matches("Spravato is a spray. We open at nine. It is approved for depression.", **params) == []


def test_fixes_bring_their_own_replacements() -> None:
    rule = phrase_rule(fixes=[{"pattern": "(?-i:spravato)", "replacement": "Spravato"}, {"pattern": "(?<=a )(?-i:Ketamine)", "replacement": "ketamine"}], fix="safe")
    linter = Linter(Config(), RunOptions(select=("TST100",)), rules=[rule])
    findings = linter.lint_bytes("t.md", b"Ask about spravato or a Ketamine infusion.", "markdown").findings
    assert [(finding.match, finding.fix.replacement if finding.fix else None) for finding in findings] == [("spravato", "Spravato"), ("Ketamine", "ketamine")]


@pytest.mark.parametrize("fixes", [[{"pattern": "x"}], ["x"], [{"pattern": "(", "replacement": "y"}]])
def test_malformed_fixes_are_rejected(fixes: list) -> None:
    with pytest.raises(ParamError) as error:
        KINDS["phrase"].compile({"fixes": fixes})
    assert error.value.key == "fixes"


@pytest.mark.parametrize(
    "text",
    [
        '"I suffered from depression for years," said one patient.',
        'One patient told us, "I suffered from depression for years."',
        '"I suffered from depression for years." Marisol T., Miami',
    ],
)
def test_skip_testimony_keeps_a_speakers_credited_words(text: str) -> None:
    params = {"patterns": [r"suffer\w*\s+from"], "skip-negated": False}
    assert matches(text, **params) == ["suffered from"]
    assert matches(text, **params, **{"skip-testimony": True}) == []


def test_skip_testimony_still_reports_the_publishers_own_quotes() -> None:
    params = {"patterns": [r"suffer\w*\s+from"], "skip-testimony": True}
    assert matches('Our motto: "We help people who suffer from depression."', **params) == ["suffer from"]
    assert matches("> I suffered from depression for years.\n>\n> — Dana, client\n", **params) == []


def test_once_per_sentence_reports_the_first_match_of_each_sentence() -> None:
    params = {"patterns": ["dissociation", "let go"], "once-per-sentence": True}
    assert matches("Dissociation heals: let go. Let go again.", **params) == ["Dissociation", "Let go"]


def test_a_denial_carries_across_or_to_a_coordinated_phrase() -> None:
    params = {"patterns": [r"reduce\s+suicide"]}
    assert matches("Spravato has not been shown to prevent suicide or to reduce suicide attempts.", **params) == []
    assert matches("Spravato is not a cure. It can reduce suicide attempts or hospital stays.", **params) == ["reduce suicide"]

"""The disclosure rules as a user meets them: applicability, the checklist in reports,
configuration of levels, a project's own elements, explain, and the labelled corpus.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main
from kaplint.config import Config, ConfigError, config_from_mapping
from kaplint.engine import Linter, RunOptions
from kaplint.rulepacks import RulePackError, load_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from evaluate_corpus import evaluate_disclosures, load_corpus  # noqa: E402

RULES = load_rules()
DISCLOSURE_RULES = [rule for rule in RULES if rule.kind == "disclosure"]

SHORT_PAGE = "# Ketamine infusions\n\nWe offer ketamine infusions for depression. Book a consultation today.\n"
# SHORT_PAGE stands for a whole page: check it although it is shorter than disclosure-min-words.
CHECK_SHORT_TEXTS = "disclosure-min-words = 0\n"


def lint(text: str, profile: str = "web", config: Config | None = None, name: str = "page.md"):  # type: ignore[no-untyped-def]
    # Short snippets stand for whole documents here: checked whatever their length.
    linter = Linter(config or Config(disclosure_min_words=0), RunOptions(profile=profile, select=("disclosure",)), rules=RULES)
    return linter.lint_bytes(name, text.encode("utf-8"))


def missing(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {finding.element for finding in result.findings}


# The catalogue ------------------------------------------------------------------------
CATALOGUE = [
    "off-label", "compounded", "spravato-rems", "spravato-limits", "dissociation", "sedation-breathing",
    "blood-pressure", "misuse", "bladder", "cognition", "psychiatric-effects", "pregnancy", "common-effects",
    "screening", "monitoring", "driving", "crisis-resources", "warning-signs", "results-vary", "evidence-limits",
    "alternatives", "psychotherapy", "touch-consent", "boundaries", "right-to-stop", "questions", "cost",
    "credentials", "prep-instructions", "not-medical-advice",
]


def test_one_rule_per_catalogue_element_in_catalogue_order() -> None:
    assert [rule.params["element"] for rule in DISCLOSURE_RULES] == CATALOGUE
    for number, rule in enumerate(DISCLOSURE_RULES, start=201):
        assert rule.id == f"KAP{number}"
        assert rule.name == f"missing-{rule.params['element']}"
        assert rule.category == "disclosure"


def test_levels_follow_the_catalogue_table() -> None:
    """Spot checks against disclosures.md (E = error, W = warning, - = not checked)."""
    levels = {rule.params["element"]: rule.compiled for rule in DISCLOSURE_RULES}
    assert [levels["off-label"].level(p) for p in ("web", "handout", "consent", "prep", "integration", "email")] == [
        "error", "error", "error", "warning", "warning", "error"
    ]
    assert levels["pregnancy"].level("web") == "off"
    assert levels["questions"].level("consent") == "error" and levels["questions"].level("handout") == "off"
    assert levels["warning-signs"].level("integration") == "error"
    assert levels["spravato-rems"].level("integration") == "off"


# Applicability --------------------------------------------------------------------------
def test_a_document_not_about_ketamine_gets_no_disclosure_findings() -> None:
    text = "# TMS therapy\n\nTMS uses magnets to treat depression. You can drive yourself home. Call 988 in a crisis.\n"
    result = lint(text, profile="consent")
    assert result.findings == []
    assert result.metrics["disclosures"]["about_ketamine"] is False
    assert {item["status"] for item in result.metrics["disclosures"]["elements"]} == {"not-applicable"}


def test_triggered_elements_apply_only_with_their_topic() -> None:
    result = lint(SHORT_PAGE)
    assert "spravato-rems" not in missing(result)  # no Spravato
    assert "crisis-resources" not in missing(result)  # no mention of suicide
    with_spravato = lint(SHORT_PAGE + "\nWe also offer Spravato nasal spray.\n")
    assert "spravato-rems" in missing(with_spravato)
    with_suicide = lint(SHORT_PAGE + "\nKetamine may ease suicidal thoughts.\n")
    assert "crisis-resources" in missing(with_suicide)


def test_a_triggered_finding_points_at_its_trigger_and_always_elements_at_the_top() -> None:
    text = "# Our clinic\n\nWe treat depression with ketamine.\n\nSome patients choose Spravato instead.\n"
    result = lint(text, profile="handout")
    by_element = {finding.element: finding for finding in result.findings}
    rems = by_element["spravato-rems"]
    assert (rems.line, rems.column, rems.match) == (5, 22, "Spravato")
    dissociation = by_element["dissociation"]
    assert (dissociation.line, dissociation.column, dissociation.match) == (1, 3, "")  # the title's first word


def test_profile_sets_the_level_and_elements_off_for_a_profile_are_not_reported() -> None:
    web = {finding.element: str(finding.severity) for finding in lint(SHORT_PAGE, "web").findings}
    handout = {finding.element: str(finding.severity) for finding in lint(SHORT_PAGE, "handout").findings}
    assert web["blood-pressure"] == "warning" and handout["blood-pressure"] == "error"
    assert "pregnancy" not in web and handout["pregnancy"] == "error"


def test_a_quoted_label_heading_satisfies_the_elements_it_names() -> None:
    text = (
        "# About Spravato\n\nSpravato (esketamine) is a nasal spray for depression.\n\n"
        "**WARNING: SEDATION; DISSOCIATION; RESPIRATORY DEPRESSION; ABUSE AND MISUSE; SUICIDAL THOUGHTS AND BEHAVIORS**\n"
    )
    entries = {item["element"]: item["status"] for item in lint(text, "handout").metrics["disclosures"]["elements"]}
    assert entries["dissociation"] == entries["sedation-breathing"] == entries["misuse"] == "present"


@pytest.mark.parametrize(
    ("element", "profile", "text"),
    [
        ("pregnancy", "handout", "Are you pregnant or breastfeeding? Please tell your nurse before your first infusion."),
        ("driving", "prep", "Your infusion takes 40 minutes.\n\nCan I drive myself home after my infusion? No. Not until the next day."),
        ("spravato-rems", "handout", "Spravato is given in our certified clinic. You can't take Spravato home."),
        ("cognition", "handout", "You might not be able to think clearly for a few hours."),
        ("results-vary", "web", "Ketamine can ease depression. It is not a cure, and it doesn't help everyone."),
        ("evidence-limits", "handout", "Ketamine can ease depression. Research on long-term use is still limited."),
    ],
)
def test_questions_contractions_and_hyphenated_words_are_read_as_meant(element: str, profile: str, text: str) -> None:
    document = "We offer ketamine infusions for depression.\n\n" + text + "\n"
    if element == "spravato-rems":
        document = "We offer Spravato (esketamine) nasal spray.\n\n" + text + "\n"
    entries = {item["element"]: item["status"] for item in lint(document, profile).metrics["disclosures"]["elements"]}
    assert entries[element] == "present"


@pytest.mark.parametrize(
    ("element", "profile", "text"),
    [
        ("common-effects", "handout", "Most patients report no nausea, headache or dizziness at all."),
        ("pregnancy", "handout", "Ketamine has no known risks in pregnancy or breastfeeding."),
        ("prep-instructions", "prep", "Eat whatever you like before your session; there are no restrictions."),
        ("spravato-rems", "handout", "Our certified clinic will teach you to use Spravato at home."),
        ("monitoring", "handout", "Our staff will check your insurance before your first session."),
    ],
)
def test_contradictions_and_unrelated_senses_do_not_satisfy(element: str, profile: str, text: str) -> None:
    document = "We offer ketamine infusions for depression, and Spravato (esketamine).\n\n" + text + "\n"
    entries = {item["element"]: item["status"] for item in lint(document, profile).metrics["disclosures"]["elements"]}
    assert entries[element] == "missing"


def test_mentions_that_do_not_describe_a_topic_do_not_trigger_it() -> None:
    assert lint("We offer TMS and talk therapy for depression. We do not offer ketamine.\n", "consent").findings == []
    spravato_link = "We offer ketamine infusions for depression.\n\nCurious about Spravato? Visit our [Spravato page](/spravato).\n"
    assert "spravato-rems" not in missing(lint(spravato_link, "handout"))
    lifeline = "Spravato (esketamine) is a nasal spray.\n\nIn a crisis, call or text 988, the Suicide & Crisis Lifeline.\n"
    assert "spravato-limits" not in missing(lint(lifeline, "handout"))


def test_a_suppressed_element_is_marked_in_the_checklist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = "<!-- kaplint-disable-file missing-cost -- prices are on the booking page -->\n" + SHORT_PAGE
    (tmp_path / "kaplint.toml").write_text(CHECK_SHORT_TEXTS, encoding="utf-8")
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "--select", "missing-cost", "--format", "json"])
    document = json.loads(result.output)["documents"][0]
    assert document["findings"] == []
    entry = document["metrics"]["disclosures"]["elements"][0]
    assert (entry["element"], entry["status"], entry["suppressed"]) == ("cost", "missing", True)


# The checklist ----------------------------------------------------------------------------
def test_checklist_gives_status_level_and_evidence_position() -> None:
    text = SHORT_PAGE + "\nDo not drive until the next day after your infusion.\n"
    checklist = lint(text, profile="prep").metrics["disclosures"]
    assert checklist["profile"] == "prep" and checklist["about_ketamine"] is True
    entries = {item["element"]: item for item in checklist["elements"]}
    driving = entries["driving"]
    assert driving["status"] == "present" and driving["level"] == "error" and driving["rule"] == "KAP216"
    assert driving["evidence"] == {
        "line": 5, "column": 1, "end_line": 5, "end_column": 53,
        "text": "Do not drive until the next day after your infusion.",
    }
    assert entries["spravato-rems"]["status"] == "not-applicable"
    assert entries["dissociation"]["status"] == "missing" and entries["dissociation"]["evidence"] is None
    assert "cost" not in entries  # not checked for prep
    counts = checklist["counts"]
    assert counts["present"] + counts["missing"] + counts["not-applicable"] == len(checklist["elements"])


def test_checklist_evidence_positions_hold_in_html() -> None:
    html = (
        "<html><body><main><h1>Ketamine infusions</h1>\n"
        "<p>We offer ketamine for depression.</p>\n"
        "<p>Please <strong>do not drive</strong> until the next day.</p></main></body></html>\n"
    )
    entries = {item["element"]: item for item in lint(html, "prep", name="page.html").metrics["disclosures"]["elements"]}
    evidence = entries["driving"]["evidence"]
    line = html.splitlines()[evidence["line"] - 1]
    assert line[evidence["column"] - 1 :].startswith("Please <strong>do not drive")


def test_text_report_sums_up_the_checklist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kaplint.toml").write_text(CHECK_SHORT_TEXTS, encoding="utf-8")
    (tmp_path / "page.md").write_text(SHORT_PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "--select", "disclosure", "--no-color"])
    assert result.exit_code == 1
    line = next(text for text in result.output.splitlines() if text.strip().startswith("disclosures:"))
    assert "present; missing: off-label (error)" in line
    assert "not applicable" in line


# Configuration ---------------------------------------------------------------------------
def test_configuration_changes_the_level_per_profile_and_turns_elements_off(tmp_path: Path) -> None:
    config = config_from_mapping(
        {"disclosures": {"cost": {"web": "error"}, "not-medical-advice": {"web": "off"}}, "disclosure-min-words": 0}, tmp_path
    )
    result = lint(SHORT_PAGE, config=config)
    levels = {finding.element: str(finding.severity) for finding in result.findings}
    assert levels["cost"] == "error"
    assert "not-medical-advice" not in levels
    assert "not-medical-advice" not in {item["element"] for item in result.metrics["disclosures"]["elements"]}
    # Other profiles keep the catalogue's levels.
    assert {f.element: str(f.severity) for f in lint(SHORT_PAGE, "email", config=config).findings}["cost"] == "warning"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"drving": {"web": "error"}}, "unknown disclosure element 'drving'; did you mean 'driving'?"),
        ({"driving": {"webb": "error"}}, "unknown profile 'webb'"),
        ({"driving": {"web": "fatal"}}, "must be one of error, warning, suggestion, off"),
        ({"driving": "error"}, "must be a table of profile = level"),
    ],
)
def test_bad_disclosure_configuration_is_a_clear_error(tmp_path: Path, table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("?", r"\?")):
        Linter(config_from_mapping({"disclosures": table}, tmp_path), rules=RULES)


def test_disclosure_levels_from_a_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kaplint.toml").write_text(CHECK_SHORT_TEXTS + '[disclosures.driving]\nweb = "error"\n', encoding="utf-8")
    (tmp_path / "page.md").write_text(SHORT_PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "--select", "missing-driving", "--format", "json"])
    findings = json.loads(result.output)["documents"][0]["findings"]
    assert [(f["element"], f["severity"]) for f in findings] == [("driving", "error")]


CUSTOM_PACK = r"""
rules:
  - id: CLINIC001
    name: missing-after-hours-line
    category: disclosure
    kind: disclosure
    severity: error
    message: Give our after-hours nurse line, (555) 010-2000.
    params:
      element: after-hours-line
      levels: {web: error, handout: error}
      applies: [dosing-session]
      concepts:
        line: ['\(?555\)?[\s.-]*010[\s.-]*2000']
      evidence:
        - [line]
    docs:
      what: The clinic's after-hours line.
      why: Patients need a number that answers at night.
      sources: [Clinic policy]
    examples:
      fail:
        - text: "Your ketamine infusion takes 40 minutes."
          profile: web
      pass:
        - text: "Your ketamine infusion takes 40 minutes. After hours, call (555) 010-2000."
          profile: web
"""


def test_a_project_adds_its_own_required_element(tmp_path: Path) -> None:
    (tmp_path / "clinic.yml").write_text(CUSTOM_PACK, encoding="utf-8")
    config = config_from_mapping({"extend-rules": ["clinic.yml"], "disclosure-min-words": 0}, tmp_path / "kaplint.toml")
    rules = load_rules(config.extend_rules)
    linter = Linter(config, RunOptions(profile="web", select=("CLINIC001",)), rules=rules)
    result = linter.lint_bytes("page.md", b"Your ketamine infusion takes 40 minutes.\n")
    assert [(f.rule, f.element, str(f.severity)) for f in result.findings] == [("CLINIC001", "after-hours-line", "error")]
    result = linter.lint_bytes("page.md", b"Your ketamine infusion takes 40 minutes. After hours, call 555.010.2000.\n")
    assert result.findings == []
    assert result.metrics["disclosures"]["elements"][0]["status"] == "present"


def test_a_bad_disclosure_rule_is_reported_with_its_line(tmp_path: Path) -> None:
    broken = CUSTOM_PACK.replace("applies: [dosing-session]", "applies: [dosing-sesion]").replace("- [line]", "- [lines]")
    (tmp_path / "clinic.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(RulePackError, match=r"clinic\.yml:\d+: rule CLINIC001: unknown topic 'dosing-sesion'"):
        load_rules([tmp_path / "clinic.yml"])


# Explain ---------------------------------------------------------------------------------
def test_explain_shows_what_satisfies_when_it_applies_levels_and_wording() -> None:
    result = CliRunner().invoke(main, ["explain", "missing-driving"])
    assert result.exit_code == 0
    for heading in ("What satisfies it", "When it applies", "Level per profile", "Suggested wording", "Sources"):
        assert heading in result.output
    assert "web warning, handout error" in result.output
    assert "Spravato PI" in result.output


# Whole documents -------------------------------------------------------------------------
def test_balanced_medication_guide_has_no_missing_element_errors() -> None:
    """A medication-guide-style handout written by the team covers everything it must."""
    document = next(item for item in load_corpus() if item.path.name == "b-handout-1.md")
    linter = Linter(Config(), RunOptions(profile="handout", select=("disclosure",)), rules=RULES)
    result = linter.lint_path(document.path, document.path.name)
    assert [finding.element for finding in result.findings if str(finding.severity) == "error"] == []


def test_good_samples_have_every_disclosure_their_profile_needs() -> None:
    linter = Linter(Config(), RunOptions(select=("disclosure",)), rules=RULES)
    for path in sorted((ROOT / "samples").glob("*-good.*")):
        result = linter.lint_path(path, path.name)
        assert result.findings == [], (path.name, [finding.element for finding in result.findings])


def test_corpus_precision_and_recall() -> None:
    """The issue's bar: missing-element findings reach precision and recall of 0.90 on the corpus."""
    documents = load_corpus()
    assert len(documents) >= 40
    assert {document.profile for document in documents} == {"web", "handout", "consent", "prep", "integration", "email"}
    score = evaluate_disclosures(documents).overall
    assert score.precision >= 0.90, score
    assert score.recall >= 0.90, score

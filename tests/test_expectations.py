"""Right-sized expectations: short messages and transactional texts get no disclosure checklist.

An appointment reminder, a receipt or a text message does not offer treatment; holding it to the
consent-form catalogue buries its real problems under a dozen "missing" findings. Its wording is
still checked like any other text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main
from kaplint.config import Config, ConfigError, config_from_mapping, load_config
from kaplint.engine import Linter, RunOptions
from kaplint.profiles import DEFAULT_DISCLOSURE_MIN_WORDS, PROFILES
from kaplint.rulepacks import load_rules

RULES = load_rules()

# 19 words: a reminder that names the treatment but offers it for nothing.
REMINDER = "Hi Sam, this is Cedar Ketamine Care. Your ketamine infusion is Thursday at 9:15 am. Reply Y to confirm.\n"

# Over 40 words, about ketamine, with an overclaim: a receipt that still needs its wording checked.
RECEIPT = (
    "Thank you for your payment to Lakeside Ketamine Clinic. Receipt 20417: one ketamine infusion session on "
    "April 2, $425, paid by card ending 1180. Ketamine cures depression for good. Keep this receipt for your "
    "health savings account. Questions about your bill? Call our front desk on weekdays.\n"
)

# A real page of a little over 40 words: long enough for the checklist.
SHORT_PAGE = (
    "# Ketamine infusions at Pinecrest\n\nWe offer a series of six ketamine infusions for adults with depression "
    "that has not improved with other medicines. Each infusion takes about forty minutes in a private room, and "
    "most people come twice a week for three weeks. Call us to book a first visit.\n"
)


def lint(text: str, profile: str | None = None, config: Config | None = None, name: str = "message.md"):  # type: ignore[no-untyped-def]
    linter = Linter(config or Config(), RunOptions(profile=profile), rules=RULES)
    return linter.lint_bytes(name, text.encode("utf-8"))


def disclosure_findings(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [finding.element for finding in result.findings if finding.category == "disclosure"]


def test_transactional_is_a_profile() -> None:
    assert "transactional" in PROFILES


@pytest.mark.parametrize("profile", ["web", "email", "handout", "consent", "prep", "transactional"])
def test_a_short_reminder_gets_no_disclosure_findings_under_any_profile(profile: str) -> None:
    result = lint(REMINDER, profile)
    assert disclosure_findings(result) == []
    assert "disclosures" not in result.metrics


def test_the_word_threshold_can_be_turned_off() -> None:
    config = config_from_mapping({"disclosure-min-words": 0}, Path.cwd())
    assert "off-label" in disclosure_findings(lint(REMINDER, "web", config))


def test_the_word_threshold_can_be_raised() -> None:
    assert disclosure_findings(lint(SHORT_PAGE, "web"))  # over the default: checked
    config = config_from_mapping({"disclosure-min-words": 200}, Path.cwd())
    assert disclosure_findings(lint(SHORT_PAGE, "web", config)) == []


def test_the_default_threshold_is_documented() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"disclosure-min-words = {DEFAULT_DISCLOSURE_MIN_WORDS}" in readme
    assert "| `transactional` |" in readme


def test_a_page_over_the_threshold_gets_the_checklist() -> None:
    result = lint(SHORT_PAGE, "web")
    assert "off-label" in disclosure_findings(result)
    assert result.metrics["disclosures"]["counts"]["missing"] > 0


def test_transactional_checks_wording_but_expects_no_disclosures() -> None:
    result = lint(RECEIPT, "transactional")
    assert disclosure_findings(result) == []
    assert "disclosures" not in result.metrics
    assert any(finding.category == "claims" for finding in result.findings)
    # The same receipt as an email gets the checklist.
    assert disclosure_findings(lint(RECEIPT, "email"))


def test_transactional_from_front_matter() -> None:
    text = "---\nkaplint:\n  profile: transactional\n---\n" + RECEIPT
    result = lint(text)
    assert result.profile == "transactional"
    assert disclosure_findings(result) == [] and not [f for f in result.findings if f.category == "input"]


def test_a_project_can_still_expect_an_element_of_transactional_texts(tmp_path: Path) -> None:
    config = config_from_mapping({"disclosures": {"not-medical-advice": {"transactional": "warning"}}}, tmp_path)
    assert disclosure_findings(lint(RECEIPT, "transactional", config)) == ["not-medical-advice"]


@pytest.mark.parametrize("value", [-1, "forty", 12.5, True])
def test_a_bad_threshold_is_a_clear_error(tmp_path: Path, value: object) -> None:
    with pytest.raises(ConfigError, match="'disclosure-min-words' must be a whole number of words"):
        config_from_mapping({"disclosure-min-words": value}, tmp_path)


def test_transactional_in_an_override_and_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kaplint.toml").write_text('[[overrides]]\nfiles = ["sms/**"]\nprofile = "transactional"\n', encoding="utf-8")
    assert load_config(tmp_path / "kaplint.toml").overrides[0].profile == "transactional"
    (tmp_path / "receipt.md").write_text(RECEIPT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--profile", "transactional", "--select", "disclosure", "receipt.md"])
    assert result.exit_code == 0, result.output


def test_init_documents_the_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init"]).exit_code == 0
    written = (tmp_path / "kaplint.toml").read_text(encoding="utf-8")
    assert "disclosure-min-words" in written and "transactional" in written
    load_config(tmp_path / "kaplint.toml")  # still a valid configuration

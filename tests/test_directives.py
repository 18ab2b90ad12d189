"""Inline directives: each action does what it says, for the lines it says, and a
directive kaplint does not know is reported rather than silently changing what is checked."""

from __future__ import annotations

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions


def names_by_line(text: str, name: str = "page.md") -> list[tuple[int, str]]:
    linter = Linter(Config(), RunOptions(select=("cure", "invalid-settings", "unused-suppression"), profile="web"))
    return [(finding.line, finding.name) for finding in linter.lint_bytes(name, text.encode("utf-8")).findings]


def test_disable_line_covers_its_own_line_only() -> None:
    text = (
        "Ketamine is a cure for low mood. <!-- kaplint-disable-line cure -- quoted from a reader's letter -->\n\n"
        "Ketamine is a cure for worry.\n"
    )
    assert names_by_line(text) == [(3, "cure")]


def test_disable_line_in_html_too() -> None:
    text = "<p>Ketamine is a cure for low mood. <!-- kaplint-disable-line cure --></p>\n<p>Ketamine is a cure for worry.</p>\n"
    assert names_by_line(text, "page.html") == [(2, "cure")]


def test_a_misspelt_directive_is_reported_and_changes_nothing() -> None:
    text = "<!-- kaplint-disabel cure -->\n\nKetamine is a cure for low mood.\n"
    found = names_by_line(text)
    assert (1, "invalid-settings") in found and (3, "cure") in found


def test_the_message_suggests_the_directive_meant() -> None:
    linter = Linter(Config(), RunOptions(select=("invalid-settings",), profile="web"))
    findings = linter.lint_bytes("page.md", b"<!-- kaplint-disable-nextline cure -->\n\nText.\n").findings
    assert findings and "kaplint-disable-next-line" in findings[0].message


def test_disable_and_enable_still_pair_up_and_next_line_still_works() -> None:
    text = (
        "<!-- kaplint-disable cure -->\n\nKetamine is a cure for low mood.\n\n<!-- kaplint-enable cure -->\n\n"
        "<!-- kaplint-disable-next-line cure -->\nKetamine is a cure for worry.\n\nKetamine is a cure for pain.\n"
    )
    assert names_by_line(text) == [(10, "cure")]

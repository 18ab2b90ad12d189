"""``kaplint review``: findings written into Word files as comments on exactly their words.

The reviewed copies are opened with python-docx and their XML is walked to read each comment's
anchor: the text between its ``commentRangeStart`` and ``commentRangeEnd``.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from kaplint.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def make_handout(path: Path) -> None:
    """A handout with formatting inside a claim, a table, a hyperlink-free list and a reviewer's comment."""
    word = docx.Document()
    word.add_paragraph("Ketamine Infusions at Harbor Clinic", style="Title")
    paragraph = word.add_paragraph("Our ")
    bold = paragraph.add_run("ketamine infusions are completely")
    bold.bold = True
    paragraph.add_run(" safe and cure depression for good.")
    italic = paragraph.add_run(" Many say it is non-addictive.")
    italic.italic = True
    word.add_paragraph("")
    word.add_paragraph("Call 1-800-273-8255 if you need help.", style="List Bullet")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Spravato is ketamine."
    table.cell(0, 1).text = "Bring a friend."
    note = word.add_paragraph("Session length is about two hours.")
    word.add_comment(note.runs, text="Please confirm the timing.", author="Dana Reviewer", initials="DR")
    word.save(str(path))


def anchors(path: Path) -> dict[str, str]:
    """Comment id -> the document text its range covers."""
    body = docx.Document(str(path)).element.body
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ranges[element.get(qn("w:id"))] = []
        elif element.tag == qn("w:commentRangeEnd"):
            identifier = element.get(qn("w:id"))
            done[identifier] = "".join(open_ranges.pop(identifier, []))
        elif element.tag == qn("w:t"):
            for pieces in open_ranges.values():
                pieces.append(element.text or "")
    return done


def comments(path: Path) -> list[tuple[str, str, str]]:
    """(id, author, text) of every comment."""
    return [(str(comment.comment_id), comment.author, comment.text) for comment in docx.Document(str(path)).comments]


def formatted_characters(path: Path) -> list[tuple[str, bool, bool]]:
    """Every character of the body text with its bold and italic, to compare formatting exactly."""
    word = docx.Document(str(path))
    characters = []
    for paragraph in [*word.paragraphs, *(p for table in word.tables for row in table.rows for cell in row.cells for p in cell.paragraphs)]:
        for run_ in paragraph.runs:
            characters += [(character, bool(run_.bold), bool(run_.italic)) for character in run_.text]
    return characters


def check_findings(path: Path) -> list[dict]:
    result = run("check", "--no-cache", "--format", "json", str(path))
    return [finding for document in json.loads(result.stdout)["documents"] for finding in document["findings"]]


def test_every_finding_becomes_a_comment_on_exactly_its_words(here: Path) -> None:
    make_handout(here / "handout.docx")
    original = (here / "handout.docx").read_bytes()
    result = run("review", "handout.docx")
    reviewed = here / "handout.kaplint.docx"
    assert result.exit_code == 1  # as 'kaplint check' on the same file
    assert (here / "handout.docx").read_bytes() == original  # the original is never touched
    by_id = {identifier: (author, text) for identifier, author, text in comments(reviewed)}
    spans = anchors(reviewed)
    kaplint = {identifier: text for identifier, (author, text) in by_id.items() if author == "kaplint"}
    anchored_texts = sorted(spans[identifier] for identifier in kaplint if not kaplint[identifier].startswith("kaplint review"))
    expected = sorted(finding["match"] for finding in check_findings(here / "handout.docx") if finding["category"] != "disclosure")
    assert anchored_texts == expected
    for identifier, text in kaplint.items():
        if not text.startswith("kaplint review"):
            assert "Why it matters:" in text and "kaplint explain" in text, text
    summary = next(identifier for identifier, text in kaplint.items() if text.startswith("kaplint review"))
    assert spans[summary] == "Ketamine Infusions at Harbor Clinic"  # the first comment, on the title
    assert min(kaplint, key=int) == summary
    assert "Not ready to publish" in kaplint[summary]


def test_the_reviewed_copy_keeps_text_and_formatting(here: Path) -> None:
    make_handout(here / "handout.docx")
    run("review", "handout.docx", "-o", "out.docx")
    before = docx.Document(str(here / "handout.docx"))
    after = docx.Document(str(here / "out.docx"))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    assert formatted_characters(here / "out.docx") == formatted_characters(here / "handout.docx")


def test_a_fix_is_offered_as_suggested_text(here: Path) -> None:
    make_handout(here / "handout.docx")
    run("review", "handout.docx")
    texts = [text for _, author, text in comments(here / "handout.kaplint.docx") if author == "kaplint"]
    assert any("1-800-273-8255" in text and "Suggested wording: \u201c988\u201d." in text for text in texts)
    (here / "page.md").write_text("# Help\n\nCall 1-800-273-8255 if you need help.\n", encoding="utf-8")
    run("review", "page.md")
    texts = [text for _, author, text in comments(here / "page.kaplint.docx") if author == "kaplint"]
    assert any("Suggested change: replace \u201c1-800-273-8255\u201d with \u201c988\u201d." in text for text in texts)


def test_a_second_review_replaces_kaplints_comments_and_keeps_the_reviewers(here: Path) -> None:
    make_handout(here / "handout.docx")
    run("review", "handout.docx", "-o", "first.docx")
    run("review", "first.docx", "-o", "second.docx")
    first, second = comments(here / "first.docx"), comments(here / "second.docx")
    assert [(author, text) for _, author, text in second if author == "kaplint"] == [
        (author, text) for _, author, text in first if author == "kaplint"
    ]
    assert [(author, text) for _, author, text in second if author != "kaplint"] == [("Dana Reviewer", "Please confirm the timing.")]
    assert anchors(here / "second.docx")[next(i for i, a, _ in second if a == "Dana Reviewer")] == "Session length is about two hours."
    # no stray anchors of the replaced comments
    ids = {identifier for identifier, _, _ in second}
    assert set(anchors(here / "second.docx")) == ids


def test_review_never_writes_over_its_input(here: Path) -> None:
    make_handout(here / "handout.docx")
    result = run("review", "handout.docx", "-o", "handout.docx")
    assert result.exit_code == 2
    assert "never writes over" in result.stderr


def test_a_markdown_page_becomes_a_word_document_with_the_same_comments(here: Path) -> None:
    page = here / "page.md"
    page.write_text((ROOT / "samples" / "web-bad.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("review", "page.md", "-o", "page.docx")
    assert result.exit_code == 1
    word = docx.Document(str(here / "page.docx"))
    assert word.paragraphs[0].style.name.startswith(("Title", "Heading"))
    spans = anchors(here / "page.docx")
    kaplint = [(identifier, text) for identifier, author, text in comments(here / "page.docx") if author == "kaplint"]
    expected = [finding for finding in check_findings(page) if finding["category"] != "disclosure" and finding["name"] not in ("fair-balance", "reading-grade")]
    anchored = sorted(spans[identifier] for identifier, text in kaplint if not text.startswith("kaplint review"))
    assert anchored == sorted(finding["match"] for finding in expected)
    summary = next(text for _, text in kaplint if text.startswith("kaplint review"))
    assert "Missing information" in summary and "Text to add:" in summary and "Reading grade" in summary


def test_settings_and_suppressions_are_those_of_check(here: Path) -> None:
    (here / "kaplint.toml").write_text('ignore = ["crisis-line"]\n', encoding="utf-8")
    make_handout(here / "handout.docx")
    run("review", "handout.docx")
    texts = [text for _, author, text in comments(here / "handout.kaplint.docx") if author == "kaplint"]
    assert not any("1-800-273-8255" in text for text in texts)


def test_a_hundred_page_document_is_reviewed(here: Path) -> None:
    """About 100 pages (30,000 words); how long it takes is measured in benchmarks/review_speed.py."""
    word = docx.Document()
    word.add_paragraph("A Long Handout", style="Title")
    for index in range(1000):
        word.add_paragraph(f"Section {index}: our infusions are completely safe. We check your blood pressure every 15 minutes and a nurse stays with you.")
    word.save(str(here / "long.docx"))
    result = run("review", "long.docx", "--select", "absolute-safety")
    assert result.exit_code == 1
    kaplint = [text for _, author, text in comments(here / "long.kaplint.docx") if author == "kaplint"]
    assert len(kaplint) == 1001


@pytest.mark.parametrize("sample", ["faq-bad.html", "aftercare-good.txt", "email-bad.md"])
def test_html_and_text_pages_are_reviewed_on_their_words(here: Path, sample: str) -> None:
    page = here / sample
    page.write_bytes((ROOT / "samples" / sample).read_bytes())
    result = run("review", sample, "-o", "out.docx", "--exit-zero")
    assert result.exit_code == 0, result.output
    spans = anchors(here / "out.docx")
    kaplint = [(identifier, text) for identifier, author, text in comments(here / "out.docx") if author == "kaplint"]
    expected = [
        finding["match"]
        for finding in check_findings(page)
        if finding["category"] != "disclosure" and finding["name"] not in ("fair-balance", "reading-grade")
    ]
    anchored = [spans[identifier] for identifier, text in kaplint if not text.startswith("kaplint review")]
    assert sorted(anchored) == sorted(expected)


@pytest.mark.parametrize("settings", ["", 'ignore = ["unreadable-file"]\n'])
def test_a_damaged_word_file_is_a_clear_error_even_with_input_rules_ignored(here: Path, settings: str) -> None:
    (here / "kaplint.toml").write_text(settings, encoding="utf-8")
    (here / "broken.docx").write_bytes(b"not a zip archive")
    result = run("review", "broken.docx")
    assert result.exit_code == 2
    assert "broken.docx: This is not a readable Word .docx file" in result.stderr
    assert "Traceback" not in result.output and not (here / "broken.kaplint.docx").exists()


def test_a_review_reads_its_file_once(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = here / "page.md"
    page.write_text((ROOT / "samples" / "web-bad.md").read_text(encoding="utf-8"), encoding="utf-8")
    reads: list[Path] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    assert run("review", "page.md", "-o", "page.docx").exit_code == 1
    assert [path.name for path in reads].count("page.md") == 1

"""A reviewed Word file in another word processor: LibreOffice converts it to PDF with its comments.

Word is not available here, so LibreOffice (Debian's ``libreoffice-writer-nogui``, headless)
stands in for "another program opens the file": it must load the reviewed copy and keep every
comment, with kaplint as the author. A picture of the first page (through ``pdftoppm``) lands
in ``test-output/`` (or ``$KAPLINT_TEST_OUTPUT``). Without LibreOffice the test is skipped,
unless ``KAPLINT_REQUIRE_LIBREOFFICE=1`` (set by ``.ci/run``): then it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from kaplint.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXPORT_NOTES = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("KAPLINT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("KAPLINT_REQUIRE_LIBREOFFICE=1 but LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return found


def _pdf_strings(value: bytes) -> str:
    if value.startswith(b"<"):
        raw = bytes.fromhex(value[1:-1].decode("ascii"))
        return raw.decode("utf-16") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
    return value[1:-1].decode("latin-1")


def text_annotations(pdf: bytes) -> list[tuple[str, str]]:
    """(author, contents) of every comment (a /Text annotation) in a PDF LibreOffice wrote."""
    string = rb"(<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))"
    found = []
    for match in re.finditer(rb"/Subtype\s*/Text(.*?)>>", pdf, re.S):
        body = match.group(1)
        author = re.search(rb"/T\s*" + string, body)
        contents = re.search(rb"/Contents\s*" + string, body)
        found.append((_pdf_strings(author.group(1)) if author else "", _pdf_strings(contents.group(1)) if contents else ""))
    return found


def test_libreoffice_keeps_every_comment_of_a_reviewed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soffice = _soffice()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text((ROOT / "samples" / "handout-bad.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["review", "page.md", "-o", "reviewed.docx"])
    assert result.exit_code in (0, 1), result.output
    expected = [(comment.author, comment.text) for comment in docx.Document(str(tmp_path / "reviewed.docx")).comments]
    assert len(expected) > 3
    environment = {**os.environ, "HOME": str(tmp_path)}  # a profile of its own, so runs never share one
    converted = subprocess.run(
        [soffice, "--headless", "--convert-to", EXPORT_NOTES, "--outdir", str(tmp_path / "pdf"), str(tmp_path / "reviewed.docx")],
        capture_output=True, text=True, timeout=300, env=environment, check=False,
    )
    pdf = tmp_path / "pdf" / "reviewed.pdf"
    assert pdf.exists(), converted.stdout + converted.stderr
    annotations = text_annotations(pdf.read_bytes())
    assert len(annotations) == len(expected)
    assert all(author.startswith("kaplint") for author, _ in annotations)
    first_lines = {contents.splitlines()[0] if contents else "" for _, contents in annotations}
    for _, text in expected:
        assert text.splitlines()[0] in first_lines
    if shutil.which("pdftoppm"):
        folder = Path(os.environ.get("KAPLINT_TEST_OUTPUT", ROOT / "test-output"))
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(folder / "review-page")],
            capture_output=True, timeout=120, check=True,
        )
        assert (folder / "review-page.png").stat().st_size > 1000

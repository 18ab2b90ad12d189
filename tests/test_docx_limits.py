"""Word files are checked from their zip directory before anything is unpacked or parsed:
a small archive that expands to gigabytes, an entry compressed far beyond what text allows,
or XML declaring entities is an ``input`` finding, never a crash or a swap storm."""

from __future__ import annotations

import io
import zipfile

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions


def archive(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", b"<Types/>")
        package.writestr("word/document.xml", document_xml)
        for name, content in (extra or {}).items():
            package.writestr(name, content)
    return buffer.getvalue()


def findings(data: bytes, max_file_size: int | None = None) -> list:  # type: ignore[type-arg]
    linter = Linter(Config(), RunOptions(max_file_size=max_file_size))
    return linter.lint_bytes("page.docx", data).findings


def test_an_archive_that_unpacks_past_ten_times_the_size_limit_is_not_opened() -> None:
    bomb = archive(b" " * (3 * 1024 * 1024))  # 3 MB of spaces, a few kilobytes compressed
    result = findings(bomb, max_file_size=200 * 1024)  # unpacked limit: 2 MB
    assert [finding.name for finding in result] == ["file-too-large"]
    assert "unpack" in result[0].message and "--max-file-size" in result[0].message


def test_an_entry_compressed_beyond_any_real_document_is_not_opened() -> None:
    bomb = archive(b"\0" * (4 * 1024 * 1024))
    result = findings(bomb, max_file_size=50 * 1024 * 1024)  # the total is within the limit; the ratio is not
    assert [finding.name for finding in result] == ["file-too-large"]
    assert "compressed" in result[0].message


def test_xml_that_declares_entities_is_not_parsed() -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document/>'
    result = findings(archive(laughs))
    assert [finding.name for finding in result] == ["unreadable-file"]
    assert "DOCTYPE" in result[0].message

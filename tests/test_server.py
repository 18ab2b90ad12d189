"""``kaplint server`` end to end: a client drives it through the Language Server Protocol.

Each test starts the server as an editor would (``kaplint server`` over standard input and
output, through tests/lsp_client.py) and checks what comes back: diagnostics with exact
UTF-16 ranges, also after edits; code actions and the edits they make; hover; configuration
reloads; a broken configuration; pull diagnostics; shutdown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install '.[server]')")

from lsp_client import LspClient  # noqa: E402

PAGE = "# Our clinic\n\nKetamine is completely safe \U0001f600 and cures depression.\n\nCall 1-800-273-8255 for help.\n"


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    started = LspClient(tmp_path)
    yield started
    if started.process.poll() is None:
        started.process.kill()
        started.process.wait(timeout=30)


def by_code(diagnostics: list[dict]) -> dict[str, dict]:
    return {diagnostic["code"].split()[-1]: diagnostic for diagnostic in diagnostics}


def apply(text: str, edits: list[dict]) -> str:
    """Apply text edits (UTF-16 positions) to ``text``, last first."""
    from kaplint.server.positions import TextIndex

    index = TextIndex(text)
    spans = sorted(
        ((index.offset(_position(edit["range"]["start"])), index.offset(_position(edit["range"]["end"])), edit["newText"]) for edit in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def _position(data: dict):  # type: ignore[no-untyped-def]
    from lsprotocol import types

    return types.Position(line=data["line"], character=data["character"])


def open_page(client: LspClient, tmp_path: Path, text: str = PAGE, name: str = "page.md") -> tuple[Path, dict]:
    client.initialize(tmp_path)
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    client.open(page, text)
    return page, client.wait_for("textDocument/publishDiagnostics")


def test_diagnostics_have_exact_utf16_ranges_and_a_summary(client: LspClient, tmp_path: Path) -> None:
    _, published = open_page(client, tmp_path)
    diagnostics = by_code(published["diagnostics"])
    # "cures depression" follows an emoji, which is two UTF-16 units wide
    assert diagnostics["cure"]["range"] == {"start": {"line": 2, "character": 35}, "end": {"line": 2, "character": 51}}
    assert diagnostics["absolute-safety"]["range"]["start"] == {"line": 2, "character": 12}
    assert diagnostics["cure"]["severity"] == 1 and diagnostics["cure"]["source"] == "kaplint"
    assert diagnostics["cure"]["code"] == "KAP302 cure"
    import kaplint

    if (Path(kaplint.__file__).resolve().parents[1] / "docs" / "rules.md").is_file():  # a checkout or editable install
        assert diagnostics["cure"]["codeDescription"]["href"].endswith("docs/rules.md#kap302-cure")
    else:  # an installed wheel has no docs folder: hover is the documentation
        assert "codeDescription" not in diagnostics["cure"]
    summary = diagnostics["summary"]
    assert summary["severity"] == 3 and summary["range"]["start"] == {"line": 0, "character": 0}
    assert "Not ready to publish" in summary["message"]
    assert client.shutdown() == 0


def test_ranges_follow_an_edit(client: LspClient, tmp_path: Path) -> None:
    page, _ = open_page(client, tmp_path)
    change = {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "Truly, "}
    client.notify("textDocument/didChange", {"textDocument": {"uri": page.as_uri(), "version": 2}, "contentChanges": [change]})
    published = client.wait_for("textDocument/publishDiagnostics", lambda params: params.get("version") == 2)
    cure = by_code(published["diagnostics"])["cure"]
    assert cure["range"]["start"] == {"line": 2, "character": 42}
    # an edit that removes the claim removes its diagnostic
    removal = {"range": {"start": {"line": 2, "character": 42}, "end": {"line": 2, "character": 58}}, "text": "may ease depression"}
    client.notify("textDocument/didChange", {"textDocument": {"uri": page.as_uri(), "version": 3}, "contentChanges": [removal]})
    published = client.wait_for("textDocument/publishDiagnostics", lambda params: params.get("version") == 3)
    assert "cure" not in by_code(published["diagnostics"])
    assert client.shutdown() == 0


def test_code_actions_fix_suppress_and_fix_all(client: LspClient, tmp_path: Path) -> None:
    page, _ = open_page(client, tmp_path)
    uri = page.as_uri()
    here = {"start": {"line": 4, "character": 8}, "end": {"line": 4, "character": 8}}
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": here, "context": {"diagnostics": []}})
    titles = [action["title"] for action in actions]
    fix = next(action for action in actions if action["title"].startswith("Replace \u201c1-800-273-8255\u201d"))
    assert fix["kind"] == "quickfix" and fix["isPreferred"] is True
    edits = fix["edit"]["documentChanges"][0]["edits"]
    assert apply(PAGE, edits) == PAGE.replace("1-800-273-8255", "988")
    suppress = next(action for action in actions if action["title"].startswith("Suppress crisis-line"))
    suppressed = apply(PAGE, suppress["edit"]["documentChanges"][0]["edits"])
    assert "<!-- kaplint-disable-next-line crisis-line -- reason: " in suppressed.splitlines()[4]
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": suppressed}]})
    published = client.wait_for("textDocument/publishDiagnostics", lambda params: params.get("version") == 2)
    assert "crisis-line" not in by_code(published["diagnostics"])
    assert any(title.startswith("Explain crisis-line") for title in titles)
    # source.fixAll.kaplint: nothing left to fix once the only fixable finding is suppressed
    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    fix_all = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": everything, "context": {"diagnostics": [], "only": ["source.fixAll.kaplint"]}},
    )
    assert fix_all == []
    assert client.shutdown() == 0


def test_fix_all_applies_every_safe_fix(client: LspClient, tmp_path: Path) -> None:
    text = "# Help\n\nCall 1-800-273-8255 for help. We use ketamine HCL and spravato.\n"
    page, _ = open_page(client, tmp_path, text)
    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    (fix_all,) = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": page.as_uri()}, "range": everything, "context": {"diagnostics": [], "only": ["source.fixAll.kaplint"]}},
    )
    fixed = apply(text, fix_all["edit"]["documentChanges"][0]["edits"])
    assert fixed == "# Help\n\nCall 988 for help. We use ketamine hydrochloride and Spravato.\n"
    assert client.shutdown() == 0


def test_hover_explains_the_rule(client: LspClient, tmp_path: Path) -> None:
    page, _ = open_page(client, tmp_path)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": page.as_uri()}, "position": {"line": 2, "character": 40}})
    text = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert "presents ketamine as a cure" in text and "**Why it matters.**" in text and "**Sources.**" in text
    nothing = client.request("textDocument/hover", {"textDocument": {"uri": page.as_uri()}, "position": {"line": 0, "character": 2}})
    assert nothing is None
    client.request("workspace/executeCommand", {"command": "kaplint.explain", "arguments": ["cure"]})
    shown = client.wait_for("window/showMessage")
    assert shown["message"].startswith("Cure (KAP302 cure)") and "Why it matters." in shown["message"]
    assert client.shutdown() == 0


def test_client_settings_and_configuration_files_reload(client: LspClient, tmp_path: Path) -> None:
    client.initialize(tmp_path, options={"ignore": ["absolute-safety"]})
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    client.open(page, PAGE)
    codes = by_code(client.wait_for("textDocument/publishDiagnostics")["diagnostics"])
    assert "absolute-safety" not in codes and "cure" in codes
    # settings from the client
    client.notify("workspace/didChangeConfiguration", {"settings": {"kaplint": {"ignore": ["cure"]}}})
    codes = by_code(client.wait_for("textDocument/publishDiagnostics")["diagnostics"])
    assert "cure" not in codes and "absolute-safety" in codes
    # the project's configuration file changes on disk
    (tmp_path / "kaplint.toml").write_text('ignore = ["crisis-line"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": (tmp_path / "kaplint.toml").as_uri(), "type": 1}]})
    codes = by_code(client.wait_for("textDocument/publishDiagnostics")["diagnostics"])
    assert "crisis-line" not in codes and "absolute-safety" in codes
    assert client.shutdown() == 0


def test_a_broken_configuration_is_one_message_and_the_server_keeps_serving(client: LspClient, tmp_path: Path) -> None:
    (tmp_path / "kaplint.toml").write_text("ignore = [\n", encoding="utf-8")
    _, published = open_page(client, tmp_path)
    message = client.wait_for("window/showMessage") if not any(m.get("method") == "window/showMessage" for m in client.seen) else None
    shown = message or next(m["params"] for m in client.seen if m.get("method") == "window/showMessage")
    assert shown["type"] == 1 and "kaplint.toml" in shown["message"] and "invalid TOML" in shown["message"]
    (diagnostic,) = published["diagnostics"]
    assert diagnostic["code"] == "configuration" and "kaplint.toml" in diagnostic["message"]
    # still serving; fixed on disk, diagnostics come back
    (tmp_path / "kaplint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": (tmp_path / "kaplint.toml").as_uri(), "type": 2}]})
    codes = by_code(client.wait_for("textDocument/publishDiagnostics")["diagnostics"])
    assert "cure" in codes
    assert client.shutdown() == 0


def test_accepting_a_word_adds_it_to_the_projects_vocabulary(client: LspClient, tmp_path: Path) -> None:
    text = "# About TRD\n\nWe treat TRD with ketamine infusions.\n"
    page, published = open_page(client, tmp_path, text)
    finding = by_code(published["diagnostics"])["undefined-abbreviation"]
    here = {"start": finding["range"]["start"], "end": finding["range"]["start"]}
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": page.as_uri()}, "range": here, "context": {"diagnostics": []}})
    accept = next(action for action in actions if action["title"].startswith("Accept \u201cTRD\u201d"))
    client.request("workspace/executeCommand", {"command": accept["command"]["command"], "arguments": accept["command"]["arguments"]})
    codes = by_code(client.wait_for("textDocument/publishDiagnostics", lambda params: True)["diagnostics"])
    assert "undefined-abbreviation" not in codes
    assert 'accept = ["TRD"]' in (tmp_path / "kaplint.toml").read_text(encoding="utf-8")
    assert client.shutdown() == 0


def test_a_client_that_pulls_gets_diagnostics_when_it_asks(client: LspClient, tmp_path: Path) -> None:
    capabilities = client.initialize(tmp_path, pull=True)["capabilities"]
    assert capabilities["diagnosticProvider"]["identifier"] == "kaplint"
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    client.open(page, PAGE)
    report = client.request("textDocument/diagnostic", {"textDocument": {"uri": page.as_uri()}})
    assert report["kind"] == "full" and "cure" in by_code(report["items"])
    assert not any(message.get("method") == "textDocument/publishDiagnostics" for message in client.seen)
    assert client.shutdown() == 0


def test_plain_text_pages_are_linted_and_word_files_are_not(client: LspClient, tmp_path: Path) -> None:
    page, published = open_page(client, tmp_path, "Ketamine cures depression.\n", name="note.txt")
    assert "cure" in by_code(published["diagnostics"])
    here = {"start": {"line": 0, "character": 12}, "end": {"line": 0, "character": 12}}
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": page.as_uri()}, "range": here, "context": {"diagnostics": []}})
    assert not any(action["title"].startswith("Suppress") for action in actions)  # plain text has no comments
    assert client.shutdown() == 0


def test_reused_block_results_give_the_same_findings_as_a_fresh_lint() -> None:
    """The server keeps per-block scans between edits; after any edit the findings must be those
    of a lint from scratch."""
    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions
    from kaplint.text.memo import BlockMemo

    root = Path(__file__).resolve().parents[1]
    text = (root / "samples" / "web-bad.md").read_text(encoding="utf-8")
    edits = [text, text.replace("cures", "eases", 1), text.replace("## ", "## New ", 2), text + "\nIt is completely safe.\n"]
    linter = Linter(Config(), RunOptions())

    def lint_all() -> list[list[tuple]]:
        return [[(f.rule, f.line, f.column, f.end_column, f.message) for f in linter.lint_bytes("page.md", version.encode()).findings] for version in edits]

    fresh = lint_all()
    BlockMemo.enabled = True
    try:
        reused = lint_all()
        reused_again = lint_all()
    finally:
        BlockMemo.enabled = False
    assert reused == fresh and reused_again == fresh

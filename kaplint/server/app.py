"""The language server: kaplint's findings in the editor while the sentence is being written.

Diagnostics are pushed on open, change and save to every client, except one that pulls them
(``textDocument/diagnostic``), which gets them when it asks. Changes are coalesced: a lint
starts a few milliseconds after the last keystroke it has not seen, never while another is
queued, so typing does not pile up work. Configuration comes from the same files as ``kaplint
check`` plus the client's settings, and is reloaded when either changes; a broken
configuration is one message and one diagnostic, and the server keeps serving.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from kaplint import __version__
from kaplint.bundled import BundledDataMissing
from kaplint.config import ConfigError
from kaplint.engine import DocumentResult, Linter
from kaplint.finding import Severity
from kaplint.loaders import detect_format
from kaplint.reporters.scorecard import grade_target
from kaplint.rulepacks import RulePackError
from kaplint.server import actions
from kaplint.server.positions import TextIndex
from kaplint.server.session import ClientSettings, Session
from kaplint.server.vocabulary import VocabularyError, accept_word
from kaplint.text.memo import BlockMemo

CHANGE_DELAY = 0.005  # seconds after the last change before linting: coalesces a burst of changes sent together
CONFIG_GLOBS = ("**/kaplint.toml", "**/.kaplint.toml", "**/pyproject.toml")


@dataclass
class Linted:
    """The last lint of a document: for its version, the text linted, the result and the linter used."""

    version: int | None
    index: TextIndex
    fmt: str
    result: DocumentResult
    linter: Linter


class KaplintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("kaplint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session = Session()
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.pull = False  # the client asks for diagnostics itself
        self.shown_error: str | None = None
        self.broken: dict[str, list[types.Diagnostic]] = {}  # uri -> the configuration error shown on it

    # Linting ----------------------------------------------------------------------------
    def lint(self, uri: str) -> Linted | None:
        """Lint the open document ``uri`` as the editor has it; None when it is not linted."""
        document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        fmt = detect_format(str(path))
        previous = self.linted.get(uri)
        if previous is not None and previous.version == document.version and previous.index.text == document.source:
            return previous
        try:
            linted = self.session.lint(path, document.source)
        except (ConfigError, RulePackError, BundledDataMissing) as error:
            self.config_broken(uri, str(error))
            return None
        if linted is None or fmt is None:
            return None
        linter, result = linted
        self.shown_error = None
        self.broken.pop(uri, None)
        self.linted[uri] = Linted(document.version, TextIndex(document.source), fmt, result, linter)
        return self.linted[uri]

    def diagnostics_for(self, uri: str) -> list[types.Diagnostic]:
        linted = self.lint(uri)
        if linted is None:
            return self.broken.get(uri, [])
        target = grade_target(linted.linter.index.rules, linted.result.profile)
        fail_on = Severity.parse(linted.linter.config.fail_on)
        return actions.diagnostics(linted.result, linted.index, fail_on, target, linted.linter.rules_by_id)

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if self.pull:
            return
        version = self.workspace.get_text_document(uri).version
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=self.diagnostics_for(uri), version=version)
        )

    def schedule(self, uri: str) -> None:
        """Lint ``uri`` shortly, replacing a lint already waiting for it."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(CHANGE_DELAY, self.publish, uri)

    def relint_all(self) -> None:
        self.linted.clear()
        for uri in list(self.workspace.text_documents):
            self.publish(uri)
        workspace = self.client_capabilities.workspace
        diagnostics = workspace.diagnostics if workspace is not None else None
        if self.pull and diagnostics is not None and diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)  # the client asks again for what it shows

    def config_broken(self, uri: str, message: str) -> None:
        """One clear message, once, and one diagnostic on the first line; the server keeps serving."""
        if self.shown_error != message:
            self.shown_error = message
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"kaplint: {message}"))
        self.broken[uri] = [
            types.Diagnostic(
                range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                message=f"kaplint cannot check this file: {message}",
                severity=types.DiagnosticSeverity.Error,
                source=actions.SOURCE,
                code="configuration",
            )
        ]


server = KaplintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: KaplintServer, params: types.InitializeParams) -> None:
    ls.session.set_settings(ClientSettings.parse(params.initialization_options))
    text_document = params.capabilities.text_document
    ls.pull = bool(text_document is not None and text_document.diagnostic is not None)


@server.feature(types.INITIALIZED)
def initialized(ls: KaplintServer, params: types.InitializedParams) -> None:
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is not None and watched.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS])
        ls.client_register_capability(
            types.RegistrationParams(registrations=[types.Registration(id="kaplint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)])
        )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: KaplintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: KaplintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: KaplintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: KaplintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.linted.pop(uri, None)
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    if not ls.pull:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(identifier="kaplint", inter_file_dependencies=False, workspace_diagnostics=False)
)
def pull_diagnostics(ls: KaplintServer, params: types.DocumentDiagnosticParams) -> types.FullDocumentDiagnosticReport:
    return types.FullDocumentDiagnosticReport(items=ls.diagnostics_for(params.text_document.uri))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL], resolve_provider=False),
)
def code_action(ls: KaplintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    linted = ls.lint(params.text_document.uri)
    if linted is None:
        return None
    rules = linted.linter.rules_by_id
    only = params.context.only or []
    if only and all(kind.startswith("source") for kind in only):  # "fix all" on save, or the source action menu
        edits = actions.fix_all_edits(linted.index, linted.result)
        edit = types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri=params.text_document.uri, version=linted.version),
                    edits=edits,
                )
            ]
        )
        return [types.CodeAction(title="Fix all safe kaplint problems", kind=actions.FIX_ALL, edit=edit)] if edits else []
    findings = actions.findings_at(linted.result, linted.index, params.range)
    return actions.code_actions(params.text_document.uri, linted.version, linted.fmt, linted.result, linted.index, findings, rules)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: KaplintServer, params: types.HoverParams) -> types.Hover | None:
    linted = ls.lint(params.text_document.uri)
    if linted is None:
        return None
    return actions.hover(linted.result, linted.index, params.position, linted.linter.rules_by_id)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: KaplintServer, params: types.DidChangeConfigurationParams) -> None:
    ls.session.set_settings(ClientSettings.parse(params.settings))
    ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: KaplintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.session.forget_configurations()
    ls.relint_all()


@server.command("kaplint.acceptWord")
def accept(ls: KaplintServer, uri: str, word: str) -> None:
    path = Path(to_fs_path(uri) or uri)
    try:
        written = accept_word(ls.session.config_path(path), path.parent, word)
    except VocabularyError as error:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"kaplint: {error}"))
        return
    ls.session.forget_configurations()
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=f"kaplint: accepted \u201c{word}\u201d in {written}"))
    ls.relint_all()


@server.command("kaplint.explain")
def explain(ls: KaplintServer, name: str) -> None:
    rule = next((rule for rule in ls.session.any_rules() if name in (rule.name, rule.id)), None)
    if rule is None:
        return
    text = re.sub(r"\*\*|`", "", actions.explanation(rule))
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=text))


def run() -> None:
    """Serve over standard input and output until the client shuts the server down."""
    BlockMemo.enabled = True  # an edit changes one block: the others' scans are reused
    server.start_io()

"""A small LanguageTool stand-in for tests: ``/v2/languages`` and ``/v2/check`` over real HTTP.

It answers in the shape the real server does (LanguageTool 6.x): matches with ``offset``
and ``length`` in UTF-16 code units (Java string indices), ``replacements``, ``context``,
``type`` and ``rule`` with ``issueType`` and ``category``; an unknown language is a
400 with a plain-text error. It reports the words and phrases a test gives it, honours
``disabledRules``, and records every request so tests can count them.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Problem:
    """A pattern the fake server reports, as one of LanguageTool's rules."""

    pattern: str
    rule: str = "MORFOLOGIK_RULE_EN_US"
    message: str = "Possible spelling mistake found."
    replacement: str = ""
    issue_type: str = "misspelling"
    category: str = "TYPOS"


@dataclass
class FakeLanguageTool:
    problems: list[Problem] = field(default_factory=list)
    fail_checks: bool = False  # answer /v2/check with a 500 (a server falling over mid-run)
    checks: list[dict[str, str]] = field(default_factory=list)  # the form of every /v2/check request
    url: str = ""

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if urlsplit(self.path).path == "/v2/languages":
                    self._send(200, json.dumps(LANGUAGES).encode(), "application/json")
                else:
                    self._send(404, b"Not found", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                if urlsplit(self.path).path != "/v2/check":
                    self._send(404, b"Not found", "text/plain")
                    return
                fake.checks.append(form)
                if fake.fail_checks:
                    self._send(500, b"Error: internal error", "text/plain")
                    return
                language = form.get("language", "")
                if language not in {item["longCode"] for item in LANGUAGES} | {"auto"}:
                    message = f"Error: '{language}' is not a language code known to LanguageTool."
                    self._send(400, message.encode(), "text/plain")
                    return
                self._send(200, json.dumps(fake.answer(form)).encode(), "application/json")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, form: dict[str, str]) -> dict[str, object]:
        text = form.get("text", "")
        disabled = set(filter(None, form.get("disabledRules", "").split(",")))
        matches = []
        for problem in self.problems:
            if problem.rule in disabled:
                continue
            for found in re.finditer(problem.pattern, text):
                offset, length = utf16_length(text[: found.start()]), utf16_length(found.group())
                context_start = max(0, found.start() - 20)
                matches.append(
                    {
                        "message": problem.message,
                        "shortMessage": "Spelling mistake" if problem.issue_type == "misspelling" else "",
                        "replacements": [{"value": problem.replacement}] if problem.replacement else [],
                        "offset": offset,
                        "length": length,
                        "context": {
                            "text": text[context_start : found.end() + 20],
                            "offset": utf16_length(text[context_start : found.start()]),
                            "length": length,
                        },
                        "sentence": text,
                        "type": {"typeName": "UnknownWord" if problem.issue_type == "misspelling" else "Other"},
                        "rule": {
                            "id": problem.rule,
                            "description": problem.message,
                            "issueType": problem.issue_type,
                            "category": {"id": problem.category, "name": problem.category.title()},
                        },
                        "ignoreForIncompleteSentence": False,
                        "contextForSureMatch": 0,
                    }
                )
        matches.sort(key=lambda match: match["offset"])  # type: ignore[arg-type, return-value]
        return {
            "software": {"name": "LanguageTool", "version": "6.6", "buildDate": "2025-03-27 12:00:00 +0000", "apiVersion": 1, "premium": False, "status": ""},
            "warnings": {"incompleteResults": False},
            "language": {
                "name": "English (US)",
                "code": form.get("language", ""),
                "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99},
            },
            "matches": matches,
        }

"""LanguageTool through its HTTP API (``/v2/check``, ``/v2/languages``).

kaplint talks to a LanguageTool server with the standard library's HTTP client: a team's
or CI's server given by URL, or a local LanguageTool that language-tool-python starts
from an installation the user already has. kaplint never downloads LanguageTool.

LanguageTool is written in Java, so the offsets it returns count UTF-16 code units: an
emoji or any other character outside the Basic Multilingual Plane counts two. They are
converted to Python string indices here, before anything else sees them.
"""

from __future__ import annotations

import atexit
import bisect
import json
import os
import shutil
from pathlib import Path
from typing import Any

from kaplint.config import ConfigError
from kaplint.grammar.backend import GrammarFailure, GrammarIssue, GrammarUnavailable

# Paragraphs are sent together, separated by a blank line (a paragraph break to
# LanguageTool), in requests of at most this many characters.
BATCH_CHARACTERS = 12_000
SEPARATOR = "\n\n"
HARPER_HINT = "Or check offline with Harper: pip install 'kaplint[harper]' and set backend = \"harper\" in [tool.kaplint.grammar]."
SERVER_HINT = (
    "Point kaplint at a LanguageTool server with server = \"http://localhost:8081\" in [tool.kaplint.grammar] "
    "or the KAPLINT_LANGUAGETOOL_URL environment variable (for example a container: "
    "docker run -d -p 8081:8010 erikvl87/languagetool)."
)


def utf16_to_python(text: str) -> list[int] | None:
    """A table from UTF-16 offsets in ``text`` to Python indices (one entry per code unit,
    plus the end), or None when the two agree (no astral characters: the common case)."""
    if all(ord(char) < 0x10000 for char in text):
        return None
    table: list[int] = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) >= 0x10000:
            table.append(index + 1)  # the low surrogate: an offset inside a character rounds up
    table.append(len(text))
    return table


def _spelling(match: dict[str, Any]) -> bool:
    rule = match.get("rule") or {}
    category = rule.get("category") or {}
    return rule.get("issueType") == "misspelling" or category.get("id") == "TYPOS"


class LanguageToolServer:
    """A LanguageTool server reached over HTTP."""

    name = "languagetool"

    def __init__(self, url: str, language: str, disabled_rules: tuple[str, ...], timeout: float) -> None:
        self.url = url.rstrip("/")
        self.language = language
        self.disabled_rules = disabled_rules
        self.timeout = timeout

    def fingerprint(self) -> str:
        return json.dumps(["languagetool", self.language, sorted(self.disabled_rules)])

    # HTTP ---------------------------------------------------------------------------
    def _request(self, path: str, form: dict[str, str] | None = None) -> Any:
        """GET (or POST ``form`` to) ``path`` and decode the JSON answer."""
        import urllib.error
        import urllib.parse
        import urllib.request

        data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
        request = urllib.request.Request(
            f"{self.url}/v2/{path}",
            data=data,
            headers={"Accept": "application/json", "User-Agent": "kaplint"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:300]
            raise GrammarFailure(f"LanguageTool at {self.url} answered {error.code} {error.reason}: {detail or 'no details'}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise GrammarFailure(f"could not reach LanguageTool at {self.url} ({reason})") from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise GrammarFailure(f"LanguageTool at {self.url} did not answer with JSON; is that URL a LanguageTool server?") from None

    def probe(self) -> None:
        """Make sure the server answers and knows the language; raise GrammarUnavailable if not."""
        try:
            languages = self._request("languages")
        except GrammarFailure as error:
            raise GrammarUnavailable(f"grammar checks are unavailable: {error}. Is the server running? {SERVER_HINT} {HARPER_HINT}") from None
        if not isinstance(languages, list):
            raise GrammarUnavailable(f"grammar checks are unavailable: {self.url}/v2/languages is not LanguageTool's language list")
        codes = {str(item.get(key)) for item in languages if isinstance(item, dict) for key in ("code", "longCode")}
        if self.language != "auto" and self.language not in codes:
            known = ", ".join(sorted(code for code in codes if code.startswith("en"))[:8]) or ", ".join(sorted(codes)[:8])
            raise ConfigError(  # a settings mistake: an error even when grammar is optional
                f"LanguageTool at {self.url} does not support language {self.language!r}; set 'language' in "
                f"[tool.kaplint.grammar] to one it offers (for example {known})"
            )

    # Checking -----------------------------------------------------------------------
    def check(self, texts: list[str]) -> list[list[GrammarIssue]]:
        results: list[list[GrammarIssue]] = [[] for _ in texts]
        batch: list[int] = []
        size = 0
        for index, text in enumerate(texts):
            if batch and size + len(text) > BATCH_CHARACTERS:
                self._check_batch(texts, batch, results)
                batch, size = [], 0
            batch.append(index)
            size += len(text) + len(SEPARATOR)
        if batch:
            self._check_batch(texts, batch, results)
        return results

    def _check_batch(self, texts: list[str], batch: list[int], results: list[list[GrammarIssue]]) -> None:
        joined = SEPARATOR.join(texts[index] for index in batch)
        starts: list[int] = []
        position = 0
        for index in batch:
            starts.append(position)
            position += len(texts[index]) + len(SEPARATOR)
        form = {"text": joined, "language": self.language}
        if self.disabled_rules:
            form["disabledRules"] = ",".join(self.disabled_rules)
        answer = self._request("check", form)
        matches = answer.get("matches") if isinstance(answer, dict) else None
        if not isinstance(matches, list):
            raise GrammarFailure(f"LanguageTool at {self.url} sent an answer without 'matches'")
        table = utf16_to_python(joined)
        for match in matches:
            try:
                offset, length = int(match["offset"]), int(match["length"])
            except (KeyError, TypeError, ValueError):
                continue
            if table is not None:
                if not 0 <= offset <= offset + length < len(table):
                    continue
                start, end = table[offset], table[offset + length]
            else:
                start, end = offset, offset + length
            slot = bisect.bisect_right(starts, start) - 1
            if slot < 0:
                continue
            index = batch[slot]
            local_start = start - starts[slot]
            local_end = min(end - starts[slot], len(texts[index]))
            if local_start >= len(texts[index]) or local_end <= local_start:
                continue  # a match on the separator between two paragraphs
            rule = match.get("rule") or {}
            replacements = match.get("replacements") or []
            results[index].append(
                GrammarIssue(
                    start=local_start,
                    end=local_end,
                    message=str(match.get("message") or rule.get("description") or "LanguageTool found a problem here."),
                    rule=str(rule.get("id") or "LANGUAGETOOL"),
                    spelling=_spelling(match),
                    suggestions=tuple(
                        str(item["value"]) for item in replacements[:5] if isinstance(item, dict) and "value" in item
                    ),
                )
            )


# A local LanguageTool, started by language-tool-python ------------------------------------
def _installed_language_tool() -> Path | None:
    """The folder of a LanguageTool that language-tool-python would use without downloading.

    Only language-tool-python's documented places: ``LTP_JAR_DIR_PATH`` (a folder holding
    the jar files), else ``LTP_PATH`` or ``~/.cache/language_tool_python`` (its download
    folder). Nothing is created or fetched while looking.
    """
    jar_folder = os.environ.get("LTP_JAR_DIR_PATH")
    if jar_folder:
        folder = Path(jar_folder)
        return folder if any((folder / name).is_file() for name in ("languagetool-server.jar", "languagetool.jar")) else None
    download_folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    if not download_folder.is_dir():
        return None
    found = sorted(
        path
        for path in download_folder.glob("LanguageTool-*")
        if path.is_dir() and any((path / name).is_file() for name in ("languagetool-server.jar", "languagetool.jar"))
    )
    return found[-1] if found else None


_LOCAL_SERVERS: dict[str, str] = {}


def start_local_language_tool(language: str) -> str:
    """Start the user's installed LanguageTool through language-tool-python; return its URL.

    Raises GrammarUnavailable, saying what is missing, when Java, language-tool-python or an
    installed LanguageTool is not there. The server is started once per process and
    stopped when kaplint exits.
    """
    if "local" in _LOCAL_SERVERS:
        return _LOCAL_SERVERS["local"]
    installation = _installed_language_tool()
    where = os.environ.get("LTP_JAR_DIR_PATH") or os.environ.get("LTP_PATH") or "~/.cache/language_tool_python"
    if installation is None:
        raise GrammarUnavailable(
            "grammar checks are unavailable: no LanguageTool server is configured and no local LanguageTool is "
            f"installed (looked in {where}; kaplint never downloads LanguageTool, a 259 MB download, on its own). "
            f"{SERVER_HINT} To use a local copy, install it once yourself "
            "(python -c \"import language_tool_python; language_tool_python.LanguageTool('en-US')\") "
            f"or set LTP_PATH or LTP_JAR_DIR_PATH to where it is. {HARPER_HINT}"
        )
    if shutil.which("java") is None:
        raise GrammarUnavailable(
            f"grammar checks are unavailable: LanguageTool is installed in {installation} but Java is not on PATH; "
            f"install Java 17 or newer. {SERVER_HINT} {HARPER_HINT}"
        )
    try:
        import language_tool_python
        import language_tool_python.exceptions
    except ImportError:
        raise GrammarUnavailable(
            "grammar checks are unavailable: the language-tool-python package is missing; reinstall kaplint "
            f"(pip install --force-reinstall kaplint). {HARPER_HINT}"
        ) from None
    version = installation.name.removeprefix("LanguageTool-")
    options: dict[str, Any] = {}
    if installation.name.startswith("LanguageTool-") and version:
        options["language_tool_download_version"] = version  # the installed version: nothing to download
    try:
        tool = language_tool_python.LanguageTool(language, **options)
    except (language_tool_python.exceptions.LanguageToolError, OSError, ValueError) as error:
        raise GrammarUnavailable(
            f"grammar checks are unavailable: the local LanguageTool in {installation} did not start ({error}). "
            f"{SERVER_HINT} {HARPER_HINT}"
        ) from None
    atexit.register(tool.close)
    url = str(getattr(tool, "_url", "")).rstrip("/").removesuffix("/v2")
    _LOCAL_SERVERS["local"] = url
    return url

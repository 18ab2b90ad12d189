"""The ``[tool.kaplint.grammar]`` table: which engine checks grammar and spelling, and how.

Kept apart from :mod:`kaplint.config` so the grammar feature's settings, defaults and
validation live in one place; ``config.py`` only hands this module the raw table.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from typing import Any

BACKENDS = ("languagetool", "harper")
SERVER_ENVIRONMENT = "KAPLINT_LANGUAGETOOL_URL"

# LanguageTool rules that kaplint turns off unless a project lists its own.
# Why each one: kaplint's loaders remove links, inline code and URLs from the prose, which
# leaves double spaces and a space before punctuation; list items, table cells and headings
# are fragments without a capital or a full stop; kaplint's readability rules already judge
# sentence and paragraph length and the passive voice; quotes and dashes are house style.
LANGUAGETOOL_DISABLED = (
    "WHITESPACE_RULE",
    "COMMA_PARENTHESIS_WHITESPACE",
    "SENTENCE_WHITESPACE",
    "UPPERCASE_SENTENCE_START",
    "PUNCTUATION_PARAGRAPH_END",
    "TOO_LONG_SENTENCE",
    "TOO_LONG_PARAGRAPH",
    "PASSIVE_VOICE",
    "EN_QUOTES",
    "DASH_RULE",
)
# The same choices for Harper, in its rule names; and the Oxford comma, which plain-language
# and AP style guides for patient materials leave out.
HARPER_DISABLED = (
    "LongSentences",
    "Spaces",
    "NoFrenchSpaces",
    "SentenceCapitalization",
    "Dashes",
    "NumericRangeEnDash",
    "UseEllipsisCharacter",
    "OxfordComma",
)

GRAMMAR_KEYS = (
    "enabled",
    "optional",
    "backend",
    "server",
    "language",
    "disabled-rules",
    "extend-disabled-rules",
    "cache",
    "timeout",
    "remote-server",
)


class GrammarSettingsError(ValueError):
    """A value in ``[tool.kaplint.grammar]`` is invalid; the message names the key."""


@dataclass(frozen=True)
class GrammarSettings:
    """Validated grammar settings. ``disabled_rules`` None means the backend's defaults."""

    enabled: bool = True
    optional: bool = False
    backend: str = "languagetool"
    server: str | None = None
    language: str = "en-US"
    disabled_rules: tuple[str, ...] | None = None
    extend_disabled_rules: tuple[str, ...] = ()
    cache: bool = True
    timeout: float = 30.0
    remote_server: bool = False  # documents may go to a server outside this machine and network

    def effective_disabled_rules(self) -> tuple[str, ...]:
        """The rules the engine is told to skip: the project's list or the defaults, plus extensions."""
        base = self.disabled_rules
        if base is None:
            base = HARPER_DISABLED if self.backend == "harper" else LANGUAGETOOL_DISABLED
        return tuple(dict.fromkeys((*base, *self.extend_disabled_rules)))

    def server_url(self) -> str | None:
        """The LanguageTool server to use: ``KAPLINT_LANGUAGETOOL_URL`` wins over ``server``,
        so CI can point a committed configuration at its own container."""
        from_environment = os.environ.get(SERVER_ENVIRONMENT, "").strip()
        configured = from_environment or self.server
        if not configured:
            return None
        where = SERVER_ENVIRONMENT if from_environment else "'grammar.server'"
        try:
            url = normalise_server_url(configured)
        except GrammarSettingsError as error:
            raise GrammarSettingsError(f"{where}: {error}") from None
        check_server_is_private(url, self.remote_server, where)
        return url


def check_server_is_private(url: str, allowed_remote: bool, where: str) -> None:
    """Refuse a server outside this machine and its network unless the project opted in.

    kaplint works offline: the only network traffic it ever makes is to a LanguageTool server
    the project names. Patient materials are unpublished drafts, so by default that server must
    be on this machine or the local network (a container, a CI service); sending documents to a
    public service such as LanguageTool's own API takes ``remote-server = true``.
    """
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    if allowed_remote or _is_private_host(host):
        return
    raise GrammarSettingsError(
        f"{where}: {host} is not on this machine or a private network, and kaplint does not send documents "
        "to outside services unless told to; run LanguageTool locally (http://localhost:8081) or set "
        "remote-server = true in [tool.kaplint.grammar] to send your documents to that server deliberately"
    )


_PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def _is_private_host(host: str) -> bool:
    """Loopback, private and link-local addresses, and names that only resolve inside a network
    (``localhost``, a single label such as a CI service ``languagetool``, ``.local``, ``.internal``)."""
    import ipaddress

    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host == "localhost" or "." not in host or host.endswith(_PRIVATE_SUFFIXES)
    return address.is_loopback or address.is_private or address.is_link_local


def normalise_server_url(url: str) -> str:
    """``http://host:8081``, ``.../`` and ``.../v2/`` all mean the same server: return its base URL."""
    from urllib.parse import urlsplit

    value = url.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GrammarSettingsError(
            f"the LanguageTool server must be an http:// or https:// URL such as http://localhost:8081, not {url!r}"
        )
    value = value.rstrip("/")
    value = value.removesuffix("/v2")
    return value


def parse_grammar_settings(value: Any) -> GrammarSettings:
    """Validate the raw ``[tool.kaplint.grammar]`` table. Raises :class:`GrammarSettingsError`."""
    if not isinstance(value, dict):
        raise GrammarSettingsError("'grammar' must be a table, e.g. [tool.kaplint.grammar] with backend = \"harper\"")
    for key in value:
        if key not in GRAMMAR_KEYS:
            close = difflib.get_close_matches(str(key), GRAMMAR_KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(GRAMMAR_KEYS)}"
            raise GrammarSettingsError(f"unknown key {key!r} in 'grammar'{hint}")
    fields: dict[str, Any] = {}
    for key in ("enabled", "optional", "cache", "remote-server"):
        if key in value:
            if not isinstance(value[key], bool):
                raise GrammarSettingsError(f"'grammar.{key}' must be true or false")
            fields[key.replace("-", "_")] = value[key]
    if "backend" in value:
        backend = value["backend"]
        if backend not in BACKENDS:
            close = difflib.get_close_matches(str(backend), BACKENDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise GrammarSettingsError(f"'grammar.backend' must be one of {', '.join(BACKENDS)}, not {backend!r}{hint}")
        fields["backend"] = backend
    if "server" in value:
        if not isinstance(value["server"], str) or not value["server"].strip():
            raise GrammarSettingsError("'grammar.server' must be a URL such as \"http://localhost:8081\"")
        fields["server"] = normalise_server_url(value["server"])
    if "language" in value:
        language = value["language"]
        if not isinstance(language, str) or not language.strip() or " " in language.strip():
            raise GrammarSettingsError("'grammar.language' must be a language code such as \"en-US\" or \"en-GB\"")
        fields["language"] = language.strip()
    for key in ("disabled-rules", "extend-disabled-rules"):
        if key in value:
            items = value[key]
            if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
                raise GrammarSettingsError(f"'grammar.{key}' must be a list of rule ids, e.g. [\"EN_QUOTES\"]")
            fields[key.replace("-", "_")] = tuple(item.strip() for item in items)
    if "timeout" in value:
        timeout = value["timeout"]
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise GrammarSettingsError("'grammar.timeout' must be a positive number of seconds")
        fields["timeout"] = float(timeout)
    return GrammarSettings(**fields)

"""Whether a run checks grammar, with which engine, and what to tell the writer when it cannot.

Grammar checks are off unless ``[tool.kaplint.grammar]`` is configured, ``--grammar`` is
given, or a grammar rule is selected by name. When they are wanted and the engine is
unavailable, a required check stops the run (exit code 2) with the reason and the fix; a
check configured with ``optional = true`` prints one notice and every other rule runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kaplint.config import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.grammar.backend import GrammarBackend
    from kaplint.grammar.checker import GrammarChecker
    from kaplint.grammar.settings import GrammarSettings

# Every run asks this module whether grammar is on; the engines, the cache and the vocabulary
# are imported only when it is, so a run without grammar checks pays nothing for them.


def switched_on(settings: GrammarSettings | None, asked: bool) -> bool:
    """Whether the grammar rules join the selection: ``--grammar``, or a configured, enabled table."""
    return asked or (settings is not None and settings.enabled)


def make_backend(settings: GrammarSettings) -> GrammarBackend:
    """The engine ``settings`` name, checked to be usable. Raises GrammarUnavailable."""
    from kaplint.grammar.settings import GrammarSettingsError

    disabled = settings.effective_disabled_rules()
    if settings.backend == "harper":
        from kaplint.grammar.harper import HarperBackend

        return HarperBackend(settings.language, disabled)
    from kaplint.grammar.languagetool import (
        LanguageToolServer,
        start_local_language_tool,
    )

    try:
        url = settings.server_url() or start_local_language_tool(settings.language)
    except GrammarSettingsError as error:
        raise ConfigError(f"grammar: {error}") from None  # a settings mistake: exit 2 even when optional
    server = LanguageToolServer(url, settings.language, disabled, settings.timeout)
    server.probe()
    return server


@dataclass
class GrammarRun:
    """The grammar part of one run: the checker (None when grammar is not checked) and notices."""

    checker: GrammarChecker | None = None
    required: bool = False
    notices: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, settings: GrammarSettings | None, asked: bool, wanted: bool) -> GrammarRun:
        """Set up grammar checks when ``wanted`` (some grammar rule is selected).

        ``asked`` is ``--grammar``: it makes the check required even when the configuration
        calls it optional.
        """
        if not wanted:
            return cls()
        from kaplint.grammar.backend import GrammarUnavailable
        from kaplint.grammar.cache import GrammarCache, default_cache_folder
        from kaplint.grammar.checker import GrammarChecker
        from kaplint.grammar.settings import GrammarSettings
        from kaplint.grammar.vocabulary import bundled_vocabulary

        settings = settings or GrammarSettings()
        required = asked or not settings.optional
        try:
            backend = make_backend(settings)
        except GrammarUnavailable as error:
            if required:
                raise
            return cls(notices=[f"notice: {error} Grammar and spelling were not checked; every other rule ran."])
        cache = GrammarCache(default_cache_folder() if settings.cache else None)
        return cls(checker=GrammarChecker(backend, cache, bundled_vocabulary()), required=required)

    def outcome(self) -> tuple[list[str], bool]:
        """Messages to print after the run, and whether the run must exit with code 2
        (a required engine that failed part-way)."""
        messages = list(self.notices)
        failure = self.checker.failure if self.checker is not None else None
        if failure is not None:
            if self.required:
                messages.append(f"error: grammar checks failed: {failure}. Findings of other rules are shown; fix the engine and run again.")
            else:
                messages.append(f"notice: grammar checks stopped: {failure}. Other rules ran.")
        return messages, failure is not None and self.required

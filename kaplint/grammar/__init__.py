"""Grammar and spelling checks: one adapter interface, a LanguageTool and a Harper backend.

- :mod:`kaplint.grammar.settings`: the ``[tool.kaplint.grammar]`` table
- :mod:`kaplint.grammar.backend`: the interface and the issue every backend returns
- :mod:`kaplint.grammar.languagetool`, :mod:`kaplint.grammar.harper`: the backends
- :mod:`kaplint.grammar.cache`: results on disk, keyed by paragraph, engine and settings
- :mod:`kaplint.grammar.vocabulary`: the domain words spelling must accept
- :mod:`kaplint.grammar.checker`, :mod:`kaplint.grammar.run`: one run's checks and notices

Nothing here is imported on a run without grammar checks beyond the settings and the
decision to stay off; the backends (and their HTTP client or native library) load only
when an engine is needed.
"""

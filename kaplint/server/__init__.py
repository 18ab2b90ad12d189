"""``kaplint server``: the Language Server Protocol server that brings kaplint into editors.

Layout: :mod:`.positions` turns kaplint's character positions into the protocol's (UTF-16);
:mod:`.session` keeps the configuration and linter for each document's folder and lints the
text as the editor has it; :mod:`.actions` builds fixes, suppressions and hovers from
findings; :mod:`.vocabulary` adds a word to the project's accepted terms; :mod:`.app` wires
them to the protocol with pygls (the optional ``kaplint[server]`` extra).
"""

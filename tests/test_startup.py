"""A pre-commit run pays only for what it uses: heavy libraries stay unimported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from kaplint.cli import main
try:
    main(["check", "--exit-zero", "--no-cache", sys.argv[1]])
except SystemExit:
    pass
unused = ("kaplint.grammar.checker", "kaplint.grammar.backend", "kaplint.grammar.settings", "kaplint.baseline",
          "kaplint.changed_lines", "kaplint.fingerprint", "harper", "urllib.request")
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in
      ("docx", "markdown_it", "textstat", "language_tool_python", "lxml", "importlib_metadata") or name in unused)))
"""


def test_a_text_file_imports_no_parser_for_other_formats_grammar_or_baseline(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Ketamine is not a cure. Talk with your doctor.\n", encoding="utf-8")
    completed = subprocess.run([sys.executable, "-c", PROBE, str(page)], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert json.loads(completed.stdout.strip().splitlines()[-1]) == []

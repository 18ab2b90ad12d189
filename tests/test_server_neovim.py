"""A real editor: headless Neovim (Debian's package, 0.7) starts ``kaplint server`` on a Markdown page.

The Lua below uses the LSP API Neovim 0.7 has (``vim.lsp.start_client``, ``buf_attach_client``,
``vim.diagnostic.get``), waits for the diagnostics and writes them out as JSON. Without Neovim
the test is skipped, unless ``KAPLINT_REQUIRE_NEOVIM=1`` (set by ``.ci/run``): then it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install '.[server]')")

LUA = """
local command = vim.split(vim.env.KAPLINT_SERVER_CMD, "\\t")
local client = vim.lsp.start_client({ name = "kaplint", cmd = command, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(0, client)
local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) > 1 end, 100)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, code = d.code })
end
local file = io.open(vim.env.KAPLINT_NVIM_OUT, "w")
file:write(vim.fn.json_encode({ ok = ok, diagnostics = found }))
file:close()
vim.lsp.stop_client(client)
vim.cmd("qa!")
"""


def test_neovim_shows_kaplints_diagnostics(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("KAPLINT_REQUIRE_NEOVIM") == "1":
            pytest.fail("KAPLINT_REQUIRE_NEOVIM=1 but Neovim (nvim) is not installed")
        pytest.skip("Neovim is not installed (apt-get install neovim)")
    (tmp_path / "page.md").write_text("# Our clinic\n\nKetamine is completely safe and cures depression.\n", encoding="utf-8")
    (tmp_path / "check.lua").write_text(LUA, encoding="utf-8")
    environment = {
        **os.environ,
        "KAPLINT_NVIM_OUT": str(tmp_path / "out.json"),
        "KAPLINT_SERVER_CMD": "\t".join([sys.executable, "-m", "kaplint", "server"]),
        "HOME": str(tmp_path),
    }
    completed = subprocess.run(
        [nvim, "--headless", "--clean", "page.md", "-c", "luafile check.lua"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=180, check=False,
    )
    assert (tmp_path / "out.json").exists(), completed.stdout + completed.stderr
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert result["ok"]
    found = {item["code"]: item for item in result["diagnostics"]}
    assert found["KAP302 cure"]["lnum"] == 2 and found["KAP302 cure"]["col"] == 32 and found["KAP302 cure"]["end_col"] == 48
    assert found["KAP302 cure"]["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert "summary" in found

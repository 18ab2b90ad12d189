"""A small Language Server Protocol client for the tests: JSON-RPC over a subprocess's pipes.

It speaks to ``kaplint server`` as an editor would: requests wait for their response,
notifications from the server (diagnostics, messages) are kept in order, and requests from the
server (registering file watchers, refreshing diagnostics) are answered with an empty result.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable


class LspClient:
    def __init__(self, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kaplint", "server"],
            cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        self._next_id = 0
        self._responses: dict[int, Any] = {}
        self._notifications: queue.Queue[dict] = queue.Queue()
        self.seen: list[dict] = []
        self._lock = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # Wire ----------------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:  # a request from the server
                self._send({"id": message["id"], "result": None})
                self._notifications.put(message)
            elif "id" in message:
                with self._lock:
                    self._responses[message["id"]] = message
                    self._lock.notify_all()
            else:
                self._notifications.put(message)

    # API ---------------------------------------------------------------------------------
    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self._next_id += 1
        identifier = self._next_id
        self._send({"id": identifier, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._lock:
            while identifier not in self._responses:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no response to {method}")
                self._lock.wait(remaining)
            response = self._responses.pop(identifier)
        if "error" in response:
            raise RuntimeError(response["error"])
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, method: str, accept: Callable[[dict], bool] = lambda params: True, timeout: float = 60) -> dict:
        """The params of the next notification ``method`` that ``accept`` takes (earlier ones are kept in ``seen``)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {method} notification")
            message = self._notifications.get(timeout=remaining)
            self.seen.append(message)
            if message.get("method") == method and accept(message.get("params") or {}):
                return message.get("params") or {}

    def initialize(self, root: Path, options: Any = None, pull: bool = False) -> dict:
        capabilities: dict[str, Any] = {
            "textDocument": {"publishDiagnostics": {}, "hover": {"contentFormat": ["markdown"]}, "codeAction": {}},
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}, "configuration": False},
            "general": {"positionEncodings": ["utf-16"]},
        }
        if pull:
            capabilities["textDocument"]["diagnostic"] = {"dynamicRegistration": False}
        result = self.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities, "initializationOptions": options},
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language: str = "markdown", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": language, "version": version, "text": text}})

    def shutdown(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout=30)
        finally:
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()

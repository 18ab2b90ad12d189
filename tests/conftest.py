"""Test-wide setup: the helpers module is importable, and the network is off.

kaplint promises to work offline, so every test runs with outbound
connections blocked; only loopback addresses (local test servers) are allowed.
The syllable cache goes to a temporary folder so tests never touch the user's,
and the result and rule-pack caches are off (tests of them turn them on).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


class NetworkAccessError(RuntimeError):
    """Raised when code under test tries to reach a non-local address."""


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: object) -> object:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):  # type: ignore[index]
        raise NetworkAccessError(f"network access during tests: {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> object:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):  # type: ignore[index]
        raise NetworkAccessError(f"network access during tests: {address!r}")
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if not _is_loopback(host):
        raise NetworkAccessError(f"name lookup during tests: {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def no_network() -> object:
    """Block every non-loopback connection and name lookup for the whole test session."""
    patcher = pytest.MonkeyPatch()
    patcher.setattr(socket.socket, "connect", _guarded_connect)
    patcher.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    patcher.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    patcher.setenv("KAPLINT_CACHE_DIR", tempfile.mkdtemp(prefix="kaplint-test-cache-"))
    patcher.setenv("KAPLINT_NO_CACHE", "1")  # results and rule-pack caches off unless a test turns them on
    yield
    patcher.undo()

"""`serve` over raw HTTP: it answers only its own address, never drops a bad path, and idle connections cannot starve it.

The server is started here on a free port with a preview of an output
folder, without building; each test speaks HTTP to it through sockets, as a
hostile page or a port scanner would.
"""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from tests.helpers import MINI
from report_gen.pipeline import BuildOptions
from report_gen.tools import serve as serve_module
from report_gen.tools.serve import Preview, _Server


@pytest.fixture
def server(tmp_path):
    out = tmp_path / "out"
    (out / "charts").mkdir(parents=True)
    (out / "charts" / "a.png").write_bytes(b"\x89PNG a chart")
    (out / ".mini.docx.4321.abcd_123.tmp").write_bytes(b"yesterday's figures, kept as a backup")
    (out / ".cache").mkdir()
    (out / ".cache" / "secret").write_bytes(b"the cache's key")
    running = _Server(0, Preview(BuildOptions(data=MINI, out_dir=out), 60))
    thread = threading.Thread(target=running.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()
    thread.join(5)


def ask(server, path: str, host: str | None = "own", timeout: float = 10) -> tuple[int, bytes]:
    """Send one GET and return the status and body; raise if the connection is dropped without an answer."""
    port = server.server_port
    lines = [f"GET {path} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {f'127.0.0.1:{port}' if host == 'own' else host}")
    lines += ["Connection: close", "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall("\r\n".join(lines).encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer, f"{path}: the connection was dropped without an answer"
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_the_preview_answers_its_own_address_and_refuses_any_other_name(server):
    port = server.server_port
    assert ask(server, "/state")[0] == 200
    assert ask(server, "/state", host=f"localhost:{port}")[0] == 200
    for host in ("attacker.example", f"attacker.example:{port}", "127.0.0.1:1", None):
        status, _ = ask(server, "/state", host=host)
        assert status == 421, host
    assert ask(server, "/files/charts/a.png", host="attacker.example")[0] == 421


@pytest.mark.parametrize("path", ["/files/x%00", "/files/charts/a.png%00.txt", "/files/%0a", "/files/..%2f..%2fetc%2fpasswd",
                                  "/files/.mini.docx.4321.abcd_123.tmp", "/files/.cache/secret", "/files/charts/../.cache/secret",
                                  "/%00"])
def test_bad_or_hidden_paths_are_a_404_never_a_dropped_connection(server, path):
    status, body = ask(server, path)
    assert status == 404, body
    assert b"yesterday" not in body and b"key" not in body


def test_a_file_of_the_output_folder_is_served(server):
    assert ask(server, "/files/charts/a.png") == (200, b"\x89PNG a chart")


def test_hundreds_of_idle_connections_do_not_keep_the_page_from_its_state(server):
    idle = [socket.create_connection(("127.0.0.1", server.server_port), timeout=5) for _ in range(220)]
    try:
        time.sleep(0.2)
        status, body = ask(server, "/state", timeout=5)
        assert status == 200 and json.loads(body)["data"] == str(MINI)
    finally:
        for connection in idle:
            connection.close()


def test_a_connection_that_never_finishes_its_request_is_closed_after_its_time(server, monkeypatch):
    monkeypatch.setattr(serve_module, "REQUEST_SECONDS", 1)
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as slow:
        slow.sendall(f"GET /state HTTP/1.1\r\nHost: 127.0.0.1:{server.server_port}\r\n".encode())  # never the blank line
        started = time.monotonic()
        assert slow.recv(1024) == b"", "the server answered a request it never received whole"
        assert time.monotonic() - started < 5, "the server waited far longer than its request time"


def test_a_connection_that_never_sends_anything_is_closed_after_its_time(server, monkeypatch):
    monkeypatch.setattr(serve_module, "REQUEST_SECONDS", 1)
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as idle:
        started = time.monotonic()
        assert idle.recv(1024) == b""
        assert time.monotonic() - started < 5

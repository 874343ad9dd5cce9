"""Descriptor exhaustion: the server under a low RLIMIT_NOFILE, connected to until accept fails with EMFILE.

Soft and hard limits are both set (the server raises its soft limit to the hard one at start-up), so
the connection cap it derives (at least 64) lies above what the descriptors allow and accept(2)
really runs out. The server must log its back-off (Sources/HTTP/Server.swift, `.exhausted`), stay up,
keep serving a connection it already holds, answer /healthz on a new connection once some are
closed, and log nothing personal.
"""
import os
import resource
import socket
import tempfile
import time

import pytest

from conftest import RunningServer, require_binary, seed_demo

DESCRIPTORS = 64
CONNECTIONS = 3 * DESCRIPTORS
BACK_OFF_LINE = "accept paused for 100 ms: out of file descriptors"


def low_descriptor_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (DESCRIPTORS, DESCRIPTORS))


def request(sock, path):
    """One keep-alive GET on an open socket; returns the status code."""
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: test\r\nUser-Agent: GroundswellCanaryAgent/7.3\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        assert chunk, f"the server closed the connection instead of answering {path}"
        head += chunk
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    body = head.split(b"\r\n\r\n", 1)[1]
    while len(body) < length:
        body += sock.recv(4096)
    return int(head.split(b" ")[1])


def log_text(server):
    server.log.flush()
    with open(server.log_path, encoding="utf-8", errors="replace") as file:
        return file.read()


def wait_for(condition, what, attempts=100):
    for _ in range(attempts):
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def limited_server():
    require_binary()
    directory = tempfile.mkdtemp(prefix="gs-descriptors-")
    db = os.path.join(directory, "groundswell.sqlite")
    seed_demo(db)
    running = RunningServer(db, preexec=low_descriptor_limit)
    running.start()
    yield running
    running.stop()
    problems = running.scan_log()
    assert not problems, f"{running.log_path} holds personal data or secrets: {problems}"


def test_out_of_descriptors_backs_off_and_recovers(limited_server):
    server = limited_server
    held = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    assert request(held, "/healthz") == 200

    # The listen backlog completes every handshake; the server accepts until its descriptors run out.
    flood = []
    for _ in range(CONNECTIONS):
        flood.append(socket.create_connection(("127.0.0.1", server.port), timeout=10))
    wait_for(lambda: BACK_OFF_LINE in log_text(server), "the EMFILE back-off")
    time.sleep(0.5)  # several back-off rounds while still exhausted
    assert server.process.poll() is None, "the server died out of descriptors"
    # A connection accepted before the exhaustion is still served, reads from the database included.
    assert request(held, "/healthz") == 200
    assert request(held, "/api/campaigns/demo") == 200

    for sock in flood:
        sock.close()
    fresh = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    assert request(fresh, "/healthz") == 200
    assert request(fresh, "/api/campaigns/demo") == 200
    fresh.close()
    held.close()
    assert server.process.poll() is None
    back_offs = log_text(server).count(BACK_OFF_LINE)
    # One line per 100 ms pause at most: the log is not flooded while exhausted.
    assert back_offs < 200, f"{back_offs} back-off lines"

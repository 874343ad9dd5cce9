"""Starts the real groundswell binary against a temporary database for the reliability tests."""
import os
import re
import subprocess
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("GROUNDSWELL_BIN", os.path.join(ROOT, ".build/debug/groundswell"))


class RunningServer:
    """One `groundswell serve` process; `kill()` sends SIGKILL, `start()` starts it again on the same file."""

    def __init__(self, db):
        self.db = db
        self.process = None
        self.port = None
        self.log = open(db + ".log", "ab")

    def start(self):
        env = dict(os.environ, GROUNDSWELL_RATE_LIMITS="off")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--host", "127.0.0.1", "--port", "0", "--db", self.db,
             "--public", os.path.join(ROOT, "Public"), "--migrations", os.path.join(ROOT, "Migrations")],
            stdout=subprocess.PIPE, stderr=self.log, env=env)
        line = self.process.stdout.readline().decode()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        assert match, f"server did not start: {line!r}"
        self.port = int(match.group(1))

    def kill(self):
        self.process.kill()
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            assert self.process.wait(timeout=20) == 0, "graceful shutdown must exit 0"


@pytest.fixture
def server():
    if not os.path.exists(BINARY):
        if os.environ.get("CI"):
            pytest.fail(f"{BINARY} is missing")
        pytest.skip(f"{BINARY} is missing: run `swift build` first")
    directory = tempfile.mkdtemp(prefix="gs-reliability-")
    db = os.path.join(directory, "groundswell.sqlite")
    subprocess.run([BINARY, "demo", "--db", db, "--migrations", os.path.join(ROOT, "Migrations")],
                   check=True, capture_output=True)
    running = RunningServer(db)
    running.start()
    yield running
    running.stop()

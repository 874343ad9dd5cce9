"""Starts the real groundswell binary against a temporary database for the reliability tests.

Every server's stderr log is scanned when its fixture ends: it must hold no client address, no token
handed out during the test (`RunningServer.secrets`) and no user agent (`CANARY_AGENT` is sent by the
helpers here and by the API fuzzing).
"""
import http.client
import json
import os
import shutil
import sys
import tempfile

import pytest

import suite_scan

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Support"))
import launcher  # noqa: E402

BINARY = str(launcher.binary("debug"))
MIGRATIONS = str(launcher.MIGRATIONS)
CANARY_AGENT = "GroundswellCanaryAgent/7.3 (reliability)"


class RunningServer:
    """One `groundswell serve` process (`launcher.Launched`) logging to a file; `kill()` sends SIGKILL,
    `start()` starts it again on the same file."""

    def __init__(self, db, log_path=None, env=None, preexec=None):
        self.db = db
        self.log_path = log_path or db + ".log"
        self.log = open(self.log_path, "ab")
        # `env`: extra environment (LD_PRELOAD, …); `preexec`: run in the child before exec (resource limits).
        self.launched = launcher.Launched(BINARY, db, env=env, stderr=self.log, preexec=preexec)
        self.secrets = []  # tokens and passwords handed out: none may reach the log

    @property
    def process(self):
        return self.launched.process

    @property
    def port(self):
        return self.launched.port

    def start(self):
        self.launched.start()

    def kill(self):
        self.launched.kill()

    def stop(self):
        if self.process and self.process.poll() is None:
            assert self.launched.stop(timeout=20) == 0, "graceful shutdown must exit 0"

    def call(self, method, path, body=None, token=None):
        """One request with the canary user agent; returns (status, decoded JSON or None)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/json", "User-Agent": CANARY_AGENT}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        try:
            return response.status, (json.loads(data) if data else None)
        except ValueError:
            return response.status, None

    def join(self, slug="demo"):
        """A new anonymous contributor's token (remembered as a secret)."""
        status, joined = self.call("POST", f"/api/campaigns/{slug}/join", {})
        assert status == 201, f"join answered {status}"
        self.secrets.append(joined["token"])
        return joined["token"]

    def add_staff(self, name, role):
        """`groundswell staff add`: returns the API token (token and password are remembered as secrets)."""
        token, password = launcher.add_staff(BINARY, self.db, name, role)
        self.secrets += [token, password]
        return token

    def scan_log(self):
        """Problems in the log: the client address, a handed-out secret, a user agent."""
        self.log.flush()
        with open(self.log_path, "rb") as file:
            text = file.read().decode("utf-8", "replace")
        problems = []
        if "127.0.0.1" in text:
            problems.append("client address 127.0.0.1")
        for secret in self.secrets:
            if secret and secret in text:
                problems.append(f"a secret ({secret[:4]}…)")
        for agent in (CANARY_AGENT, "GroundswellCanaryAgent", "python-requests", "schemathesis/", "Mozilla/"):
            if agent in text:
                problems.append(f"user agent {agent!r}")
        return problems


def seed_demo(db):
    """Create `db` with the migrations and the demo campaign."""
    launcher.seed_demo(BINARY, db)


def require_binary():
    if not os.path.exists(BINARY):
        if os.environ.get("CI"):
            pytest.fail(f"{BINARY} is missing")
        pytest.skip(f"{BINARY} is missing: run `swift build` first")


@pytest.fixture(scope="session", autouse=True)
def suite_files():
    """Every temporary directory of the session lives under one root; when the session ends every
    database and log in it is scanned for addresses, user agents and e-mails (`suite_scan`)."""
    root = tempfile.mkdtemp(prefix="gs-suite-")
    tempfile.tempdir = root
    yield root
    tempfile.tempdir = None
    report = suite_scan.scan(root)
    print(f"\nwhole-suite scan: {suite_scan.count(root)} databases and logs, {len(report)} with findings")
    lines = [f"{path}: {', '.join(found)}" for path, found in report.items()]
    assert not report, f"the suite's files under {root} hold personal data:\n" + "\n".join(lines)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def server():
    require_binary()
    directory = tempfile.mkdtemp(prefix="gs-reliability-")
    db = os.path.join(directory, "groundswell.sqlite")
    seed_demo(db)
    running = RunningServer(db)
    running.start()
    yield running
    running.stop()
    problems = running.scan_log()
    assert not problems, f"{running.log_path} holds personal data or secrets: {problems}"

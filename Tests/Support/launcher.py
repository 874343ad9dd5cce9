"""Starting and stopping `groundswell` for every Python suite: the browser, reliability and privacy tests,
the benchmarks and the restore drill all launch the server, wait for the address it prints and stop it here.

A suite puts this directory on `sys.path` and imports `launcher` (its conftest.py or script does it).
"""
import os
import re
import select
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "Migrations"
# `groundswell serve` prints this line on stdout once it listens (with --port 0, the port it picked).
LISTENING = re.compile(r"listening on (http://[^\s/]+?:(\d+))")


def binary(default="debug"):
    """`GROUNDSWELL_BIN` (relative paths from the repository root), else `.build/<default>/groundswell`."""
    path = Path(os.environ.get("GROUNDSWELL_BIN", ROOT / ".build" / default / "groundswell"))
    return path if path.is_absolute() else ROOT / path


def cli(program, *args, env=None):
    """Runs a `groundswell` subcommand and returns its stdout; a failure raises with its stderr."""
    done = subprocess.run([str(program), *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"`groundswell {' '.join(map(str, args[:2]))}` exited {done.returncode}: "
                           f"{done.stderr.strip()[:500]}")
    return done.stdout


def seed_demo(program, db, env=None):
    """Creates `db` with the migrations and the demo campaign."""
    cli(program, "demo", "--db", db, "--migrations", MIGRATIONS, env=env)


def add_staff(program, db, name, role, env=None):
    """`groundswell staff add`: (API token, password). The token is printed alone on the last line."""
    lines = [line.strip() for line in cli(program, "staff", "add", name, "--role", role, "--db", db,
                                          "--migrations", MIGRATIONS, env=env).splitlines() if line.strip()]
    password = next((line.split(": ", 1)[1] for line in lines if line.startswith("password") and ": " in line), None)
    if not lines or password is None:
        raise RuntimeError("`groundswell staff add` printed no password or no token")
    return lines[-1], password


class Launched:
    """One `groundswell serve --port 0` against `db`, on 127.0.0.1. `env` adds to the environment (rate
    limits are off unless it says otherwise), `stderr` is a file the server's log goes to (a pipe
    otherwise), `prefix` goes before the command (`taskset -c 0`), `preexec` runs in the child.
    `root` is the tree whose migrations (and, unless `public` says otherwise, pages) it serves: this
    repository, or the one an older binary was built from."""

    def __init__(self, program, db, env=None, stderr=None, prefix=(), preexec=None, public=None, extra_args=(),
                 root=ROOT):
        self.program = program
        self.db = str(db)
        self.env = {**os.environ, "GROUNDSWELL_RATE_LIMITS": "off", **(env or {})}
        self.stderr = stderr
        self.prefix = list(prefix)
        self.preexec = preexec
        self.root = Path(root)
        self.public = str(public or self.root / "Public")
        self.extra_args = list(extra_args)
        self.process = None
        self.port = None
        self.base_url = None

    @property
    def pid(self):
        return self.process.pid

    def url(self, path):
        return f"{self.base_url}{path}"

    def start(self, timeout=60):
        """Starts the server and waits (at most `timeout` s, a bound against hangs, not a measurement)
        for its address."""
        command = self.prefix + [str(self.program), "serve", "--host", "127.0.0.1", "--port", "0", "--db", self.db,
                                 "--public", self.public, "--migrations", str(self.root / "Migrations")] + self.extra_args
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
            stderr=self.stderr if self.stderr is not None else subprocess.PIPE, preexec_fn=self.preexec, text=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                line = self.process.stdout.readline()
                match = LISTENING.search(line)
                if match:
                    self.base_url, self.port = match.group(1), int(match.group(2))
                    return self
                if not line:
                    break
            elif self.process.poll() is not None:
                break
        self.kill()
        raise RuntimeError(f"the server did not print its address: {self.error_output()}")

    def error_output(self):
        """The end of what the server wrote to stderr, when it went to a pipe."""
        if self.stderr is None and self.process and self.process.stderr:
            return self.process.stderr.read()[-2000:]
        return "(see its log)"

    def kill(self):
        """SIGKILL, as a crash would; waits for the process to be gone."""
        if self.process and self.process.poll() is None:
            self.process.kill()
        if self.process:
            self.process.wait()

    def stop(self, timeout=20, stop_signal=signal.SIGTERM):
        """Graceful shutdown: `stop_signal`, then SIGKILL after `timeout` s. Returns the exit status
        (0 for a clean shutdown), or None when it had to be killed."""
        if not self.process or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(stop_signal)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

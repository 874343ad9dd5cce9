"""`make drill`: the day the disk dies, rehearsed with Litestream.

Serves a demo database with `GROUNDSWELL_CHECKPOINTS=external` while `litestream replicate` streams it to a
replica directory (the README's configuration, with local paths), writes under load from several contributors
(joins, posts, votes) and notes when each write was acknowledged, then loses everything at once: the server and
Litestream killed with SIGKILL, the database, its -wal and -shm and Litestream's own state deleted. It restores
from the replica with `litestream restore`, runs `groundswell check`, starts the server again and reads every
acknowledged write back through the API.

It fails unless every write acknowledged more than the replication interval (monitor-interval + sync-interval,
plus 0.25 s for a replica sync to write and sync its file: 1.35 s) before the loss is there, `groundswell check` passes, and Litestream, not the server, checkpointed the WAL.
It prints the data-loss window (RPO: how long before the loss the oldest lost write was acknowledged, 0 when
nothing was lost) and the restore time (RTO: restore, check and start until `/healthz` answers).

DRILL_SECONDS (20) bounds the load, DRILL_WRITERS (4) the contributors writing at once.
"""
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "Support"))
import launcher  # noqa: E402

BINARY = launcher.binary("debug")
LITESTREAM = Path(os.environ.get("LITESTREAM", ROOT / ".build/venv/bin/litestream"))
SECONDS = float(os.environ.get("DRILL_SECONDS", "20"))
WRITERS = int(os.environ.get("DRILL_WRITERS", "4"))
MONITOR_INTERVAL = 0.1
SYNC_INTERVAL = 1.0
# A write reaches the replica at the first monitor tick after its commit and the first replica sync after that
# tick, once that sync has written and synced its file: up to monitor + sync interval, plus the sync's own work.
SYNC_WORK = 0.25
REPLICATION_INTERVAL = MONITOR_INTERVAL + SYNC_INTERVAL + SYNC_WORK
SERVER_ENV = {"GROUNDSWELL_CHECKPOINTS": "external", "GROUNDSWELL_RATE_LIMITS": "off", "GROUNDSWELL_ACCESS_LOG": "off"}

CONFIG = """# The README's Litestream configuration, with the drill's paths.
dbs:
  - path: {db}
    monitor-interval: {monitor}ms
    replica:
      type: file
      path: {replica}
      sync-interval: {sync}s
"""


def say(line):
    print(f"drill: {line}", flush=True)


class Server:
    """`groundswell serve` on a free port of 127.0.0.1 (`launcher.Launched`), logging to `log`."""

    def __init__(self, db, log):
        self.launched = launcher.Launched(BINARY, db, env=SERVER_ENV, stderr=log)
        try:
            self.launched.start()
        except RuntimeError as error:
            raise SystemExit(f"drill: the server did not start: {error}")
        self.process = self.launched.process
        self.port = self.launched.port

    def call(self, method, path, body=None, token=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, json.loads(data) if data and data[:1] in b"{[" else None


class Writer(threading.Thread):
    """One contributor: joins, then posts and votes on the ideas already there until `stop`, noting each ack time."""

    def __init__(self, server, question, ideas, stop, number):
        super().__init__(daemon=True)
        self.server, self.question, self.ideas, self.stop, self.number = server, question, ideas, stop, number
        self.token = None
        self.joined_at = None
        self.posts = []  # (acknowledged at, contribution id, body)
        self.votes = {}  # contribution id -> (acknowledged at, value): the last acknowledged vote on each
        self.errors = []

    def run(self):
        status, joined = self.server.call("POST", "/api/campaigns/demo/join", {})
        if status != 201:
            self.errors.append(f"join answered {status}")
            return
        self.token, self.joined_at = joined["token"], time.monotonic()
        count = 0
        while not self.stop.is_set():
            count += 1
            try:
                if count % 4 == 0:
                    body = f"drill writer {self.number} post {count}: the lift on ward {count % 17} is out again"
                    status, answer = self.server.call("POST", "/api/campaigns/demo/contributions",
                                                      {"questionId": self.question, "body": body}, self.token)
                    if status == 201:
                        self.posts.append((time.monotonic(), answer["id"], body))
                else:
                    idea = self.ideas[(count * 7 + self.number) % len(self.ideas)]
                    value = 1 if count % 3 else -1
                    status, _ = self.server.call("PUT", f"/api/contributions/{idea}/vote", {"value": value}, self.token)
                    if status == 200:
                        self.votes[idea] = (time.monotonic(), value)
            except OSError as error:  # the loss itself: the last request may get no answer
                if not self.stop.is_set():
                    self.errors.append(f"request failed: {error}")
                return
            if status >= 400 and not self.stop.is_set():
                self.errors.append(f"answered {status}")


def file_size(path):
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise SystemExit(f"drill: gave up waiting for {what}")


def main():
    for needed in (BINARY, LITESTREAM):
        if not needed.exists():
            raise SystemExit(f"drill: {needed} is missing (`make drill` builds and installs it)")
    work = Path(tempfile.mkdtemp(prefix="gs-drill-"))
    data, replica = work / "data", work / "replica"
    data.mkdir()
    # The server key lives apart from the database's disk, as the README's recipe keeps it: the replica does not
    # hold it, and a restored database starts only with its key.
    keys = work / "keys"
    keys.mkdir(mode=0o700)
    SERVER_ENV["GROUNDSWELL_KEY_FILE"] = str(keys / "server.key")
    db = data / "groundswell.sqlite"
    config = work / "litestream.yml"
    config.write_text(CONFIG.format(db=db, replica=replica, monitor=int(MONITOR_INTERVAL * 1000), sync=SYNC_INTERVAL))
    log = open(work / "server.log", "ab")
    litestream_log = open(work / "litestream.log", "ab")
    launcher.seed_demo(BINARY, db, env=dict(os.environ, **SERVER_ENV))
    say(f"litestream {subprocess.run([str(LITESTREAM), 'version'], capture_output=True, text=True).stdout.strip()}, "
        f"replicating {db} to {replica} every {SYNC_INTERVAL:g} s (monitor {MONITOR_INTERVAL:g} s)")

    server = Server(db, log)
    litestream = subprocess.Popen([str(LITESTREAM), "replicate", "-config", str(config)],
                                  stdout=litestream_log, stderr=litestream_log)
    wait_for(lambda: any(replica.rglob("*.ltx")), 30, "Litestream's first replica file")

    status, campaign = server.call("GET", "/api/campaigns/demo")
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == "understand")
    status, listing = server.call("GET", "/api/campaigns/demo/contributions?sort=new&limit=50")
    ideas = [item["id"] for item in listing["items"]]
    stop = threading.Event()
    writers = [Writer(server, question, ideas, stop, number) for number in range(WRITERS)]
    start_size = file_size(db)
    largest_wal = 0
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        largest_wal = max(largest_wal, file_size(data / "groundswell.sqlite-wal"))
        time.sleep(0.1)
    grown = file_size(db) - start_size

    # The disk dies: both processes at once, then every file beside the database.
    lost_at = time.monotonic()
    server.process.send_signal(signal.SIGKILL)
    litestream.send_signal(signal.SIGKILL)
    stop.set()
    server.process.wait()
    litestream.wait()
    for writer in writers:
        writer.join(timeout=30)
    shutil.rmtree(data)
    say(f"loss after {SECONDS:g} s of writes: server and Litestream killed, {data} deleted")

    problems = [f"writer {w.number}: {e}" for w in writers for e in w.errors]
    if grown <= 0:
        problems.append("the database file never grew: nobody checkpointed the WAL")
    say(f"checkpoints: by Litestream (the server runs with GROUNDSWELL_CHECKPOINTS=external); the file grew "
        f"{grown // 1024} KiB during the load, the WAL peaked at {largest_wal // 1024} KiB")

    restore_started = time.monotonic()
    data.mkdir()
    restore = subprocess.run([str(LITESTREAM), "restore", "-config", str(config), str(db)], capture_output=True, text=True)
    if restore.returncode != 0:
        raise SystemExit(f"drill: litestream restore failed: {restore.stderr.strip()[:2000]}")
    restored_at = time.monotonic()
    check = subprocess.run([str(BINARY), "check", "--db", str(db), "--migrations", str(ROOT / "Migrations")],
                           capture_output=True, text=True, env=dict(os.environ, **SERVER_ENV))
    checked_at = time.monotonic()
    if check.returncode != 0:
        problems.append(f"groundswell check failed: {(check.stdout + check.stderr).strip()[:2000]}")
    server = Server(db, log)
    wait_for(lambda: server.call("GET", "/healthz")[0] == 200, 60, "/healthz on the restored database")
    serving_at = time.monotonic()

    # Every acknowledged write, read back: (acknowledged at, present?).
    outcomes = []
    for writer in writers:
        if writer.token is None:
            continue
        status, mine = server.call("GET", "/api/me?campaign=demo", token=writer.token)
        joined = status == 200
        outcomes.append((writer.joined_at, joined, f"writer {writer.number}'s join"))
        held = {vote["contributionId"]: vote["value"] for vote in mine["votes"]} if joined else {}
        bodies = {item["id"]: item["body"] for item in mine["contributions"]} if joined else {}
        for at, idea, body in writer.posts:
            outcomes.append((at, bodies.get(idea) == body, f"writer {writer.number}'s post {idea}"))
        for idea, (at, value) in writer.votes.items():
            outcomes.append((at, held.get(idea) == value, f"writer {writer.number}'s vote on {idea}"))
    server.process.terminate()
    server.process.wait(timeout=30)

    lost = [(lost_at - at, what) for at, present, what in outcomes if not present]
    too_old = [(age, what) for age, what in lost if age > REPLICATION_INTERVAL]
    for age, what in sorted(too_old, reverse=True)[:20]:
        problems.append(f"lost {what}, acknowledged {age:.2f} s before the loss")
    rpo = max((age for age, _ in lost), default=0.0)
    say(f"acknowledged writes: {len(outcomes)}; present after the restore: {len(outcomes) - len(lost)}; "
        f"lost: {len(lost)}, all acknowledged in the last {rpo:.2f} s")
    say(f"RPO {rpo:.2f} s (oldest lost write's age at the loss; the bound checked is {REPLICATION_INTERVAL:g} s)")
    say(f"RTO {serving_at - restore_started:.2f} s (restore {restored_at - restore_started:.2f} s, "
        f"check {checked_at - restored_at:.2f} s, start until /healthz {serving_at - checked_at:.2f} s; "
        f"database {file_size(db) // 1024} KiB)")
    if problems:
        for problem in problems:
            say(f"FAILED: {problem}")
        say(f"logs and files kept in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    say("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Full disk: the database on a 3 MB tmpfs, posted to until writes fail.

Writes must then fail with 503 and the envelope code `unavailable`; nothing answered 201 may be
missing after a restart; once the tmpfs grows the same server process must accept writes again.
Needs root to mount (CI runs as root); elsewhere the test is skipped with the reason.
"""
import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile

import pytest

from conftest import RunningServer, require_binary, seed_demo

SMALL = "3m"
LARGE = "64m"
MAX_POSTS = 4000


def mount(*arguments):
    return subprocess.run(["mount", *arguments], capture_output=True, text=True)


@pytest.fixture
def small_disk():
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    directory = tempfile.mkdtemp(prefix="gs-full-disk-")
    disk = os.path.join(directory, "disk")
    os.mkdir(disk)
    mounted = mount("-t", "tmpfs", "-o", f"size={SMALL}", "tmpfs", disk)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    yield directory, disk
    # Keep the database for the whole-suite scan (conftest `suite_files`) before the tmpfs goes.
    for name in os.listdir(disk):
        shutil.copy(os.path.join(disk, name), os.path.join(directory, "kept-" + name))
    subprocess.run(["umount", "-l", disk], capture_output=True)


def post(server, token, question, body):
    return server.call("POST", "/api/campaigns/demo/contributions", {"questionId": question, "body": body}, token)


def test_full_disk_refuses_writes_then_recovers(small_disk):
    require_binary()
    directory, disk = small_disk
    seed = os.path.join(directory, "seed.sqlite")
    seed_demo(seed)
    # The server key goes with its database (a start without it is refused), with its mode 0600.
    for suffix in ("", "-wal", "-shm", ".key"):
        if os.path.exists(seed + suffix):
            shutil.copy(seed + suffix, os.path.join(disk, "groundswell.sqlite" + suffix))
    server = RunningServer(os.path.join(disk, "groundswell.sqlite"), log_path=os.path.join(directory, "server.log"))
    server.start()
    try:
        token = server.join()
        status, campaign = server.call("GET", "/api/campaigns/demo")
        question = next(q["id"] for q in campaign["questions"] if q["phase"] == "understand")

        acknowledged, refusal = [], None
        for number in range(MAX_POSTS):
            body = f"full disk {number} " + secrets.token_hex(1800)
            status, answer = post(server, token, question, body)
            if status == 201:
                acknowledged.append(body)
                continue
            refusal = (status, answer)
            break
        assert refusal is not None, f"{MAX_POSTS} posts of ~3.6 kB fitted on a {SMALL} disk"
        assert acknowledged, "not one post fitted before the disk was full"
        print(f"{len(acknowledged)} posts fitted before the refusal {refusal}")
        status, answer = refusal
        assert status == 503, f"a write on a full disk answered {status}: {answer}"
        assert answer["error"]["code"] == "unavailable"
        # Still full: a second attempt is refused the same way, and reads keep working.
        status, answer = post(server, token, question, "still full " + secrets.token_hex(1800))
        assert status == 503 and answer["error"]["code"] == "unavailable", f"{status}: {answer}"
        assert server.call("GET", "/api/campaigns/demo")[0] == 200

        grown = mount("-o", f"remount,size={LARGE}", disk)
        assert grown.returncode == 0, grown.stderr
        after = "after the disk grew " + secrets.token_hex(16)
        status, answer = post(server, token, question, after)
        assert status == 201, f"the same process must write again once space is free: {status} {answer}"
        acknowledged.append(after)

        server.stop()
        server.start()
        status, mine = server.call("GET", "/api/me?campaign=demo", token=token)
        assert status == 200
        server.stop()
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()
    database = sqlite3.connect(server.db)
    stored = {row[0] for row in database.execute("SELECT body FROM contributions")}
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    database.close()
    missing = [body[:20] for body in acknowledged if body not in stored]
    assert not missing, f"{len(missing)} acknowledged posts are gone after the restart: {missing[:5]}"
    problems = server.scan_log()
    assert not problems, f"{server.log_path} holds personal data or secrets: {problems}"

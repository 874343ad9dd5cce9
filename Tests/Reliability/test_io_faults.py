"""Injected I/O errors: an LD_PRELOAD shim makes the database's writes and syncs fail with EIO on demand.

The shim (support/fault_shim.c, compiled here with gcc, or clang) touches only the database file, its -wal and
its -journal, and only while a control file exists. Two kinds of fault, one after the other, on one
server process: every write call fails ("all"), then only fsync/fdatasync fail ("sync": the bytes
reach the WAL but COMMIT cannot make them durable). While faults are on, writes must answer 503 with
the envelope code `unavailable`, reads must keep working, and a refused post must not be visible;
once the control file is gone the same process must write again. After a restart every post that
was answered 201 must be there and `integrity_check` must pass.
"""
import os
import shutil
import sqlite3
import subprocess
import tempfile

import pytest

from conftest import RunningServer, require_binary, seed_demo

SHIM_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "support", "fault_shim.c")
UNAVAILABLE_MESSAGE = "The service is unavailable right now. Please try again shortly."
ATTEMPTS_PER_FAULT = 6


@pytest.fixture
def faulty_server():
    require_binary()
    compiler = shutil.which("gcc") or shutil.which("clang")
    if compiler is None:
        pytest.skip("gcc (or clang) is needed to build the fault-injection shim")
    directory = os.path.realpath(tempfile.mkdtemp(prefix="gs-io-faults-"))
    shim = os.path.join(directory, "fault_shim.so")
    subprocess.run([compiler, "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", shim, SHIM_SOURCE, "-ldl"],
                   check=True, capture_output=True, text=True)
    db = os.path.join(directory, "groundswell.sqlite")
    seed_demo(db)
    control = os.path.join(directory, "faults-on")
    running = RunningServer(db, env={"LD_PRELOAD": shim, "GS_FAULT_DB": db, "GS_FAULT_CONTROL": control})
    running.start()
    yield running, control
    if running.process.poll() is None:
        running.stop()
    problems = running.scan_log()
    assert not problems, f"{running.log_path} holds personal data or secrets: {problems}"


def post(server, token, question, body):
    return server.call("POST", "/api/campaigns/demo/contributions", {"questionId": question, "body": body}, token)


def injected(control):
    """How many calls the shim has failed so far."""
    try:
        return os.path.getsize(control + ".count")
    except FileNotFoundError:
        return 0


def test_io_errors_refuse_writes_keep_reads_and_recover(faulty_server):
    server, control = faulty_server
    token = server.join()
    status, campaign = server.call("GET", "/api/campaigns/demo")
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == "understand")
    status, listing = server.call("GET", "/api/campaigns/demo/contributions?sort=new&limit=5")
    idea = listing["items"][0]["id"]

    acknowledged, refused = [], {}
    for number in range(3):
        status, answer = post(server, token, question, f"before faults {number}")
        assert status == 201, f"{status} {answer}"
        acknowledged.append(answer["body"])

    for mode in ("all", "sync"):
        before = injected(control)
        with open(control, "w") as file:
            file.write(mode)
        for number in range(ATTEMPTS_PER_FAULT):
            body = f"during {mode} faults {number}"
            status, answer = post(server, token, question, body)
            assert status == 503, f"{mode}: a post under I/O errors answered {status}: {answer}"
            assert answer["error"] == {"code": "unavailable", "message": UNAVAILABLE_MESSAGE}, answer
            refused.setdefault(mode, []).append(body)
            status, answer = server.call("PUT", f"/api/contributions/{idea}/vote", {"value": 1}, token)
            assert status == 503 and answer["error"]["code"] == "unavailable", f"{mode}: vote answered {status}"
            # Reads go on, and see nothing of what was refused.
            status, mine = server.call("GET", "/api/me?campaign=demo", token=token)
            assert status == 200, f"{mode}: a read under I/O errors answered {status}"
            visible = {item["body"] for item in mine["contributions"]}
            assert body not in visible, f"{mode}: a refused post is visible"
            assert set(acknowledged) <= visible
            assert server.call("GET", "/healthz")[0] == 200
        assert injected(control) > before, f"{mode}: the shim injected no fault (is LD_PRELOAD honoured?)"

        os.remove(control)
        status, answer = post(server, token, question, f"after {mode} faults")
        assert status == 201, f"after {mode} faults the same process must write again: {status} {answer}"
        acknowledged.append(answer["body"])
        status, answer = server.call("PUT", f"/api/contributions/{idea}/vote", {"value": 1}, token)
        assert status == 200, f"after {mode} faults a vote answered {status}: {answer}"

    server.stop()
    server.start()
    status, mine = server.call("GET", "/api/me?campaign=demo", token=token)
    assert status == 200
    server.stop()
    database = sqlite3.connect(server.db)
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in database.execute("SELECT body FROM contributions")}
    database.close()
    missing = [body for body in acknowledged if body not in stored]
    assert not missing, f"acknowledged posts lost after I/O errors and a restart: {missing}"
    # A write refused while every write call failed never reached the file.
    ghosts = [body for body in refused["all"] if body in stored]
    assert not ghosts, f"posts refused under I/O errors appeared after the restart: {ghosts}"

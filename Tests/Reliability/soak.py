"""`make soak`: SOAK_SECONDS (default 600) of mixed traffic and hostile clients against the real server,
killed with SIGKILL and restarted every few seconds, ending with the crash-safety invariants.

Each round runs writers (ledger.Client: votes and posts), readers (listings, a campaign, one's own
page, a contribution) and hostile clients (slowloris, garbage bytes, oversized headers, pipelined
floods, connect-and-drop, resets mid-response, half-closed sockets) for 3–15 s, then SIGKILLs the
server and restarts it on the same file. After every restart /healthz must answer and every
acknowledged write must be there; at the end the database must pass integrity_check and
foreign_key_check with counters equal to the votes they count, and neither the database nor the
log may hold an address, a user agent or an e-mail. Not part of `make test`. Exit status 0 or 1.
"""
import os
import random
import shutil
import socket
import struct
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conftest import CANARY_AGENT, RunningServer, require_binary, seed_demo  # noqa: E402
from ledger import Client, Ledger, database_problems, run_seed  # noqa: E402
import suite_scan  # noqa: E402

WRITERS = 16
READERS = 4
HOSTILE = 6


def raw(port, payload, read=True, timeout=5):
    """Sends raw bytes on a fresh connection; returns the first response bytes (or b"")."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(payload)
        return sock.recv(65536) if read else b""


def hostile_round(port, rng, stop):
    """One hostile client until `stop`: each turn picks an attack; refusals and resets are expected."""
    while not stop.is_set():
        attack = rng.choice(["slowloris", "garbage", "huge-header", "pipeline", "drop", "reset", "half-close"])
        attacks[attack] = attacks.get(attack, 0) + 1  # a tally for the summary; a lost update does not matter
        try:
            if attack == "slowloris":
                with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                    for byte in b"GET /healthz HTTP/1.1\r\nHost: soak\r\n":
                        if stop.is_set():
                            break
                        sock.sendall(bytes([byte]))
                        time.sleep(0.5)
            elif attack == "garbage":
                raw(port, bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 2048))))
            elif attack == "huge-header":
                answer = raw(port, b"GET / HTTP/1.1\r\nHost: soak\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
                if answer and not answer.startswith((b"HTTP/1.1 431", b"HTTP/1.1 400")):
                    hostile_findings.append(f"oversized header answered {answer[:20]!r}")
            elif attack == "pipeline":
                raw(port, b"GET /healthz HTTP/1.1\r\nHost: soak\r\n\r\n" * 200)
            elif attack == "drop":
                for _ in range(50):
                    socket.create_connection(("127.0.0.1", port), timeout=5).close()
            elif attack == "reset":
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                sock.sendall(b"GET /js/console.js HTTP/1.1\r\nHost: soak\r\n\r\n" * 10)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()
            elif attack == "half-close":
                with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: soak\r\n\r\n")
                    sock.shutdown(socket.SHUT_WR)
                    answer = sock.recv(4096)
                    if answer and not answer.startswith(b"HTTP/1.1 200"):
                        hostile_findings.append(f"half-closed request answered {answer[:20]!r}")
        except OSError:
            time.sleep(0.05)  # the server may be down between a kill and its restart


hostile_findings = []
attacks = {}  # attack name -> times tried, for the summary


def reader(server, token, ideas, stop, errors, seed):
    rng = random.Random(seed)
    paths = ["/api/campaigns", "/api/campaigns/demo", "/api/campaigns/demo/contributions?sort=top&limit=20",
             "/api/campaigns/demo/contributions?sort=new", "/api/me?campaign=demo", "/healthz"]
    while not stop.is_set():
        path = rng.choice(paths + [f"/api/contributions/{rng.choice(ideas)}"])
        try:
            status, answer = server.call("GET", path, token=token)
        except OSError:
            time.sleep(0.05)
            continue
        if status >= 500:
            errors.append(f"GET {path} answered {status}: {answer}")


def main():
    require_binary()
    seconds = float(os.environ.get("SOAK_SECONDS", "600"))
    directory = tempfile.mkdtemp(prefix="gs-soak-")
    db = os.path.join(directory, "groundswell.sqlite")
    seed_demo(db)
    server = RunningServer(db)
    server.start()
    status, campaign = server.call("GET", "/api/campaigns/demo")
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == "understand")
    status, listing = server.call("GET", "/api/campaigns/demo/contributions?sort=new&limit=50")
    ideas = [item["id"] for item in listing["items"]]
    tokens = [server.join() for _ in range(WRITERS)]
    reader_token = server.join()

    rng = random.Random(run_seed("soak"))
    ledger = Ledger()
    problems, read_errors = [], []
    rounds = acknowledged = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not problems:
        stop = threading.Event()
        writers = [Client(server, token, ideas, question, stop, rng.getrandbits(64)) for token in tokens]
        threads = writers + [threading.Thread(target=reader, args=(server, reader_token, ideas, stop, read_errors,
                                                                   rng.getrandbits(64)), daemon=True)
                             for _ in range(READERS)]
        threads += [threading.Thread(target=hostile_round, args=(server.port, random.Random(rng.getrandbits(64)), stop),
                                     daemon=True)
                    for _ in range(HOSTILE)]
        for thread in threads:
            thread.start()
        time.sleep(min(rng.uniform(3, 15), max(0.5, deadline - time.monotonic())))
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
        rounds += 1
        acknowledged += sum(len(w.acked_votes) + len(w.acked_posts) for w in writers)
        problems += [f"write answered {status}: {answer}" for w in writers for status, answer in w.server_errors]
        ledger.record(writers)
        server.start()
        if server.call("GET", "/healthz")[0] != 200:
            problems.append(f"round {rounds}: /healthz failed after the restart")
        problems += [f"round {rounds}: {problem}" for problem in ledger.missing(server, tokens)]
        print(f"round {rounds}: {acknowledged} writes acknowledged so far, "
              f"{max(0, deadline - time.monotonic()):.0f} s left", flush=True)

    server.stop()
    problems += read_errors[:20] + hostile_findings[:20]
    problems += database_problems(db)
    problems += [f"log: {problem}" for problem in server.scan_log()]
    problems += [f"{path}: {found}" for path, found in suite_scan.scan(directory).items()]
    print(f"soak: {rounds} SIGKILL rounds in {seconds:.0f} s, {acknowledged} acknowledged writes checked; "
          f"hostile clients: {dict(sorted(attacks.items()))}")
    if problems:
        print("SOAK FAILED:\n  " + "\n  ".join(problems[:50]))
        print(f"files kept in {directory}")
        return 1
    print("soak passed: nothing acknowledged was lost; integrity, foreign keys, counters and privacy hold")
    shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

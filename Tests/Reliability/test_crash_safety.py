"""Crash safety: kill the real server with SIGKILL under load, restart it, and find every acknowledged write.

Many clients join, vote (changing their votes) and post. Each client stops at its first request
without an answer, so per client there is at most one write in doubt: it may or may not have landed.
After each kill the server is restarted on the same file and everything acknowledged must be there,
every contribution's up/down counters must equal the votes they count, and integrity_check must pass.
The bookkeeping lives in ledger.py, shared with the soak (`make soak`).
"""
import random
import threading
import time

from ledger import Client, Ledger, database_problems, run_seed

CLIENTS = 24
ROUNDS = 4


def test_acknowledged_writes_survive_sigkill(server):
    status, campaign = server.call("GET", "/api/campaigns/demo")
    assert status == 200
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == "understand")
    status, listing = server.call("GET", "/api/campaigns/demo/contributions?sort=new&limit=50")
    ideas = [item["id"] for item in listing["items"]]
    tokens = [server.join() for _ in range(CLIENTS)]

    seed = run_seed("test_acknowledged_writes_survive_sigkill")
    rng = random.Random(seed)
    ledger = Ledger()
    for round_number in range(ROUNDS):
        stop = threading.Event()
        clients = [Client(server, token, ideas, question, stop, rng.getrandbits(64)) for token in tokens]
        for client in clients:
            client.start()
        time.sleep(rng.uniform(0.3, 1.2))
        # On a loaded machine the first answers can come after the pause: kill once one write was
        # acknowledged (a kill before any says nothing), waiting at most 30 s for it.
        deadline = time.monotonic() + 30
        while not any(client.acked_votes for client in clients) and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill()
        stop.set()
        for client in clients:
            client.join(timeout=15)
        assert sum(len(client.acked_votes) for client in clients) > 0, "no write was acknowledged before the kill"
        assert not [error for client in clients for error in client.server_errors], "a write answered 5xx"
        ledger.record(clients)
        server.start()
        missing = ledger.missing(server, tokens)
        assert not missing, f"seed {seed} round {round_number}: {missing[:10]}"

    server.stop()
    problems = database_problems(server.db)
    assert not problems, problems

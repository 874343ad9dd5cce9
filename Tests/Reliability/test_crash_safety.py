"""Crash safety: kill the real server with SIGKILL under load, restart it, and find every acknowledged write.

Many clients join, vote (changing their votes) and post. Each client stops at its first request
without an answer, so per client there is at most one write in doubt: it may or may not have landed.
After each kill the server is restarted on the same file and everything acknowledged must be there,
every contribution's up/down counters must equal the votes they count, and integrity_check must pass.
"""
import random
import sqlite3
import threading
import time

CLIENTS = 24
ROUNDS = 4


class Client(threading.Thread):
    def __init__(self, server, token, ideas, question, stop):
        super().__init__(daemon=True)
        self.server, self.token, self.ideas, self.question, self.stop = server, token, ideas, question, stop
        self.acked_votes = {}      # contribution id -> last acknowledged value
        self.in_doubt_vote = None  # (contribution id, value) of the request that got no answer
        self.acked_posts = []      # bodies of acknowledged contributions
        self.in_doubt_post = None
        self.rng = random.Random()

    def run(self):
        while not self.stop.is_set():
            if self.rng.random() < 0.15:
                body = f"crash-safety post {self.rng.getrandbits(64):016x}"
                try:
                    status, answer = self.server.call("POST", "/api/campaigns/demo/contributions",
                                          {"questionId": self.question, "body": body}, self.token)
                except OSError:
                    self.in_doubt_post = body
                    return
                if status == 201:
                    self.acked_posts.append(body)
            else:
                idea = self.rng.choice(self.ideas)
                value = self.rng.choice([1, -1, 0])
                try:
                    status, answer = self.server.call("PUT", f"/api/contributions/{idea}/vote", {"value": value}, self.token)
                except OSError:
                    self.in_doubt_vote = (idea, value)
                    return
                if status == 200:
                    self.acked_votes[idea] = value


def test_acknowledged_writes_survive_sigkill(server):
    status, campaign = server.call("GET", "/api/campaigns/demo")
    assert status == 200
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == "understand")
    status, listing = server.call("GET", "/api/campaigns/demo/contributions?sort=new&limit=50")
    ideas = [item["id"] for item in listing["items"]]
    tokens = []
    for _ in range(CLIENTS):
        status, joined = server.call("POST", "/api/campaigns/demo/join", {})
        assert status == 201
        tokens.append(joined["token"])
    server.secrets.extend(tokens)

    rng = random.Random()
    expected_votes = {}   # (token, idea) -> set of values the database may hold
    expected_posts = {}   # token -> (bodies that must exist, body that may exist)
    for round_number in range(ROUNDS):
        stop = threading.Event()
        clients = [Client(server, token, ideas, question, stop) for token in tokens]
        for client in clients:
            client.start()
        time.sleep(rng.uniform(0.3, 1.2))
        server.kill()
        stop.set()
        for client in clients:
            client.join(timeout=15)
        assert sum(len(client.acked_votes) for client in clients) > 0, "no write was acknowledged before the kill"
        for client in clients:
            for idea, value in client.acked_votes.items():
                expected_votes[(client.token, idea)] = {value}
            if client.in_doubt_vote:
                idea, value = client.in_doubt_vote
                expected_votes.setdefault((client.token, idea), {0}).add(value)
            must, _ = expected_posts.get(client.token, ([], None))
            expected_posts[client.token] = (must + client.acked_posts, client.in_doubt_post)
        server.start()

        for token in tokens:
            status, mine = server.call("GET", "/api/me?campaign=demo", token=token)
            assert status == 200
            held = {vote["contributionId"]: vote["value"] for vote in mine["votes"]}
            for (owner, idea), allowed in expected_votes.items():
                if owner == token:
                    assert held.get(idea, 0) in allowed, f"round {round_number}: vote on {idea} lost"
            bodies = {item["body"] for item in mine["contributions"]}
            must, _ = expected_posts.get(token, ([], None))
            missing = [body for body in must if body not in bodies]
            assert not missing, f"round {round_number}: acknowledged posts lost: {missing}"

    server.stop()
    database = sqlite3.connect(server.db)
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    drift = database.execute("""
        SELECT c.id FROM contributions c
        WHERE c.up != (SELECT count(*) FROM votes v WHERE v.contribution_id = c.id AND v.value = 1)
           OR c.down != (SELECT count(*) FROM votes v WHERE v.contribution_id = c.id AND v.value = -1)
    """).fetchall()
    assert drift == [], f"counters differ from the votes they count: {drift}"

"""What the crash-safety test and the soak remember about acknowledged writes, and how they check them.

`Client` is one contributor voting and posting until its first request without an answer; `Ledger`
gathers what each round's clients were told and checks, after a restart, that every acknowledged
write is there; `database_problems` runs the file-level invariants once the server has stopped.
`run_seed` is the seed a run's choices come from (`GROUNDSWELL_TEST_SEED` replays one).
"""
import os
import random
import sqlite3
import threading


def run_seed(name):
    """The seed for this run's random choices: `GROUNDSWELL_TEST_SEED` when set, else a fresh one;
    printed, so a failing run can be replayed (thread timing aside)."""
    seed = int(os.environ.get("GROUNDSWELL_TEST_SEED") or random.SystemRandom().randrange(2**32))
    print(f"{name}: GROUNDSWELL_TEST_SEED={seed}", flush=True)
    return seed


class Client(threading.Thread):
    """Votes (changing its mind) and posts until `stop` is set or a request gets no answer."""

    def __init__(self, server, token, ideas, question, stop, seed):
        super().__init__(daemon=True)
        self.server, self.token, self.ideas, self.question, self.stop = server, token, ideas, question, stop
        self.acked_votes = {}      # contribution id -> last acknowledged value
        self.in_doubt_vote = None  # (contribution id, value) of the request that got no answer
        self.acked_posts = []      # bodies of acknowledged contributions
        self.in_doubt_post = None
        self.server_errors = []    # any 5xx answer: never expected
        self.rng = random.Random(seed)

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
            if status >= 500:
                self.server_errors.append((status, answer))


class Ledger:
    """Every acknowledged write of every round, and the at most one write per client in doubt."""

    def __init__(self):
        self.votes = {}  # (token, idea) -> set of values the database may hold
        self.posts = {}  # token -> bodies that must exist

    def record(self, clients):
        for client in clients:
            for idea, value in client.acked_votes.items():
                self.votes[(client.token, idea)] = {value}
            if client.in_doubt_vote:
                idea, value = client.in_doubt_vote
                self.votes.setdefault((client.token, idea), {0}).add(value)
            self.posts[client.token] = self.posts.get(client.token, []) + client.acked_posts

    def missing(self, server, tokens):
        """What the restarted server no longer shows: a list of descriptions, empty when all is there."""
        problems = []
        for token in tokens:
            status, mine = server.call("GET", "/api/me?campaign=demo", token=token)
            if status != 200:
                problems.append(f"/api/me answered {status}")
                continue
            held = {vote["contributionId"]: vote["value"] for vote in mine["votes"]}
            for (owner, idea), allowed in self.votes.items():
                if owner == token and held.get(idea, 0) not in allowed:
                    problems.append(f"vote on {idea} is {held.get(idea, 0)}, expected one of {sorted(allowed)}")
            bodies = {item["body"] for item in mine["contributions"]}
            problems.extend(f"acknowledged post lost: {body}" for body in self.posts.get(token, []) if body not in bodies)
        return problems


def database_problems(path):
    """integrity_check, foreign_key_check and vote counters of a database no server has open."""
    database = sqlite3.connect(path)
    try:
        problems = []
        integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        foreign = database.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
        drift = database.execute("""
            SELECT c.id FROM contributions c
            WHERE c.up != (SELECT count(*) FROM votes v WHERE v.contribution_id = c.id AND v.value = 1)
               OR c.down != (SELECT count(*) FROM votes v WHERE v.contribution_id = c.id AND v.value = -1)
        """).fetchall()
        if drift:
            problems.append(f"counters differ from the votes they count: {drift[:10]}")
        return problems
    finally:
        database.close()

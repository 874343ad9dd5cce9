"""The coding queue at 7,500–10,000 items (issue 20): how long an analyst waits for a page of work, and how long a
page of codes takes to save, with two teams of two coding at once. Not part of `make test` (no timed tests);
`make bench` runs it after the load benchmarks, or run it alone against the release binary:

    swift build -c release --product groundswell
    python3 Benchmarks/coding_queue.py [ITEMS]        # 10,000 by default; BENCH_PAGES pages per analyst (25)

It seeds `groundswell seed --size change-challenge` (7,524 Understand contributions, 21 themes), tops the round up
to ITEMS with copies of those texts, forms teams A and B of two analysts each through the API, then has the four
analysts each ask for a page (`GET /coding/queue`, which claims it) and save it (`POST /coding/codes`) in turn,
BENCH_PAGES times, on loopback. It prints the percentiles of both and checks that no two analysts of a team were
ever handed the same item.
"""
import http.client
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "Support"))
import launcher  # noqa: E402

SLUG = "cc"
ITEMS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
PAGES = int(os.environ.get("BENCH_PAGES", "25"))


def call(port, token, method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    started = time.perf_counter()
    connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:300]!r}")
    return elapsed, json.loads(data)


def top_up(db, items):
    """Copies Understand contributions until the round holds `items` (the seed writes 7,524)."""
    connection = sqlite3.connect(db)
    campaign, = connection.execute("SELECT id FROM campaigns WHERE slug = ?", (SLUG,)).fetchone()
    have, = connection.execute(
        "SELECT count(*) FROM contributions WHERE campaign_id = ? AND phase = 'understand'", (campaign,)).fetchone()
    columns = [row[1] for row in connection.execute("PRAGMA table_info(contributions)") if row[1] != "id"]
    names = ", ".join(columns)
    while have < items:
        batch = min(items - have, have)
        connection.execute(
            f"INSERT INTO contributions ({names}) SELECT {names} FROM contributions "
            f"WHERE campaign_id = ? AND phase = 'understand' ORDER BY id LIMIT ?", (campaign, batch))
        have += batch
    connection.commit()
    connection.close()
    return have


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return f"p50 {pick(0.5):.1f} ms, p95 {pick(0.95):.1f} ms, p99 {pick(0.99):.1f} ms, max {ordered[-1] * 1000:.1f} ms"


def main():
    program = launcher.binary("release")
    work = tempfile.mkdtemp(prefix="gs-coding-bench-")
    db = os.path.join(work, "cc.sqlite")
    env = {**os.environ, "GROUNDSWELL_SYNCHRONOUS": "normal"}
    launcher.cli(program, "seed", "--db", db, "--migrations", launcher.MIGRATIONS, "--size", "change-challenge",
                 "--slug", SLUG, env=env)
    total = top_up(db, ITEMS)
    admin, _ = launcher.add_staff(program, db, "bench-admin", "admin")
    tokens = {name: launcher.add_staff(program, db, name, "analyst")[0] for name in ["ana", "al", "ben", "bo"]}
    server = launcher.Launched(program, db).start()
    try:
        port = server.port
        _, staff = call(port, admin, "GET", "/admin/staff")
        ids = {s["name"]: s["id"] for s in staff["items"]}
        for team, members in [("A", ["ana", "al"]), ("B", ["ben", "bo"])]:
            call(port, admin, "PUT", f"/admin/campaigns/{SLUG}/coding/teams",
                 {"name": team, "members": [ids[m] for m in members]})
        call(port, admin, "PUT", f"/admin/campaigns/{SLUG}/coding/settings", {"teamsPerItem": 2})
        _, codebook = call(port, admin, "GET", f"/admin/campaigns/{SLUG}/themes")
        themes = [t["id"] for t in codebook["themes"]]
        queue_times, save_times = [], []
        handed = {"A": set(), "B": set()}
        team_of = {"ana": "A", "al": "A", "ben": "B", "bo": "B"}
        for page in range(PAGES):
            for name, token in tokens.items():
                seconds, answer = call(port, token, "GET", f"/admin/campaigns/{SLUG}/coding/queue")
                queue_times.append(seconds)
                items = [item["id"] for item in answer["items"]]
                overlap = handed[team_of[name]] & set(items)
                if overlap:
                    sys.exit(f"{name} was handed {len(overlap)} items a teammate had: claims failed")
                handed[team_of[name]].update(items)
                codes = [{"contributionId": item, "themes": [themes[(item + page) % len(themes)]],
                          "notRelevant": False} for item in items]
                seconds, saved = call(port, token, "POST", f"/admin/campaigns/{SLUG}/coding/codes", {"items": codes})
                save_times.append(seconds)
                if saved["done"] != len(items):
                    sys.exit(f"{name}: {saved['done']} of {len(items)} saved: {saved['skipped'][:3]}")
        print(f"{total} items in the round, two teams of two, {PAGES} pages of 50 each")
        print(f"GET  coding/queue (claims a page): {len(queue_times)} requests, {percentiles(queue_times)}")
        print(f"POST coding/codes (saves a page):  {len(save_times)} requests, {percentiles(save_times)}")
        print(f"median queue {statistics.median(queue_times) * 1000:.1f} ms")
    finally:
        server.stop()


if __name__ == "__main__":
    main()

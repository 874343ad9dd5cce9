"""The analysis aids' workload of `make bench` (issue 24): the machine coder trained, measured and suggesting for
a campaign of the Change Challenge's size (7,524 contributions, 21 themes), and candidate themes drafted from it.

Each case seeds `groundswell seed --size change-challenge --coded-sample N` (two seeded teams code the first N
contributions blind, disputes reconciled) and starts a fresh server on it, so every figure is a cold start:
  - measure: GET /coding/machine — the corpus built from 7,524 texts, five coders trained for the 5-fold
    cross-validation and one on every settled code, the agreement report;
  - suggest: PUT /coding/machine/settings {enabled: true} — every item no team coded gets the machine's code
    (suggested and written in one transaction), with the coder from the measure step;
  - candidates: GET /coding/candidates — near-duplicates, spherical k-means (24 groups, 4 restarts), words and quotes.
Time is the request's wall time on loopback; memory the server's peak RSS during it (VmHWM reset before each).
"""
import http.client
import json
import os
import subprocess
import sys
import time

from bench_processes import Server
from bench_report import Row

SLUG = "bench-cc"
SIZE = "change-challenge"
# The coded samples: the method's usual case (teams code a fifth, the machine the rest) and all of it settled.
SAMPLES = [int(n) for n in os.environ.get("BENCH_ANALYSIS_SAMPLES", "1500 7524").split()]


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def seed(binary, root, work, sample):
    db = os.path.join(work, f"{SIZE}-{sample}.sqlite")
    started = time.monotonic()
    result = subprocess.run(
        [binary, "seed", "--db", db, "--migrations", os.path.join(root, "Migrations"), "--size", SIZE,
         "--slug", SLUG, "--coded-sample", str(sample)],
        capture_output=True, text=True, env={**os.environ, "GROUNDSWELL_SYNCHRONOUS": "normal"})
    if result.returncode != 0:
        sys.exit(f"seed failed:\n{result.stderr}")
    summary = result.stdout.strip()
    log(summary)
    token = subprocess.run(
        [binary, "staff", "add", "bench-analyst", "--role", "admin", "--db", db, "--migrations",
         os.path.join(root, "Migrations")], capture_output=True, text=True).stdout.strip().splitlines()[-1].strip()
    info = {"seconds": round(time.monotonic() - started, 1), "bytes": os.path.getsize(db), "summary": summary}
    return db, token, info


def timed(server, token, method, path, body=None):
    """(seconds, status, parsed answer, peak RSS MB) of one request on a fresh connection."""
    server.reset_peak()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=1800)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    started = time.monotonic()
    connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = connection.getresponse()
    text = response.read()
    seconds = time.monotonic() - started
    connection.close()
    try:
        answer = json.loads(text)
    except ValueError:
        answer = {}
    return seconds, response.status, answer, server.peak_rss()


def row(name, seconds, status, rss, note):
    result = Row(SIZE, name, "groundswell", 1, None, rss)
    result.seconds = seconds
    result.note = f"{seconds:.2f} s; " + (note if status == 200 else f"**answered {status}**")
    return result


def run(report, binary, root, work, public):
    for sample in SAMPLES:
        db, token, info = seed(binary, root, work, sample)
        report.seeds[f"{SIZE}, {sample} coded"] = info
        base = f"/admin/campaigns/{SLUG}/coding"
        with Server(binary, root, db, public) as server:
            before = server.current_rss()
            log(f"{SIZE}: machine coder, {sample} settled")
            seconds, status, answer, rss = timed(server, token, "GET", f"{base}/machine")
            report.rows.append(row(
                f"machine coder: train and measure, {answer.get('heldOut', sample)} settled", seconds, status, rss,
                f"5-fold cross-validation + final training; kappa {answer.get('kappa', 0):.2f}, alpha "
                f"{answer.get('alpha', 0):.2f} on {answer.get('heldOut')} held-out items; RSS {before:.0f} MB before"))
            eligible = answer.get("eligible", 0)
            if eligible:
                seconds, status, answer, rss = timed(server, token, "PUT", f"{base}/machine/settings", {"enabled": True})
                report.rows.append(row(
                    f"machine coder: suggest and code {eligible:,} items", seconds, status, rss,
                    f"{answer.get('coded', 0):,} machine codes written"))
            if sample == SAMPLES[0]:
                log(f"{SIZE}: candidate themes")
                seconds, status, answer, rss = timed(server, token, "GET", f"{base}/candidates")
                report.rows.append(row(
                    "candidate themes: first draft of 7,524", seconds, status, rss,
                    f"{len(answer.get('items', []))} candidates, {answer.get('uncovered', '?')} uncovered"))
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)

#!/usr/bin/env python3
"""One workload against one binary, for before/after comparisons while optimising (not part of `make bench`).

  python3 Benchmarks/one.py BINARY SIZE WORKLOAD [--duration S] [--env NAME=VALUE] [--perf FILE]

WORKLOAD is top50, random50, votes or posts. The seed in .build/bench/ is copied to a temp dir first,
so writes never touch the cache. With --perf, `perf record -g` samples the server during the run.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_processes import Server, run_wrk  # noqa: E402
from run import CACHE, ROOT, SLUG, campaign_ids  # noqa: E402

WORKLOADS = {
    "top50": ("plain.lua", f"/api/campaigns/{SLUG}/contributions?sort=top&limit=50"),
    "random50": ("random.lua", "/healthz"),
    "votes": ("vote.lua", "/healthz"),
    "posts": ("post.lua", "/healthz"),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("size")
    parser.add_argument("workload", choices=WORKLOADS)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--perf")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="groundswell-one-")
    db = os.path.join(work, f"{args.size}.sqlite")
    shutil.copyfile(os.path.join(CACHE, f"{args.size}.sqlite"), db)
    env = {"BENCH_TOKENS": os.path.join(CACHE, f"{args.size}.tokens"), "BENCH_SLUG": SLUG, **campaign_ids(db)}
    server_env = dict(item.split("=", 1) for item in args.env)
    script, path = WORKLOADS[args.workload]
    try:
        with Server(os.path.abspath(args.binary), ROOT, db, os.path.join(ROOT, "Public"), server_env) as server:
            perf = None
            if args.perf:
                perf = subprocess.Popen(["perf", "record", "-g", "-o", args.perf, "-p", str(server.pid)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            result = run_wrk(server.url(path), args.connections, args.duration, script, env)
            if perf:
                perf.send_signal(2)
                perf.wait()
            result["peak_rss_mb"] = round(server.peak_rss(), 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({key: (round(value) if key == "rps" else value) for key, value in result.items()}))


if __name__ == "__main__":
    main()

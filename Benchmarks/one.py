#!/usr/bin/env python3
"""One workload against one binary, for before/after comparisons while optimising (not part of `make bench`).

  python3 Benchmarks/one.py BINARY SIZE WORKLOAD [--duration S] [--env NAME=VALUE] [--perf FILE]

WORKLOAD is healthz, static (the ~30 KB script with gzip; --nginx measures nginx instead), top50, random50, votes, posts, mixed (with --sse N event streams held open) or launch (joins and first reads). The seed in .build/bench/ is copied to a temp dir first,
so writes never touch the cache. With --perf, `perf record -g` samples the server's core during the run
(filter with `perf report --pid` and the printed server_pid); --attach runs any
command beside it (e.g. "strace -c -f -e trace=fdatasync -p {pid}").
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contextlib

from bench_processes import SERVER_CPU, Holder, Nginx, Server, run_wrk  # noqa: E402
from run import CACHE, ROOT, SLUG, campaign_ids, static_dir  # noqa: E402

WORKLOADS = {
    "healthz": ("plain.lua", "/healthz"),
    "static": ("plain.lua", None),
    "top50": ("plain.lua", f"/api/campaigns/{SLUG}/contributions?sort=top&limit=50"),
    "random50": ("random.lua", "/healthz"),
    "votes": ("vote.lua", "/healthz"),
    "posts": ("post.lua", "/healthz"),
    "mixed": ("mixed.lua", "/healthz"),
    # Raise the join ceiling with --env GROUNDSWELL_JOIN_CEILING=1000000, as run.py does.
    "launch": ("launch.lua", "/healthz"),
}


def cpu_seconds(pid):
    """User + system CPU time the process has used (all threads), from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("size")
    parser.add_argument("workload", choices=WORKLOADS)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--sse", type=int, default=0, help="event streams held open during the run")
    parser.add_argument("--perf")
    parser.add_argument("--nginx", action="store_true", help="serve healthz/static from nginx instead")
    parser.add_argument("--attach", help="a command run beside the load, {pid} = the server's; stopped with SIGINT")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="groundswell-one-")
    db = os.path.join(work, f"{args.size}.sqlite")
    shutil.copyfile(os.path.join(CACHE, f"{args.size}.sqlite"), db)
    # The server key the seed was made with (its device tokens are keyed with it), mode 0600.
    shutil.copyfile(os.path.join(CACHE, f"{args.size}.sqlite.key"), db + ".key")
    os.chmod(db + ".key", 0o600)
    os.sync()  # the copy's write-back would otherwise slow every fsync of the run
    env = {"BENCH_TOKENS": os.path.join(CACHE, f"{args.size}.tokens"), "BENCH_SLUG": SLUG, **campaign_ids(db)}
    server_env = dict(item.split("=", 1) for item in args.env)
    script, path = WORKLOADS[args.workload]
    public = os.path.join(ROOT, "Public")
    if args.workload == "static":
        public, path, _ = static_dir(work)
        env["BENCH_HEADER"] = "Accept-Encoding: gzip"
    served = Nginx(work, public) if args.nginx else Server(os.path.abspath(args.binary), ROOT, db, public, server_env)
    try:
        with served as server:
            perf = None
            if args.perf:
                # The whole server core: `-p` would miss the worker threads started after it attached.
                perf = subprocess.Popen(["perf", "record", "-g", "-o", args.perf, "-C", SERVER_CPU],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elif args.attach:
                perf = subprocess.Popen("exec " + args.attach.format(pid=server.pid), shell=True)
            holder = Holder("sse", server.port, args.sse) if args.sse else contextlib.nullcontext()
            with holder as streams:
                cpu_before = cpu_seconds(server.pid)
                result = run_wrk(server.url(path), args.connections, args.duration, script, env)
                cpu = cpu_seconds(server.pid) - cpu_before
            if args.sse:
                result["events_received"] = streams.events
            # CPU per request is steadier than req/s on a shared machine: others' load steals the core.
            result["server_cpu_s"] = round(cpu, 2)
            result["cpu_us_per_request"] = round(cpu * 1e6 / max(result["requests"], 1), 1)
            if perf:
                perf.send_signal(2)
                perf.wait()
            result["peak_rss_mb"] = round(server.peak_rss(), 1)
            result["server_pid"] = server.pid
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({key: (round(value) if key == "rps" else value) for key, value in result.items()}))


if __name__ == "__main__":
    main()

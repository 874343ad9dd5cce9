"""The processes of a benchmark run: the server under test, nginx, wrk and the connection holders.

The server (Groundswell or nginx) runs on SERVER_CPU, every load generator on CLIENT_CPU.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "Tests", "Support"))
import launcher  # noqa: E402

SERVER_CPU = os.environ.get("BENCH_SERVER_CPU", "0")
CLIENT_CPU = os.environ.get("BENCH_CLIENT_CPU", "1")


def status_mb(pid, field):
    """A kB field of /proc/PID/status (`VmHWM`, `VmRSS`) in MB; 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb(pid):
    """VmHWM of `pid`: the most resident memory since start or the last `reset_peak`, in MB."""
    return status_mb(pid, "VmHWM")


def current_rss_mb(pid):
    """VmRSS of `pid` now, in MB."""
    return status_mb(pid, "VmRSS")


def reset_peak(pid):
    """Writing 5 to clear_refs resets VmHWM to the current RSS (proc(5))."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as file:
            file.write("5")
    except OSError:
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServedProcess:
    """What the server under test and nginx share: a pinned process serving loopback `port`, measured
    through /proc, stopped with `stop_signal` and killed if it has not exited after `stop_timeout` seconds."""

    stop_signal = signal.SIGTERM
    stop_timeout = 30

    def __exit__(self, *exc):
        self.process.send_signal(self.stop_signal)
        try:
            self.process.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def reset_peak(self):
        reset_peak(self.pid)

    def peak_rss(self):
        return peak_rss_mb(self.pid)

    def current_rss(self):
        return current_rss_mb(self.pid)


class Server(ServedProcess):
    """`groundswell serve` (`launcher.Launched`) on a free port, pinned, with the server's defaults but for the
    ones `env` names. The launcher turns rate limits off unless `env` says `GROUNDSWELL_RATE_LIMITS=on`: the
    load comes from one address, and the per-address shares (votes, streams, joins) would refuse it. The
    access log stays on, as shipped (issue 26). `root` is the repository whose migrations it runs."""

    def __init__(self, binary, root, db, public, env=None):
        assert os.path.samefile(root, launcher.ROOT), "the launcher serves its own repository's migrations"
        self.stderr = tempfile.TemporaryFile()
        self.launched = launcher.Launched(
            binary, db, public=public, prefix=["taskset", "-c", SERVER_CPU], stderr=self.stderr,
            env={"GROUNDSWELL_MAX_SUBSCRIBERS": "20000", **(env or {})})

    def __enter__(self):
        try:
            self.launched.start()
        except RuntimeError as error:
            self.stderr.seek(0)
            sys.exit(f"server did not start: {error} {self.stderr.read().decode(errors='replace')[-2000:]}")
        self.process = self.launched.process
        self.port = self.launched.port
        self.pid = self.process.pid
        return self


class Nginx(ServedProcess):
    """nginx from the Debian package, one process (master_process off), config in a temp dir."""

    stop_signal = signal.SIGQUIT  # graceful: finish what is in flight
    stop_timeout = 10

    def __init__(self, work, public):
        self.dir = os.path.join(work, "nginx")
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        with open(os.path.join(HERE, "nginx.conf.template")) as template:
            text = template.read().format(port=self.port, root=public, tmp=self.dir)
        self.conf = os.path.join(self.dir, "nginx.conf")
        with open(self.conf, "w") as file:
            file.write(text)

    def __enter__(self):
        self.process = subprocess.Popen(
            ["taskset", "-c", SERVER_CPU, "nginx", "-c", self.conf, "-p", self.dir, "-e", os.path.join(self.dir, "error.log")])
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        self.pid = self.process.pid
        return self


class Holder:
    """Benchmarks/holders.py keeping `count` connections open (event streams or idle keep-alive)."""

    def __init__(self, mode, port, count):
        self.command = ["taskset", "-c", CLIENT_CPU, sys.executable, os.path.join(HERE, "holders.py"), mode,
                        "--port", str(port), "--count", str(count)]
        self.ready = 0
        self.events = 0

    def __enter__(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split()
        self.ready = int(line[1]) if len(line) > 1 else 0
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            out, _ = self.process.communicate(timeout=30)
            fields = out.split()
            if len(fields) >= 4 and fields[0] == "done":
                self.events = int(fields[3])
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_wrk(url, connections, duration, script, env):
    """One wrk run (one thread, pinned): the JSON summary `common.lua` prints, plus req/s."""
    # wrk takes one script: the shared part first, then post.lua's helpers for the mixed load.
    parts = ["common.lua"] + (["post.lua"] if script == "mixed.lua" else []) + [script]
    text = ""
    for part in parts:
        with open(os.path.join(HERE, "wrk", part)) as file:
            text += file.read() + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(text)
    try:
        result = subprocess.run(
            ["taskset", "-c", CLIENT_CPU, "wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
             "-s", lua.name, url],
            capture_output=True, text=True, env={**os.environ, **env}, timeout=duration + 120)
    finally:
        os.remove(lua.name)
    for line in result.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            summary = json.loads(line[len("BENCHJSON "):])
            summary["rps"] = summary["requests"] / max(summary["duration_us"] / 1e6, 1e-6)
            summary["errors"] = sum(summary[key] for key in ("connect", "read", "write", "status", "timeout"))
            return summary
    raise RuntimeError(f"wrk printed no summary: {result.stdout[-1000:]} {result.stderr[-1000:]}")


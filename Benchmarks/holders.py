"""Connection holders for `make bench`: N open event streams (sse), or N idle keep-alive connections (idle).

Prints "ready <open>" once every connection is established, then holds them until SIGTERM, and
prints "done <open> <failed> <events>" on exit. Idle connections send one GET /healthz every
`--ping` seconds (spread over the period), just inside the server's 10 s keep-alive timeout.
"""
import argparse
import asyncio
import resource
import signal
import sys


async def hold_sse(host, port, path, stats, stop):
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        stats["failed"] += 1
        return
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    stats["open"] += 1
    try:
        while not stop.is_set():
            chunk = await reader.read(65536)
            if not chunk:
                break
            stats["events"] += chunk.count(b"\ndata:") + chunk.startswith(b"data:")
    except OSError:
        pass
    stats["open"] -= 1
    writer.close()


async def hold_idle(host, port, ping, offset, stats, stop):
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        stats["failed"] += 1
        return
    request = f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    stats["open"] += 1
    try:
        first = True
        while not stop.is_set():
            writer.write(request)
            await reader.readuntil(b"\r\n\r\nok")
            if first:
                stats["ready"] += 1
                first = False
            try:
                await asyncio.wait_for(stop.wait(), ping if not first else ping - offset)
            except asyncio.TimeoutError:
                pass
    except (OSError, asyncio.IncompleteReadError):
        stats["failed"] += 1
    stats["open"] -= 1
    writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["sse", "idle"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--path", default="/api/campaigns/bench/events")
    parser.add_argument("--ping", type=float, default=8.0)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.count + 100)), hard))

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    stats = {"open": 0, "failed": 0, "events": 0, "ready": 0}
    tasks = []
    for index in range(args.count):
        if args.mode == "sse":
            tasks.append(asyncio.create_task(hold_sse(args.host, args.port, args.path, stats, stop)))
        else:
            offset = args.ping * index / args.count
            tasks.append(asyncio.create_task(hold_idle(args.host, args.port, args.ping, offset, stats, stop)))
        if index % 200 == 199:
            await asyncio.sleep(0.01)  # do not overrun the listen backlog
    for _ in range(600):
        done = stats["open"] if args.mode == "sse" else stats["ready"]
        if done + stats["failed"] >= args.count or stop.is_set():
            break
        await asyncio.sleep(0.1)
    print(f"ready {stats['open']} {stats['failed']}", flush=True)
    await stop.wait()
    await asyncio.sleep(0)
    print(f"done {stats['open']} {stats['failed']} {stats['events']}", flush=True)
    for task in tasks:
        task.cancel()


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)

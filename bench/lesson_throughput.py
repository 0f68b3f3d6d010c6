"""Requests per second and latency of a module page against /healthz, under gunicorn with 16 connections.

Run: python bench/lesson_throughput.py [--connections 16] [--seconds 10] [--requests 20000] [--workers 2]

Builds a throwaway instance folder (SQLite, the sample course, one enrolled learner who has completed
nothing), serves it with `gunicorn -w 2 "app:create_app()"`, logs the learner in over HTTP, then has
`--connections` threads send requests as fast as the server answers, first to /healthz, then to the
module page, each for at most `--seconds` seconds or `--requests` requests. Every request asks for gzip,
as browsers do. Targets: the module page at least half as many requests per second as /healthz, its
p99 under 25 ms. Only 127.0.0.1 is contacted.
"""

import argparse
import gzip
import re
import tempfile
import threading
import time
from pathlib import Path

from served import SLUG, Client, ServerTimes, build, gunicorn, summary

MODULE = f"/learn/{SLUG}/know-where-migrants-are"


def load(port: int, cookie: str, path: str, connections: int, seconds: float, limit: int) -> tuple[list, float]:
    """Latencies (seconds) of every request sent by `connections` threads, and the wall time taken."""
    latencies: list[float] = []
    failures: list[str] = []
    budget = threading.Semaphore(limit)
    start = threading.Barrier(connections + 1)
    lock = threading.Lock()

    def worker():
        client = Client(port)
        client.cookie = cookie
        mine = []
        start.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            began = time.perf_counter()
            status, _response, _content = client.get(path, headers={"Accept-Encoding": "gzip"})
            mine.append(time.perf_counter() - began)
            if status != 200:
                failures.append(f"{path}: {status}")
                break
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if failures:
        raise SystemExit(f"requests failed: {failures[:3]}")
    return latencies, elapsed


def compressed_size(client: Client, path: str) -> tuple[int, int, str]:
    """Bytes on the wire with Accept-Encoding: gzip, bytes once decompressed, and the encoding used."""
    status, response, content = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert status == 200, (path, status)
    encoding = response.getheader("Content-Encoding", "identity")
    plain = gzip.decompress(content) if encoding == "gzip" else content
    return len(content), len(plain), encoding


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _app, emails, _attempts = build(folder, learners=1)
        with gunicorn(folder, args.workers) as port:
            learner = Client(port)
            learner.log_in(emails[0])
            status, _response, page = learner.get(MODULE)
            assert status == 200, f"module page: {status}"
            assert b"Know where migrants are" in page, "the module page does not show the module"
            stylesheet = re.search(rb'href="(/static/style\.css[^"]*)"', page).group(1).decode()

            print(
                f"gunicorn -w {args.workers} (sync workers), SQLite; {args.connections} connections, "
                f"at most {args.seconds:g} s or {args.requests} requests per route; Accept-Encoding: gzip"
            )
            load(port, learner.cookie, "/healthz", args.connections, 1.0, 500)  # warm both workers up
            load(port, learner.cookie, MODULE, args.connections, 1.0, 500)
            results = {}
            server = ServerTimes(folder)
            print("latency seen by the client (waiting for a free worker included), then time in the server:")
            for label, path in (("trivial route /healthz", "/healthz"), ("module page (logged in)", MODULE)):
                server.mark()
                latencies, elapsed = load(port, learner.cookie, path, args.connections, args.seconds, args.requests)
                results[path] = (len(latencies) / elapsed, latencies)
                print(summary(label, latencies, elapsed))
                print(summary("  of which in the server", server.since_mark(path), elapsed))
            ratio = results[MODULE][0] / results["/healthz"][0]
            p99 = sorted(results[MODULE][1])[int(len(results[MODULE][1]) * 0.99) - 1] * 1000
            print(f"module page / trivial route throughput: {ratio:.2f} (target >= 0.50)")
            print(f"module page p99: {p99:.1f} ms (target < 25 ms)")

            print("compressed sizes (Accept-Encoding: gzip):")
            for label, path in (("module page", MODULE), ("style.css", stylesheet)):
                wire, plain, encoding = compressed_size(learner, path)
                print(f"  {label:12} {wire:7d} bytes on the wire ({encoding}), {plain:7d} bytes uncompressed")


if __name__ == "__main__":
    main()

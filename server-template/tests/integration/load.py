"""`make load`: a load test of a live server on this machine, the sweep of Stagemaker's Load tab
(`stagemaker load`), through the same load generator, autocannon (run with npx: needs Node.js).

    python3 tests/integration/load.py --url http://127.0.0.1:PORT [--connections "1 4 16"]
        [--seconds 10] [--body FILE --content-type TYPE]

The body: --body, else the first saved example in examples/. Prints one line per step: requests/s,
latency percentiles, errors; and the server's own mean queue wait and model time (Server-Timing),
read from a few requests sent after each step. Only loopback URLs are accepted.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Dict, Tuple
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def first_example() -> Tuple[bytes, str]:
    for path in sorted((ROOT / "examples").glob("*.json")):
        request = json.loads(path.read_text())["request"]
        if "bodyText" in request:
            return request["bodyText"].encode(), request["contentType"]
        return json.dumps(request["body"]).encode(), request["contentType"]
    sys.exit("no saved example in examples/: give --body FILE --content-type TYPE")


def wait_ready(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/ping", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"{url}/ping did not answer 200 within {seconds:g} s")


def server_timing(url: str, body: bytes, content_type: str) -> Dict[str, float]:
    """Mean Server-Timing values over a few sequential requests."""
    sums: Dict[str, float] = {}
    for _ in range(20):
        request = urllib.request.Request(url + "/invocations", body, {"Content-Type": content_type})
        with urllib.request.urlopen(request, timeout=30) as answer:
            for metric in (answer.headers.get("Server-Timing") or "").split(","):
                name, _, params = metric.strip().partition(";")
                value = params.partition("=")[2]
                if value:
                    sums[name] = sums.get(name, 0.0) + float(value) / 20
    return sums


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--connections", default="1 4 16")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--body")
    parser.add_argument("--content-type", default="application/json")
    args = parser.parse_args()
    if urlparse(args.url).hostname not in LOOPBACK:
        sys.exit("load tests go to this machine only: give a http://127.0.0.1:PORT URL")
    if args.body:
        body, content_type = Path(args.body).read_bytes(), args.content_type
    else:
        body, content_type = first_example()
    wait_ready(args.url)
    with tempfile.NamedTemporaryFile(suffix=".body") as file:
        file.write(body)
        file.flush()
        print(
            f"{'conns':>5} {'req/s':>9} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7}"
            f" {'errors':>6} {'non-2xx':>7} {'queue ms':>8} {'model ms':>8} {'batch':>5}"
        )
        for connections in args.connections.split():
            out = subprocess.run(
                [
                    "npx",
                    "--yes",
                    "autocannon@9",
                    "--json",
                    "-c",
                    connections,
                    "-d",
                    str(args.seconds),
                    "-m",
                    "POST",
                    "-H",
                    f"Content-Type={content_type}",
                    "-i",
                    file.name,
                    args.url + "/invocations",
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out)
            latency = result["latency"]
            timing = server_timing(args.url, body, content_type)
            print(
                f"{connections:>5} {result['requests']['average']:>9.1f} {latency['p50']:>7}"
                f" {latency['p90']:>7} {latency['p99']:>7} {latency['max']:>7}"
                f" {result['errors']:>6} {result['non2xx']:>7} {timing.get('queue', 0):>8.3f}"
                f" {timing.get('model', 0):>8.3f} {timing.get('batch', 0):>5.1f}"
            )


if __name__ == "__main__":
    main()

"""`make load`: a load test of a live server on this machine, the sweep of Stagemaker's Load tab
(`stagemaker load`), through the same load generator, autocannon (run with npx: needs Node.js).

    python3 tests/integration/load.py --url http://127.0.0.1:PORT [--connections "1 4 16"]
        [--seconds 10] [--body FILE --content-type TYPE]

The body: --body, else the first saved example in examples/. Prints one line per step: requests/s,
latency percentiles, errors; and the server's own mean queue wait, model time and batch size
(Server-Timing), read from a few requests sent one at a time while the step runs, so they see its
load ("-" when the server sends no Server-Timing: STAGEMAKER_SERVER_TIMING=off). Only loopback URLs
are accepted.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, List, Tuple
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


def timing_samples(
    url: str, body: bytes, content_type: str, running: "subprocess.Popen[str]", seconds: float
) -> List[Tuple[float, Dict[str, float]]]:
    """Server-Timing values of requests sent one at a time while autocannon runs, and when."""
    samples: List[Tuple[float, Dict[str, float]]] = []
    while running.poll() is None:
        sent = time.time()
        request = urllib.request.Request(url + "/invocations", body, {"Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                header = answer.headers.get("Server-Timing")
        except OSError:
            header = None  # counted by autocannon's own figures if the server is failing
        values: Dict[str, float] = {}
        for metric in (header or "").split(","):
            name, _, params = metric.strip().partition(";")
            value = params.partition("=")[2]
            if value:
                values[name] = float(value)
        if values:
            samples.append((sent, values))
        time.sleep(seconds / 40)
    return samples


def during(
    samples: List[Tuple[float, Dict[str, float]]], result: Dict[str, Any]
) -> Dict[str, float]:
    """Means over the samples sent inside the step (npx takes a while to start autocannon)."""
    start = datetime.fromisoformat(result["start"].replace("Z", "+00:00")).timestamp()
    finish = datetime.fromisoformat(result["finish"].replace("Z", "+00:00")).timestamp()
    inside = [values for sent, values in samples if start + 0.5 <= sent <= finish - 0.5]
    names = {name for values in inside for name in values}
    return {name: sum(v.get(name, 0.0) for v in inside) / len(inside) for name in names}


def column(timing: Dict[str, float], name: str, width: int, digits: int) -> str:
    return f"{timing[name]:>{width}.{digits}f}" if name in timing else f"{'-':>{width}}"


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
            running = subprocess.Popen(
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
                stdout=subprocess.PIPE,
                text=True,
            )
            samples = timing_samples(args.url, body, content_type, running, args.seconds)
            out, _ = running.communicate()
            if running.returncode != 0:
                sys.exit(f"autocannon failed (exit {running.returncode})")
            result = json.loads(out)
            timing = during(samples, result)
            latency = result["latency"]
            print(
                f"{connections:>5} {result['requests']['average']:>9.1f} {latency['p50']:>7}"
                f" {latency['p90']:>7} {latency['p99']:>7} {latency['max']:>7}"
                f" {result['errors']:>6} {result['non2xx']:>7} {column(timing, 'queue', 8, 3)}"
                f" {column(timing, 'model', 8, 3)} {column(timing, 'batch', 5, 1)}"
            )


if __name__ == "__main__":
    main()

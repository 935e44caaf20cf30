"""Several workers share the load: each has its own listening socket (SO_REUSEPORT), so the kernel
spreads kept-alive connections over them instead of one worker taking them all."""

import http.client
import json
import select
import socket
import threading
import time
from collections import Counter
from typing import List

CONNECTIONS = 16
SECONDS = 3.0


def test_two_workers_each_serve_at_least_30_percent_of_16_kept_alive_connections(start) -> None:
    # Each instance sleeps 20 ms in predict_batch, so a worker's rate does not depend on how many
    # connections it holds (as long as it holds one), nor on how busy the CPU is (a request costs
    # far less CPU than its sleep): the counts show whether both workers are used.
    server = start(env={"SAGEMAKER_MODEL_SERVER_WORKERS": "2", "LAB_PREDICT_STYLE": "plain"})
    server.wait_for(200)
    ready_in_a_row = 0  # fresh connections land on either worker: both have loaded after 20
    deadline = time.monotonic() + 30
    while ready_in_a_row < 20 and time.monotonic() < deadline:
        ready_in_a_row = ready_in_a_row + 1 if server.request("GET", "/ping")[0] == 200 else 0
    payload = json.dumps({"instances": [{"action": "sleep", "value": 0.02}]}).encode()
    workers: List[int] = []
    failures: List[str] = []
    # All 16 connect in one burst, as wrk or a load balancer's pool would.
    socks = [socket.socket() for _ in range(CONNECTIONS)]
    for sock in socks:
        sock.setblocking(False)
        sock.connect_ex(("127.0.0.1", server.port))
    for sock in socks:
        select.select([], [sock], [], 10)
        sock.setblocking(True)
        sock.settimeout(30)

    def client(sock: socket.socket) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.sock = sock
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            conn.request("POST", "/invocations", payload, {"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
            if response.status != 200:
                failures.append(f"{response.status} {data!r}")
                break
            workers.append(json.loads(data)["predictions"][0]["worker"])
        conn.close()

    threads = [threading.Thread(target=client, args=(sock,)) for sock in socks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 30)
    assert not failures, failures
    counts = Counter(workers)
    print("requests per worker:", dict(counts))
    assert len(counts) == 2, f"one worker served every request: {counts}"
    for pid, count in counts.items():
        assert count >= 0.3 * len(workers), f"worker {pid}: {count} of {len(workers)} ({counts})"

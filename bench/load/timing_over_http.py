"""The Server-Timing's cost in one real server process, HTTP included: run inside a project's
image (`docker exec -i CONTAINER python -c "$(cat this file)" < BODY`), it loads the model as the
server does, serves the server's app with uvicorn (httptools, uvloop when installed, as
server/worker.py does) on a loopback socket, and has a client in another process send blocks of
requests over 16 kept-alive connections. Between blocks it switches the timing on and off
(ABBA...), and counts this process's own CPU time per answer (getrusage: every thread of it, the
predict thread and the kernel's work on its sockets too, not the client's). What differs between
the blocks is the timing alone: the same process, heap, model and sockets. Prints JSON, with the
mean batch size of each side: dynamic batching forms batches from how fast answers come back, so
a side whose batches came out smaller pays more predict calls per answer, whatever the timing
costs. Run with STAGEMAKER_BATCHING=off (every request its own predict call) to hold the batch
size at one and see the timing code's own cost. MODEL=null answers every instance with the model's
first real prediction instead of calling it: the server's own work (HTTP, decoding, the Instance
and Prediction checks, the predict-thread hop, encoding) is all that is left, the cheapest model
there can be, so the timing's share of an answer is the largest it can be and the noise of the
model's own time is gone.
"""

import asyncio
import json
import os
import resource
import socket
import statistics
import sys
import tempfile

import uvicorn

from server import timing
from server.app import create_app
from server.handlers import serving_runtime
from server.settings import Settings

CONNECTIONS = int(os.environ.get("CONNECTIONS", "16"))
BLOCK_CPU_S = float(os.environ.get("BLOCK_CPU_S", "0.3"))  # CPU time a block aims at
BLOCKS = int(os.environ.get("BLOCKS", "40"))  # per side

# The client: one request in flight per connection, the next sent as soon as an answer is whole.
# Reads "N" lines on stdin, answers "ok" (or the first status other than 200) once N are answered.
CLIENT = r"""
import selectors, socket, sys
port, connections, request = int(sys.argv[1]), int(sys.argv[2]), open(sys.argv[3], "rb").read()
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(connections)]
sel = selectors.DefaultSelector()
for s in socks:
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, bytearray())
for line in sys.stdin:
    todo, sent, done, bad = int(line), 0, 0, ""
    for s in socks[: min(todo, connections)]:
        s.sendall(request)
        sent += 1
    while done < todo:
        for key, _ in sel.select():
            buf = key.data
            buf += key.fileobj.recv(65536)
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                continue
            head = bytes(buf[:end]).lower()
            length = int(head.split(b"content-length:")[1].split(b"\r\n")[0])
            if len(buf) < end + 4 + length:
                continue
            if not bad and head[9:12] != b"200":
                bad = head[9:12].decode()
            del buf[: end + 4 + length]
            done += 1
            if sent < todo:
                key.fileobj.sendall(request)
                sent += 1
    print(bad or "ok", flush=True)
"""


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def main() -> None:
    body = sys.stdin.buffer.read()
    settings = Settings.from_env()
    runtime = serving_runtime(settings)
    runtime.load()
    if not runtime.ready:
        sys.exit(f"the model did not load: {runtime.reason}")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, runtime),
        http="httptools",
        lifespan="off",
        access_log=False,
        log_level="warning",
        log_config=None,
    )
    server = uvicorn.Server(config)
    serving = asyncio.ensure_future(server.serve(sockets=[sock]))
    while not server.started:
        await asyncio.sleep(0.01)
    head = (
        f"POST /invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with tempfile.NamedTemporaryFile(suffix=".http", delete=False) as f:
        f.write(head + body)
    client = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CLIENT,
        str(port),
        str(CONNECTIONS),
        f.name,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )

    async def block(n: int) -> None:
        assert client.stdin is not None and client.stdout is not None
        client.stdin.write(f"{n}\n".encode())
        await client.stdin.drain()
        answer = (await client.stdout.readline()).decode().strip()
        if answer != "ok":
            sys.exit(f"/invocations answered {answer or 'nothing'}")

    if os.environ.get("MODEL") == "null":
        predict_batches, first = runtime._predict_batches, []

        def null_model(jobs, inputs):
            if not first:
                first.append(predict_batches(jobs, inputs)[0])
            return first * sum(len(own) for own in inputs)

        runtime._predict_batches = null_model

    calls = [0]
    run_jobs = runtime._run_jobs

    def counted(jobs):
        calls[0] += 1
        return run_jobs(jobs)

    runtime._run_jobs = counted

    def switch(on: bool) -> None:
        timing.ENABLED = on
        runtime._batcher = (
            None  # the next request makes a batcher with (or without) timed(run)
        )

    n = CONNECTIONS * 10
    for on in (True, False):  # warm-up, and the size of a block from it
        switch(on)
        t0 = cpu_seconds()
        await block(n)
    n = (
        max(1, round(BLOCK_CPU_S / ((cpu_seconds() - t0) / n) / CONNECTIONS))
        * CONNECTIONS
    )
    cpu = {True: [], False: []}
    batch = {True: [], False: []}
    for i in range(BLOCKS):
        for on in (True, False) if i % 2 == 0 else (False, True):
            switch(on)
            t0, c0 = cpu_seconds(), calls[0]
            await block(n)
            cpu[on].append((cpu_seconds() - t0) / n * 1e6)
            batch[on].append(n / max(1, calls[0] - c0))
    client.stdin.close()  # type: ignore[union-attr]
    await client.wait()
    os.unlink(f.name)
    server.should_exit = True
    await serving
    pairs = [a - b for a, b in zip(cpu[True], cpu[False])]
    print(
        json.dumps(
            {
                "on_us": statistics.median(cpu[True]),
                "off_us": statistics.median(cpu[False]),
                "paired_differences_us": [round(p, 2) for p in pairs],
                "batch_on": statistics.mean(batch[True]),
                "batch_off": statistics.mean(batch[False]),
                "batching": settings.batching,
                "model": os.environ.get("MODEL", "as served"),
                "requests_per_block": n,
                "connections": CONNECTIONS,
            }
        )
    )


if __name__ == "__main__":
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(main())

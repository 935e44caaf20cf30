"""`serve`: the image's server (under tini, PID 1). Binds the port, runs the server in worker
processes, and looks after them. With several workers each has its own listening socket on the
port (SO_REUSEPORT), so the kernel spreads connections over them: on one shared socket, the
worker that woke first took every kept-alive connection of a burst (README, "Performance"). The
sockets belong to this process, so they outlive the workers:

- SIGTERM / SIGINT: workers finish in-flight requests, everything exits within 10 s.
- SIGHUP: restart the workers (dev mode: your model/ code is imported afresh); connections that
  arrive meanwhile wait in the socket's backlog. Each start gets a new X-Stagemaker-Server-Id.
- A worker that dies is started again (after a pause if it keeps dying).
Run as PID 1 (without tini) it also reaps any orphaned process, so none linger as zombies.
"""

import os
import select
import signal
import socket
import subprocess
import sys
import time
import uuid
from typing import Dict, List

from server.settings import Settings

GRACE_S = 9.0


def log(message: str) -> None:
    print(f"serve[{os.getpid()}]: {message}", file=sys.stderr, flush=True)


class Supervisor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        shared = settings.workers > 1
        self.socks = [_listen(settings.port, shared) for _ in range(settings.workers)]
        for sock in self.socks:
            sock.listen(2048)
            sock.set_inheritable(True)
        self.workers: Dict[int, subprocess.Popen] = {}
        self.slot_of: Dict[int, int] = {}  # worker pid -> index of its socket
        self.server_id = ""
        self.failures: List[float] = []

    def spawn(self, slot: int) -> None:
        env = dict(os.environ, STAGEMAKER_SERVER_ID=self.server_id)
        fd = self.socks[slot].fileno()
        proc = subprocess.Popen(
            [sys.executable, "-m", "server.worker", str(fd)], pass_fds=(fd,), env=env
        )
        self.workers[proc.pid] = proc
        self.slot_of[proc.pid] = slot

    def start_all(self) -> None:
        self.server_id = uuid.uuid4().hex[:12]
        self.slot_of.clear()
        for slot in range(self.settings.workers):
            self.spawn(slot)
        log(
            f"listening on port {self.settings.port} with {self.settings.workers} worker(s), "
            f"server id {self.server_id}"
        )

    def stop_all(self) -> None:
        for proc in self.workers.values():
            _signal(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_S
        while self.workers and time.monotonic() < deadline:
            self.reap()
            time.sleep(0.02)
        for pid in list(self.workers):
            log(f"worker {pid} did not stop in {GRACE_S:g} s; killing it")
            _signal(pid, signal.SIGKILL)
        while self.workers:
            self.reap()
            time.sleep(0.01)

    def reap(self) -> List[int]:
        """Collect every exited child (workers and orphans); return the workers among them."""
        gone = []
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            proc = self.workers.pop(pid, None)
            if proc is not None:
                proc.returncode = os.waitstatus_to_exitcode(status)
                gone.append(pid)
        return gone

    def run(self) -> int:
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        signal.set_wakeup_fd(write_end)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCHLD):
            signal.signal(sig, lambda *_: None)
        self.start_all()
        while True:
            ready, _, _ = select.select([read_end], [], [], 1.0)
            signals = os.read(read_end, 64) if ready else b""
            if signal.SIGTERM in signals or signal.SIGINT in signals:
                log("stopping: finishing in-flight requests")
                self.stop_all()
                return 0
            if signal.SIGHUP in signals:
                log("SIGHUP: restarting the server")
                self.stop_all()
                self.start_all()
                continue
            for pid in self.reap():
                self.replace_dead_worker(pid)

    def replace_dead_worker(self, pid: int) -> None:
        now = time.monotonic()
        self.failures = [t for t in self.failures if now - t < 30] + [now]
        pause = min(10.0, 0.5 * 2 ** (len(self.failures) - 1)) if len(self.failures) > 2 else 0.0
        log(f"worker {pid} exited unexpectedly; starting another in {pause:g} s")
        time.sleep(pause)
        self.spawn(self.slot_of.pop(pid, 0))


def _listen(port: int, shared: bool) -> socket.socket:
    """IPv4 and IPv6 on one socket where the kernel allows it, else IPv4 only; `shared`: one of
    several sockets on the port (SO_REUSEPORT)."""
    attempts = [(socket.AF_INET6, "::"), (socket.AF_INET, "0.0.0.0")]
    last: OSError = OSError("no address family")
    for family, host in attempts:
        try:
            sock = socket.socket(family, socket.SOCK_STREAM)
        except OSError as exc:  # IPv6 disabled in the kernel
            last = exc
            continue
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if shared:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            sock.bind((host, port))
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise SystemExit(f"serve: cannot listen on port {port}: {last}")


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def main() -> None:
    settings = Settings.from_env()
    sys.exit(Supervisor(settings).run())


if __name__ == "__main__":
    main()

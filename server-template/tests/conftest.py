"""Starts real `serve` processes (the image's own entry point) on free ports for the tests."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

import pytest

TESTS = Path(__file__).resolve().parent
PROGRAM = TESTS.parent  # /opt/program in the image: server/ and the project's own model/
LAB = TESTS / "lab"  # a model whose behaviour the tests choose
# The template's toy model, kept here so the server's own tests hold whatever model/ becomes.
TOY = TESTS / "toy"
# How much slower than a quiet machine this one is (STAGEMAKER_TEST_TIME_FACTOR, as Stagemaker's own
# tests; `make` passes it in): every deadline below grows with it. A server in an image with a
# framework imports numpy, pandas and the like on start, which takes seconds on a busy machine.
FACTOR = max(1.0, float(os.environ.get("STAGEMAKER_TEST_TIME_FACTOR") or 1))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, model_dir: Path, env: Optional[Dict[str, str]] = None) -> None:
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="serve-", suffix=".log", delete=False)
        full_env = dict(os.environ, SAGEMAKER_BIND_TO_PORT=str(self.port), PYTHONPATH=str(PROGRAM))
        full_env.update(env or {})
        # cwd first on sys.path: `model` comes from model_dir, `server` from PROGRAM.
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.serve"],
            cwd=model_dir,
            env=full_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def request(
        self,
        method: str,
        path: str,
        body: Optional[bytes] = None,
        headers: Optional[Dict[str, str]] = None,
        timeout: float = 30,
    ) -> Tuple[int, Dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            conn.close()

    def invoke(self, body: bytes, content_type: str = "application/json", **headers: str):
        all_headers = {"Content-Type": content_type}
        all_headers.update({k.replace("_", "-"): v for k, v in headers.items()})
        return self.request("POST", "/invocations", body, all_headers)

    def wait_for(self, status: int = 200, timeout: float = 60) -> Dict[str, str]:
        deadline = time.monotonic() + timeout * FACTOR
        last = None
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"serve exited early:\n{self.output()}"
            try:
                code, headers, _ = self.request("GET", "/ping", timeout=2)
                last = code
                if code == status:
                    return headers
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"/ping never answered {status} (last {last}):\n{self.output()}")

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> Optional[int]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.unlink(self.log.name)
        return self.proc.returncode


@pytest.fixture(scope="module")
def example() -> Iterator[Server]:
    """The template's toy model (tests/toy): the server's contract, whatever the project's model."""
    server = Server(TOY)
    server.wait_for(200)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def project() -> Iterator[Server]:
    """The project's own model/, loading its artifacts from /opt/ml/model like SageMaker."""
    server = Server(PROGRAM)
    server.wait_for(200, timeout=120)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab() -> Iterator[Server]:
    server = Server(LAB, {"SAGEMAKER_MODEL_SERVER_TIMEOUT": "2"})
    server.wait_for(200)
    yield server
    server.stop()


@pytest.fixture
def start() -> Iterator:
    """start(model_dir, env) -> Server, stopped after the test."""
    servers = []

    def _start(model_dir: Path = LAB, env: Optional[Dict[str, str]] = None) -> Server:
        server = Server(model_dir, env)
        servers.append(server)
        return server

    yield _start
    for server in servers:
        server.stop()

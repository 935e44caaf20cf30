"""`make it`: the integration test against a live container (`make serve` in another terminal,
or MODEL_URL=http://host:port). Standard library only, so it runs with any python3."""

import json
import os
import sys
import time
import unittest
import urllib.error
import urllib.request

URL = os.environ.get("MODEL_URL", "http://localhost:8080").rstrip("/")


def call(path: str, body: bytes = b"", **headers: str):
    request = urllib.request.Request(
        URL + path,
        data=body or None,
        headers={k.replace("_", "-"): v for k, v in headers.items()},
        method="POST" if body else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class LiveServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        deadline = time.monotonic() + float(os.environ.get("MODEL_WAIT_SECONDS", "60"))
        while True:
            try:
                if call("/ping")[0] == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{URL}/ping never answered 200")
            time.sleep(0.2)

    def test_an_empty_batch_answers_an_empty_one(self) -> None:
        # Any model's contract; its answers are checked by the saved examples (examples.py).
        status, _, body = call(
            "/invocations", b'{"instances": []}', Content_Type="application/json"
        )
        self.assertEqual((status, json.loads(body)), (200, {"predictions": []}))

    def test_bad_request_then_still_serving(self) -> None:
        status, _, _ = call("/invocations", b"{", Content_Type="application/json")
        self.assertEqual(status, 400)
        self.assertEqual(call("/ping")[0], 200)

    def test_docs(self) -> None:
        status, _, body = call("/openapi.json")
        self.assertEqual(status, 200)
        self.assertIn("Instance", json.loads(body)["components"]["schemas"])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

"""`make it` replays every saved example in examples/ against a live server (`make serve`, or
MODEL_URL=http://host:port): the request as saved, the answer compared with the expected one under
the example's rules (float tolerance, ignored paths). Standard library only, like live.py."""

import csv
import io
import json
import math
import os
import sys
import unittest
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Tuple

URL = os.environ.get("MODEL_URL", "http://localhost:8080").rstrip("/")
EXAMPLES = Path(os.environ.get("EXAMPLES_DIR", Path(__file__).resolve().parents[2] / "examples"))
MAX_DIFFERENCES = 50


def is_json(content_type: str) -> bool:
    media = content_type.split(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def body_text(part: Dict[str, Any]) -> str:
    if "bodyText" in part:
        return str(part["bodyText"])
    # Python writes floats back as they were saved (1.0 stays 1.0) for all but exotic spellings.
    return json.dumps(part["body"], separators=(",", ":"))


def send(request: Dict[str, Any]) -> Tuple[int, str, str]:
    headers = {"Content-Type": request.get("contentType", "application/json")}
    if request.get("accept"):
        headers["Accept"] = request["accept"]
    if request.get("customAttributes"):
        headers["X-Amzn-SageMaker-Custom-Attributes"] = request["customAttributes"]
    http = urllib.request.Request(
        URL + request.get("path", "/invocations"),
        data=body_text(request).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(http, timeout=65) as response:
            content_type = response.headers.get("Content-Type", "")
            return response.status, content_type, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()


def parsed(text: str, content_type: str) -> Any:
    if is_json(content_type):
        return json.loads(text)
    if any(t in content_type for t in ("jsonlines", "jsonl", "ndjson")):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if "text/csv" in content_type:
        return [[_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text.strip())) if row]
    return text


def _csv_cell(cell: str) -> Any:
    try:
        return float(cell) if cell.strip() else cell
    except ValueError:
        return cell


def _ignored(path: List[str], patterns: List[str]) -> bool:
    for pattern in patterns:
        parts = [p for p in pattern.replace("[", ".").replace("]", "").lstrip("$").split(".") if p]
        if len(parts) == len(path) and all(p in ("*", q) for p, q in zip(parts, path)):
            return True
    return False


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        return None
    return float(value) if isinstance(value, (int, float)) else None


def compare(
    expected: Any, got: Any, rules: Dict[str, Any], path: List[str], out: List[str]
) -> None:
    if len(out) >= MAX_DIFFERENCES or _ignored(path, rules.get("ignore", [])):
        return
    where = ".".join(path) or "(body)"
    e, g = _number(expected), _number(got)
    if e is not None or g is not None:
        tolerance = rules.get("floatAbs", 1e-6) + rules.get("floatRel", 1e-6) * abs(e or 0)
        if e is None or g is None or not math.isclose(e, g, rel_tol=0, abs_tol=tolerance):
            out.append(f"at {where}: expected {expected!s}, got {got!s}")
        return
    if isinstance(expected, list) and isinstance(got, list):
        for i in range(max(len(expected), len(got))):
            item_e = expected[i] if i < len(expected) else "(absent)"
            item_g = got[i] if i < len(got) else "(absent)"
            compare(item_e, item_g, rules, path + [str(i)], out)
        return
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in list(expected) + [k for k in got if k not in expected]:
            compare(
                expected.get(key, "(absent)"), got.get(key, "(absent)"), rules, path + [key], out
            )
        return
    if expected != got:
        out.append(f"at {where}: expected {json.dumps(expected)}, got {json.dumps(got)}")


def differences(example: Dict[str, Any]) -> List[str]:
    expected = example["expected"]
    status, content_type, text = send(example["request"])
    out = []
    if status != expected["status"]:
        out.append(f"at status: expected {expected['status']}, got {status}")
    kind = expected.get("contentType") or content_type
    try:
        want, have = parsed(body_text(expected), kind), parsed(text, kind)
    except ValueError:
        want, have = body_text(expected), text
    compare(want, have, example.get("match", {}), [], out)
    return out


def load(path: Path) -> Dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


class SavedExamples(unittest.TestCase):
    def test_examples(self) -> None:
        files = sorted(EXAMPLES.glob("*.json"))
        if not files:
            self.skipTest(f"no examples in {EXAMPLES}")
        for path in files:
            example = load(path)
            with self.subTest(example=example.get("name", path.stem)):
                found = differences(example)
                self.assertFalse(found, f"{path.name}:\n  " + "\n  ".join(found))


if __name__ == "__main__":
    sys.exit(unittest.main(argv=[sys.argv[0], "-v"], exit=False).result.wasSuccessful() is False)

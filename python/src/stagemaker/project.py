"""A Stagemaker project made from a notebook: build, run, predict through the container or
in-process, test against the saved examples, export; shown as a card in Jupyter."""

from __future__ import annotations

import json
import shlex
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

from . import rows as rowlib
from .cli import Cli
from .errors import ScaffoldError
from .html import project_card
from .local import LocalPredictor

RECORD = "notebook-environment.json"


class TestReport:
    """What `stagemaker test` answered: every example's outcome."""

    __test__ = False  # not a pytest class

    def __init__(self, value: Dict[str, Any]) -> None:
        self.value = value
        self.passed = int(value.get("passed", 0))
        self.failed = int(value.get("failed", 0))
        self.outcomes: List[Dict[str, Any]] = list(value.get("outcomes", []))

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.passed > 0

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        lines = []
        for o in self.outcomes:
            lines.append(f"{'ok  ' if o.get('passed') else 'FAIL'} {o.get('name')}")
            for d in (o.get("differences") or [])[:10]:
                lines.append(f"     at {d.get('path') or '(body)'}: expected {d.get('expected')}, got {d.get('got')}")
        lines.append(
            f"{self.passed} passed, {self.failed} failed"
            + ("" if self.outcomes else " (no saved examples: scaffold with sample=...)")
        )
        return "\n".join(lines)


class Project:
    """A project folder. `Project(dir)` reopens one made earlier."""

    def __init__(self, directory: str, *, cli: Optional[Cli] = None, quiet: bool = False) -> None:
        self.directory = Path(directory).resolve()
        manifest_path = self.directory / "stagemaker.json"
        if not manifest_path.is_file():
            raise ScaffoldError(
                f"{self.directory} is no Stagemaker project (it has no stagemaker.json). Make one with stagemaker.scaffold(model, directory)."
            )
        self.manifest = json.loads(manifest_path.read_text("utf8"))
        record = self.directory / RECORD
        self.record: Dict[str, Any] = json.loads(record.read_text("utf8")) if record.is_file() else {}
        self._cli = cli
        self.quiet = quiet
        self._local: Optional[LocalPredictor] = None
        self._port: Optional[int] = None

    @property
    def cli(self) -> Cli:
        if self._cli is None:
            self._cli = Cli(quiet=self.quiet)
        return self._cli

    @property
    def name(self) -> str:
        return str(self.manifest["name"])

    @property
    def image(self) -> str:
        return str(self.manifest["imageTag"])

    @property
    def features(self) -> Optional[List[str]]:
        """The model's own feature names, in order (the Instance's fields)."""
        found = [f["name"] for f in self.record.get("schema", {}).get("instance", [])]
        return found or None

    @property
    def docker_build_string(self) -> str:
        # Behind a TLS-inspecting proxy, .build() (Stagemaker's build) adds your CA bundle; plain docker build does not.
        return f"docker build -t {self.image} {shlex.quote(str(self.directory))}"

    def build(self, *, verbose: bool = False) -> Dict[str, Any]:
        """Builds the image (progress on stderr); the build record."""
        args = ["build", str(self.directory)] + (["-v"] if verbose else [])
        return dict(self.cli.call(*args))

    def run(self) -> Dict[str, Any]:
        """Starts the container and waits until /ping answers 200; its state."""
        state = dict(self.cli.call("run", str(self.directory)))
        self._port = state.get("hostPort")
        return state

    def stop(self) -> None:
        self.cli.call("stop", str(self.directory))
        self._port = None

    def _url(self) -> str:
        if self._port is None:
            status = self.cli.call("status", str(self.directory))
            container = status.get("container") or {}
            if container.get("state") != "healthy":
                raise ScaffoldError(
                    f"The project's container is not running (state: {container.get('state', 'none')}). Call .build() then .run() first."
                )
            self._port = container.get("hostPort")
        return f"http://127.0.0.1:{self._port}/invocations"

    def invoke(self, rows: Any) -> List[Dict[str, Any]]:
        """The container's predictions for these rows, each a dict of the Prediction's fields."""
        body = json.dumps({"instances": rowlib.instances(rows, self.features)}).encode()
        request = urllib.request.Request(
            self._url(),
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the container is local: no proxy
        try:
            with opener.open(request, timeout=120) as answer:
                return list(json.loads(answer.read())["predictions"])
        except urllib.error.HTTPError as exc:
            raise ScaffoldError(
                f"The container answered {exc.code}: {exc.read().decode('utf8', 'replace')[:2000]}", code="invoke"
            ) from None
        except urllib.error.URLError as exc:
            self._port = None
            raise ScaffoldError(
                f"No answer from the container ({exc.reason}). Is it running? Call .run() (and .build() after a change).",
                code="invoke",
            ) from None

    def predict(self, rows: Any) -> Any:
        """Like model.predict(rows), answered by the running container: the Prediction's first field."""
        return rowlib.column(next(iter(p.values())) for p in self.invoke(rows))

    def invoke_local(self, rows: Any) -> List[Dict[str, Any]]:
        """The project's model/predictor.py run in this Python, without Docker; full predictions."""
        if self._local is None:
            self._local = LocalPredictor(str(self.directory))
        return self._local.predict(rowlib.instances(rows, self.features))

    def predict_local(self, rows: Any) -> Any:
        """Like model.predict(rows), by the project's predictor in this Python (no Docker)."""
        return rowlib.column(next(iter(p.values())) for p in self.invoke_local(rows))

    def test(self) -> TestReport:
        """Replays the saved examples against the running container (`stagemaker test`)."""
        return TestReport(self.cli.call("test", str(self.directory), ok_codes=(0, 12)))

    def export(
        self,
        to: str,
        *,
        remote: Optional[str] = None,
        branch: Optional[str] = None,
        push: bool = False,
        message: Optional[str] = None,
        plan: bool = False,
    ) -> Dict[str, Any]:
        """Writes the project into a git repository that builds, tests and deploys itself (`stagemaker export`)."""
        args = ["export", str(self.directory), "--to", str(Path(to).resolve())]
        args += ["--remote", remote] if remote else []
        args += ["--branch", branch] if branch else []
        args += ["--message", message] if message else []
        args += ["--push"] if push else []
        args += ["--plan"] if plan else []
        return dict(self.cli.call(*args))

    def _repr_html_(self) -> str:
        return project_card(self)

    def __repr__(self) -> str:
        return f"<stagemaker.Project {self.name} at {self.directory}; next: {self.docker_build_string}>"

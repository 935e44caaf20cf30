"""The Stagemaker command line, found and driven from Python.

Everything the scaffold does to a project goes through the CLI (`--json` result envelopes), so a
notebook's project is made by the same intake, build and test code as a file dropped on the app.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable, List, Optional, Sequence

from .errors import ScaffoldError

INSTALL_HINT = (
    "Install it: clone the Stagemaker repository, run `npm ci` in it (Node.js 20.19 or newer), then "
    "either run Python from inside the checkout, set STAGEMAKER_CLI=/path/to/checkout/bin/stagemaker.mjs, "
    "or put `stagemaker` on PATH with `npm link` in the checkout."
)


def _checkout_cli(start: Path) -> Optional[Path]:
    """bin/stagemaker.mjs of a Stagemaker checkout at or above `start`."""
    for folder in [start, *start.parents]:
        candidate = folder / "bin" / "stagemaker.mjs"
        package = folder / "package.json"
        if candidate.is_file() and package.is_file() and '"name": "stagemaker"' in package.read_text("utf8"):
            return candidate
    return None


def find_cli() -> List[str]:
    """The command that starts the CLI: $STAGEMAKER_CLI, `stagemaker` on PATH, or a checkout
    above the working folder or above this package (an install from the repository's python/)."""
    explicit = os.environ.get("STAGEMAKER_CLI")
    if explicit:
        path = Path(explicit).expanduser()
        if not path.exists():
            raise ScaffoldError(f"STAGEMAKER_CLI is {explicit}, which does not exist. {INSTALL_HINT}")
        return _node_command(path) if path.suffix in (".mjs", ".js") else [str(path)]
    on_path = shutil.which("stagemaker")
    if on_path:
        return [on_path]
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        found = _checkout_cli(start)
        if found:
            return _node_command(found)
    raise ScaffoldError(
        "The Stagemaker CLI was not found: STAGEMAKER_CLI is unset, `stagemaker` is not on PATH, "
        f"and no Stagemaker checkout contains {Path.cwd()}. {INSTALL_HINT}"
    )


def _node_command(script: Path) -> List[str]:
    node = shutil.which("node")
    if not node:
        raise ScaffoldError(
            f"Node.js is needed to run {script}, and `node` is not on PATH. Install Node.js 20.19 or newer."
        )
    return [node, str(script)]


class Cli:
    def __init__(self, command: Optional[Sequence[str]] = None, *, quiet: bool = False) -> None:
        self.command = list(command) if command else find_cli()
        self.quiet = quiet

    def shell_text(self, *args: str) -> str:
        """The command a person would type (for messages and the next-step hints)."""
        base = (
            "stagemaker" if Path(self.command[-1]).name in ("stagemaker", "stagemaker.mjs") else " ".join(self.command)
        )
        return " ".join([base, *(_quote(a) for a in args)])

    def call(self, *args: str, ok_codes: Sequence[int] = (0,), on_line: Optional[Callable[[str], None]] = None) -> Any:
        """Runs `stagemaker --json ARGS`; its value, or ScaffoldError with the CLI's message.
        Progress lines (stderr) go to `on_line`, else to sys.stderr unless quiet."""
        proc = subprocess.Popen(
            [*self.command, "--json", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf8",
        )
        progress: List[str] = []

        def pump() -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                progress.append(line.rstrip("\n"))
                if on_line:
                    on_line(line.rstrip("\n"))
                elif not self.quiet:
                    sys.stderr.write(line)
                    sys.stderr.flush()

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        # stdout read here and stderr by the thread: communicate() would read stderr too, racing it.
        assert proc.stdout is not None
        stdout = proc.stdout.read()
        proc.wait()
        reader.join()
        try:
            envelope = json.loads(stdout)
        except ValueError:
            raise ScaffoldError(
                f"`{self.shell_text(*args)}` exited with code {proc.returncode} without a JSON answer"
                + (f" (its output began {stdout[:200]!r})." if stdout.strip() else ".")
                + ("\nLast lines:\n  " + "\n  ".join(progress[-15:]) if progress else ""),
                code="cli",
            ) from None
        if not envelope.get("ok"):
            error = envelope.get("error") or {}
            raise ScaffoldError(str(error.get("message")), code=str(error.get("code")), detail=error.get("detail"))
        if proc.returncode not in ok_codes:
            raise ScaffoldError(
                f"`{self.shell_text(*args)}` exited with code {proc.returncode}.",
                code="cli",
                detail=envelope.get("value"),
            )
        return envelope.get("value")


def _quote(arg: str) -> str:
    return arg if arg and all(c.isalnum() or c in "-_./=:@+," for c in arg) else "'" + arg.replace("'", "'\\''") + "'"

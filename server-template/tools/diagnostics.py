"""Python diagnostics of model/ as JSON: syntax (Python's parser), lint (ruff), types (mypy).

`python -m tools.diagnostics [PATH...]` prints {"parses": bool, "tools": [...], "problems": [...]}.
Stagemaker runs it in a long-lived tools container on every save; `make lint` can run it too.
Ruff is missing from Debian bookworm, so without it pyflakes (if installed) does the lint part.
mypy runs as a daemon (dmypy) when it can, so a check after an edit takes a fraction of a second.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

DMYPY_STATUS = os.environ.get("STAGEMAKER_DMYPY_STATUS", "/tmp/stagemaker-dmypy.json")
MYPY_FLAGS = [
    "--ignore-missing-imports",  # the user's own requirements may be absent from the tools image
    "--show-column-numbers",
    "--show-error-end",
    "--show-error-codes",
    "--no-error-summary",
    "--no-pretty",
    "--no-color-output",
    "--cache-dir",
    "/tmp/stagemaker-mypy-cache",
]
# mypy's line format: file:line:col:end_line:end_col: severity: message  [code]
MYPY_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+):(?P<eline>\d+):(?P<ecol>\d+): "
    r"(?P<sev>error|warning|note): (?P<msg>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)


def problem(
    file: str,
    line: int,
    col: int,
    end_line: int,
    end_col: int,
    severity: str,
    source: str,
    code: str | None,
    message: str,
) -> dict[str, Any]:
    return {
        "path": file,
        "line": max(line, 1),
        "column": max(col, 1),
        "endLine": max(end_line, line, 1),
        "endColumn": max(end_col, 1),
        "severity": severity,
        "source": source,
        "code": code,
        "message": message,
    }


def python_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p] if p.suffix == ".py" else [])
    return found


def syntax_problems(
    files: list[Path], draft: tuple[str, str] | None = None
) -> list[dict[str, Any]]:
    """What the server's own Python says when it imports the file: the authority on "parses"."""
    out = []
    for f in files:
        try:
            text = draft[1] if draft and Path(draft[0]) == f else f.read_text(encoding="utf-8")
            ast.parse(text, filename=str(f))
        except SyntaxError as e:
            line = e.lineno or 1
            col = e.offset or 1
            end_line = e.end_lineno or line
            end_col = e.end_offset if e.end_offset and e.end_offset > col else col + 1
            out.append(
                problem(
                    str(f),
                    line,
                    col,
                    end_line,
                    end_col,
                    "error",
                    "python",
                    type(e).__name__,
                    f"{type(e).__name__}: {e.msg}",
                )
            )
    return out


def ruff_command(paths: list[str]) -> list[str] | None:
    exe = shutil.which("ruff")
    return (
        [exe, "check", "--output-format", "json", "--no-cache", "--exit-zero", "--quiet", *paths]
        if exe
        else None
    )


def parse_ruff(stdout: str) -> list[dict[str, Any]]:
    out = []
    for d in json.loads(stdout or "[]"):
        if d.get("code") in (None, "invalid-syntax"):
            continue  # ruff's own syntax errors: Python's parser already reported them
        loc, end = d["location"], d.get("end_location") or d["location"]
        out.append(
            problem(
                os.path.relpath(d["filename"]),
                loc["row"],
                loc["column"],
                end["row"],
                end["column"],
                "warning",
                "ruff",
                d["code"],
                d["message"],
            )
        )
    return out


def pyflakes_problems(files: list[Path]) -> list[dict[str, Any]]:
    try:
        from pyflakes import api, reporter  # type: ignore[import-not-found]
    except ImportError:
        return []
    found: list[dict[str, Any]] = []

    class Collect(reporter.Reporter):  # type: ignore[misc]
        def __init__(self) -> None:
            pass

        def flake(self, m: Any) -> None:
            found.append(
                problem(
                    m.filename,
                    m.lineno,
                    m.col + 1,
                    m.lineno,
                    m.col + 2,
                    "warning",
                    "pyflakes",
                    type(m).__name__,
                    m.message % m.message_args,
                )
            )

    for f in files:
        api.checkPath(str(f), Collect())
    return found


def mypy_command(paths: list[str]) -> list[str] | None:
    if shutil.which("dmypy"):
        return [
            "dmypy",
            "--status-file",
            DMYPY_STATUS,
            "run",
            "--timeout",
            "86400",
            "--",
            *MYPY_FLAGS,
            *paths,
        ]
    if shutil.which("mypy"):
        return ["mypy", *MYPY_FLAGS, *paths]
    return None


def parse_mypy(stdout: str) -> list[dict[str, Any]]:
    out = []
    for raw in stdout.splitlines():
        m = MYPY_LINE.match(raw.strip())
        if not m or m["code"] == "syntax":
            continue
        sev = "info" if m["sev"] == "note" else m["sev"]
        out.append(
            problem(
                m["file"],
                int(m["line"]),
                int(m["col"]),
                int(m["eline"]),
                int(m["ecol"]) + 1,
                sev,
                "mypy",
                m["code"],
                m["msg"],
            )
        )
    return out


def check(paths: list[str], draft: tuple[str, str] | None = None) -> dict[str, Any]:
    """With a draft (unsaved text of one file, checked while typing) only that file is checked,
    and without types: mypy reads files from disk, and the saved ones are checked on save."""
    if draft:
        paths = [draft[0]]
    files = [Path(draft[0])] if draft else python_files(paths)
    syntax = syntax_problems(files, draft)
    tools = ["python"]
    ruff = ruff_command(["--stdin-filename", draft[0], "-"] if draft else paths)
    # A file that does not parse has no types to check; ruff and mypy run side by side otherwise.
    mypy = mypy_command(paths) if not syntax and not draft else None
    procs = {
        name: subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, cmd in (("ruff", ruff), ("mypy", mypy))
        if cmd
    }
    problems = list(syntax)
    for name, proc in procs.items():
        stdout, _ = proc.communicate(draft[1] if draft and name == "ruff" else None)
        tools.append(name)
        problems.extend(parse_ruff(stdout) if name == "ruff" else parse_mypy(stdout))
    # Where Python's parser failed, ruff's own parse errors only repeat it (in other words).
    unparsed = {Path(p["path"]) for p in syntax}
    problems = [p for p in problems if p["source"] != "ruff" or Path(p["path"]) not in unparsed]
    if not ruff and not draft and not syntax:
        tools.append("pyflakes")
        problems.extend(pyflakes_problems(files))
    return {"parses": not syntax, "tools": tools, "problems": problems}


def main() -> None:
    paths = sys.argv[1:] or ["model"]
    draft_path = os.environ.get("STAGEMAKER_DRAFT_PATH")
    draft = (draft_path, os.environ.get("STAGEMAKER_DRAFT", "")) if draft_path else None
    print(json.dumps(check(paths, draft)))


if __name__ == "__main__":
    main()

"""The server a deployed image runs (server/) never imports Stagemaker's tools (tools/): every
import of every server module, read with Python's own parser, so an image without tools/ serves
the same."""

import ast
from pathlib import Path

SERVER = Path(__file__).resolve().parent.parent / "server"


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_the_server_imports_no_tool() -> None:
    modules = sorted(SERVER.rglob("*.py"))
    assert len(modules) > 10, f"server/ not found at {SERVER}"
    found = [
        f"{p.relative_to(SERVER.parent)}: {name}"
        for p in modules
        for name in _imports(p)
        if name == "tools" or name.startswith("tools.")
    ]
    assert found == []


def test_the_tools_are_beside_it() -> None:
    # The ones Stagemaker runs inside the image (diagnostics.py runs in its tools container).
    names = {p.name for p in (SERVER.parent / "tools").glob("*.py")}
    assert names >= {"schema.py", "schema_source.py", "frameworks.py"}

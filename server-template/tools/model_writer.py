"""model/instance.py or model/prediction.py from a field table: the one place that knows how to
spell a pydantic field. The Schemas tab's table and the intake's generated models both go through
it, so what they write reads the same and runs on pydantic 1.10 and 2.

The table is the contract's ModelFileSpec (app/contract/schemas.ts) as JSON: {"main": model,
"nested": [model, ...]}; a model is {"name", "description"?, "fields": [field, ...]}; a field is
{"name", "type": str|int|float|bool|enum|model, "list", "listDepth"?, "enumValues", "model"?,
"required", "nullable", "default"?, "description"?, "example"?, "ge"/"le"/"gt"/"lt"?,
"minLength"/"maxLength"?, "pattern"?, "alias"?}. What the table cannot mean (an empty enum, a
default of the wrong type, a model nobody defines...) is refused with a TableError saying what.

The code passes the template's black, ruff and mypy as written: the layout below is black's for
these shapes (hand-written, so it needs nothing installed); black, when it is importable, formats
the result once more where a line is too long (a very long Literal type or text).

`python -m tools.model_writer` (stdlib only: Stagemaker runs the app's own copy in its tools
container, from /opt/stagemaker) answers each JSON line {"which", "spec"} on stdin with one JSON
line {"path", "code"} or {"error"}, until stdin ends.
"""

import json
import sys
from typing import Any, Dict, Iterable, List, Optional

from tools.python_text import LINE_LENGTH, docstring, literal, long_lines_marked, text
from tools.table_rules import (
    MODULE_NAMES,
    PATHS,
    TableError,
    attribute,
    check_models,
    depth,
    ordered,
)

INDENT = "    "
MODULE_DOC = {
    "instance": "Your Instance (one input): written by Stagemaker's field table; edit here or"
    " there.",
    "prediction": "Your Prediction (one output): written by Stagemaker's field table; edit here"
    " or there.",
}
CLASS_DOC = {
    "instance": "One object over which inference can be performed.\n\nField order matters for"
    " text/csv requests: CSV columns map to these fields in order.",
    "prediction": "The result of inference over one Instance (CSV responses list fields in this"
    " order).",
}


def _annotation(f: Dict[str, Any], optional: bool) -> str:
    if f["type"] == "enum":
        base = f"Literal[{', '.join(literal(v) for v in f['enumValues'])}]"
    elif f["type"] == "model":
        base = f["model"]
    else:
        base = f["type"]
    for _ in range(depth(f)):
        base = f"List[{base}]"
    return f"Optional[{base}]" if optional else base


def _field_line(f: Dict[str, Any], attribute: str, alias: Optional[str]) -> List[str]:
    as_float = f["type"] == "float"
    has_default = f.get("default") is not None
    optional = bool(f.get("nullable")) or (not f.get("required", True) and not has_default)
    if has_default:
        default: Optional[str] = literal(f["default"], as_float)
    else:
        default = "None" if optional and not f.get("required", True) else None
    kwargs = [f"alias={text(alias)}"] if alias is not None else []
    scalar = not f.get("list")
    if scalar and f["type"] in ("int", "float"):
        kwargs += [f"{k}={literal(f[k], as_float)}" for k in ("ge", "le", "gt", "lt") if k in f]
    if scalar and f["type"] == "str":
        kwargs += [f"{k}={int(f[j])}" for j, k in LENGTHS if f.get(j) is not None]
    if f.get("description"):
        kwargs.append(f"description={text(f['description'])}")
    if "example" in f and f["example"] is not None:
        kwargs.append(f"examples=[{literal(f['example'], as_float)}]")
    if scalar and f["type"] == "str" and f.get("pattern"):
        kwargs.append(f"**{{PATTERN: {text(f['pattern'])}}}")
    head = f"{attribute}: {_annotation(f, optional)}"
    if not kwargs and optional and default is None:
        return [f"{head} = Field(...)"]  # pydantic 1.10 would make a bare Optional not required
    if not kwargs:
        return [f"{head} = {default}" if default else head]
    args = [default or "...", *kwargs]
    if args[-1].startswith("**"):
        # mypy cannot check ** into pydantic's Field: with pydantic 2 it says so on the statement's
        # first line, with 1.10 on the argument's. black keeps this exploded layout (its trailing
        # comma), so each comment stays on the line mypy names.
        lines = [f"{INDENT}{a}," for a in args]
        lines[-1] += IGNORE_UNPACKED_1
        return [f"{head} = Field({IGNORE_UNPACKED_2}", *lines, ")"]
    return _call(f"{head} = Field(", args)


IGNORE_UNPACKED_2 = "  # type: ignore[misc, call-overload]"
IGNORE_UNPACKED_1 = "  # type: ignore[arg-type]"


LENGTHS = (("minLength", "min_length"), ("maxLength", "max_length"))


def _call(opening: str, args: List[str]) -> List[str]:
    """black's layout of a call in a class body: one line, else the arguments on one indented
    line, else one per line with a trailing comma."""
    one = f"{opening}{', '.join(args)})"
    if len(INDENT) + len(one) <= LINE_LENGTH:
        return [one]
    inner = INDENT * 2 + ", ".join(args)
    if len(inner) <= LINE_LENGTH and not any("\n" in a for a in args):
        return [opening, inner[len(INDENT) :], ")"]
    return [opening, *(f"{INDENT}{a}," for a in args), ")"]


def _class(m: Dict[str, Any], doc: Optional[str], reserved: Iterable[str]) -> List[str]:
    lines = [f"class {m['name']}(BaseModel):"]
    if doc:
        lines += docstring(doc, INDENT) + [""]
    taken = set(reserved)
    aliased = False
    body: List[str] = []
    for f in m["fields"]:
        name = attribute(f["name"], taken)
        taken.add(name)
        explicit = f.get("alias")
        aliased = aliased or explicit is not None
        alias = explicit if explicit is not None else (None if name == f["name"] else f["name"])
        body += [INDENT + line if line else "" for line in _field_line(f, name, alias)]
    if not body:
        body = [f"{INDENT}pass"]
    lines += body
    if aliased:
        lines += [
            "",
            f"{INDENT}# Either the field name or the model's own name (the alias) is accepted in"
            " requests.",
            f'{INDENT}if VERSION.startswith("2."):',
            f'{INDENT * 2}model_config = {{"populate_by_name": True}}',
            f"{INDENT}else:  # pydantic 1.10 (the debian flavour)",
            "",
            f"{INDENT * 2}class Config:",
            f"{INDENT * 3}allow_population_by_field_name = True",
        ]
    return lines


def write(which: str, spec: Dict[str, Any], module_doc: Optional[str] = None) -> str:
    """The whole file; the table's field order is the class's (and CSV's) order."""
    if which not in PATHS:
        raise TableError(f"which must be instance or prediction, not {which!r}")
    models = ordered(spec)
    check_models(which, models)
    fields = [f for m in models for f in m["fields"]]
    reserved = MODULE_NAMES | {m["name"] for m in models}
    classes = [
        _class(
            m, m.get("description") or (CLASS_DOC[which] if m is spec["main"] else None), reserved
        )
        for m in models
    ]
    code = "\n".join(line for c in classes for line in c)
    typing = [t for t in ("List", "Literal", "Optional") if f"{t}[" in code]
    pattern = any("**{PATTERN:" in line for c in classes for line in c)
    aliased = any(f.get("alias") is not None for f in fields)
    names = (["VERSION"] if pattern or aliased else []) + ["BaseModel"]
    names += ["Field"] if "Field(" in code else []
    lines = docstring(module_doc or MODULE_DOC[which]) + [""]
    if typing:
        lines += [f"from typing import {', '.join(typing)}", ""]
    lines.append(f"from pydantic import {', '.join(names)}")
    if pattern:
        lines += [
            "",
            "# pydantic 1.10 calls a field's regular expression `regex`, pydantic 2 `pattern`.",
            'PATTERN = "pattern" if VERSION.startswith("2.") else "regex"',
        ]
    for c in classes:
        lines += ["", "", *c]
    return _formatted("\n".join(lines) + "\n")


def _formatted(code: str) -> str:
    """black's pass only where a line is too long (the one case the layout leaves to it): a
    preview then costs no black run (tests/test_model_writer.py checks the layout is black's)."""
    if all(len(line) <= LINE_LENGTH for line in code.split("\n")):
        return code
    try:
        import black
    except ImportError:
        return long_lines_marked(code)
    mode = black.Mode(line_length=LINE_LENGTH)
    return long_lines_marked(black.format_str(code, mode=mode))


def answer(request: Dict[str, Any]) -> Dict[str, Any]:
    which = request.get("which")
    try:
        return {"path": PATHS.get(str(which), ""), "code": write(str(which), request["spec"])}
    except TableError as exc:
        return {"error": str(exc)}


def main() -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = answer(json.loads(line))
        except Exception as exc:  # a malformed request: say so on the same line, keep serving
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

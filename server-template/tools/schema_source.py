"""Whether a model file holds only what a field table can stand for (classes of annotated fields
with constant defaults and Field(...) constraints), so a visual editor may rewrite it without
losing anything. Validators, methods, Config, Enum classes or unusual types make it read-only.
Read with Python's own parser (ast), not by pattern matching."""

import ast
from typing import Any, Dict, List, Set

SIMPLE_TYPES = {"str", "int", "float", "bool", "List", "list", "Optional", "Literal"}
IMPORT_FROM = {"typing", "pydantic", "__future__"}


def _is_constant(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_is_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_constant(k) for k in node.keys) and all(
            _is_constant(v) for v in node.values
        )
    return False


def _field_call(node: ast.AST) -> bool:
    """Field(default, ge=..., description=..., **{PATTERN: "..."}) with constants only."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return False
    if node.func.id != "Field" or not all(_is_constant(a) or _is_ellipsis(a) for a in node.args):
        return False
    for kw in node.keywords:
        if kw.arg is None:  # **{PATTERN: "..."}: the writer's pydantic 1/2 pattern spelling
            if not isinstance(kw.value, ast.Dict):
                return False
            names_ok = all(isinstance(k, ast.Name) and k.id == "PATTERN" for k in kw.value.keys)
            if not names_ok or not all(_is_constant(v) for v in kw.value.values):
                return False
        elif not _is_constant(kw.value):
            return False
    return True


def _is_ellipsis(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def _annotation_problem(node: ast.AST, models: Set[str]) -> str:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id not in SIMPLE_TYPES and sub.id not in models:
            return f"the type {sub.id}"
        if isinstance(sub, (ast.BinOp, ast.Attribute, ast.Call)):
            return f"the type {ast.unparse(node) if hasattr(ast, 'unparse') else 'expression'}"
    return ""


def _class_problems(cls: ast.ClassDef, models: Set[str]) -> List[str]:
    where = f"line {cls.lineno}"
    if cls.decorator_list or cls.keywords:
        return [f"{where}: class {cls.name} has decorators or class keywords"]
    bases = [b.id if isinstance(b, ast.Name) else "?" for b in cls.bases]
    if bases != ["BaseModel"]:
        return [f"{where}: class {cls.name} derives from {', '.join(bases) or 'nothing'}"]
    problems = []
    for i, item in enumerate(cls.body):
        at = f"line {item.lineno}"
        if i == 0 and isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
            continue  # the docstring
        if isinstance(item, ast.Pass):
            continue
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            problem = _annotation_problem(item.annotation, models)
            if problem:
                problems.append(f"{at}: {item.target.id} uses {problem}")
            elif item.value is not None and not (
                _is_constant(item.value) or _field_call(item.value)
            ):
                problems.append(f"{at}: {item.target.id} has a computed default")
            continue
        kind = {
            ast.FunctionDef: "a method or validator",
            ast.AsyncFunctionDef: "a method",
            ast.ClassDef: "an inner class (Config?)",
        }.get(type(item), "code")
        problems.append(f"{at}: {cls.name} has {kind}")
    return problems


def representable(path: str) -> Dict[str, Any]:
    """{"editable": bool, "problems": [...]} for one model file."""
    try:
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
    except (OSError, SyntaxError) as exc:
        return {"editable": False, "problems": [str(exc)]}
    models = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    problems: List[str] = []
    for i, node in enumerate(tree.body):
        at = f"line {node.lineno}"
        if i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, ast.ImportFrom) and node.module in IMPORT_FROM:
            continue
        if isinstance(node, ast.ClassDef):
            problems.extend(_class_problems(node, models))
            continue
        is_pattern_name = (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "PATTERN"
        )
        if not is_pattern_name:
            problems.append(f"{at}: module-level code the table cannot show")
    return {"editable": not problems, "problems": problems}

"""CSV and JSON Lines request bodies described for the OpenAPI document: a regular expression
per body that only valid-looking bodies match (the column count and order of Instance's fields,
each cell shaped as its field's type), so a client or a fuzzer that follows the document gets a
200, not a 400. A field of a type without a simple textual shape (nested models, enums, unions)
leaves the body described in words only."""

from typing import Any, Dict, List, Optional

NUMBER = r"-?[0-9]{1,9}(\.[0-9]{1,9})?"
INTEGER = r"-?[0-9]{1,9}"
BOOLEAN = r"(true|false)"
CSV_TEXT = r'[^,"\r\n\x00]*'  # unquoted: no separator, quote, line break or NUL
JSON_TEXT = r'"[a-zA-Z0-9 _.:/-]*"'  # a subset of JSON strings, enough to describe the shape


def _cell(schema: Dict[str, Any], json_lines: bool) -> Optional[str]:
    kind = schema.get("type")
    if kind == "number":
        return NUMBER
    if kind == "integer":
        return INTEGER
    if kind == "boolean":
        return BOOLEAN
    if kind == "string" and not set(schema) & {"enum", "format", "pattern", "const"}:
        return JSON_TEXT if json_lines else CSV_TEXT
    return None


def _fields(instance_schema: Dict[str, Any]) -> Optional[Dict[str, Dict[str, Any]]]:
    properties = instance_schema.get("properties")
    if not isinstance(properties, dict) or not properties:
        return None
    return properties


def csv_pattern(instance_schema: Dict[str, Any]) -> Optional[str]:
    """One instance per line, one cell per field in declaration order."""
    fields = _fields(instance_schema)
    cells: List[str] = []
    for schema in (fields or {}).values():
        cell = _cell(schema, json_lines=False)
        if cell is None:
            return None
        cells.append(cell)
    if not cells:
        return None
    return _lines(",".join(cells))


def json_lines_pattern(instance_schema: Dict[str, Any]) -> Optional[str]:
    """One JSON object per line with every field, in declaration order."""
    fields = _fields(instance_schema)
    members: List[str] = []
    for name, schema in (fields or {}).items():
        value = _cell(schema, json_lines=True)
        if value is None or not name.replace("_", "").isalnum():
            return None
        members.append(f'"{name}": ?{value}')
    if not members:
        return None
    return _lines(r"\{" + ", ?".join(members) + r"\}")


def _lines(row: str) -> str:
    # Blank lines are skipped and an empty body means no instances: the server accepts both.
    return f"^({row})?(\\r?\\n({row})?)*$"

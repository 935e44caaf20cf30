"""Python source text for values the writers put in files: literals, strings and docstrings as
black leaves them, lines ruff would call too long marked for it. Stdlib only (tools.model_writer
runs as a script in Stagemaker's tools container)."""

import json
import textwrap
from typing import Any, List

# The template's black/ruff line length (pyproject.toml), so written files pass `make lint`.
LINE_LENGTH = 100
NOQA = "  # noqa: E501"


def _quoted(value: str, quote: str) -> str:
    out = []
    for ch in value:
        if ch == "\\" or ch == quote:
            out.append("\\" + ch)
        elif ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(ch)
        else:  # \n, \t, \x00, \u2028, a lone surrogate...: repr's own escape for it
            out.append(repr(ch)[1:-1])
    return quote + "".join(out) + quote


def text(value: str) -> str:
    """A string literal as black writes it: double quotes unless single ones need fewer escapes."""
    double, single = _quoted(value, '"'), _quoted(value, "'")
    return single if single.count("\\") < double.count("\\") else double


def literal(value: Any, as_float: bool = False) -> str:
    """A Python literal for a JSON value; as_float writes whole numbers as floats (50 -> 50.0)."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (int, float)):
        if as_float or isinstance(value, float):
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                return f'float("{number}")'
            return repr(number)
        return str(value)
    if isinstance(value, str):
        return text(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v, as_float) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{text(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Python literal for {json.dumps(value, default=str)}")


def docstring(prose: str, indent: str = "") -> List[str]:
    """A docstring wrapped to the line length, paragraph by paragraph (a blank line between), as
    black leaves it. pydantic's description is the text with its line breaks."""
    paragraphs = [" ".join(p.split()) for p in prose.strip().split("\n\n")]
    lines: List[str] = []
    for i, paragraph in enumerate(p for p in paragraphs if p):
        if i:
            lines.append("")
        width = LINE_LENGTH - 7 - len(indent)  # one line fits with its quotes and a pad
        lines += textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
    lines = [_doc_escaped(line) for line in lines] or [""]
    # A quote may not touch the opening quotes: escaped, black leaves it alone.
    if lines[0].startswith('"'):
        lines[0] = "\\" + lines[0]
    if len(lines) == 1:  # black's padding: a quote may not touch the closing quotes
        return [f'{indent}"""{lines[0]}{" " if lines[0].endswith(chr(34)) else ""}"""']
    out = [f'{indent}"""{lines[0]}']
    out += [f"{indent}{line}" if line else "" for line in lines[1:]]
    return out + [f'{indent}"""']


def _doc_escaped(line: str) -> str:
    body = _quoted(line, '"')[1:-1].replace('\\"', '"')  # quotes stay, but never three in a row
    return body.replace('"""', '\\"\\"\\"')


def long_lines_marked(source: str) -> str:
    """A line black cannot shorten (a long text) marked for ruff, outside docstrings."""
    out, in_doc = [], False
    for line in source.split("\n"):
        quotes = line.count('"""') % 2 == 1
        too_long = len(line) > LINE_LENGTH and "noqa" not in line and not in_doc and not quotes
        out.append(line + NOQA if too_long else line)
        in_doc = in_doc != quotes
    return "\n".join(out)

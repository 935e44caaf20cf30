"""What every adapter shares: plain JSON values, field names, class outputs and sample rows."""

import keyword
import os
import re
import sys
import unicodedata
from typing import Any, Dict, Iterable, List, Optional, Set

# Beyond this many classes, probabilities are one list field instead of one field per class.
MAX_CLASS_FIELDS = 20


def dtype_of(kind: str) -> str:
    """numpy dtype.kind to a field type."""
    return {"i": "int", "u": "int", "f": "float", "b": "bool"}.get(
        kind, "str" if kind in "OUS" else "float"
    )


def plain(value: Any) -> Any:
    """numpy scalars and arrays to JSON-ready Python values (NaN stays a float)."""
    if hasattr(value, "tolist"):
        return plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    return str(value)


def categories(values: Iterable[Any]) -> List[Any]:
    """Seen values, without NaN (a "missing" category, not one to offer)."""
    out = []
    for v in plain(list(values)):
        if isinstance(v, float) and v != v:
            continue
        out.append(v if isinstance(v, (int, float, bool, str)) else str(v))
    return out


def identifier(raw: str, taken: Set[str], prefix: str = "f_") -> str:
    """A Python identifier for raw, unique among taken (which it joins)."""
    text = unicodedata.normalize("NFKD", str(raw)).encode("ascii", "ignore").decode()
    name = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]+", "_", text)).strip("_") or "field"
    if name[0].isdigit():
        name = prefix + name
    if keyword.iskeyword(name) or name in {"model_config", "model_fields", "schema", "json"}:
        name += "_"
    unique, n = name, 2
    while unique in taken:
        unique, n = f"{name}_{n}", n + 1
    taken.add(unique)
    return unique


def class_outputs(
    primary: str, classes: Optional[List[Any]], class_type: str, probabilities: bool
) -> List[Dict[str, Any]]:
    """The label (with its classes), then one probability per class or one list of them."""
    label: Dict[str, Any] = {"name": primary, "dtype": class_type}
    if classes:
        label["categories"] = classes
    outputs = [label]
    if probabilities:
        if classes and len(classes) <= MAX_CLASS_FIELDS:
            taken = {primary}
            names = [identifier(f"probability_{c}", taken) for c in classes]
            outputs += [{"name": n, "dtype": "float"} for n in names]
        else:
            size = len(classes) if classes else -1  # -1: a dimension of unknown length
            outputs.append({"name": "probabilities", "dtype": "float", "shape": [size]})
    return outputs


def with_probabilities(outputs: List[Dict[str, Any]], label: Any, proba: Any) -> Dict[str, Any]:
    """One answer: the label, then the probabilities into the fields class_outputs() made."""
    answer = {outputs[0]["name"]: plain(label)}
    rest = outputs[1:]
    if rest and rest[0]["name"] == "probabilities":
        answer["probabilities"] = [float(p) for p in plain(proba)]
    else:
        answer.update({o["name"]: float(p) for o, p in zip(rest, plain(proba))})
    return answer


WORDS = ["good", "bad", "great", "terrible", "fine", "awful", "excellent", "boring"]


def sample_value(feature: Dict[str, Any], i: int, words: Optional[List[str]] = None) -> Any:
    """A plausible value for row i: a seen category, vocabulary words, or a small number."""
    if feature.get("categories"):
        cats = feature["categories"]
        return cats[i % len(cats)]
    dtype = feature["dtype"]
    if dtype == "str":
        pool = words or WORDS
        return " ".join(pool[(i * 3 + k) % len(pool)] for k in range(3))
    if dtype == "bool":
        return i % 2 == 1
    number = [0.5, -1.0, 1.5, 2.0, -0.25][i % 5]
    if dtype == "int":
        return int(round(number * 2))
    return number


def model_folder_on_path(path: str) -> None:
    """The project's model/ folder importable: a pickle may name a module the person put there."""
    program = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for folder in (os.path.join(program, "model"), os.path.dirname(os.path.abspath(path))):
        if os.path.isdir(folder) and folder not in sys.path:
            sys.path.append(folder)

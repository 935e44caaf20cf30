"""Rows as a notebook holds them (DataFrame, array, list of lists, list of dicts, one dict) to
JSON instances keyed by the model's own feature names: the body `{"instances": [...]}` the
server's Instance reads."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Sequence


def _plain(value: Any) -> Any:
    """A JSON-ready Python value: numpy scalars unwrapped, NaN as null (JSON has no NaN)."""
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "shape", None) == ():
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _records(rows: Any) -> List[Any]:
    """A list of dicts (named columns) or of sequences (positional columns)."""
    columns = getattr(rows, "columns", None)
    if columns is not None and hasattr(rows, "to_dict"):  # a pandas DataFrame
        names = [str(c) for c in columns]
        return [dict(zip(names, values)) for values in rows.itertuples(index=False, name=None)]
    if isinstance(rows, dict):
        return [rows]
    if hasattr(rows, "tolist") and getattr(rows, "ndim", 2) == 1 and not isinstance(rows, list):
        return [rows.tolist()]  # one row as a 1-D array
    if hasattr(rows, "tolist"):
        return list(rows.tolist())
    rows = list(rows)
    if rows and not isinstance(rows[0], (dict, list, tuple)) and not hasattr(rows[0], "__len__"):
        return [rows]  # one row as a flat list
    return [r if isinstance(r, dict) else list(r) for r in rows]


def instances(rows: Any, features: Optional[Sequence[str]]) -> List[Dict[str, Any]]:
    """Each row keyed by the model's feature names: dict rows by name, positional rows in order."""
    out: List[Dict[str, Any]] = []
    for n, row in enumerate(_records(rows)):
        if isinstance(row, dict):
            if features and all(f in row for f in features):
                out.append({f: _plain(row[f]) for f in features})
            elif features and len(row) == len(features):
                out.append({f: _plain(v) for f, v in zip(features, row.values())})  # other names: by position
            elif features:
                missing = [f for f in features if f not in row]
                raise ValueError(
                    f"row {n} lacks the model's features {missing[:5]} and has {len(row)} columns where the model takes {len(features)}."
                )
            else:
                out.append({str(k): _plain(v) for k, v in row.items()})
        else:
            if features is None:
                raise ValueError(
                    "positional rows need the model's feature names, and this project records none; pass dicts or a DataFrame."
                )
            if len(row) != len(features):
                raise ValueError(
                    f"row {n} has {len(row)} values where the model takes {len(features)} features ({', '.join(list(features)[:5])}…)."
                )
            out.append({f: _plain(v) for f, v in zip(features, row)})
    return out


def model_input(rows: Any) -> Any:
    """What to hand the model's own predict(): the rows as given, list of dicts as a DataFrame."""
    if isinstance(rows, (list, dict)) and rows and isinstance(rows if isinstance(rows, dict) else rows[0], dict):
        import pandas as pd

        return pd.DataFrame([rows] if isinstance(rows, dict) else rows)
    return rows


def column(values: Any) -> Any:
    """One prediction per row as a 1-D numpy array when numpy is here (like model.predict)."""
    try:
        import numpy as np
    except ImportError:
        return list(values)
    return np.asarray(list(values))

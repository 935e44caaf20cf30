"""Which features a model accepts missing values for, asked of the model itself.

A fitted imputer, a booster's native NaN handling, a tree that learnt where missing values go:
each framework says it differently (and a tag such as scikit-learn's allow_nan speaks for a
Pipeline's first step only), so the adapters ask the model: the feature set to missing in sample
rows, does predict() still answer, with finite values? A feature it accepts becomes Optional in
the Instance (null in JSON, an empty cell in CSV); the others stay required.
"""

import math
from typing import Any, Callable, Dict, List

# Beyond this many features the probe would cost too much at generate time: all stay required.
MAX_PROBED = 200

Rows = List[Dict[str, Any]]
# Rows -> one answer per row, through the framework's own predict().
Answers = Callable[[Rows], List[Any]]


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def nan_for_missing(value: Any) -> Any:
    """None (JSON null, an empty CSV cell) as the NaN numeric and pandas columns use."""
    return float("nan") if value is None else value


def _finite(answer: Any) -> bool:
    if isinstance(answer, dict):
        return all(_finite(v) for v in answer.values())
    if isinstance(answer, (list, tuple)):
        return all(_finite(v) for v in answer)
    return not (isinstance(answer, float) and math.isnan(answer))


def mark_missing(features: List[Dict[str, Any]], rows: Rows, answer: Answers) -> None:
    """Sets features[i]["missing"] = True where `answer` (rows -> answers, through the
    framework's own predict) takes None in that feature on every row and answers finite values.
    Text a vectorizer reads and tensors are never probed: a missing document is not a thing."""
    if len(features) > MAX_PROBED:
        return
    for feature in features:
        if feature.get("text") or feature.get("shape"):
            continue
        probe = [{**row, feature["name"]: None} for row in rows]
        try:
            answers = answer(probe)
        except Exception:  # noqa: BLE001 - any refusal of NaN means "required"
            continue
        if len(answers) == len(probe) and all(_finite(a) for a in answers):
            feature["missing"] = True


def add_missing_row(features: List[Dict[str, Any]], rows: Rows, answer: Answers) -> None:
    """One more sample row, with every feature that may be missing set to None (so the generated
    tests cover a missing value), when the model accepts any and answers that row too (each
    feature was probed alone: all of them missing at once may still be refused)."""
    optional = [f["name"] for f in features if f.get("missing")]
    if not optional or not rows:
        return
    row = {**rows[0], **dict.fromkeys(optional)}
    try:
        if all(_finite(a) for a in answer([row])):
            rows.append(row)
    except Exception:  # noqa: BLE001 - then the tests keep the rows without missing values
        pass

"""The notebook's sample rows as the project's first saved example (examples/<name>.json, the
format of server-template/examples/README.md): the request the server will get, and as the
expected answer the model's OWN predictions computed here, so the image is checked against the
notebook in the app, in `stagemaker test` and in the exported repository's `make test`."""

from __future__ import annotations

import ast
import json
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from . import rows as rowlib

JSON = "application/json"


def prediction_fields(project_dir: str) -> List[str]:
    """The Prediction's fields in order, read from model/prediction.py by Python's own parser."""
    tree = ast.parse((Path(project_dir) / "model" / "prediction.py").read_text("utf8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Prediction":
            names = []
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    annotation = ast.unparse(item.annotation) if hasattr(ast, "unparse") else ""
                    if (
                        not item.target.id.startswith("_")
                        and item.target.id != "model_config"
                        and "ClassVar" not in annotation
                    ):
                        names.append(item.target.id)
            return names
    return []


def _flat(values: Any) -> List[Any]:
    """One value per row: CatBoost answers a column (n, 1) where others answer (n,)."""
    out = values.tolist() if hasattr(values, "tolist") else list(values)
    return [v[0] if isinstance(v, list) and len(v) == 1 else v for v in out]


def own_answers(model: Any, sample: Any, fields: Sequence[str]) -> Dict[str, Any]:
    """Each Prediction field the model itself can answer: the first from predict(), the class
    probabilities (one field per class, or one list field) from predict_proba(); `ignored`
    lists the fields it cannot."""
    given = rowlib.model_input(sample)
    primary = [rowlib._plain(v) for v in _flat(model.predict(given))]
    rows: List[Dict[str, Any]] = [{fields[0]: v} for v in primary]
    rest = list(fields[1:])
    ignored: List[str] = []
    if rest and callable(getattr(model, "predict_proba", None)):
        proba = [[rowlib._plain(p) for p in row] for row in model.predict_proba(given).tolist()]
        classes = len(proba[0]) if proba else 0
        if len(rest) == classes:
            for row, p in zip(rows, proba):
                row.update(zip(rest, p))
            rest = []
        elif len(rest) == 1:
            for row, p in zip(rows, proba):
                row[rest[0]] = p
            rest = []
    ignored += rest
    return {"predictions": rows, "ignored": ignored}


def write_example(
    project_dir: str, name: str, model: Any, sample: Any, features: Optional[Sequence[str]]
) -> Dict[str, Any]:
    """Writes examples/<name>.json; returns what it wrote."""
    fields = prediction_fields(project_dir)
    if not fields:
        raise ValueError("model/prediction.py has no Prediction class with fields")
    instances = rowlib.instances(sample, features)
    answers = own_answers(model, sample, fields)
    example = {
        "name": name,
        "description": "Rows from the notebook, with the model's own predictions computed in the notebook"
        + (
            f" (not compared: {', '.join(answers['ignored'])}, which the model's own methods do not give)"
            if answers["ignored"]
            else ""
        )
        + ". Written by stagemaker.scaffold.",
        "savedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "request": {"path": "/invocations", "contentType": JSON, "accept": JSON, "body": {"instances": instances}},
        "expected": {"status": 200, "contentType": JSON, "body": {"predictions": answers["predictions"]}},
        "match": {"floatAbs": 1e-6, "floatRel": 1e-6, "ignore": [f"predictions.*.{f}" for f in answers["ignored"]]},
    }
    folder = Path(project_dir) / "examples"
    folder.mkdir(exist_ok=True)
    path = folder / (name.lower().replace(" ", "-") + ".json")
    path.write_text(json.dumps(example, indent=2) + "\n", "utf8")
    return example

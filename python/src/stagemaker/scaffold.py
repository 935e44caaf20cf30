"""scaffold(): an in-memory model to a Stagemaker project, through the same intake as a dropped
file, with the notebook's versions asked of the image and recorded beside what it pins."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional

from . import environment, examples, frameworks, image_check
from .cli import Cli
from .errors import ScaffoldError
from .project import RECORD, Project

__version__ = "0.1.0"
SAMPLE_EXAMPLE = "notebook sample"


def scaffold(
    model: Any,
    target_directory: str,
    *,
    sample: Any = None,
    name: Optional[str] = None,
    framework: Optional[str] = None,
    quiet: bool = False,
) -> Project:
    """Packages `model` as a Stagemaker project in `target_directory` (new or empty).

    sample: rows (DataFrame, array, list of dicts) saved as the project's first example, with
    the model's own predictions made here as the expected answer. framework: the format to write
    ("onnx" to convert; by default the model's own framework's format, joblib for scikit-learn).
    """
    target = Path(target_directory).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(
            f"{target} already exists and is not empty. Choose a new folder, or open the project there with stagemaker.Project({str(target)!r})."
        )
    with tempfile.TemporaryDirectory(prefix="stagemaker-scaffold-") as tmp:
        saved = frameworks.save(model, framework, tmp, sample)  # a model that cannot be served is refused first
        notebook = _notebook_versions(model, saved)
        cli = Cli(quiet=quiet)
        engine = (cli.call("status") or {}).get("engine", {})
        arch = str(engine.get("arch") or platform.machine())
        checked = image_check.check(notebook, arch)
        requirements = os.path.join(tmp, "requirements.txt")
        Path(requirements).write_text(_requirements_text(checked), "utf8")
        args = ["new", str(target), "--from", saved.path, "--requirements", requirements] + (
            ["--name", name] if name else []
        )
        created = cli.call(*args)
    project_value = created.get("project", created) if isinstance(created, dict) else {}
    plan = created.get("plan") if isinstance(created, dict) else None
    record = _record(saved, notebook, checked, plan, created, arch)
    if plan:
        record["schema"]["prediction"] = examples.prediction_fields(str(target))
    (target / RECORD).write_text(json.dumps(record, indent=2) + "\n", "utf8")
    project = Project(str(target), cli=cli, quiet=quiet)
    if sample is not None:
        _save_sample(project, model, sample, plan, record)
    drifted = [e for e in record["environment"] if e.get("image") != e.get("notebook")]
    if drifted:
        warnings.warn(
            "The image will not have the notebook's versions of "
            + "; ".join(
                f"{e['package']} {e['notebook']} (image: {e.get('image') or 'none'}): {e.get('why', '')}"
                for e in drifted
            ),
            stacklevel=2,
        )
    if not quiet and project_value:
        print(f"Created {project.name} in {project.directory}")
    return project


def _notebook_versions(model: Any, saved: frameworks.SavedModel) -> Dict[str, str]:
    extra: List[str] = environment.pickle_distributions(model) if saved.format == "joblib" else []
    if any(c.__module__.split(".")[0] == "sklearn" for c in type(model).__mro__):
        # A scikit-learn-style wrapper (XGBClassifier, LGBMRegressor...): its predict() is scikit-learn's code too.
        extra.append("scikit-learn")
    versions = environment.stack(saved.distribution, extra)
    if saved.framework == "sklearn" and environment.version_of("pandas"):
        versions.setdefault(
            "pandas", str(environment.version_of("pandas"))
        )  # the generated predictor builds DataFrames
    return versions


def _requirements_text(checked: image_check.CheckResult) -> str:
    lines = [
        f"# The notebook's environment ({environment.interpreter()['python']}), recorded by stagemaker.scaffold {__version__}:",
        "# the intake pins these versions over its tested table.",
    ]
    for r in checked.replaced:
        lines.append(f"# {r.why}")
    lines += [f"{n}=={v}" for n, v in checked.pins.items()]
    return "\n".join(lines) + "\n"


def _image_pins(plan: Optional[Dict[str, Any]]) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for line in (plan or {}).get("requirements", []):
        if "==" in line:
            n, v = line.split("==", 1)
            key = environment.canonical(n)
            out["xgboost" if key == "xgboost-cpu" else key] = v.strip()
    return out


def _record(
    saved: frameworks.SavedModel,
    notebook: Dict[str, str],
    checked: image_check.CheckResult,
    plan: Optional[Dict[str, Any]],
    created: Any,
    arch: str,
) -> Dict[str, Any]:
    image = _image_pins(plan)
    why = {r.package: r.why for r in checked.replaced}
    rows = []
    for package, version in notebook.items():
        row = {"package": package, "notebook": version, "image": image.get(package)}
        if row["image"] != version:
            row["why"] = why.get(package) or (
                "the intake pinned another version" if row["image"] else "not installed in the image by the intake"
            )
        rows.append(row)
    detections = (created or {}).get("detections") or []
    detection = (plan or {}).get("detection") or (detections[0] if detections else {})
    info = (plan or {}).get("introspection") or {}
    notes = (
        list(checked.notes)
        + list(saved.notes)
        + list((plan or {}).get("notes", []))
        + ([] if plan else list(detection.get("notes", [])))
    )
    python = environment.interpreter()["python"]
    if ".".join(python.split(".")[:2]) != image_check.IMAGE_PYTHON:
        notes.append(
            f"The notebook runs Python {python}; the image has Python {image_check.IMAGE_PYTHON} (Debian bookworm's)."
        )
    return {
        "recordedBy": f"stagemaker.scaffold {__version__}",
        "recordedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "interpreter": environment.interpreter(),
        "model": {
            "object": saved.object_type,
            "framework": saved.framework,
            "file": os.path.basename(saved.path),
            "format": saved.format,
            "detected": {
                k: detection.get(k)
                for k in ("kind", "format", "frameworkVersion", "summary")
                if detection.get(k) is not None
            },
        },
        "image": {
            "python": image_check.IMAGE_PYTHON,
            "platform": f"linux/{arch}",
            "requirements": list((plan or {}).get("requirements", [])),
        },
        "environment": rows,
        "schema": {
            "instance": [
                {k: f[k] for k in ("name", "dtype", "categories") if k in f} for f in info.get("features", [])
            ],
            "prediction": [],
        },
        "notes": notes,
    }


def _save_sample(
    project: Project, model: Any, sample: Any, plan: Optional[Dict[str, Any]], record: Dict[str, Any]
) -> None:
    if not plan:
        record["notes"].append(
            "The sample was not saved as an example: Stagemaker generated no Instance and Prediction for this model."
        )
    else:
        written = examples.write_example(str(project.directory), SAMPLE_EXAMPLE, model, sample, project.features)
        record["examples"] = [{"name": written["name"], "rows": len(written["request"]["body"]["instances"])}]
    (project.directory / RECORD).write_text(json.dumps(record, indent=2) + "\n", "utf8")
    project.record = record

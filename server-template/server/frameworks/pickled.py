"""Pickles (joblib or pickle): which modules they name, and loading them with refusals that help."""

import pickle
from typing import Any, Dict, List, Tuple

from server.frameworks.refusal import Refusal
from server.frameworks.values import model_folder_on_path

# Top-level modules a scikit-learn-API pickle may name without the person adding anything: the
# Python standard library's, numpy/scipy/pandas/joblib, and the frameworks we pin (framework ->
# package, the system packages it needs). "_loss" and similar private names are Cython classes
# of scikit-learn that record a bare module name.
STANDARD = {
    "builtins",
    "__builtin__",
    "copyreg",
    "copy_reg",
    "collections",
    "_codecs",
    "functools",
    "datetime",
    "decimal",
    "_operator",
    "operator",
    "array",
    "re",
    "numpy",
    "scipy",
    "joblib",
    "pandas",
    "sklearn",
    "_loss",
    "_pickle",
    "codecs",
    "uuid",
    "pathlib",
    "enum",
    "types",
}
FRAMEWORKS: Dict[str, Tuple[str, List[str]]] = {
    "xgboost": ("xgboost", ["libgomp1"]),
    "lightgbm": ("lightgbm", ["libgomp1"]),
    "catboost": ("catboost", []),
}


def top(module: str) -> str:
    return module.split(".", 1)[0]


def frameworks_named(modules: List[str]) -> List[str]:
    return sorted({top(m) for m in modules if top(m) in FRAMEWORKS})


def foreign(modules: List[str]) -> List[str]:
    """Modules that are neither ours nor a framework's: the person's own code or another package."""
    return sorted({m for m in modules if top(m) not in STANDARD and top(m) not in FRAMEWORKS})


def load_pickle(path: str) -> Any:
    """joblib.load (plain pickles too), refusing with the module's name when code is missing."""
    import joblib

    model_folder_on_path(path)
    try:
        return joblib.load(path)
    except (ModuleNotFoundError, AttributeError) as exc:
        raise _missing_code(path, exc) from exc
    except pickle.UnpicklingError as exc:
        raise Refusal(
            f"{path.rsplit('/', 1)[-1]} is not a readable pickle ({exc}).",
            "The file may be truncated or written by something other than pickle/joblib.",
            "Save the model again with joblib.dump and drop the new file.",
        ) from exc


def _missing_code(path: str, exc: Exception) -> Refusal:
    why = (
        "A pickle stores the names of its classes, not their code: the code that defined them"
        " must be importable where the model loads."
    )
    name = path.rsplit("/", 1)[-1]
    if isinstance(exc, AttributeError) and "__main__" in str(exc):
        return Refusal(
            f"{name} needs a class that was defined in the training script itself ({exc}).",
            why,
            "Move the class into its own module (for example my_transformers.py), import it from"
            " there when training, save the model again, and add that file to model/.",
        )
    module = getattr(exc, "name", None) or str(exc)
    head = module.split(".")[0]
    return Refusal(
        f"{name} names the module {module}, which is not installed here.",
        why,
        f"If {head} is your own code, add {head}.py (or the {head}/ package) to the project's"
        " model/ folder; if it is a package from PyPI, add it to requirements.txt; then Generate"
        " again.",
    )

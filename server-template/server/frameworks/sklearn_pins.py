"""Which packages load a scikit-learn pickle: the version it records, with a numpy, scipy and
pandas known to work with it on the template's Python (3.11, Debian bookworm). Standard library
only: it runs before anything is installed."""

import re
from typing import Any, Dict, List, Optional

from server.frameworks.refusal import Refusal

# minor -> oldest with Python 3.11 wheels, latest patch, numpy (numpy2 for pickles written under
# numpy 2, when the release supports it), scipy, pandas.
TABLE: Dict[str, Dict[str, str]] = {
    "1.1": {
        "oldest": "1.1.3",
        "latest": "1.1.3",
        "numpy": "1.23.5",
        "scipy": "1.9.3",
        "pandas": "1.5.3",
    },
    "1.2": {
        "oldest": "1.2.0",
        "latest": "1.2.2",
        "numpy": "1.24.4",
        "scipy": "1.10.1",
        "pandas": "2.0.3",
    },
    "1.3": {
        "oldest": "1.3.0",
        "latest": "1.3.2",
        "numpy": "1.26.4",
        "scipy": "1.11.4",
        "pandas": "2.1.4",
    },
    "1.4": {
        "oldest": "1.4.2",
        "latest": "1.4.2",
        "numpy": "1.26.4",
        "numpy2": "2.0.2",
        "scipy": "1.13.1",
        "pandas": "2.2.3",
    },
    "1.5": {
        "oldest": "1.5.0",
        "latest": "1.5.2",
        "numpy": "1.26.4",
        "numpy2": "2.0.2",
        "scipy": "1.13.1",
        "pandas": "2.2.3",
    },
    "1.6": {
        "oldest": "1.6.0",
        "latest": "1.6.1",
        "numpy": "1.26.4",
        "numpy2": "2.2.6",
        "scipy": "1.15.3",
        "pandas": "2.2.3",
    },
    "1.7": {
        "oldest": "1.7.0",
        "latest": "1.7.2",
        "numpy": "1.26.4",
        "numpy2": "2.2.6",
        "scipy": "1.15.3",
        "pandas": "2.2.3",
    },
}
DEFAULT = "1.5"
OLDEST_WHEEL = "1.1.3"  # the first scikit-learn with wheels for Python 3.11

# Framework estimators pickled through scikit-learn's API: their pin and what they need.
EXTRAS = {
    "xgboost": (["xgboost-cpu==2.1.4"], ["libgomp1"]),
    "lightgbm": (["lightgbm==4.5.0"], ["libgomp1"]),
    "catboost": (["catboost==1.2.8"], []),
}


def version_tuple(v: str) -> tuple:
    return tuple(int(p) for p in re.findall(r"\d+", v)[:3])


def minor(v: Optional[str]) -> Optional[str]:
    m = re.match(r"^(\d+)\.(\d+)", v or "")
    return f"{m.group(1)}.{m.group(2)}" if m else None


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    from server.frameworks.pickled import foreign, frameworks_named

    requested = requested or {}
    notes: List[str] = []
    recorded = detection.get("frameworkVersion")
    asked = requested.get("scikit-learn")
    version, row = _choose(recorded, asked, notes)
    numpy = row.get("numpy", "")
    if detection.get("numpy") == "2":
        if row.get("numpy2"):
            numpy = row["numpy2"]
        elif row:
            notes.append(
                f"The file was pickled under numpy 2, which scikit-learn {version} does not"
                " support: it may not load; pin a scikit-learn from 1.4 on in requirements.txt."
            )
    pin = lambda name, v: f"{name}=={v}" if v else name  # noqa: E731
    requirements = [
        f"scikit-learn=={version}",
        pin("numpy", numpy),
        pin("scipy", row.get("scipy")),
        pin("pandas", row.get("pandas")),
    ]
    system: List[str] = []
    modules = list(detection.get("modules") or [])
    embedded = detection.get("embedded") or {}
    for framework in frameworks_named(modules):
        extra, packages = EXTRAS[framework]
        name = extra[0].split("==")[0]
        wanted = requested.get(name) or requested.get(framework)
        saved_by = embedded.get(framework)
        if wanted:
            requirements.append(f"{name}=={wanted}")
        elif framework == "xgboost" and saved_by:
            requirements.append(_xgboost_line(saved_by))
        else:
            requirements += extra
        system += [p for p in packages if p not in system]
        notes.append(
            f"A {framework} estimator inside the pickle"
            + (f" (its booster was saved by {framework} {saved_by})" if saved_by else "")
            + f": {requirements[-1]} loads it."
        )
    others = foreign(modules)
    if others:
        notes.append(
            f"The pickle also names {', '.join(others)}: if that is your own code, add its file"
            " to model/; if it is a package, add it to requirements.txt."
        )
    debian = None
    if minor(version) == "1.2":
        debian = {
            "packages": ["python3-sklearn", "python3-pandas"],
            "version": "scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1",
        }
    out: Dict[str, Any] = {
        "package": "scikit-learn",
        "version": version,
        "requirements": requirements,
        "systemPackages": system,
        "notes": notes,
    }
    if debian:
        out["debian"] = debian
    return out


def _xgboost_line(saved_by: str) -> str:
    """The xgboost requirement for a booster saved by `saved_by` (the pickle's own evidence)."""
    from server.frameworks.booster_pins import xgboost_pins

    return str(xgboost_pins({"frameworkVersion": saved_by}, None)["requirements"][0])


def _choose(recorded: Optional[str], asked: Optional[str], notes: List[str]):
    if asked:
        if version_tuple(asked) < version_tuple(OLDEST_WHEEL):
            raise Refusal(
                f"scikit-learn {asked} was asked for, but it has no wheel for Python 3.11 (the"
                " image's Python).",
                "pip would have to compile it, which the image cannot do.",
                f"Choose scikit-learn {OLDEST_WHEEL} or later in requirements.txt (or the card's"
                " framework version), then Generate again.",
            )
        row = TABLE.get(minor(asked) or "", {})
        if not row:
            notes.append(
                f"scikit-learn {asked} (asked for) is outside the tested table:"
                " numpy, scipy and pandas are left to pip."
            )
        return asked, row
    row = TABLE.get(minor(recorded) or "", {})
    if recorded and re.fullmatch(r"\d+\.\d+\.\d+", recorded):
        if row and version_tuple(recorded) < version_tuple(row["oldest"]):
            notes.append(
                f"scikit-learn {recorded} has no wheels for Python 3.11: pinned"
                f" {row['oldest']}, the nearest that has."
            )
            return row["oldest"], row
        if row:
            return recorded, row
        if version_tuple(recorded) < version_tuple(OLDEST_WHEEL):
            fallback = TABLE["1.1"]
            notes.append(
                f"The file was written by scikit-learn {recorded}, which has no wheel for Python"
                f" 3.11: pinned {fallback['oldest']}, the oldest that has; if it does not load,"
                " save the model again with a newer scikit-learn."
            )
            return fallback["oldest"], fallback
        notes.append(
            f"scikit-learn {recorded} is newer than the tested table: numpy, scipy"
            " and pandas are left to pip."
        )
        return recorded, {}
    fallback = TABLE[DEFAULT]
    notes.append(
        f"The file records no scikit-learn version: pinned {fallback['latest']}."
        if not recorded
        else f"The file records scikit-learn {recorded}: pinned {fallback['latest']}."
    )
    return fallback["latest"], fallback

"""Pins for XGBoost, LightGBM and CatBoost files (standard library only: runs before installing)."""

import re
from typing import Any, Dict, List, Optional

from server.frameworks.refusal import Refusal
from server.frameworks.sklearn_pins import minor

# XGBoost minor -> last patch; 2.1 and later come as xgboost-cpu (no CUDA libraries, 10x smaller).
XGBOOST = {
    "1.3": "1.3.3",
    "1.4": "1.4.2",
    "1.5": "1.5.2",
    "1.6": "1.6.2",
    "1.7": "1.7.6",
    "2.0": "2.0.3",
    "2.1": "2.1.4",
    "3.0": "3.0.5",
    "3.1": "3.1.3",
}
XGBOOST_DEFAULT = "2.1.4"
# CatBoost releases with Python 3.11 wheels.
CATBOOST = [
    "1.2",
    "1.2.1",
    "1.2.1.1",
    "1.2.2",
    "1.2.3",
    "1.2.5",
    "1.2.6",
    "1.2.7",
    "1.2.8",
    "1.2.9",
    "1.2.10",
]
CATBOOST_DEFAULT = "1.2.8"
LIGHTGBM = {"3.x": "3.3.5", "4.x": "4.5.0"}


def vt(v: str) -> tuple:
    return tuple(int(p) for p in re.findall(r"\d+", v)[:4])


def _no_wheel(package: str, version: str, oldest: str) -> Refusal:
    return Refusal(
        f"{package} {version} was asked for, but it has no wheel for Python 3.11 (the image's"
        " Python).",
        "pip would have to compile it, which the image cannot do.",
        f"Choose {package} {oldest} or later in requirements.txt (or the card's framework"
        " version), then Generate again.",
    )


def xgboost_pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]]) -> Dict[str, Any]:
    requested = requested or {}
    notes: List[str] = []
    asked = requested.get("xgboost-cpu") or requested.get("xgboost")
    recorded = detection.get("frameworkVersion")
    if asked:
        if vt(asked) < vt("1.3.0"):
            raise _no_wheel("xgboost", asked, "1.3.3")
        version = asked
    elif recorded and re.fullmatch(r"\d+\.\d+\.\d+", recorded):
        version = recorded
    elif minor(recorded) in XGBOOST:
        version = XGBOOST[str(minor(recorded))]
    else:
        version = XGBOOST_DEFAULT
        notes.append(f"The file records no usable XGBoost version: pinned {version}.")
    if not asked and vt(version) < vt("1.3.0"):
        notes.append(
            f"XGBoost {version} has no wheel for Python 3.11: pinned 1.3.3, which reads"
            " its files."
        )
        version = "1.3.3"
    cpu = vt(version) >= vt("2.1.0")
    old = vt(version) < vt("1.6.0")
    known = minor(version) in XGBOOST
    requirements = [f"{'xgboost-cpu' if cpu else 'xgboost'}=={version}"]
    if not known:
        requirements += ["numpy", "scipy"]
        notes.append(
            f"XGBoost {version} is outside the tested table: numpy and scipy are left" " to pip."
        )
    else:
        requirements += [
            f"numpy=={'2.2.6' if cpu else '1.23.5' if old else '1.26.4'}",
            f"scipy=={'1.15.3' if cpu else '1.9.3' if old else '1.11.4'}",
        ]
    if not cpu:
        notes.append(
            f"XGBoost {version} wheels carry GPU code (about 200 MB); 2.1 and later come"
            " as the smaller xgboost-cpu."
        )
    out: Dict[str, Any] = {
        "package": "xgboost-cpu" if cpu else "xgboost",
        "version": version,
        "requirements": requirements,
        "systemPackages": ["libgomp1"],
        "notes": notes,
    }
    if minor(version) == "1.7":
        out["debian"] = {"packages": ["python3-xgboost"], "version": "xgboost 1.7.4"}
    return out


def lightgbm_pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]]) -> Dict[str, Any]:
    asked = (requested or {}).get("lightgbm")
    recorded = detection.get("frameworkVersion") or "4.x"
    notes: List[str] = []
    if asked:
        if vt(asked) < vt("3.3.3"):
            raise _no_wheel("lightgbm", asked, "3.3.3")
        version = asked
    else:
        version = LIGHTGBM.get(recorded, LIGHTGBM["4.x"])
        notes.append(
            f"LightGBM text files record their format ({recorded}), not the exact"
            f" package version: pinned {version}, the last tested release of that line."
        )
    numpy = (
        ["numpy==1.26.4", "scipy==1.11.4"]
        if vt(version) < vt("4.0")
        else ["numpy==2.2.6", "scipy==1.15.3"]
    )
    return {
        "package": "lightgbm",
        "version": version,
        "requirements": [f"lightgbm=={version}", *numpy],
        "systemPackages": ["libgomp1"],
        "notes": notes,
    }


def catboost_pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]]) -> Dict[str, Any]:
    asked = (requested or {}).get("catboost")
    recorded = detection.get("frameworkVersion")
    notes: List[str] = []
    if asked:
        if vt(asked) < vt("1.2"):
            raise _no_wheel("catboost", asked, "1.2")
        version = asked
    elif recorded in CATBOOST:
        version = str(recorded)
    else:
        version = CATBOOST_DEFAULT
        notes.append(
            f"CatBoost {recorded} is outside the tested table: pinned {version}; pin another in"
            " requirements.txt if it does not load."
            if recorded
            else f"The file records no CatBoost release: pinned {version}."
        )
    # Releases before 1.2.7 were built against numpy 1; numpy 1.26 loads every 1.2.x release.
    return {
        "package": "catboost",
        "version": version,
        "requirements": [f"catboost=={version}", "numpy==1.26.4", "scipy==1.13.1", "pandas==2.2.3"],
        "systemPackages": [],
        "notes": notes,
    }

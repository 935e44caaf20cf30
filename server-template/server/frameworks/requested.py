"""Versions the person asked for: `name==version` lines of their requirements.txt, then the
model card's choice (which wins). Standard library only: it runs before anything is installed."""

import re
from typing import Any, Dict, List, Optional, Set

_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==\s*([^\s;#,]+)")


def canonical(name: str) -> str:
    """PEP 503 names: scikit_learn, Scikit.Learn and scikit-learn are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requested_versions(
    requirements_txt: Optional[str], chosen: Optional[Dict[str, str]] = None
) -> Dict[str, str]:
    found: Dict[str, str] = {}
    for line in (requirements_txt or "").splitlines():
        match = _PIN.match(line)
        if match:
            found[canonical(match.group(1))] = match.group(2)
    for name, version in (chosen or {}).items():
        if version:
            found[canonical(name)] = version
    return found


# XGBoost 2.1+ also comes as xgboost-cpu (same code, no CUDA): one line of releases, two names.
_SAME_PROJECT = {"xgboost-cpu": "xgboost", "xgboost": "xgboost-cpu"}
_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:==(\S+))?$")


def honour(pins: Dict[str, Any], requested: Dict[str, str]) -> Dict[str, Any]:
    """Every version asked for wins, not only the framework's (which the adapter chose): the
    numpy, scipy, pandas... lines take the asked version, and asked packages the adapter did not
    list are added, so a notebook's environment (stagemaker.scaffold) or a person's extra
    packages survive Generate."""
    if not requested:
        return pins
    # The adapter already weighed the framework's own asked version (it may have refused it or
    # named a nearer one that installs); the rest is the person's word.
    framework = canonical(str(pins.get("package") or ""))
    decided = {framework, _SAME_PROJECT.get(framework, framework)}
    lines: List[str] = []
    listed: Set[str] = set()
    changed: List[str] = []
    for line in pins.get("requirements", []):
        match = _LINE.match(line)
        if not match:
            lines.append(line)
            continue
        name, version = match.group(1), match.group(2)
        key = canonical(name)
        alias = _SAME_PROJECT.get(key)
        listed.update({key, alias} if alias else {key})
        asked = requested.get(key) or (requested.get(alias) if alias else None)
        if asked and asked != version and key not in decided:
            line = f"{name}=={asked}"
            changed.append(f"{line} (the adapter's: {version or 'unpinned'})")
        lines.append(line)
    added = [f"{name}=={version}" for name, version in requested.items() if name not in listed]
    if not changed and not added:
        return pins
    note = f"Versions from requirements.txt honoured: {', '.join(changed + added)}."
    return {**pins, "requirements": lines + added, "notes": [*pins.get("notes", []), note]}

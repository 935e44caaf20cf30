"""Versions the person asked for: `name==version` lines of their requirements.txt, then the
intake card's choice (which wins). Standard library only: it runs before anything is installed."""

import re
from typing import Dict, Optional

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

"""Whether the notebook's versions can be installed in the project's image, asked of pip itself
(a dry run for the image's Python and platform, through the notebook's own pip configuration:
index, proxy, certificates), and what to pin instead of a version that cannot."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional

# The server template's image: Debian bookworm's Python 3.11 and glibc 2.36 (server-template/Dockerfile).
IMAGE_PYTHON = "3.11"
IMAGE_GLIBC_MINOR = 36
ARCHES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}


@dataclass
class Replacement:
    package: str
    notebook: str
    image: Optional[str]  # None: nothing installable found, left to the intake's tested table
    why: str


@dataclass
class CheckResult:
    pins: Dict[str, str]  # what to ask the image for
    replaced: List[Replacement] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


def platform_tags(arch: str) -> List[str]:
    machine = ARCHES.get(arch.lower(), arch.lower())
    tags = [f"manylinux_2_{m}_{machine}" for m in range(IMAGE_GLIBC_MINOR, 16, -1)]
    return (
        tags
        + [f"manylinux2014_{machine}"]
        + ([f"manylinux2010_{machine}", f"manylinux1_{machine}"] if machine == "x86_64" else [])
    )


def _pip(requirements: List[str], arch: str, report: str) -> subprocess.CompletedProcess:
    version = IMAGE_PYTHON.replace(".", "")
    args = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--no-deps",
        "--ignore-installed",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--quiet",
        "--python-version",
        IMAGE_PYTHON,
        "--implementation",
        "cp",
        "--abi",
        f"cp{version}",
        "--report",
        report,
        "--target",
        os.path.join(os.path.dirname(report), "target"),
    ]
    for tag in platform_tags(arch):
        args += ["--platform", tag]
    return subprocess.run(args + requirements, capture_output=True, text=True, timeout=300)


def _resolved(requirement: str, arch: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        proc = _pip([requirement], arch, report)
        proc.stdout = open(report).read() if proc.returncode == 0 and os.path.exists(report) else ""
        return proc


def _version_in(report: str) -> Optional[str]:
    try:
        return str(json.loads(report)["install"][0]["metadata"]["version"])
    except (ValueError, KeyError, IndexError):
        return None


_OFFLINE = re.compile(
    r"(Max retries exceeded|Could not fetch URL|NewConnectionError|Temporary failure in name resolution|ProxyError|SSLError|No route to host)"
)


def check(pins: Dict[str, str], arch: str) -> CheckResult:
    """Keeps every pin pip can install for the image; replaces the others with the newest version
    not above the notebook's that has a wheel (else any), saying which and why."""
    if not pins:
        return CheckResult({})
    with tempfile.TemporaryDirectory() as tmp:
        everything = _pip([f"{n}=={v}" for n, v in pins.items()], arch, os.path.join(tmp, "report.json"))
    if everything.returncode == 0:
        return CheckResult(dict(pins))
    if "no such option" in everything.stderr or "unrecognized arguments" in everything.stderr:
        return CheckResult(
            dict(pins),
            notes=[
                "This pip cannot do a dry run for another platform (pip 22.2 or newer can): the notebook's versions were requested without checking them."
            ],
        )
    if _OFFLINE.search(everything.stderr):
        return CheckResult(
            dict(pins),
            notes=[
                "pip could not reach the package index from here, so the notebook's versions were requested without checking that the image can install them."
            ],
        )
    result = CheckResult({})
    where = f"CPython {IMAGE_PYTHON} on Linux {ARCHES.get(arch.lower(), arch)} (the image)"
    for name, version in pins.items():
        if _resolved(f"{name}=={version}", arch).returncode == 0:
            result.pins[name] = version
            continue
        why = f"{name} {version} has no wheel for {where}"
        below = _version_in(_resolved(f"{name}<={version}", arch).stdout)
        major = re.match(r"\d+", version)
        above = (
            None
            if below or not major
            else _version_in(_resolved(f"{name}>={version},<{int(major.group()) + 1}", arch).stdout)
        )
        if below or above:
            instead = str(below or above)
            result.pins[name] = instead
            which = (
                "the newest release below it that has one"
                if below
                else "the newest release of the same major version that has one"
            )
            result.replaced.append(Replacement(name, version, instead, f"{why}: pinned {instead}, {which}."))
        else:
            result.replaced.append(
                Replacement(
                    name,
                    version,
                    None,
                    f"{why}, nor does a release below it or of its major version: left to Stagemaker's tested versions.",
                )
            )
    return result

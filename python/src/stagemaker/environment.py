"""The notebook's environment as it matters to a saved model: the exact versions (from
importlib.metadata) of the framework, its numeric stack and every package the model's pickle
imports."""

from __future__ import annotations

import io
import os
import pickle
import platform
import re
import sys
import sysconfig
from importlib import metadata
from typing import Any, Dict, Iterable, List, Optional, Set

# The numeric stack a model's answers depend on, pinned beside the framework when installed.
NUMERIC_STACK = ("numpy", "scipy", "pandas", "joblib", "threadpoolctl")
# GPU runtime libraries some frameworks require on Linux: the image serves on CPU without them.
GPU_ONLY = re.compile(r"^(nvidia-|cuda-|cupy)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class _ModuleRecorder(pickle.Pickler):
    """Pickles into nothing, noting the module of every class and function the pickle names."""

    def __init__(self) -> None:
        super().__init__(_Discard(), protocol=pickle.HIGHEST_PROTOCOL)
        self.modules: Set[str] = set()

    def reducer_override(self, obj: Any) -> Any:  # called for (almost) every object pickled
        target = obj if isinstance(obj, type) or callable(obj) and hasattr(obj, "__qualname__") else type(obj)
        module = getattr(target, "__module__", None)
        if isinstance(module, str):
            self.modules.add(module)
        return NotImplemented


class _Discard(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        return len(b)


def pickled_modules(model: Any) -> Set[str]:
    recorder = _ModuleRecorder()
    recorder.dump(model)
    return recorder.modules


def _stdlib(module: str) -> bool:
    root = module.split(".")[0]
    if root == "__main__":
        return False
    names = getattr(sys, "stdlib_module_names", None)  # Python 3.10+
    if names is not None:
        return root in names
    if root in sys.builtin_module_names:
        return True
    path = getattr(sys.modules.get(root), "__file__", None)
    if path is None:
        return False
    real, stdlib = os.path.realpath(path), os.path.realpath(sysconfig.get_paths()["stdlib"])
    return real.startswith(stdlib + os.sep) and "site-packages" not in real


def module_distributions() -> Dict[str, List[str]]:
    """Top-level module -> the distributions that install it."""
    if hasattr(metadata, "packages_distributions"):  # Python 3.10+
        return {k: list(v) for k, v in metadata.packages_distributions().items()}
    out: Dict[str, List[str]] = {}
    for dist in metadata.distributions():  # Python 3.9: top_level.txt, else the files' first folder
        name = dist.metadata["Name"]
        tops = (dist.read_text("top_level.txt") or "").split()
        if not tops:
            tops = sorted(
                {
                    str(f).split("/")[0].removesuffix(".py")
                    for f in (dist.files or [])
                    if "/" in str(f) or str(f).endswith(".py")
                }
            )
        for top in tops:
            out.setdefault(top, []).append(name)
    return out


def local_code_modules(model: Any) -> Set[str]:
    """Modules the pickle names that no installed distribution provides (the notebook's own code)."""
    owners = module_distributions()
    return {m for m in pickled_modules(model) if not _stdlib(m) and m.split(".")[0] not in owners}


def version_of(dist: str) -> Optional[str]:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _requires(dist: str) -> List[str]:
    """Names of a distribution's unconditional requirements (extras left out)."""
    try:
        reqs = metadata.requires(dist) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for req in reqs:
        if re.search(r"\bextra\s*==", req):
            continue
        m = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
        if m:
            names.append(m.group(1))
    return names


def stack(framework_dist: str, extra: Iterable[str] = ()) -> Dict[str, str]:
    """Installed versions: the framework, the packages the pickle imports (`extra`), and the
    numeric stack among their requirements (one level down, where numpy and scipy sit)."""
    wanted = [framework_dist, *extra]
    for dist in list(wanted):
        wanted += [r for r in _requires(dist) if canonical(r) in NUMERIC_STACK]
    out: Dict[str, str] = {}
    for dist in wanted:
        version = version_of(dist)
        if version and not GPU_ONLY.match(canonical(dist)) and canonical(dist) not in out:
            out[canonical(dist)] = version
    return out


def pickle_distributions(model: Any) -> List[str]:
    """Distributions whose modules the model's pickle imports."""
    owners = module_distributions()
    found: List[str] = []
    for module in sorted(pickled_modules(model)):
        for dist in owners.get(module.split(".")[0], []):
            if dist not in found:
                found.append(dist)
    return found


def interpreter() -> Dict[str, str]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": f"{sys.platform} {platform.machine()}",
    }

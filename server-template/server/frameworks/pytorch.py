"""PyTorch models saved without their Python classes: TorchScript (torch.jit.save) and
torch.export programs (.pt2), answered by the module's own forward on the CPU.

A state_dict or a torch.save of a whole module needs the person's class to load, so it is
refused with what to do. TorchScript records no input shapes: the first Linear/Embedding layer
gives a flat input's width, otherwise input_shapes.json beside the file names each input's
per-row shape ({"x": [3, 32, 32]}). torch.export programs record their shapes.
"""

import json
import os
import re
import zipfile
from typing import Any, Dict, List, Optional

from server.frameworks.deep_learning import (
    TensorModel,
    introspection,
    per_output,
    scored_outputs,
)
from server.frameworks.refusal import Refusal
from server.frameworks.tensors import Port, dtype_of, name_unnamed, sample_rows

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

PACKAGE = "torch"

DEBIAN_TORCH = "1.13.1"  # python3-torch in Debian bookworm: CPU-only, no index but Debian's
CPU_TORCH = "2.5.1+cpu"  # PyTorch's CPU index (https://download.pytorch.org/whl/cpu)
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# Whole image sizes. Debian's: measured here (template 0.34 GB + python3-torch and its
# dependencies); the CPU index's and PyPI's: their wheels' installed sizes plus the template.
SIZES = {"debian": "about 1.8 GB", "cpu": "about 1.1 GB", "cuda": "about 6 GB (CUDA libraries)"}


def choices(export: bool = False) -> List[Dict[str, str]]:
    """The torch builds the model card offers, with the image each makes (for a torch.export
    program only torch 2 builds: Debian's 1.13 cannot load it)."""
    cuda = CPU_TORCH.replace("+cpu", "")
    debian = [
        {
            "version": DEBIAN_TORCH,
            "label": f"CPU, Debian's python3-torch {DEBIAN_TORCH}",
            "imageSize": SIZES["debian"],
        }
    ]
    return ([] if export else debian) + [
        {
            "version": CPU_TORCH,
            "label": f"CPU, torch {CPU_TORCH} from PyTorch's index",
            "imageSize": SIZES["cpu"],
            "needs": f"{CPU_INDEX} as pip's extra index URL in Settings",
            "index": CPU_INDEX,
        },
        {"version": cuda, "label": f"CUDA, torch {cuda} from PyPI", "imageSize": SIZES["cuda"]},
    ]


def _variant(version: str) -> str:
    if version == DEBIAN_TORCH or version == "debian":
        return "debian"
    return "cpu" if version.endswith("+cpu") else "cuda"


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """torch records no version in its files. Debian's python3-torch (1.13.1, CPU) is the default
    for TorchScript: reachable wherever apt is; .pt2 needs torch 2, from PyTorch's CPU index.
    requested {"torch": "2.5.1+cpu"} picks the CPU index, {"torch": "2.5.1"} PyPI's CUDA build."""
    requested = requested or {}
    export = detection.get("format") == "torch-export"
    version = requested.get("torch") or (CPU_TORCH if export else DEBIAN_TORCH)
    variant = _variant(version)
    notes = []
    if variant == "debian":
        if export:
            raise Refusal(
                f"{detection.get('file')} is a torch.export program.",
                f"It needs torch 2.1 or later; Debian's python3-torch is {DEBIAN_TORCH}.",
                f"Choose torch {CPU_TORCH} (PyTorch's CPU index, {SIZES['cpu']}) or"
                f" {CPU_TORCH.replace('+cpu', '')} (PyPI with CUDA, {SIZES['cuda']}).",
            )
        notes.append(
            f"torch {DEBIAN_TORCH} CPU from Debian's python3-torch ({SIZES['debian']}): files saved"
            " by a much newer torch may use operators it lacks; pin torch==X+cpu (PyTorch's CPU"
            " index) or torch==X (PyPI, with CUDA) in requirements.txt to choose another."
        )
        return {
            "package": "torch",
            "version": DEBIAN_TORCH,
            "requirements": [],
            "systemPackages": ["python3-torch"],
            "debian": {"packages": ["python3-torch"], "version": f"torch {DEBIAN_TORCH}"},
            "notes": notes,
            "choices": choices(export),
        }
    if variant == "cpu":
        notes.append(
            f"torch {version} is on PyTorch's CPU index, not PyPI: add {CPU_INDEX} as pip's extra"
            f" index URL in Settings before building (image {SIZES['cpu']})."
        )
    else:
        notes.append(f"torch {version} from PyPI bundles CUDA: the image is {SIZES['cuda']}.")
    numpy = requested.get("numpy", "1.26.4")
    return {
        "package": "torch",
        "version": version,
        "requirements": [f"torch=={version}", f"numpy=={numpy}"],
        "systemPackages": [],
        "notes": notes,
        "choices": choices(export),
        # The host checks pip's settings name it before building (PyPI has no +cpu wheels).
        **({"index": CPU_INDEX} if variant == "cpu" else {}),
    }


def _entries(path: str) -> List[str]:
    if not zipfile.is_zipfile(path):
        return []
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def refuse_unservable(path: str) -> None:
    """A torch.save pickle (state_dict or module) cannot load without the person's code."""
    entries = _entries(path)
    script = any(e.endswith("/constants.pkl") for e in entries) and any(
        "/code/" in e for e in entries
    )
    if script or _is_export(entries):
        return
    if any(e.endswith("data.pkl") for e in entries) or not entries:
        raise Refusal(
            f"{os.path.basename(path)} is a torch.save file (a state_dict or a pickled module).",
            "It holds weights (and class names), not the network's code, so it cannot run alone.",
            "Export it where the class is defined: torch.jit.save(torch.jit.script(model),"
            " 'model.pt') or torch.export.save(torch.export.export(model, (example,)),"
            " 'model.pt2');"
            " or add the module's code under model/ and load the weights in model/predictor.py.",
        )


def _is_export(entries: List[str]) -> bool:
    return any(
        re.search(r"(^|/)(serialized_exported_program\.json|archive_format)$", e) for e in entries
    )


def _shapes_beside(path: str) -> Dict[str, List[int]]:
    candidate = os.path.join(os.path.dirname(path), "input_shapes.json")
    if os.path.isfile(candidate):
        with open(candidate, encoding="utf-8") as f:
            return {str(k): [int(d) for d in v] for k, v in json.load(f).items()}
    return {}


class Model(TensorModel):
    def __init__(self, path: str) -> None:
        refuse_unservable(path)
        import torch

        self.torch = torch
        self.exported = _is_export(_entries(path))
        if self.exported:
            program = torch.export.load(path)
            self.module = program.module()
            self.inputs = self._export_ports(program)
        else:
            self.module = torch.jit.load(path, map_location="cpu")
            self.module.eval()
            self.inputs = self._script_ports(path)
        self.np_dtypes = [
            "int64" if p.dtype == "int" else "bool" if p.dtype == "bool" else "float32"
            for p in self.inputs
        ]
        arrays, _ = sample_rows(self.inputs, count=2)
        ports = [
            Port(f"output_{i}", dtype_of(str(t.dtype)), tuple(t.shape)[1:])
            for i, t in enumerate(
                self.forward([a.astype(d) for a, d in zip(arrays, self.np_dtypes)])
            )
        ]
        self.outputs = scored_outputs(ports, path)

    def _script_ports(self, path: str) -> List[Port]:
        args = [a for a in self.module.forward.schema.arguments if a.name != "self"]
        given = _shapes_beside(path)
        first = next(
            (
                m
                for m in self.module.modules()
                if m.original_name in ("Linear", "Embedding", "Conv1d", "Conv2d", "Conv3d")
            ),
            None,
        )
        ports = []
        for arg in args:
            if arg.name in given:
                shape = given[arg.name]
            elif len(args) == 1 and first is not None and first.original_name == "Linear":
                shape = [int(first.weight.shape[1])]
            else:
                raise Refusal(
                    f"TorchScript records no input shapes, and {arg.name}'s cannot be read from its"
                    " first layer.",
                    "The Instance needs each input's per-row shape.",
                    "Write artifacts/input_shapes.json beside the file, e.g."
                    f' {{"{arg.name}": [3, 32, 32]}},'
                    " and generate again.",
                )
            embedding = first is not None and first.original_name == "Embedding"
            ports.append(Port(arg.name, "int" if embedding else "float", shape))
        return name_unnamed(ports, "input")

    @staticmethod
    def _export_ports(program: Any) -> List[Port]:
        ports = []
        for spec in program.graph_signature.input_specs:
            if str(spec.kind).endswith("USER_INPUT"):
                meta = program.graph.find_nodes(op="placeholder", target=spec.arg.name)[0].meta[
                    "val"
                ]
                shape = [int(d) if str(d).isdigit() else None for d in tuple(meta.shape)[1:]]
                ports.append(Port(spec.arg.name, dtype_of(str(meta.dtype)), shape))
        return name_unnamed(ports, "input")

    def forward(self, arrays: List[Any]) -> List[Any]:
        tensors = [self.torch.from_numpy(a) for a in arrays]
        # no_grad here, not once in __init__: grad mode is per thread and the server predicts
        # on its own threads.
        with self.torch.no_grad():
            out = self.module(*tensors)
        out = list(out.values()) if isinstance(out, dict) else out
        return [t.detach().numpy() for t in per_output(out)]


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    model = Model(path)
    what = "torch.export program" if model.exported else "TorchScript module"
    name = getattr(model.module, "original_name", type(model.module).__name__)
    # The module's own forward on the sample (torch tensors, not the adapter's batching).
    return introspection(
        "pytorch", model.torch.__version__, f"{what} ({name})", model, model.forward
    )

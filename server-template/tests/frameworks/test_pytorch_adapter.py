"""The PyTorch adapter against TorchScript files scripted and traced here, and the torch.save files
it refuses. Runs where torch is installed (a PyTorch project's image); skipped elsewhere."""

import json
from pathlib import Path

import pytest

from server.frameworks import Refusal
from server.frameworks import pytorch as adapter

# torch is a module object (importorskip): mypy cannot read torch.Tensor or nn.Module as types.
torch = pytest.importorskip("torch")
nn = torch.nn


class Mlp(nn.Module):  # type: ignore[name-defined]
    def __init__(self) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # type: ignore[name-defined]
        return self.net(x)


class Pair(nn.Module):  # type: ignore[name-defined]
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv1d(2, 1, 3)

    def forward(self, signal: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:  # type: ignore[name-defined]
        return self.conv(signal).flatten(1).sum(1, keepdim=True) + bias


def test_a_scripted_mlp_takes_its_width_from_the_first_linear_and_answers_like_forward(
    tmp_path: Path,
) -> None:
    torch.manual_seed(0)
    model = torch.jit.script(Mlp().eval())
    path = str(tmp_path / "model.pt")
    torch.jit.save(model, path)
    info = adapter.introspect(path)
    assert [f["name"] for f in info["features"]] == ["f0", "f1", "f2"]
    x = torch.randn(5, 3)
    got = adapter.load(path).predict_batch([dict(zip(["f0", "f1", "f2"], r)) for r in x.tolist()])
    want = model(x).detach().numpy().tolist()
    assert all(abs(a - b) < 1e-6 for g, w in zip(got, want) for a, b in zip(g["prediction"], w))
    for case in info["expected"]:
        row = torch.tensor([[case["row"][n] for n in ["f0", "f1", "f2"]]])
        assert case["prediction"]["prediction"] == pytest.approx(model(row)[0].tolist(), abs=1e-6)


def test_it_answers_from_another_thread_as_the_server_calls_it(tmp_path: Path) -> None:
    # Grad mode is per thread: the server's batching thread must not see grad-tracking outputs.
    import threading

    torch.manual_seed(3)
    torch.jit.save(torch.jit.script(Mlp()), str(tmp_path / "model.pt"))
    model = adapter.load(str(tmp_path / "model.pt"))
    answers: list = []
    worker = threading.Thread(
        target=lambda: answers.append(model.predict_batch([{"f0": 1.0, "f1": 2.0, "f2": 3.0}]))
    )
    worker.start()
    worker.join()
    assert len(answers) == 1 and len(answers[0][0]["prediction"]) == 2


def test_labels_beside_make_the_argmax_the_label(tmp_path: Path) -> None:
    torch.manual_seed(1)
    model = torch.jit.script(Mlp().eval())
    torch.jit.save(model, str(tmp_path / "model.pt"))
    (tmp_path / "labels.txt").write_text("no\nyes\n")
    info = adapter.introspect(str(tmp_path / "model.pt"))
    assert info["classes"] == ["no", "yes"] and [o["name"] for o in info["outputs"]] == [
        "label",
        "scores",
    ]


def test_two_inputs_need_their_shapes_and_get_one_field_each(tmp_path: Path) -> None:
    torch.manual_seed(2)
    model = torch.jit.trace(Pair().eval(), (torch.randn(1, 2, 6), torch.randn(1, 1)))
    path = str(tmp_path / "model.pt")
    torch.jit.save(model, path)
    with pytest.raises(Refusal) as refused:
        adapter.load(path)
    assert "input_shapes.json" in refused.value.todo
    (tmp_path / "input_shapes.json").write_text(json.dumps({"signal": [2, 6], "bias": [1]}))
    info = adapter.introspect(path)
    assert [(f["name"], f.get("shape")) for f in info["features"]] == [
        ("signal", [2, 6]),
        ("bias", [1]),
    ]
    s, b = torch.randn(3, 2, 6), torch.randn(3, 1)
    got = adapter.load(path).predict_batch(
        [{"signal": x, "bias": y} for x, y in zip(s.tolist(), b.tolist())]
    )
    assert [g["prediction"] for g in got] == pytest.approx(
        model(s, b).reshape(-1).tolist(), abs=1e-5
    )


def test_a_state_dict_and_a_pickled_module_are_refused_with_what_to_do(tmp_path: Path) -> None:
    model = Mlp()
    torch.save(model.state_dict(), str(tmp_path / "weights.pt"))
    torch.save(model, str(tmp_path / "module.pt"))
    for name in ("weights.pt", "module.pt"):
        with pytest.raises(Refusal) as refused:
            adapter.load(str(tmp_path / name))
        assert "torch.jit.save" in refused.value.todo

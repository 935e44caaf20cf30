"""The Keras adapter against real Keras files, written here by Keras itself (weights from Keras's
seeded initialisers: the NumPy backend serves but cannot train), on the backend the adapter
picks. Runs where Keras is installed (a Keras project's image); skipped elsewhere."""

import os
from pathlib import Path
from typing import Any, List

import pytest

from server.frameworks import Refusal
from server.frameworks import keras as adapter

# What the adapter does before its first import of Keras (the backend is fixed at import).
os.environ.setdefault("KERAS_BACKEND", adapter.backend_for([]))
keras = pytest.importorskip("keras")
np = pytest.importorskip("numpy")
L = keras.layers


def own(model: Any, arrays: List[Any]) -> Any:
    return model.predict(arrays[0] if len(arrays) == 1 else arrays, verbose=0)


def save(model: Any, folder: Path, name: str = "model.keras") -> str:
    path = str(folder / name)
    model.save(path)
    return path


def test_a_flat_softmax_classifier_has_a_field_per_position_and_keras_own_answers(
    tmp_path: Path,
) -> None:
    keras.utils.set_random_seed(1)
    model = keras.Sequential(
        [keras.Input((4,)), L.Dense(5, activation="relu"), L.Dense(3, activation="softmax")]
    )
    path = save(model, tmp_path)
    info = adapter.introspect(path)
    assert [f["name"] for f in info["features"]] == ["f0", "f1", "f2", "f3"]
    assert info["task"] == "classification" and info["classes"] == [0, 1, 2]
    assert [o["name"] for o in info["outputs"]] == ["label", "probabilities"]
    x = np.random.default_rng(3).normal(size=(7, 4)).astype("float32")
    got = adapter.load(path).predict_batch(
        [dict(zip(["f0", "f1", "f2", "f3"], r)) for r in x.tolist()]
    )
    want = own(model, [x])
    assert np.allclose([g["probabilities"] for g in got], want, atol=1e-6)
    assert [g["label"] for g in got] == np.argmax(want, axis=1).tolist()


def test_an_image_input_is_one_tensor_field_with_its_shape(tmp_path: Path) -> None:
    keras.utils.set_random_seed(2)
    model = keras.Sequential(
        [keras.Input((6, 6, 2), name="pixels"), L.Conv2D(3, 3), L.GlobalMaxPooling2D(), L.Dense(1)]
    )
    path = save(model, tmp_path)
    info = adapter.introspect(path)
    assert info["features"] == [{"name": "pixels", "dtype": "float", "shape": [6, 6, 2]}]
    assert info["outputs"] == [{"name": "prediction", "dtype": "float"}]
    x = np.random.default_rng(4).normal(size=(3, 6, 6, 2)).astype("float32")
    got = adapter.load(path).predict_batch([{"pixels": r} for r in x.tolist()])
    assert np.allclose([g["prediction"] for g in got], own(model, [x]).reshape(-1), atol=1e-6)
    # expected[] is Keras's own predict on the rows it lists
    rows = [e["row"]["pixels"] for e in info["expected"]]
    want = own(model, [np.asarray(rows, dtype="float32")]).reshape(-1)
    assert np.allclose([e["prediction"]["prediction"] for e in info["expected"]], want, atol=1e-6)


def test_two_inputs_are_one_field_each_and_a_second_output_keeps_its_name(tmp_path: Path) -> None:
    keras.utils.set_random_seed(3)
    a, b = keras.Input((3,), name="measures"), keras.Input((2, 2), name="grid")
    joined = L.Concatenate()([a, L.Flatten()(b)])
    model = keras.Model(
        [a, b], [L.Dense(1, name="score")(joined), L.Dense(2, name="parts")(joined)]
    )
    path = save(model, tmp_path)
    info = adapter.introspect(path)
    assert [(f["name"], f.get("shape")) for f in info["features"]] == [
        ("measures", [3]),
        ("grid", [2, 2]),
    ]
    assert [o["name"] for o in info["outputs"]] == ["score", "parts"]
    xa = np.ones((2, 3), "float32")
    xb = np.full((2, 2, 2), 0.5, "float32")
    got = adapter.load(path).predict_batch(
        [{"measures": ra, "grid": rb} for ra, rb in zip(xa.tolist(), xb.tolist())]
    )
    score, parts = own(model, [xa, xb])
    assert np.allclose([g["score"] for g in got], score.reshape(-1), atol=1e-6)
    assert np.allclose([g["parts"] for g in got], parts, atol=1e-6)


def test_labels_beside_the_file_name_the_classes(tmp_path: Path) -> None:
    keras.utils.set_random_seed(4)
    model = keras.Sequential([keras.Input((2,)), L.Dense(3, activation="softmax")])
    path = save(model, tmp_path)
    (tmp_path / "labels.txt").write_text("cat\ndog\nbird\n")
    info = adapter.introspect(path)
    assert info["classes"] == ["cat", "dog", "bird"] and info["classType"] == "str"
    (answer,) = adapter.load(path).predict_batch([{"f0": 1.0, "f1": -1.0}])
    want = own(model, [np.asarray([[1.0, -1.0]], "float32")])
    assert answer["label"] == ["cat", "dog", "bird"][int(np.argmax(want))]


def test_a_legacy_h5_file_loads_too(tmp_path: Path) -> None:
    keras.utils.set_random_seed(5)
    model = keras.Sequential([keras.Input((3,)), L.Dense(2, activation="softmax")])
    path = save(model, tmp_path, "model.h5")
    assert "Dense" in adapter.layer_names(path)
    info = adapter.introspect(path)
    assert [f["name"] for f in info["features"]] == ["f0", "f1", "f2"]


def test_a_file_keras_cannot_load_is_refused_with_what_to_do(tmp_path: Path) -> None:
    broken = tmp_path / "model.keras"
    broken.write_bytes(b"PK\x03\x04 not really a keras archive")
    with pytest.raises(Refusal) as refused:
        adapter.load(str(broken))
    assert "could not load" in refused.value.message and refused.value.todo


def test_the_backend_is_the_light_one_unless_the_environment_says_otherwise() -> None:
    assert keras.backend.backend() == os.environ.get("KERAS_BACKEND", "numpy")

"""keras.pins: standard library only, so it runs in every image (no Keras needed)."""

from server.frameworks import keras


def test_the_version_recorded_in_the_archive_pins_keras_on_the_numpy_backend() -> None:
    pins = keras.pins(
        {"kind": "keras", "frameworkVersion": "3.12.0", "layers": ["Dense", "Conv2D"]}
    )
    assert pins["package"] == "keras" and pins["version"] == "3.12.0"
    assert pins["requirements"][0] == "keras==3.12.0"
    assert not any(r.startswith("tensorflow") for r in pins["requirements"])
    assert any(r.startswith("jax==") for r in pins["requirements"])  # the NumPy backend imports it


def test_a_version_the_person_asked_for_wins_over_the_recorded_one() -> None:
    pins = keras.pins({"frameworkVersion": "3.12.0"}, {"keras": "3.11.3", "jax": "0.7.1"})
    assert "keras==3.11.3" in pins["requirements"] and "jax==0.7.1" in pins["requirements"]


def test_layers_that_need_tensorflow_bring_tensorflow_cpu_and_say_so() -> None:
    pins = keras.pins({"frameworkVersion": "3.12.0", "layers": ["TextVectorization", "Dense"]})
    assert any(r.startswith("tensorflow-cpu==") for r in pins["requirements"])
    assert any("TextVectorization" in n for n in pins["notes"])
    assert keras.backend_for(["TextVectorization"]) == "tensorflow"
    assert keras.backend_for(["Dense", "LSTM"]) == "numpy"


def test_a_keras_2_file_gets_a_keras_3_release_with_a_note() -> None:
    pins = keras.pins({"frameworkVersion": "2.15.0"})
    assert pins["version"].startswith("3.") and any("2.15.0" in n for n in pins["notes"])

"""TensorFlow zoo entries: a Keras 3 file that needs TensorFlow (IntegerLookup), and a SavedModel
of a Dense regressor over 6 features (model.export, the
serving_default signature), in SageMaker's TensorFlow Serving layout: 1/saved_model.pb and
1/variables/ inside model.tar.gz."""

import os
import tarfile

import keras
import numpy as np
import tensorflow as tf
from common import folder, save_expected

keras.utils.set_random_seed(3)
rng = np.random.default_rng(3)

def integer_lookup():
    """A Keras 3 file with IntegerLookup, which needs TensorFlow under every Keras backend (Keras
    3.12's NumPy and JAX backends raise "Layer IntegerLookup requires TensorFlow" loading it)."""
    x = rng.integers(0, 6, size=(200, 3)).astype("int64")
    y = x.sum(axis=1) % 3
    codes = keras.Input((3,), dtype="int64", name="codes")
    hot = keras.layers.IntegerLookup(vocabulary=[0, 1, 2, 3, 4, 5], output_mode="multi_hot")(codes)
    out = keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(8, activation="relu")(hot))
    model = keras.Model(codes, out)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=5, verbose=0)
    model.save(os.path.join(folder("keras-integer-lookup"), "model.keras"))
    rows = x[:5]
    outputs = model.predict(rows, verbose=0)
    save_expected("keras-integer-lookup", framework="keras", version=keras.__version__, format="keras",
                  what="IntegerLookup (multi-hot) of 3 codes into a Dense classifier of 3 classes",
                  artifact="model.keras", input="flat", rows=rows, outputs=outputs,
                  labels=np.argmax(outputs, axis=1))


if __name__ == "__main__":
    x = rng.normal(size=(300, 6)).astype("float32")
    y = x @ np.arange(1, 7, dtype="float32") + 0.5
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(x, y, epochs=20, verbose=0)
    path = folder("savedmodel-regressor")
    export = os.path.join(path, "export", "1")
    model.export(export)
    with tarfile.open(os.path.join(path, "model.tar.gz"), "w:gz") as tar:
        tar.add(export, arcname="1")
    rows = x[:5]
    served = tf.saved_model.load(export).signatures["serving_default"]
    outputs = list(served(**{list(served.structured_input_signature[1])[0]: tf.constant(rows)}).values())[0].numpy()
    save_expected("savedmodel-regressor", framework="tensorflow", version=tf.__version__, format="saved-model",
                  what="a Dense regressor over 6 features, as SageMaker TF Serving model data", artifact="model.tar.gz",
                  input="flat", rows=rows, outputs=outputs)
    integer_lookup()
    print("trained tensorflow entries")

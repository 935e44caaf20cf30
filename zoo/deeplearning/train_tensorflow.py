"""TensorFlow zoo entries: a SavedModel of a Dense regressor over 6 features (model.export, the
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
    print("trained tensorflow entries")

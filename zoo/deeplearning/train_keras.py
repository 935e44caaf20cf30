"""Keras 3 zoo entries, trained on JAX: a flat-input classifier (.keras), an image classifier
with a Conv2D (.keras), a two-input regressor (.keras) and a legacy .h5 file."""

import os

import keras
import numpy as np
from common import folder, save_expected

rng = np.random.default_rng(11)
keras.utils.set_random_seed(11)
L = keras.layers


def fit(model, x, y, loss):
    model.compile(optimizer="adam", loss=loss)
    model.fit(x, y, epochs=30, batch_size=32, verbose=0)
    return model


def flat_classifier():
    x = rng.normal(size=(300, 4)).astype("float32")
    y = ((x[:, 0] + x[:, 1] > 0).astype(int) + (x[:, 2] > 0.8)).astype(int)
    model = fit(
        keras.Sequential([keras.Input((4,)), L.Dense(16, activation="relu"), L.Dense(3, activation="softmax")]),
        x, y, "sparse_categorical_crossentropy",
    )
    return model, x[:6]


def image_classifier():
    x = rng.normal(size=(200, 8, 8, 1)).astype("float32")
    y = (x[:, :4].mean(axis=(1, 2, 3)) > x[:, 4:].mean(axis=(1, 2, 3))).astype(int)
    model = fit(
        keras.Sequential([
            keras.Input((8, 8, 1), name="pixels"), L.Conv2D(4, 3, activation="relu"), L.MaxPooling2D(),
            L.Flatten(), L.Dense(2, activation="softmax"),
        ]),
        x, y, "sparse_categorical_crossentropy",
    )
    return model, x[:5]


def two_inputs():
    a = rng.normal(size=(200, 3)).astype("float32")
    b = rng.normal(size=(200, 2, 2)).astype("float32")
    y = a.sum(axis=1) - b.sum(axis=(1, 2))
    ia, ib = keras.Input((3,), name="measures"), keras.Input((2, 2), name="grid")
    out = L.Dense(1, name="score")(L.Concatenate()([ia, L.Flatten()(ib)]))
    model = fit(keras.Model([ia, ib], out), [a, b], y, "mse")
    return model, [a[:4], b[:4]]


def write(name, model, rows, artifact, what, kind):
    path = os.path.join(folder(name), artifact)
    model.save(path)
    outputs = model.predict(rows, verbose=0)
    entry = dict(framework="keras", version=keras.__version__, format=artifact.rsplit(".", 1)[1],
                 what=what, artifact=artifact, input=kind, outputs=outputs)
    if isinstance(rows, list):
        entry["rows"] = [[r.tolist() for r in row] for row in zip(*rows)]
    else:
        entry["rows"] = rows
    if outputs.ndim == 2 and outputs.shape[1] > 1:
        entry["labels"] = np.argmax(outputs, axis=1)
    save_expected(name, **entry)


if __name__ == "__main__":
    model, rows = flat_classifier()
    write("keras-flat", model, rows, "model.keras", "a Dense classifier of 4 features, 3 classes", "flat")
    write("keras-h5", model, rows, "model.h5", "the same classifier saved as legacy HDF5", "flat")
    model, rows = image_classifier()
    write("keras-image", model, rows, "model.keras", "a Conv2D classifier of 8x8x1 images", "tensor")
    model, rows = two_inputs()
    write("keras-two-inputs", model, rows, "model.keras", "a regressor of two inputs (3 and 2x2)", "tensor")
    print("trained keras entries")

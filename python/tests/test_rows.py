"""Notebook rows to JSON instances keyed by the model's own feature names."""

import numpy as np
import pandas as pd
import pytest

from stagemaker import rows

FEATURES = ["a", "b c"]


def test_arrays_lists_frames_and_dicts_give_the_same_instances():
    expected = [{"a": 1.5, "b c": 2.0}, {"a": 3.0, "b c": 4.25}]
    array = np.array([[1.5, 2.0], [3.0, 4.25]])
    assert rows.instances(array, FEATURES) == expected
    assert rows.instances(array.tolist(), FEATURES) == expected
    assert rows.instances(pd.DataFrame(array, columns=FEATURES), FEATURES) == expected
    assert rows.instances([{"b c": 2.0, "a": 1.5}, {"a": 3.0, "b c": 4.25}], FEATURES) == expected
    assert rows.instances(array[0], FEATURES) == expected[:1]  # one row


def test_numpy_scalars_become_plain_json_values_and_nan_null():
    out = rows.instances(np.array([[np.float32(0.5), np.nan]]), FEATURES)
    assert out == [{"a": 0.5, "b c": None}] and type(out[0]["a"]) is float


def test_a_frame_with_other_column_names_maps_by_position():
    assert rows.instances(pd.DataFrame([[1, 2]], columns=["x", "y"]), FEATURES) == [{"a": 1, "b c": 2}]


def test_a_row_of_the_wrong_width_says_so():
    with pytest.raises(ValueError, match="3 values where the model takes 2"):
        rows.instances([[1, 2, 3]], FEATURES)

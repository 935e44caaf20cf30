"""application/x-npy into a lone tensor field (an image, a sequence): batch on the first axis."""

import io
from typing import List

import pytest
from pydantic import BaseModel

from server import codecs, media
from server.compat import Codec

numpy = pytest.importorskip("numpy")


class Image(BaseModel):
    pixels: List[List[float]]


class Row(BaseModel):
    a: float
    b: float


class Out(BaseModel):
    label: int


def npy(array) -> bytes:
    buf = io.BytesIO()
    numpy.save(buf, array, allow_pickle=False)
    return buf.getvalue()


def test_each_row_of_the_array_fills_the_tensor_field() -> None:
    array = numpy.arange(12, dtype="float32").reshape(3, 2, 2)
    instances = codecs.decode(media.NPY, {}, npy(array), Codec(Image, Out))
    assert [i.pixels for i in instances] == array.tolist()


def test_a_matrix_still_maps_columns_to_scalar_fields() -> None:
    instances = codecs.decode(media.NPY, {}, npy(numpy.array([[1.0, 2.0]])), Codec(Row, Out))
    assert [(i.a, i.b) for i in instances] == [(1.0, 2.0)]


def test_a_row_of_the_wrong_shape_is_a_validation_error_not_a_crash() -> None:
    with pytest.raises(Exception) as raised:
        codecs.decode(media.NPY, {}, npy(numpy.zeros((2, 3), "float32")), Codec(Image, Out))
    assert "pixels" in str(raised.value)


class Scored(BaseModel):
    label: int
    probabilities: List[float]


class Named(BaseModel):
    label: str
    probabilities: List[float]


def test_a_label_beside_its_class_scores_answers_one_row_of_numbers_each() -> None:
    predictions = [
        Scored(label=1, probabilities=[0.2, 0.8]),
        Scored(label=0, probabilities=[0.9, 0.1]),
    ]
    body = codecs.encode(media.NPY, predictions, Codec(Image, Scored))
    array = numpy.load(io.BytesIO(body), allow_pickle=False)
    assert array.shape == (2, 3)
    assert array.tolist() == [[1.0, 0.2, 0.8], [0.0, 0.9, 0.1]]


def test_a_rectangular_answer_keeps_its_own_shape_and_type() -> None:
    body = codecs.encode(media.NPY, [Out(label=3), Out(label=4)], Codec(Image, Out))
    array = numpy.load(io.BytesIO(body), allow_pickle=False)
    assert (array.dtype.kind, array.tolist()) == ("i", [[3], [4]])


def test_text_beside_numbers_is_refused_with_what_to_ask_for_instead() -> None:
    with pytest.raises(codecs.Unencodable, match="application/json"):
        codecs.encode(
            media.NPY, [Named(label="cat", probabilities=[0.5, 0.5])], Codec(Image, Named)
        )

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

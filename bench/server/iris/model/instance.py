from pydantic import BaseModel


class Instance(BaseModel):
    """One flower's measurements in centimetres (CSV columns in this order)."""

    sepal_length: float
    sepal_width: float
    petal_length: float
    petal_width: float

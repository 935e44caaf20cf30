from pydantic import BaseModel


class Prediction(BaseModel):
    """The predicted iris class (0 setosa, 1 versicolor, 2 virginica)."""

    label: int

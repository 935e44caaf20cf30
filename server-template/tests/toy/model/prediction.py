from pydantic import BaseModel


class Prediction(BaseModel):
    """The result of inference over one Instance (CSV responses list fields in this order)."""

    output_field: str

from pydantic import BaseModel


class Prediction(BaseModel):
    action: str
    value: float
    batch_size: int

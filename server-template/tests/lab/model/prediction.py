from pydantic import BaseModel


class Prediction(BaseModel):
    action: str
    value: float
    batch_size: int
    # The process that answered (tests of load sharing between workers).
    worker: int = 0

from pydantic import BaseModel


class Instance(BaseModel):
    action: str = "echo"
    value: float = 0.0

from pydantic import BaseModel


class Instance(BaseModel):
    """One object over which inference can be performed.

    Field order matters for text/csv requests: CSV columns map to these fields in order.
    """

    field1: str
    field2: float

"""Your Instance (one input): written by Stagemaker's field table; edit here or there."""

from typing import List, Literal, Optional

from pydantic import VERSION, BaseModel, Field

# pydantic 1.10 calls a field's regular expression `regex`, pydantic 2 `pattern`.
PATTERN = "pattern" if VERSION.startswith("2.") else "regex"


class Room(BaseModel):
    name: str
    size: float = Field(..., ge=0.0)


class Instance(BaseModel):
    """A house to price."""

    city: str = Field(  # type: ignore[misc, call-overload]
        ...,
        min_length=2,
        max_length=40,
        description="Where it is",
        examples=["Paris"],
        **{PATTERN: "^[A-Z]"},  # type: ignore[arg-type]
    )
    rooms: int = Field(..., ge=1, le=20)
    area: float = Field(50.0, gt=0.0)
    kind: Literal["flat", "house"]
    garden: Optional[bool] = None
    rooms_detail: List[Room] = Field(..., description="One entry per room")

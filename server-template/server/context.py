"""What a predictor may learn about the request it serves, and set on the response."""

from dataclasses import dataclass
from typing import Optional


@dataclass
class InvocationContext:
    # X-Amzn-SageMaker-Custom-Attributes of the request (at most 1024 visible ASCII characters).
    custom_attributes: Optional[str] = None
    inference_id: Optional[str] = None
    target_model: Optional[str] = None
    content_type: str = "application/json"
    accept: str = "application/json"
    # Set it to send X-Amzn-SageMaker-Custom-Attributes back to the client.
    response_custom_attributes: Optional[str] = None

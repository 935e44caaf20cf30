"""The `context` argument the Inference Toolkit hands to handler functions that take one more
parameter: the parts of Multi Model Server's Context that handler scripts read (our own class,
with the same method names, for one request at a time)."""

from typing import Any, Dict, List, Optional, Tuple


class RequestProcessor:
    def __init__(self, headers: Dict[str, str]) -> None:
        self._headers = headers

    def get_request_properties(self) -> Dict[str, str]:
        return self._headers

    def get_request_property(self, key: str) -> Optional[str]:
        return self._headers.get(key)


class HandlerContext:
    def __init__(self, model_dir: str, headers: Optional[Dict[str, str]] = None) -> None:
        self.model_name = "model"
        self.system_properties: Dict[str, Any] = {
            "model_dir": model_dir,
            "gpu_id": None,  # no GPU in a Stagemaker container
            "batch_size": 1,
            "server_name": "stagemaker",
        }
        self.request_processor: List[RequestProcessor] = [RequestProcessor(headers or {})]
        self.response_headers: Dict[str, str] = {}
        self.response_content_type: Optional[str] = None
        self.response_status: Tuple[Optional[int], Optional[str]] = (None, None)

    def get_request_header(self, idx: int, key: str) -> Optional[str]:
        headers = self.request_processor[idx].get_request_properties()
        return next((v for k, v in headers.items() if k.lower() == key.lower()), None)

    def get_all_request_header(self, idx: int) -> Dict[str, str]:
        return self.request_processor[idx].get_request_properties()

    def set_response_content_type(self, idx: int, value: str) -> None:
        self.response_content_type = value

    def get_response_content_type(self, idx: int) -> Optional[str]:
        return self.response_content_type

    def set_response_header(self, idx: int, key: str, value: str) -> None:
        self.response_headers[key] = value

    def get_response_headers(self, idx: int) -> Dict[str, str]:
        return self.response_headers

    def set_response_status(self, code: int = 200, phrase: str = "", idx: int = 0) -> None:
        self.response_status = (code, phrase)

    def get_response_status(self, idx: int) -> Tuple[Optional[int], Optional[str]]:
        return self.response_status

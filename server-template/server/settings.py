"""The server's settings, from the environment variables SageMaker (or you) set.

Read with plain os.environ so the server does not depend on pydantic-settings (absent from the
debian flavour); your model's settings live in model.predictor.PredictorConfig.
"""

import os
from dataclasses import dataclass
from typing import Mapping, Optional

MB = 1024 * 1024
# Measured on a RandomForest (README, "Performance"): a call on 128 rows costs about 1.5x a call
# on one, so up to 128 instances share a call before the per-row cost takes over.
DEFAULT_MAX_BATCH_SIZE = 256


@dataclass(frozen=True)
class Settings:
    port: int
    workers: int
    timeout_s: float
    max_payload_bytes: int
    default_accept: str
    batch: bool
    batch_strategy: Optional[str]
    max_concurrent_transforms: Optional[int]
    max_payload_in_mb: Optional[int]
    log_level: str
    # Dynamic batching (server/batching.py): on/off, the most instances per predict_batch call
    # (a PredictorConfig.max_batch_size wins), the longest collection window.
    batching: bool = True
    max_batch_size: int = DEFAULT_MAX_BATCH_SIZE
    max_batch_wait_ms: float = 2.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        payload_mb = _int(env, "SAGEMAKER_MAX_PAYLOAD_IN_MB")
        return cls(
            port=_int(env, "SAGEMAKER_BIND_TO_PORT") or 8080,
            # One process measured fastest on small models (see README, "Performance").
            workers=max(1, _int(env, "SAGEMAKER_MODEL_SERVER_WORKERS") or 1),
            timeout_s=float(env.get("SAGEMAKER_MODEL_SERVER_TIMEOUT") or 60),
            max_payload_bytes=(payload_mb or 6) * MB,
            default_accept=env.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT") or "application/json",
            batch=(env.get("SAGEMAKER_BATCH") or "").lower() == "true",
            batch_strategy=_strategy(env.get("SAGEMAKER_BATCH_STRATEGY")),
            max_concurrent_transforms=_int(env, "SAGEMAKER_MAX_CONCURRENT_TRANSFORMS"),
            max_payload_in_mb=payload_mb,
            log_level=(env.get("SAGEMAKER_CONTAINER_LOG_LEVEL") or env.get("LOG_LEVEL") or "info"),
            batching=_switch(env, "STAGEMAKER_BATCHING", True),
            max_batch_size=max(1, _int(env, "MAX_BATCH_SIZE") or DEFAULT_MAX_BATCH_SIZE),
            max_batch_wait_ms=max(0.0, _float(env, "STAGEMAKER_MAX_BATCH_WAIT_MS", 2.0)),
        )

    def execution_parameters(self) -> dict:
        """The answer to GET /execution-parameters (batch transform asks before invoking)."""
        payload = self.max_payload_in_mb or 6
        concurrency = self.max_concurrent_transforms or self.workers
        # SageMaker rejects MaxConcurrentTransforms x MaxPayloadInMB > 100.
        concurrency = max(1, min(concurrency, 100 // max(1, payload)))
        return {
            "MaxConcurrentTransforms": concurrency,
            "BatchStrategy": self.batch_strategy or "MULTI_RECORD",
            "MaxPayloadInMB": payload,
        }


def _int(env: Mapping[str, str], name: str) -> Optional[int]:
    value = (env.get(name) or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name}={value!r} is not a whole number; fix or unset it") from None


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    value = (env.get(name) or "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise SystemExit(f"{name}={value!r} is not a number; fix or unset it") from None


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = (env.get(name) or "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "on", "yes"):
        return True
    if value in ("0", "false", "off", "no"):
        return False
    raise SystemExit(f"{name}={value!r} is neither on nor off; fix or unset it")


def _strategy(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    normal = value.strip().upper().replace("RECORD", "_RECORD").replace("__", "_")
    return normal if normal in ("SINGLE_RECORD", "MULTI_RECORD") else value.strip()

"""Settings shared by the boto3 deploy scripts, read from the environment (README, "Deploy")."""

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping, Optional

REPO = Path(__file__).resolve().parents[2]


def sagemaker_name(text: str) -> str:
    """SageMaker names: letters, digits and hyphens, at most 63 characters with a time stamp."""
    return re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-")[:47] or "model"


def model_env(path: Path = REPO / "deploy" / "model.env") -> Dict[str, str]:
    """deploy/model.env: NAME=VALUE lines, # comments."""
    env: Dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                key, _, value = line.partition("=")
                env[key.strip()] = value.strip()
    return env


@dataclass
class Settings:
    name: str
    image_uri: str
    role_arn: str
    endpoint: str
    instance_type: str = "ml.m5.large"
    instance_count: int = 1
    model_data_url: Optional[str] = None
    region: Optional[str] = None
    environment: Dict[str, str] = field(default_factory=dict)
    stamp: str = field(default_factory=lambda: time.strftime("%Y%m%d-%H%M%S", time.gmtime()))

    @property
    def versioned(self) -> str:
        return f"{self.name}-{self.stamp}"

    def container(self) -> Dict[str, object]:
        container: Dict[str, object] = {"Image": self.image_uri, "Environment": self.environment}
        if self.model_data_url:
            # An s3:// model.tar.gz (make package) that SageMaker extracts to /opt/ml/model.
            container["ModelDataUrl"] = self.model_data_url
        return container


def from_env(env: Mapping[str, str] = os.environ, required: bool = True) -> Settings:
    missing = [k for k in ("IMAGE_URI", "ROLE_ARN") if required and not env.get(k)]
    if missing:
        raise SystemExit(
            f"set {' and '.join(missing)}: IMAGE_URI is the pushed image "
            "(ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME:TAG, see make push), ROLE_ARN an IAM role "
            "SageMaker may assume to pull the image and model data"
        )
    name = sagemaker_name(env.get("MODEL_NAME") or REPO.name)
    return Settings(
        name=name,
        image_uri=env.get("IMAGE_URI", ""),
        role_arn=env.get("ROLE_ARN", ""),
        endpoint=env.get("ENDPOINT_NAME") or name,
        instance_type=env.get("INSTANCE_TYPE", "ml.m5.large"),
        instance_count=int(env.get("INSTANCE_COUNT", "1")),
        model_data_url=env.get("MODEL_DATA_URL") or None,
        region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or None,
        environment=model_env(),
    )


def dry_run_client(region: Optional[str]):  # type: ignore[no-untyped-def]
    """A SageMaker client that never reaches AWS: its calls are checked by a botocore Stubber."""
    import boto3

    return boto3.client(
        "sagemaker",
        region_name=region or "us-east-1",
        aws_access_key_id="dry-run",
        aws_secret_access_key="dry-run",
    )

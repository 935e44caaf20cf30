"""The deploy files, checked without a cloud: the AWS CLI scripts by a syntax check and a dry run
(DRY_RUN=1 prints each aws command), the boto3 scripts by a dry run through botocore's Stubber
(every call checked against SageMaker's service model), the KServe manifest against its schema.
The repo holds deploy/ next to tests/ (`make unit` mounts both); a flavour not exported is skipped.
"""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
CLI = DEPLOY / "aws-cli"
BOTO3 = DEPLOY / "boto3"
ENV = {
    "IMAGE_URI": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1",
    "ROLE_ARN": "arn:aws:iam::123456789012:role/sm",
}
BATCH = {"INPUT_S3": "s3://bucket/in/", "OUTPUT_S3": "s3://bucket/out/"}


def test_deploy_folder_is_there() -> None:
    assert DEPLOY.is_dir(), f"{DEPLOY} is missing (make unit mounts deploy/ next to tests/)"
    assert CLI.is_dir() or BOTO3.is_dir(), "no deploy scripts (aws-cli/ or boto3/)"


def run_cli(script: str, env: Dict[str, str]) -> str:
    out = subprocess.run(
        ["bash", str(CLI / script)],
        env=dict(os.environ, DRY_RUN="1", **env),
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


@pytest.mark.skipif(not CLI.is_dir(), reason="deploy scripts exported for boto3")
def test_cli_scripts_parse() -> None:
    for script in sorted(CLI.glob("*.sh")):
        subprocess.run(["bash", "-n", str(script)], check=True)


@pytest.mark.skipif(not CLI.is_dir(), reason="deploy scripts exported for boto3")
def test_cli_deploy_dry_run_creates_model_config_endpoint() -> None:
    lines = run_cli("deploy-endpoint.sh", ENV).splitlines()
    calls = [line.split()[2] for line in lines if line.startswith("aws ")]
    assert calls == ["create-model", "create-endpoint-config", "create-endpoint"]
    assert ENV["IMAGE_URI"] in lines[0] and ENV["ROLE_ARN"] in lines[0]


@pytest.mark.skipif(not CLI.is_dir(), reason="deploy scripts exported for boto3")
def test_cli_deploy_refuses_without_image() -> None:
    out = subprocess.run(
        ["bash", str(CLI / "deploy-endpoint.sh")],
        env={"PATH": os.environ["PATH"], "DRY_RUN": "1"},
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "IMAGE_URI" in out.stderr


@pytest.mark.skipif(not CLI.is_dir(), reason="deploy scripts exported for boto3")
def test_cli_batch_transform_dry_run() -> None:
    out = run_cli("batch-transform.sh", dict(ENV, **BATCH))
    assert "create-transform-job" in out and "s3://bucket/in/" in out


@pytest.fixture
def boto3_scripts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    pytest.importorskip("boto3")
    monkeypatch.syspath_prepend(str(BOTO3))
    for key, value in dict(ENV, **BATCH).items():
        monkeypatch.setenv(key, value)
    yield
    for name in ("deploy_settings", "deploy_endpoint", "batch_transform"):
        sys.modules.pop(name, None)


@pytest.mark.skipif(not BOTO3.is_dir(), reason="deploy scripts exported for the AWS CLI")
def test_boto3_scripts_compile() -> None:
    for script in sorted(BOTO3.glob("*.py")):
        compile(script.read_text(), str(script), "exec")


@pytest.mark.skipif(not BOTO3.is_dir(), reason="deploy scripts exported for the AWS CLI")
def test_boto3_deploy_dry_run(boto3_scripts: None) -> None:
    settings = importlib.import_module("deploy_settings")
    deploy = importlib.import_module("deploy_endpoint")
    calls = deploy.dry_run(settings.from_env())
    names = [call.split()[0] for call in calls]
    assert names == ["CreateModel", "CreateEndpointConfig", "DescribeEndpoint", "CreateEndpoint"]


@pytest.mark.skipif(not BOTO3.is_dir(), reason="deploy scripts exported for the AWS CLI")
def test_boto3_batch_transform_dry_run(boto3_scripts: None) -> None:
    batch = importlib.import_module("batch_transform")
    calls = batch.dry_run(dict(os.environ))
    assert [call.split()[0] for call in calls] == ["CreateModel", "CreateTransformJob"]


def test_kserve_manifest_matches_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    manifest = yaml.safe_load((DEPLOY / "kserve" / "inferenceservice.yaml").read_text())
    schema = json.loads((Path(__file__).parent / "inferenceservice.schema.json").read_text())
    jsonschema.validate(manifest, schema)
    container = manifest["spec"]["predictor"]["containers"][0]
    assert container["args"] == ["serve"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/ping"


def test_kserve_schema_refuses_a_typo() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    manifest = yaml.safe_load((DEPLOY / "kserve" / "inferenceservice.yaml").read_text())
    manifest["spec"]["predictor"]["containers"][0]["imagePullPolicyy"] = "Always"
    schema = json.loads((Path(__file__).parent / "inferenceservice.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(manifest, schema)
